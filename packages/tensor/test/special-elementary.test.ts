import { describe, expect, it } from 'vitest';
import { grad, special, type Tensor, tensor } from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';
import { type DType, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// The rest of torch.special's elementary functions (the aliases exp2, expm1, log1p, round with
// decimals, softmax, logSoftmax; entr, xlog1py, ndtr, ndtri, logNdtr, erfcx, zeta) against torch 1.13
// and mpmath (tools/fixtures/tensor_special_elementary_reference.py): values over grids with their edge
// values in float64, float32 and int32, first- and second-order gradients of Σ output·w in float64, and
// relative accuracy against mpmath where torch 1.13 is inaccurate (ndtr's left tail, logNdtr's and
// erfcx's gradients in the far tails) or where a relative comparison says more than torch's values
// (zeta, ndtri); then gradcheck and gradgradcheck.

type FixtureArgument = (FixtureTensor & { dtype: DType; requiresGrad: boolean }) | number;
interface Case {
  name: string;
  function: string;
  args: FixtureArgument[];
  kwargs: Record<string, unknown>;
  output: FixtureTensor & { dtype: DType };
  upstream?: FixtureTensor;
  gradients?: FixtureTensor[];
  second?: (FixtureTensor | null)[];
}
interface Exact {
  value: (number | null)[];
  derivative?: (number | null)[];
  second?: (number | null)[];
}
const fixture = readTorchFixture<{ cases: Case[]; exact: Record<string, Exact>; errors: Record<string, string> }>(
  'torch-special-elementary-reference.json',
);

type Argument = Tensor | number;
const functions: Record<string, (args: Argument[], kwargs: Record<string, unknown>) => Tensor> = {
  exp2: ([x]) => special.exp2(x as Tensor),
  expm1: ([x]) => special.expm1(x as Tensor),
  log1p: ([x]) => special.log1p(x as Tensor),
  round: ([x], kwargs) => special.round(x as Tensor, kwargs),
  softmax: ([x, dim], kwargs) => special.softmax(x as Tensor, dim as number, kwargs),
  logSoftmax: ([x, dim], kwargs) => special.logSoftmax(x as Tensor, dim as number, kwargs),
  entr: ([x]) => special.entr(x as Tensor),
  xlog1py: ([x, y]) => special.xlog1py(x!, y!),
  ndtr: ([x]) => special.ndtr(x as Tensor),
  ndtri: ([x]) => special.ndtri(x as Tensor),
  logNdtr: ([x]) => special.logNdtr(x as Tensor),
  erfcx: ([x]) => special.erfcx(x as Tensor),
  zeta: ([x, q]) => special.zeta(x!, q!),
};

// Value tolerances against torch, relative to 1 + |torch's value|: float64 loses a few ulps in the
// longer compositions (ndtri's rational functions, zeta's sums, erfcx's fraction), float32 a few of its
// ulps (round is exact: both round x·10^d in the dtype).
const valueTolerances: Record<string, { float64: number; float32: number }> = {
  exp2: { float64: 1e-15, float32: 1e-6 },
  expm1: { float64: 1e-15, float32: 1e-6 },
  log1p: { float64: 1e-15, float32: 1e-6 },
  round: { float64: 0, float32: 0 },
  softmax: { float64: 1e-15, float32: 1e-6 },
  logSoftmax: { float64: 1e-15, float32: 1e-6 },
  entr: { float64: 1e-15, float32: 1e-6 },
  xlog1py: { float64: 1e-15, float32: 1e-6 },
  ndtr: { float64: 1e-15, float32: 1e-6 },
  ndtri: { float64: 1e-14, float32: 1e-5 },
  logNdtr: { float64: 1e-14, float32: 1e-5 },
  erfcx: { float64: 1e-14, float32: 1e-5 },
  zeta: { float64: 1e-14, float32: 1e-5 },
};
// gradients against torch's formulas in float64 (second order too), relative to 1 + |torch's value|
const GRADIENT_TOLERANCE = 1e-12;
// ours against mpmath, relative: the values and derivatives of ndtr, logNdtr, erfcx, ndtri and zeta
const EXACT_TOLERANCE = 5e-15;
const EXACT_DERIVATIVE_TOLERANCE = 2e-14;
const EXACT_SECOND_TOLERANCE = 1e-13;

/**
 * Where ours differs from torch on purpose (each said in the function's doc comment), by case and by
 * what is compared: our value at an output index, given the inputs; NaN where only mpmath's is compared
 * (torch's is inaccurate there); undefined where torch's applies.
 */
type Deviation = (index: number, inputs: number[][]) => number | undefined;
const deviations: Record<string, { value?: Deviation; gradient?: Deviation; second?: Deviation }> = {
  // ζ(∞, q) = 0 for q > 1, where torch's algorithm gives NaN (the grid is x down, q across)
  'zeta float64': {
    value: (index, [x, q]) => (x![Math.floor(index / q!.length)] === Infinity && q![index % q!.length]! > 1 ? 0 : undefined),
  },
  // ζ(x, ∞) = 0 and ζ(∞, q > 1) = 0 (torch: NaN); ζ(1.5, 1e300) = 2e-150, where torch's w⁻ˢ·w underflows to 0
  'zeta limits': { value: (index, [x, q]) => (q![index] === Infinity || (x![index] === Infinity && q![index]! > 1) ? 0 : undefined) },
  // erfc(x)·e^(x²) formed by torch near −26.6 carries the rounding of x² (1.7e-14 relative; ours splits
  // x²); torch's second order 2·erfcx + 2x·erfcx′ cancels from x = 100 on (to 2e-11 absolute at 1e5)
  'erfcx float64': {
    value: (index, [x]) => (x![index]! < -26 ? Number.NaN : undefined),
    second: (index, [x]) => (x![index]! >= 100 ? Number.NaN : undefined),
  },
  // torch's exp(−(logNdtr(x) + x²/2))/√(2π) cancels to 3e-11 relative at −1000 and 7e-7 at −1e5; its
  // second order −λ·(x + λ), λ that gradient, cancels further (about x⁴·ε relative: 2e-10 at −40)
  'logNdtr float64': {
    gradient: (index, [x]) => (x![index]! <= -1e3 ? Number.NaN : undefined),
    second: (index, [x]) => (x![index]! <= -20 ? Number.NaN : undefined),
  },
  // at ±∞ the attached derivatives of erfc and erfcx read 0, at every order (torch's second order is
  // ∞·0 = NaN there), and the first order is 0 at NaN too (torch's is NaN)
  'ndtr float64 edges': {
    gradient: (index, [x]) => (Number.isNaN(x![index]) ? 0 : undefined),
    second: (index, [x]) => (Number.isFinite(x![index]) ? undefined : Number.isNaN(x![index]) ? Number.NaN : 0),
  },
  'logNdtr float64 edges': { second: (index, [x]) => (x![index] === Infinity ? 0 : undefined) },
};

function argumentsOf(entry: Case): Argument[] {
  return entry.args.map((arg) =>
    typeof arg === 'number' ? arg : tensor(numbers(arg), { shape: arg.shape, dtype: arg.dtype, requiresGrad: arg.requiresGrad }),
  );
}

function inputValues(entry: Case): number[][] {
  return entry.args.map((arg) => (typeof arg === 'number' ? [arg] : numbers(arg)));
}

/** torch's value within `tolerance`·(1 + |value|), NaN and ±∞ exactly; `ours` overrides (NaN there: not compared). */
function expectClose(label: string, got: number[], want: number[], tolerance: number, ours?: (index: number) => number | undefined): void {
  expect(got.length, `${label}: length`).toBe(want.length);
  want.forEach((torchValue, index) => {
    const override = ours?.(index);
    if (override !== undefined && Number.isNaN(override)) return;
    const expected = override ?? torchValue;
    const value = got[index]!;
    const where = `${label}[${index}]: ours ${value}, expected ${expected} (torch ${torchValue})`;
    if (Number.isNaN(expected)) expect(value, where).toBeNaN();
    else if (!Number.isFinite(expected)) expect(value, where).toBe(expected);
    else if (!(Math.abs(value - expected) <= tolerance * (1 + Math.abs(expected)))) expect.fail(where);
  });
}

// below the smallest normal float64 only absolute accuracy is defined (the steps are 4.9e-324): there the
// rounding of the last normal intermediate shows (ndtr″(−38) = 4.2e-313 is 3e-9 relative off)
const SMALLEST_NORMAL = 2.2250738585072014e-308;
const SUBNORMAL_TOLERANCE = 1e-319;

/** mpmath's values (null: not a finite number there) within `tolerance` relative (absolute below the normal range). */
function expectRelative(label: string, got: number[], exact: (number | null)[], tolerance: number): void {
  exact.forEach((want, index) => {
    if (want === null) return;
    const value = got[index]!;
    const subnormal = Math.abs(want) < SMALLEST_NORMAL;
    const error = subnormal ? Math.abs(value - want) : Math.abs(value - want) / Math.abs(want);
    if (!(error <= (subnormal ? SUBNORMAL_TOLERANCE : tolerance)))
      expect.fail(`${label}[${index}]: ours ${value}, mpmath ${want} (${subnormal ? 'absolute' : 'relative'} error ${error})`);
  });
}

const valuesOf = (x: Tensor) => Array.from(x.dataSync(), Number);

describe('torch.special elementary functions against torch 1.13', () => {
  it.each(fixture.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const args = argumentsOf(entry);
    const output = functions[entry.function]!(args, entry.kwargs);
    expect([...output.shape], `${name}: shape`).toEqual(entry.output.shape);
    expect(output.dtype, `${name}: dtype`).toBe(entry.output.dtype);
    const tolerances = valueTolerances[entry.function]!;
    const tolerance = output.dtype === 'float32' ? tolerances.float32 : tolerances.float64;
    const inputs = inputValues(entry);
    const { value: valueDeviation, gradient: gradientDeviation, second: secondDeviation } = deviations[name] ?? {};
    const at = (deviation: Deviation | undefined) => deviation && ((index: number) => deviation(index, inputs));
    expectClose(`${name} value`, valuesOf(output), numbers(entry.output), tolerance, at(valueDeviation));
    if (!entry.gradients) return;
    const differentiable = args.filter((arg): arg is Tensor => typeof arg !== 'number' && arg.requiresGrad);
    const upstream = tensor(numbers(entry.upstream!), { shape: output.shape, dtype: output.dtype });
    const firsts = grad(output.mul(upstream).sum(), differentiable, { createGraph: entry.second !== undefined }) as Tensor[];
    firsts.forEach((first, index) =>
      expectClose(
        `${name} gradient ${index}`,
        valuesOf(first),
        numbers(entry.gradients![index]!),
        GRADIENT_TOLERANCE,
        at(gradientDeviation),
      ),
    );
    if (!entry.second) return;
    const total = firsts.map((first) => first.sum()).reduce((sum, term) => sum.add(term));
    const seconds = grad(total, differentiable, { allowUnused: true });
    entry.second.forEach((want, index) => {
      if (want === null) expect(seconds[index] ?? null, `${name} second ${index}: none`).toBeNull();
      else expectClose(`${name} second ${index}`, valuesOf(seconds[index]!), numbers(want), GRADIENT_TOLERANCE, at(secondDeviation));
    });
  });

  it('has a function and a tolerance for every case, and runs every case with a gradient', () => {
    for (const entry of fixture.cases) {
      expect(functions[entry.function], entry.name).toBeDefined();
      expect(valueTolerances[entry.function], entry.name).toBeDefined();
    }
    const differentiated = new Set(fixture.cases.filter((entry) => entry.gradients).map((entry) => entry.function));
    for (const name of [
      'exp2',
      'expm1',
      'log1p',
      'round',
      'softmax',
      'logSoftmax',
      'entr',
      'xlog1py',
      'ndtr',
      'ndtri',
      'logNdtr',
      'erfcx',
      'zeta',
    ])
      expect(differentiated.has(name), name).toBe(true);
  });
});

describe('accuracy against mpmath (float64, relative)', () => {
  it.each(Object.entries(fixture.exact))('%s', (name, exact) => {
    const entry = fixture.cases.find((candidate) => candidate.name === name)!;
    const args = argumentsOf(entry);
    const output = functions[entry.function]!(args, entry.kwargs);
    expectRelative(`${name} value`, valuesOf(output), exact.value, EXACT_TOLERANCE);
    if (!exact.derivative) return;
    const [x] = args as Tensor[];
    // the upstream is 1 here: the gradients are the derivatives themselves
    const [derivative] = grad(output.sum(), [x!], { createGraph: true }) as Tensor[];
    expectRelative(`${name} derivative`, valuesOf(derivative!), exact.derivative, EXACT_DERIVATIVE_TOLERANCE);
    const [second] = grad(derivative!.sum(), [x!]) as Tensor[];
    expectRelative(`${name} second derivative`, valuesOf(second!), exact.second!, EXACT_SECOND_TOLERANCE);
  });

  it('ndtr keeps the left tail that torch 1.13 loses (½·(1 + erf) is 0 from −8.5 on)', () => {
    const entry = fixture.cases.find((candidate) => candidate.name === 'ndtr float64')!;
    const torchValues = numbers(entry.output);
    const exact = fixture.exact['ndtr float64']!.value;
    const ours = valuesOf(special.ndtr(argumentsOf(entry)[0] as Tensor));
    const lost = exact.flatMap((want, index) => (want !== null && want > 1e-300 && torchValues[index] === 0 ? [index] : []));
    expect(lost.length).toBeGreaterThan(3);
    for (const index of lost)
      expect(Math.abs(ours[index]! - exact[index]!) / exact[index]!, `at ${index}`).toBeLessThanOrEqual(EXACT_TOLERANCE);
  });
});

describe('documented differences from torch and errors', () => {
  it('xlog1py: gradients 0 where torch divides 0 by 0, multiplies 0 by ∞ or reads NaN', () => {
    const x = tensor([0, 0, 0, 2], { dtype: 'float64', requiresGrad: true });
    const y = tensor([-1, Number.POSITIVE_INFINITY, Number.NaN, 1], { dtype: 'float64', requiresGrad: true });
    const output = special.xlog1py(x, y);
    expect(valuesOf(output).slice(0, 2)).toEqual([0, 0]);
    expect(valuesOf(output)[2]).toBeNaN();
    const [dx, dy] = grad(output.sum(), [x, y]) as Tensor[];
    // torch: dx = [−∞ masked to 0, ∞, NaN, log 2], dy = [0/0, 0, NaN, 1]
    expect(valuesOf(dx!)).toEqual([0, 0, 0, Math.log(2)]);
    expect(valuesOf(dy!)).toEqual([0, 0, 0, 1]);
  });

  it('entr, ndtri and zeta follow torch’s gradient formulas to ±∞ and NaN; erfcx and logNdtr read 0 at ±∞', () => {
    const x = tensor([0, -1, 0.5], { dtype: 'float64', requiresGrad: true });
    expect(valuesOf(grad(special.entr(x).sum(), [x])[0]!)).toEqual([Number.POSITIVE_INFINITY, Number.NaN, -(1 + Math.log(0.5))]);
    const p = tensor([0, 1, 2], { dtype: 'float64', requiresGrad: true });
    expect(valuesOf(grad(special.ndtri(p).sum(), [p])[0]!)).toEqual([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NaN]);
    const edges = tensor([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY], { dtype: 'float64', requiresGrad: true });
    expect(valuesOf(grad(special.erfcx(edges).sum(), [edges])[0]!)).toEqual([0, 0]);
    expect(valuesOf(grad(special.logNdtr(edges).sum(), [edges])[0]!)).toEqual([0, 0]);
  });

  it('zeta: the gradient in x throws as torch’s, naming the function; none is needed for q alone', () => {
    const x = tensor([2, 3], { dtype: 'float64', requiresGrad: true });
    const q = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    expect(fixture.errors['zeta x gradient']).toContain('not implemented');
    expect(() => special.zeta(x, q).sum().backward()).toThrow(/zeta: the derivative with respect to x .*not implemented/);
    const [dq] = grad(special.zeta(x.detach(), q).sum(), [q]) as Tensor[];
    expect(valuesOf(dq!)[0]).toBeCloseTo(-2 * 1.2020569031595942, 14);
  });

  it('round: decimals must be an integer; integer tensors keep their dtype at 0 and throw otherwise, as torch’s kernel', () => {
    expect(fixture.errors['round int decimals']).toContain('not implemented');
    const integers = tensor([15, 25], { dtype: 'int32' });
    expect(() => special.round(integers, { decimals: -1 })).toThrow(/round: decimals is not implemented for int32/);
    expect(special.round(integers).dtype).toBe('int32');
    expect(valuesOf(special.round(integers, { decimals: 0 }))).toEqual([15, 25]);
    const x = tensor([1.25], { dtype: 'float64' });
    expect(() => special.round(x, { decimals: 1.5 })).toThrow(/round: decimals must be an integer/);
    expect(() => special.round(x, { digits: 1 } as never)).toThrow(/unknown option `digits`/);
    expect(() => special.round(x, 2 as never)).toThrow(/round/);
  });
});

describe('gradcheck and gradgradcheck (float64)', () => {
  const f64 = (values: number[], requiresGrad = true) => tensor(values, { dtype: 'float64', requiresGrad });
  const cases: [string, (...inputs: Tensor[]) => Tensor, Tensor[]][] = [
    ['entr', (x) => special.entr(x), [f64([0.2, 0.7, 1.5, 3])]],
    ['xlog1py', (x, y) => special.xlog1py(x, y), [f64([0, 0.3, -1.2, 2]), f64([0.5, -0.3, 4, 1e-3])]],
    ['ndtr', (x) => special.ndtr(x), [f64([-30, -5, -1.5, -1, -0.5, 0, 2, 6])]],
    ['ndtri', (p) => special.ndtri(p), [f64([0.01, 0.05, 0.3, 0.5, 0.9, 0.99])]],
    ['logNdtr', (x) => special.logNdtr(x), [f64([-40, -5, -1.2, -1, -0.8, 0, 3, 10])]],
    ['erfcx', (x) => special.erfcx(x), [f64([-5, -1, 0, 1, 1.4, 1.6, 2.9, 3.1, 10, 100])]],
    ['zeta in q', (x, q) => special.zeta(x, q), [f64([2, 3.5, 4, 2, 6], false), f64([0.5, 2, -2.5, 15, 0.1])]],
    ['exp2, expm1, log1p', (x) => special.exp2(x).add(special.expm1(x)).add(special.log1p(x)), [f64([-0.5, 0, 0.7])]],
    ['softmax and logSoftmax', (x) => special.softmax(x, 0).add(special.logSoftmax(x, 0)), [f64([0.5, -1, 2])]],
  ];
  it.each(cases)('%s', (_, fn, inputs) => {
    expect(gradcheck(fn, inputs)).toBe(true);
    expect(gradgradcheck(fn, inputs)).toBe(true);
  });
});
