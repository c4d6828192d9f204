import { describe, expect, it } from 'vitest';
import { gather, manualSeed, randint, randn, scatter, scatterAdd, tensor, type Tensor } from '../index.js';

/**
 * The CPU kernels walk index rows directly when the axis is the last one; any other axis takes the
 * general coordinate loop. Moving the axis to the front with a permutation turns one into the other,
 * so the two paths check each other (and both check the closed forms below).
 */
function values(x: Tensor): number[] {
  return Array.from(x.dataSync());
}

function lastToFront(x: Tensor): Tensor {
  return x.permute([2, 0, 1]).contiguous();
}

function frontToLast(x: Tensor): Tensor {
  return x.permute([1, 2, 0]);
}

describe('gather and scatter along the last axis', () => {
  for (const dtype of ['float32', 'float64', 'int32'] as const) {
    manualSeed(4);
    const x = randn([3, 4, 6]).mul(10).round().to(dtype);
    // fewer rows than x on the leading axes, and indices in [0, 6)
    const index = randint(0, 6, [2, 3, 5]);
    const source = randn([2, 3, 5]).mul(10).round().to(dtype);

    it(`gather agrees with gather along the first axis (${dtype})`, () => {
      const fast = gather(x, 2, index);
      const general = frontToLast(gather(lastToFront(x), 0, lastToFront(index)));
      expect(fast.shape).toEqual([2, 3, 5]);
      expect(values(fast)).toEqual(values(general.contiguous()));
    });

    it(`scatterAdd and scatter agree with the first axis (${dtype})`, () => {
      for (const operation of [scatterAdd, scatter]) {
        const fast = operation(x, 2, index, source);
        const general = frontToLast(operation(lastToFront(x), 0, lastToFront(index), lastToFront(source)));
        expect(values(fast)).toEqual(values(general.contiguous()));
      }
    });
  }

  it('closed forms: picks, repeated indices accumulate', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const index = tensor(
      [
        [2, 0, 2],
        [1, 1, 0],
      ],
      { dtype: 'int32' },
    );
    expect(gather(x, 1, index).toArraySync()).toEqual([
      [3, 1, 3],
      [5, 5, 4],
    ]);
    const ones = tensor([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(scatterAdd(x, 1, index, ones).toArraySync()).toEqual([
      [2, 2, 5],
      [5, 7, 6],
    ]);
    expect(
      scatter(
        x,
        1,
        index.narrow(1, 0, 2),
        tensor([
          [9, 8],
          [7, 6],
        ]),
      ).toArraySync(),
    ).toEqual([
      [8, 2, 9],
      [4, 6, 6],
    ]);
  });

  it('gradients: gather scatters back, duplicates add up', () => {
    const x = tensor([[1, 2, 3]], { dtype: 'float64', requiresGrad: true });
    gather(x, 1, tensor([[2, 2, 0, 2]], { dtype: 'int32' }))
      .sum()
      .backward();
    expect(values(x.grad!)).toEqual([1, 0, 3]);
  });

  it('rejects indices out of range with the axis and its size', () => {
    const x = tensor([[1, 2, 3]]);
    expect(() => gather(x, 1, tensor([[3]], { dtype: 'int32' }))).toThrow('gather: index 3 is out of bounds for dim 1 with size 3');
    expect(() => gather(x, 1, tensor([[-4]], { dtype: 'int32' }))).toThrow('gather: index -4 is out of bounds for dim 1 with size 3');
    // torch.gather / scatter refuse negative indices too (only advanced indexing counts from the end)
    expect(() => gather(x, 1, tensor([[-1]], { dtype: 'int32' }))).toThrow('gather: index -1 is out of bounds for dim 1 with size 3');
    expect(() => gather(x.t(), 0, tensor([[-1]], { dtype: 'int32' }))).toThrow('gather: index -1 is out of bounds for dim 0 with size 3');
    expect(() => scatter(x, 1, tensor([[-1]], { dtype: 'int32' }), tensor([[1]]))).toThrow('scatter: index -1 is out of bounds');
    expect(() => scatterAdd(x, 1, tensor([[5]], { dtype: 'int32' }), tensor([[1]]))).toThrow(
      'scatterAdd: index 5 is out of bounds for dim 1 with size 3',
    );
  });
});
