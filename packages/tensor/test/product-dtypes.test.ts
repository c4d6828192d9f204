// Products refuse operands of different dtypes, as torch does, where elementwise ops promote; the
// reference (tools/fixtures/tensor_product_dtypes_reference.py) records which ops torch 1.13 lets mix
// float32 and float64.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conv1d, conv2d, convTranspose1d, convTranspose2d, einsum, linear, randn, tensordot, type DType, type Tensor } from '@dl/tensor';

interface Outcome {
  raises: boolean;
  dtype?: string;
}
const reference = JSON.parse(readFileSync(new URL('./__fixtures__/product-dtypes-reference.json', import.meta.url), 'utf8')) as {
  cases: Record<string, Outcome>;
};

/** Each case with one operand in `wide` and the others in float32. */
const cases: Record<string, { operation: string; run: (wide: DType) => Tensor }> = {
  add: { operation: 'add', run: (wide) => randn([2, 3], { dtype: wide }).add(randn([2, 3])) },
  matmul: { operation: 'matmul', run: (wide) => randn([2, 3], { dtype: wide }).matmul(randn([3, 4])) },
  'matmul batched': { operation: 'matmul', run: (wide) => randn([5, 2, 3]).matmul(randn([3, 4], { dtype: wide })) },
  mm: { operation: 'matmul', run: (wide) => randn([2, 3], { dtype: wide }).mm(randn([3, 4])) },
  bmm: { operation: 'matmul', run: (wide) => randn([2, 2, 3], { dtype: wide }).bmm(randn([2, 3, 4])) },
  dot: { operation: 'dot', run: (wide) => randn([3], { dtype: wide }).dot(randn([3])) },
  einsum: { operation: 'einsum', run: (wide) => einsum('ij,jk->ik', randn([2, 3], { dtype: wide }), randn([3, 4])) },
  tensordot: { operation: 'tensordot', run: (wide) => tensordot(randn([2, 3], { dtype: wide }), randn([3, 4]), 1) },
  linear: { operation: 'linear', run: (wide) => linear(randn([2, 3], { dtype: wide }), randn([4, 3]), randn([4])) },
  'linear bias': { operation: 'linear', run: (wide) => linear(randn([2, 3]), randn([4, 3]), randn([4], { dtype: wide })) },
  conv1d: { operation: 'conv1d', run: (wide) => conv1d(randn([1, 1, 5], { dtype: wide }), randn([2, 1, 3])) },
  conv2d: { operation: 'conv2d', run: (wide) => conv2d(randn([1, 1, 5, 5], { dtype: wide }), randn([2, 1, 3, 3])) },
  convTranspose1d: { operation: 'convTranspose1d', run: (wide) => convTranspose1d(randn([1, 1, 5], { dtype: wide }), randn([1, 2, 3])) },
  convTranspose2d: {
    operation: 'convTranspose2d',
    run: (wide) => convTranspose2d(randn([1, 1, 5, 5], { dtype: wide }), randn([1, 2, 3, 3])),
  },
};

describe('products and dtypes', () => {
  for (const [name, { operation, run }] of Object.entries(cases)) {
    const expected = reference.cases[name]!;
    it(`${name}: float64 with float32 ${expected.raises ? 'is refused, naming the operation and both dtypes' : 'promotes'}, as torch`, () => {
      if (!expected.raises) {
        expect(run('float64').dtype).toBe(expected.dtype);
        return;
      }
      expect(() => run('float64')).toThrow(new RegExp(`^${operation}.*same dtype, got .*(float64.*float32|float32.*float64)`));
      // float32 throughout is the ordinary case and still runs
      expect(run('float32').dtype).toBe('float32');
    });
  }

  it('covers every torch case of this package', () => {
    const ours = Object.keys(cases);
    const theirs = Object.keys(reference.cases).filter((name) => !/^(conv3d|convTranspose3d|bilinear|LSTM|GRU|RNN)/.test(name));
    expect(ours.sort()).toEqual(theirs.sort());
  });
});
