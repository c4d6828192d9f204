import { describe, expect, it } from 'vitest';
import { cumprod, cumsum, grad, logSoftmax, mean, nansum, prod, softmax, sum, type Tensor, tensor } from '../src/index.js';
import { type DType, expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// torch's dtype= keyword of sum, mean, prod, nansum, nanmean, cumsum, cumprod, softmax and log_softmax
// against torch 1.13 (tools/fixtures/tensor_dtype_keyword_reference.py): the input is cast first, so
// integers average and a float32 input reduces in float64, with its gradient back in float32. Each
// call uses a different spelling (positional and options, keywords, the Tensor method); a third or
// fourth argument was once ignored (cumsum) or refused (sum, mean).

interface KeywordCase {
  name: string;
  input: string;
  output: FixtureTensor;
  dtype: DType;
  gradient?: FixtureTensor;
  gradientDtype?: DType;
}
const { inputs, cases } = readTorchFixture<{ inputs: Record<string, FixtureTensor & { dtype: DType }>; cases: KeywordCase[] }>(
  'torch-dtype-keyword-reference.json',
);
const tolerances = { float64: 1e-12, float32: 1e-6 };

const calls: Record<string, (x: Tensor) => Tensor> = {
  'sum all, float64': (x) => sum(x, { dtype: 'float64' }),
  // torch's spelling 'double', accepted at run time (the DType type names ours)
  'sum dim 1, float64': (x) => x.sum(1, { dtype: 'double' as DType }),
  'sum dim 0 keepdim, float64': (x) => sum(x, 0, true, { dtype: 'float64' }),
  'sum of a mask, float32': (x) => x.sum({ dtype: 'float32' }),
  'sum float32 to float64': (x) => sum(x, { dim: 1, dtype: 'float64' }),
  'mean all, float64': (x) => x.mean({ dtype: 'float64' }),
  'mean dim 1, float32': (x) => mean(x, 1, { dtype: 'float32' }),
  'mean float32 to float64': (x) => mean(x, 0, false, { dtype: 'float64' }),
  'prod dim 1, float64': (x) => prod(x, 1, { dtype: 'float64' }),
  'prod all, float64': (x) => x.prod({ dtype: 'float64' }),
  'cumsum dim 1, float64': (x) => cumsum(x, 1, { dtype: 'float64' }),
  'cumsum float32 to float64': (x) => x.cumsum({ dim: 0, dtype: 'float64' }),
  'cumprod dim 1, float64': (x) => x.cumprod(1, { dtype: 'float64' }),
  'cumprod float32 to float64': (x) => cumprod(x, { dim: 1, dtype: 'float64' }),
  'nansum, float64': (x) => nansum(x, 1, { dtype: 'float64' }),
  'nanmean, float64': (x) => x.nanmean(0, { dtype: 'float64' }),
  'softmax of integers, float64': (x) => softmax(x, 1, { dtype: 'float64' }),
  'log_softmax float32 to float64': (x) => logSoftmax(x, { dim: 0, dtype: 'float64' }),
};

describe("torch's dtype keyword against torch 1.13", () => {
  for (const entry of cases)
    it(entry.name, () => {
      const fixture = inputs[entry.input]!;
      const leaf = tensor(numbers(fixture), { dtype: fixture.dtype }).reshape(fixture.shape);
      if (entry.gradient) leaf.requiresGrad_();
      const call = calls[entry.name];
      expect(call, `a call for ${entry.name}`).toBeDefined();
      const output = call!(leaf);
      expectValues(output, entry.output, entry.dtype, entry.name, tolerances);
      if (!entry.gradient) return;
      const count = output.numel();
      const weight = tensor(
        Array.from({ length: count }, (_, index) => (count === 1 ? 0.5 : 0.5 + index / (count - 1))),
        { dtype: output.dtype },
      ).reshape(output.shape);
      const [gradient] = grad(output.mul(weight).sum(), [leaf]);
      expectValues(gradient!, entry.gradient, entry.gradientDtype!, `${entry.name}: gradient`, tolerances);
    });
});

describe("torch's dtype keyword: errors", () => {
  const integers = tensor([[1, 2, 3]], { dtype: 'int32' });

  it('an unknown option, int64 or a dim given twice throws, naming the op', () => {
    expect(() => sum(integers, 1, { dtpye: 'float64' } as never)).toThrow(/sum: unknown option `dtpye`/);
    expect(() => integers.cumsum(1, { dtype: 'int64' as DType })).toThrow(/cumsum: dtype 'int64' is not supported/);
    expect(() => mean(integers, 1, { dim: 0 } as never)).toThrow(/mean: `dim` given both/);
  });

  it('the mean of integers without a dtype says how to ask for one', () => {
    expect(() => integers.mean()).toThrow("pass { dtype: 'float32' }, torch's dtype keyword, to average integers");
  });

  it('cumsum and cumprod with options but no dim say the dim is required', () => {
    expect(() => cumsum(integers, { dtype: 'float64' })).toThrow('cumsum: dim is required');
    expect(() => integers.cumprod({ dtype: 'float64' })).toThrow('cumprod: dim is required');
  });
});
