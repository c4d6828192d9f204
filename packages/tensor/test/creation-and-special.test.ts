import { describe, expect, it } from 'vitest';
import {
  bartlettWindow,
  blackmanWindow,
  grad,
  hammingWindow,
  hannWindow,
  i0,
  kaiserWindow,
  logspace,
  mvlgamma,
  nanmedian,
  polygamma,
  special,
  tensor,
  type Tensor,
} from '../src/index.js';
import { type DType, expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// logspace, the window functions, i0/i0e/i1/i1e, polygamma, mvlgamma and nanmedian against torch 1.13
// (tools/fixtures/tensor_creation_special_reference.py): shapes, dtypes, values, and float64 gradients of
// Σ output·r. float32 creation values are compared exactly where torch's rounding is reproduced step by
// step (logspace), else to a few ULP; float64 to 1e-13 or the accuracy each function states.

interface TypedFixture extends FixtureTensor {
  dtype: DType;
}
interface LogspaceCase {
  start: number;
  end: number;
  steps: number;
  base: number;
  dtype: DType;
  output: TypedFixture;
}
interface WindowCase {
  name: string;
  length: number;
  periodic: boolean;
  dtype: 'float32' | 'float64';
  output: TypedFixture;
}
interface UnaryCase {
  name: string;
  n?: number;
  p?: number;
  input: TypedFixture;
  output: TypedFixture;
  upstream?: FixtureTensor;
  gradient?: FixtureTensor;
}
interface NanmedianDimCase {
  dim: number;
  keepdim: boolean;
  values: FixtureTensor;
  indices: FixtureTensor;
  upstream: FixtureTensor;
  gradient: FixtureTensor;
}
interface NanmedianCase {
  input: FixtureTensor;
  whole: FixtureTensor;
  wholeGradient: FixtureTensor;
  dims: NanmedianDimCase[];
}
interface Reference {
  logspace: LogspaceCase[];
  windows: WindowCase[];
  bessel: UnaryCase[];
  polygamma: UnaryCase[];
  trigammaAtNegativeIntegers: TypedFixture;
  secondDerivatives: Record<string, { input: FixtureTensor; second: FixtureTensor }>;
  accurateTrigamma: { input: number[]; output: number[] };
  mvlgamma: UnaryCase[];
  nanmedian: NanmedianCase[];
  nanmedianAllNaN: FixtureTensor;
  nanmedianEmpty: FixtureTensor;
}

const reference = readTorchFixture<Reference>('torch-creation-special-reference.json');
const fromFixture = (fixture: FixtureTensor, dtype: DType, requiresGrad = false): Tensor =>
  tensor(numbers(fixture), { shape: fixture.shape, dtype, requiresGrad });

describe('logspace', () => {
  it.each(
    reference.logspace.map((entry) => [`${entry.start}, ${entry.end}, ${entry.steps}, base ${entry.base}, ${entry.dtype}`, entry] as const),
  )('matches torch for %s', (_, entry) => {
    const result = logspace(entry.start, entry.end, entry.steps, { base: entry.base, dtype: entry.dtype });
    // float32 and int32 exactly: the dtype's rounding of start, end and their difference is torch's
    const tolerance = { float64: 1e-15, float32: 0 };
    expectValues(result, entry.output, entry.dtype, `logspace(${entry.start}, ${entry.end}, ${entry.steps})`, tolerance);
  });

  it('takes the base positionally and the creation options', () => {
    const result = logspace(-2, 2, 5, 2, { requiresGrad: true });
    expect(Array.from(result.dataSync())).toEqual([0.25, 0.5, 1, 2, 4]);
    expect(result.requiresGrad).toBe(true);
  });

  it('rejects what torch rejects, naming the function', () => {
    expect(() => logspace(0, 1, -1)).toThrow('logspace: number of steps must be a non-negative integer, got -1');
    expect(() => logspace(0, 1, 2.5)).toThrow('logspace: number of steps must be a non-negative integer, got 2.5');
    expect(() => logspace(0, 1, 3, { dtype: 'bool' })).toThrow('logspace: dtype bool is not supported');
    expect(() => logspace(0, 1, 3, { bas: 2 } as never)).toThrow('logspace: unknown option `bas`');
    expect(() => logspace(0, 1, 3, 2, { base: 3 })).toThrow('logspace: `base` given both as a positional argument and as an option');
  });
});

describe('window functions', () => {
  const windows: Record<string, (length: number, periodic: boolean, dtype: 'float32' | 'float64') => Tensor> = {
    hannWindow: (length, periodic, dtype) => hannWindow(length, { periodic, dtype }),
    hammingWindow: (length, periodic, dtype) => hammingWindow(length, periodic, { dtype }),
    'hammingWindow alpha 0.5 beta 0.3': (length, periodic, dtype) => hammingWindow(length, { periodic, alpha: 0.5, beta: 0.3, dtype }),
    blackmanWindow: (length, periodic, dtype) => blackmanWindow(length, periodic, { dtype }),
    bartlettWindow: (length, periodic, dtype) => bartlettWindow(length, { periodic, dtype }),
    kaiserWindow: (length, periodic, dtype) => kaiserWindow(length, { periodic, dtype }),
    'kaiserWindow beta 5': (length, periodic, dtype) => kaiserWindow(length, periodic, 5, { dtype }),
  };

  it.each(reference.windows.map((entry) => [`${entry.name} ${entry.length} periodic=${entry.periodic} ${entry.dtype}`, entry] as const))(
    '%s matches torch',
    (label, entry) => {
      const result = windows[entry.name]!(entry.length, entry.periodic, entry.dtype);
      expectValues(result, entry.output, entry.dtype, label, { float64: 1e-14, float32: 4e-7 });
    },
  );

  it('defaults to a periodic float32 window and takes requiresGrad and device', () => {
    const window = hannWindow(4, { requiresGrad: true, device: 'cpu' });
    expect(window.dtype).toBe('float32');
    expect(window.requiresGrad).toBe(true);
    expect(Array.from(window.dataSync())).toEqual([0, 0.5, 1, 0.5]);
  });

  it('rejects a negative or fractional length, an integer dtype and unknown options', () => {
    expect(() => hannWindow(-1)).toThrow('hannWindow: windowLength must be a non-negative integer, got -1');
    expect(() => kaiserWindow(2.5)).toThrow('kaiserWindow: windowLength must be a non-negative integer, got 2.5');
    expect(() => hammingWindow(4, { dtype: 'int32' })).toThrow('hammingWindow expects a floating point dtype, got int32');
    expect(() => blackmanWindow(4, { periodc: false } as never)).toThrow('blackmanWindow: unknown option `periodc`');
    expect(() => bartlettWindow(4, 'yes' as never)).toThrow('bartlettWindow: periodic must be true or false');
  });
});

/** Values against torch and, where the fixture has them, float64 gradients of Σ output·upstream. */
function checkUnary(entry: UnaryCase, apply: (x: Tensor) => Tensor, tolerances: { float64: number; float32: number }): void {
  const dtype = entry.input.dtype;
  const x = fromFixture(entry.input, dtype, entry.gradient !== undefined);
  const output = apply(x);
  expectValues(output, entry.output, dtype, entry.name, tolerances);
  if (!entry.gradient) return;
  const upstream = fromFixture(entry.upstream!, dtype);
  const [gradient] = grad(output.mul(upstream).sum(), [x]);
  expectValues(gradient!, { ...entry.gradient, dtype }, dtype, `${entry.name} gradient`, tolerances);
}

describe('modified Bessel functions', () => {
  const functions: Record<string, (x: Tensor) => Tensor> = { i0, i0e: special.i0e, i1: special.i1, i1e: special.i1e };

  it.each(reference.bessel.map((entry) => [`${entry.name} ${entry.input.dtype}`, entry] as const))('%s matches torch', (_, entry) => {
    checkUnary(entry, functions[entry.name]!, { float64: 1e-14, float32: 1e-6 });
  });

  it('is special.i0 and Tensor.i0, and gives float32 for integers', () => {
    const x = tensor([0, 1, 2], { dtype: 'int32' });
    expect(i0(x).dtype).toBe('float32');
    expect(Array.from(x.i0().dataSync())).toEqual(Array.from(special.i0(x).dataSync()));
  });
});

describe('polygamma', () => {
  it.each(reference.polygamma.map((entry) => [`${entry.name} ${entry.input.dtype}`, entry] as const))('%s matches torch', (_, entry) => {
    // float64: the series sum to about 1e-15 relative; the reflection's cot polynomial loses a few digits
    // next to the poles. torch's trigamma (n = 1, and the gradient of n = 0) is good to only 3e-10
    // relative, checked tightly against mpmath below. float32: a few ULP of torch's float32 series.
    const float64 = entry.n === 0 || entry.n === 1 ? 1e-9 : 1e-12;
    checkUnary(entry, (x) => polygamma(entry.n!, x), { float64, float32: 2e-6 });
  });

  it('gives the correctly rounded trigamma to 1e-14 (mpmath), where torch 1.13 has 3e-10', () => {
    const { input, output } = reference.accurateTrigamma;
    const values = Array.from(polygamma(1, tensor(input, { dtype: 'float64' })).dataSync());
    values.forEach((value, index) => expect(Math.abs(value - output[index]!)).toBeLessThanOrEqual(1e-14 * Math.abs(output[index]!)));
  });

  it('is +∞ at the negative integers for n = 1 where torch rounds sin(πk) to a tiny nonzero number', () => {
    const torch = numbers(reference.trigammaAtNegativeIntegers);
    expect(torch.every((value) => value > 1e30 && Number.isFinite(value))).toBe(true);
    expect(Array.from(polygamma(1, tensor([-1, -2], { dtype: 'float64' })).dataSync())).toEqual([Infinity, Infinity]);
  });

  it('is the Tensor method and special.polygamma; n = 0 is digamma', () => {
    const x = tensor([0.5, 2]);
    expect(Array.from(x.polygamma(2).dataSync())).toEqual(Array.from(special.polygamma(2, x).dataSync()));
    expect(Array.from(polygamma(0, x).dataSync())).toEqual(Array.from(x.digamma().dataSync()));
  });

  it('rejects a negative or fractional order', () => {
    expect(() => polygamma(-1, tensor([1]))).toThrow('polygamma: n must be a non-negative integer, got -1');
    expect(() => polygamma(1.5, tensor([1]))).toThrow('polygamma: n must be a non-negative integer, got 1.5');
  });
});

describe('mvlgamma', () => {
  it.each(reference.mvlgamma.map((entry) => [`${entry.name} ${entry.input.dtype}`, entry] as const))('%s matches torch', (_, entry) => {
    checkUnary(entry, (x) => mvlgamma(x, entry.p!), { float64: 1e-13, float32: 2e-6 });
  });

  it('is the Tensor method and special.multigammaln, float32 for integers', () => {
    const x = tensor([2, 3], { dtype: 'int32' });
    const result = x.mvlgamma(2);
    expect(result.dtype).toBe('float32');
    expect(Array.from(result.dataSync())).toEqual(Array.from(special.multigammaln(x, 2).dataSync()));
  });

  it("raises torch's errors: p < 1, bool input", () => {
    expect(() => mvlgamma(tensor([1]), 0)).toThrow('mvlgamma: p must be an integer ≥ 1, got 0');
    expect(() => mvlgamma(tensor([true]), 1)).toThrow('mvlgamma: the input may not be a bool tensor');
  });
});

describe('second derivatives', () => {
  const functions: Record<string, (x: Tensor) => Tensor> = { i0, 'polygamma 2': (x) => polygamma(2, x) };
  it.each(Object.entries(reference.secondDerivatives))("%s's match torch's (i0: I₀ − I₁/x; polygamma: ψ⁽⁴⁾)", (name, entry) => {
    const x = fromFixture(entry.input, 'float64', true);
    const [first] = grad(functions[name]!(x).sum(), [x], { createGraph: true });
    const [second] = grad(first!.sum(), [x]);
    expectValues(second!, entry.second, 'float64', `${name} second derivative`, { float64: 1e-12, float32: 0 });
  });
});

describe('nanmedian', () => {
  reference.nanmedian.forEach((entry, caseIndex) => {
    it(`matches torch's values, indices and gradients for case ${caseIndex}`, () => {
      const x = fromFixture(entry.input, 'float64', true);
      const whole = nanmedian(x);
      expectValues(whole, { ...entry.whole, dtype: 'float64' }, 'float64', 'nanmedian', { float64: 0, float32: 0 });
      const [wholeGradient] = grad(whole, [x]);
      expectValues(wholeGradient!, { ...entry.wholeGradient }, 'float64', 'nanmedian gradient', { float64: 0, float32: 0 });
      for (const dimCase of entry.dims) {
        const label = `nanmedian dim ${dimCase.dim} keepdim ${dimCase.keepdim}`;
        const [values, indices] = x.nanmedian(dimCase.dim, dimCase.keepdim);
        expectValues(values, dimCase.values, 'float64', label, { float64: 0, float32: 0 });
        // our indices are int32 (torch's int64)
        expectValues(indices, dimCase.indices, 'int32', `${label} indices`, { float64: 0, float32: 0 });
        const [gradient] = grad(values.mul(fromFixture(dimCase.upstream, 'float64')).sum(), [x]);
        expectValues(gradient!, dimCase.gradient, 'float64', `${label} gradient`, { float64: 0, float32: 0 });
      }
    });
  });

  it('gives NaN for all-NaN and empty inputs, reads a 0-d tensor as one row, takes keywords', () => {
    expect(numbers(reference.nanmedianAllNaN)).toEqual([Number.NaN]);
    expect(nanmedian(tensor([Number.NaN, Number.NaN, Number.NaN])).itemSync()).toBeNaN();
    expect(numbers(reference.nanmedianEmpty)).toEqual([Number.NaN]);
    expect(nanmedian(tensor([])).itemSync()).toBeNaN();
    const { values, indices } = nanmedian(tensor(3), 0);
    expect([values.shape, values.itemSync(), indices.itemSync()]).toEqual([[], 3, 0]);
    const keyword = nanmedian(tensor([[1, Number.NaN, 2]]), { dim: 1, keepdim: true });
    expect([keyword.values.shape, Array.from(keyword.values.dataSync())]).toEqual([[1, 1], [1]]);
  });

  it('rejects an empty reduced dim and a dim out of range', () => {
    expect(() => nanmedian(tensor([[]]), 1)).toThrow('nanmedian: dim 1 is empty');
    expect(() => nanmedian(tensor([1, 2]), 1)).toThrow('nanmedian: dim 1 is out of range');
  });
});
