import { describe, expect, it } from 'vitest';
import { gradcheck, gradgradcheck } from '../testing/index.js';
import { bmm, isTensor, manualSeed, matmul, randn, type Tensor } from '../index.js';

/**
 * Two matrices are recorded as one 2-D matmul node; batches and broadcasts keep the rank-3 primitive.
 * The rank-3 path (bmm of [1, M, K] · [1, K, N]) runs the same gemm, so the two must agree bit for bit.
 */
function values(x: Tensor): number[] {
  return Array.from(x.contiguous().dataSync());
}

function nodeNames(x: Tensor): string[] {
  const names: string[] = [];
  const pending = [x.gradFn];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) continue;
    names.push(node.primitive);
    for (const edge of node.edges) if (edge && !isTensor(edge)) pending.push(edge);
  }
  return names.sort();
}

describe('matmul of two matrices', () => {
  manualSeed(11);

  it('records one matmul node, no reshapes (Linear: x · Wᵀ)', () => {
    const x = randn([5, 3], { requiresGrad: true });
    const weight = randn([4, 3], { requiresGrad: true });
    const y = matmul(x, weight.t());
    expect(y.shape).toEqual([5, 4]);
    expect(nodeNames(y)).toEqual(['matmul', 'permute']);
  });

  it('a batch times a matrix folds the batch into rows: two reshapes around one 2-D product', () => {
    const x = randn([2, 5, 3], { requiresGrad: true });
    const weight = randn([3, 4], { requiresGrad: true });
    expect(nodeNames(matmul(x, weight))).toEqual(['matmul', 'reshape', 'reshape']);
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(`values and gradients equal the rank-3 path bit for bit (${dtype}, transposed operands)`, () => {
      // a is read in place as a transposed matrix, b as a normal one; both gradients go through the rule
      const aStored = randn([5, 6], { dtype, requiresGrad: true });
      const b = randn([5, 7], { dtype, requiresGrad: true });
      const weights = randn([6, 7], { dtype });
      const direct = matmul(aStored.t(), b);
      direct.mul(weights).sum().backward();
      const [directA, directB] = [values(aStored.grad!), values(b.grad!)];
      aStored.grad = null;
      b.grad = null;
      const batched = bmm(aStored.t().unsqueeze(0), b.unsqueeze(0)).squeeze(0);
      batched.mul(weights).sum().backward();
      expect(values(direct)).toEqual(values(batched));
      expect(directA).toEqual(values(aStored.grad!));
      expect(directB).toEqual(values(b.grad!));
    });
  }

  it('a tall gradient is computed as the transpose of the wide product, with the same bits', () => {
    // dB = Aᵀ·g is 300 × 10 here: the rule multiplies gᵀ·A (10 × 300) and returns its transpose
    manualSeed(5);
    const a = randn([64, 300]);
    const b = randn([300, 10], { requiresGrad: true });
    const g = randn([64, 10]);
    matmul(a, b).backward(g);
    const direct = matmul(a.t(), g);
    expect(values(b.grad!)).toEqual(values(direct));
  });

  it('gradcheck and gradgradcheck in float64: matrices, transposed views, vectors, batch × matrix', () => {
    const options = { dtype: 'float64' as const, requiresGrad: true };
    const cases: [Tensor, Tensor][] = [
      [randn([3, 4], options), randn([4, 2], options)],
      [randn([4, 3], options).t(), randn([2, 4], options).t()],
      [randn([4], options), randn([4, 3], options)],
      [randn([3, 4], options), randn([4], options)],
      [randn([2, 3, 4], options), randn([4, 2], options)],
    ];
    for (const [a, b] of cases) {
      expect(gradcheck(matmul, [a, b])).toBe(true);
      expect(gradgradcheck(matmul, [a, b])).toBe(true);
    }
  });
});
