// nn's products refuse operands of different dtypes, as torch does (reference:
// tools/fixtures/tensor_product_dtypes_reference.py, which @dl/tensor's test reads too).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randn, type DType, type Tensor } from '@dl/tensor';
import { Bilinear, Conv2d, F, Linear } from '@dl/nn';

const reference = JSON.parse(
  readFileSync(new URL('../../tensor/test/__fixtures__/product-dtypes-reference.json', import.meta.url), 'utf8'),
) as { cases: Record<string, { raises: boolean }> };

const cases: Record<string, { operation: string; run: (wide: DType) => Tensor }> = {
  conv3d: { operation: 'conv3d', run: (wide) => F.conv3d(randn([1, 1, 4, 4, 4], { dtype: wide }), randn([2, 1, 3, 3, 3])) },
  convTranspose3d: {
    operation: 'convTranspose3d',
    run: (wide) => F.convTranspose3d(randn([1, 1, 4, 4, 4], { dtype: wide }), randn([1, 2, 3, 3, 3])),
  },
  bilinear: {
    operation: 'bilinear',
    run: (wide) => F.bilinear(randn([5, 2], { dtype: wide }), randn([5, 3], { dtype: wide }), randn([4, 2, 3])),
  },
};

describe('nn products and dtypes', () => {
  for (const [name, { operation, run }] of Object.entries(cases)) {
    it(`${name}: float64 with float32 is refused, naming the operation and both dtypes, as torch`, () => {
      expect(reference.cases[name]!.raises).toBe(true);
      expect(() => run('float64')).toThrow(new RegExp(`^${operation}: expected .* to have the same dtype, got .*float64.*float32`));
      expect(run('float32').dtype).toBe('float32');
    });
  }

  it('modules: a float64 batch into float32 layers is refused; the layers cast with .to("float64") take it', () => {
    const batch = randn([2, 1, 5, 5], { dtype: 'float64' });
    expect(() => new Conv2d(1, 2, 3).call(batch)).toThrow(
      /^conv2d: expected input, weight and bias to have the same dtype, got float64, float32 and float32/,
    );
    expect(new Conv2d(1, 2, 3).to('float64').call(batch).dtype).toBe('float64');
    expect(() => new Linear(5, 2).call(batch)).toThrow(
      /^linear: expected input, weight and bias to have the same dtype, got float64, float32 and float32/,
    );
    expect(() => new Bilinear(2, 3, 4).call(randn([5, 2], { dtype: 'float64' }), randn([5, 3], { dtype: 'float64' }))).toThrow(
      /^bilinear: expected input1, input2, weight and bias to have the same dtype/,
    );
  });
});
