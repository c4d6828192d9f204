import { describe, expect, it } from 'vitest';
import {
  copysign,
  deg2rad,
  digamma,
  erfc,
  erfinv,
  fix,
  fmod,
  frac,
  grad,
  heaviside,
  hypot,
  lgamma,
  logaddexp,
  logaddexp2,
  logit,
  logsumexp,
  nanToNum,
  rad2deg,
  sigmoid,
  signbit,
  sinc,
  special,
  tensor,
  trunc,
  xlogy,
  zerosLike,
  type Tensor,
} from '../src/index.js';
import { gradcheck, gradgradcheck, leftBehind } from '../src/testing/index.js';
import { type DType, expectEachValue, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// The elementwise math functions against torch 1.13 (tools/fixtures/tensor_elementwise_math_reference.py):
// values, the gradient of Σ output·r for each floating input and, for the special functions, torch's
// second derivatives. float64 to 1e-12 relative (the special functions to the accuracy each states),
// float32 to about 2 ULP; the sign of every zero is compared too.

interface MathCase {
  name: string;
  operation: string;
  options: Record<string, number>;
  inputs: (FixtureTensor | number | string)[];
  output: FixtureTensor & { dtype: DType };
  upstream?: FixtureTensor;
  gradients?: FixtureTensor[];
  secondUpstream?: FixtureTensor;
  secondGradient?: FixtureTensor;
  // mpmath's values where torch 1.13 loses digits (its trigamma, its erfinv next to ±1)
  accurateOutput?: FixtureTensor;
  accurateGradient?: FixtureTensor;
  accurateSecondGradient?: FixtureTensor;
}
const { cases, xlogyAtZero } = readTorchFixture<{
  cases: MathCase[];
  xlogyAtZero: Record<'x' | 'y' | 'gradientX' | 'gradientY', FixtureTensor>;
}>('torch-elementwise-math-reference.json');

type Operand = Tensor | number;
// half through the functions, half through the Tensor methods, so both are checked against torch
const operations: Record<string, (inputs: Operand[], options: Record<string, number>) => Tensor> = {
  fmod: ([a, b]) => (typeof a === 'number' ? fmod(a, b!) : a!.fmod(b!)),
  hypot: ([a, b]) => hypot(a!, b!),
  logaddexp: ([a, b]) => (a as Tensor).logaddexp(b!),
  logaddexp2: ([a, b]) => logaddexp2(a!, b!),
  xlogy: ([x, y]) => xlogy(x!, y!),
  copysign: ([a, b]) => (a as Tensor).copysign(b!),
  heaviside: ([x, values]) => heaviside(x as Tensor, values as Tensor),
  trunc: ([x]) => (x as Tensor).trunc(),
  fix: ([x]) => fix(x as Tensor),
  frac: ([x]) => (x as Tensor).frac(),
  signbit: ([x]) => signbit(x as Tensor),
  sinc: ([x]) => (x as Tensor).sinc(),
  logit: ([x], options) => (options.eps === undefined ? logit(x as Tensor) : (x as Tensor).logit({ eps: options.eps })),
  nanToNum: ([x], options) => (options.posinf === 7 ? nanToNum(x as Tensor, undefined, 7) : (x as Tensor).nanToNum(options)),
  deg2rad: ([x]) => deg2rad(x as Tensor),
  rad2deg: ([x]) => (x as Tensor).rad2deg(),
  expit: ([x]) => special.expit(x as Tensor),
  lgamma: ([x]) => (x as Tensor).lgamma(),
  digamma: ([x]) => digamma(x as Tensor),
  erfinv: ([x]) => (x as Tensor).erfinv(),
  erfc: ([x]) => erfc(x as Tensor),
};

interface Tolerance {
  relative: number;
  absolute: number;
}
const float64Tolerance: Record<string, Tolerance> = {
  // Lanczos: about 1e-15 absolute, so relative accuracy fades next to the zeros at 1 and 2
  lgamma: { relative: 1e-13, absolute: 2e-15 },
  // the recurrence's sum of 1/(x + k) rounds at 1e-16 of ψ(x + 10) ≈ 2.3; relative away from the zero at 1.46
  digamma: { relative: 1e-13, absolute: 2e-15 },
  // the gradient e^(erfinv²) carries x's rounding times 2x², about 15 at |y| = 0.9999
  erfinv: { relative: 1e-13, absolute: 0 },
  erfc: { relative: 2e-14, absolute: 0 },
  // torch 1.13 rounds log(1 + tiny) to 0 for far-apart inputs (logaddexp(0, −50) is 0 there, 1.9e-22
  // here, as log1p gives); compared to the accurate value below
  logaddexp: { relative: 1e-12, absolute: 1e-20 },
  logaddexp2: { relative: 1e-12, absolute: 1e-20 },
  // fmod's one rounding of a − trunc(a/b)·b, relative to the dividend (C's fmod is exact)
  fmod: { relative: 1e-12, absolute: 1e-15 },
};
const defaultFloat64: Tolerance = { relative: 1e-12, absolute: 1e-300 };
// float32: within a few ULP (composites round at each step); the functions of a float32 input
// evaluated with float32 steps as torch's float kernels do
const float32Tolerance: Tolerance = { relative: 2e-6, absolute: 1e-6 };
// erfinv's float32 gradient e^(x²) turns x's half-ULP rounding into 2x²·6e-8, 1e-6 at |y| = 0.9999
const float32Erfinv: Tolerance = { relative: 1e-5, absolute: 1e-6 };
// where torch 1.13 loses digits, against torch only this loosely (and tightly against mpmath): its
// trigamma is good to about 3e-10 relative, its erfinv next to ±1 to 6e-5
const torchLosesDigits: Tolerance = { relative: 1e-4, absolute: 0 };
const torchTrigamma: Tolerance = { relative: 1e-9, absolute: 1e-12 };

function toleranceFor(operation: string, dtype: DType): Tolerance {
  if (dtype === 'float32') return operation === 'erfinv' ? float32Erfinv : float32Tolerance;
  if (dtype === 'float64') return float64Tolerance[operation] ?? defaultFloat64;
  return { relative: 0, absolute: 0 };
}

/** Values keep torch's sign of zero (fmod(−4, 2) = −0); gradients' zero signs carry no meaning and are not compared. */
function expectValues(actual: Tensor, expected: FixtureTensor, dtype: DType, tolerance: Tolerance, label: string): void {
  const signedZeros = !label.includes('gradient');
  expectEachValue(actual, expected, dtype, label, (value, want, index) => {
    if (Number.isNaN(want) || !Number.isFinite(want) || want === 0) {
      // NaN, ±∞ and zeros exactly, the sign of a zero included
      // a zero result must carry torch's sign; a tiny nonzero one may stand for a zero within `absolute`
      const zeroMatches = want === 0 && (value === 0 ? !signedZeros : Math.abs(value) <= tolerance.absolute);
      if (!Object.is(value, want) && !zeroMatches)
        expect.fail(`${label}[${index}] is ${Object.is(value, -0) ? '-0' : value}, torch gives ${Object.is(want, -0) ? '-0' : want}`);
    } else if (!(Math.abs(value - want) <= tolerance.absolute + tolerance.relative * Math.abs(want)))
      expect.fail(`${label}[${index}] is ${value}, torch gives ${want} (relative ${Math.abs(value - want) / Math.abs(want)})`);
  });
}

function inputsOf(entry: MathCase): Operand[] {
  return entry.inputs.map((input) =>
    typeof input === 'object'
      ? tensor(numbers(input), {
          shape: input.shape,
          dtype: input.dtype,
          requiresGrad: entry.gradients !== undefined && (input.dtype === 'float64' || input.dtype === 'float32'),
        })
      : Number(input),
  );
}

describe('elementwise math against torch', () => {
  it('covers every fixture operation', () => {
    expect([...new Set(cases.map((entry) => entry.operation))].sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const inputs = inputsOf(entry);
    const output = operations[entry.operation]!(inputs, entry.options);
    const tight = toleranceFor(entry.operation, entry.output.dtype);
    if (entry.accurateOutput) {
      expectValues(output, entry.accurateOutput, entry.output.dtype, tight, `${name} value (mpmath)`);
      expectValues(output, entry.output, entry.output.dtype, torchLosesDigits, `${name} value`);
    } else expectValues(output, entry.output, entry.output.dtype, tight, `${name} value`);
    if (!entry.gradients) return;
    const differentiable = inputs.filter((input): input is Tensor => typeof input !== 'number' && input.requiresGrad);
    const upstream = tensor(numbers(entry.upstream!), { shape: output.shape, dtype: output.dtype });
    const second = entry.secondGradient !== undefined;
    // allowUnused: copysign's sign operand has no gradient (torch's is zeros)
    const gradients = grad(output.mul(upstream).sum(), differentiable, { createGraph: second, allowUnused: true });
    gradients.forEach((found, index) => {
      const input = differentiable[index]!;
      const gradient = found ?? zerosLike(input);
      const tolerance = toleranceFor(entry.operation, input.dtype as DType);
      if (entry.accurateGradient) {
        expectValues(gradient, entry.accurateGradient, input.dtype as DType, tolerance, `${name} gradient ${index} (mpmath)`);
        expectValues(
          gradient,
          entry.gradients![index]!,
          input.dtype as DType,
          entry.operation === 'digamma' ? torchTrigamma : tolerance,
          `${name} gradient ${index}`,
        );
      } else expectValues(gradient, entry.gradients![index]!, input.dtype as DType, tolerance, `${name} gradient ${index}`);
    });
    if (!second) return;
    const weights = tensor(numbers(entry.secondUpstream!), { shape: output.shape, dtype: output.dtype });
    const [secondGradient] = grad(gradients[0]!.mul(weights).sum(), differentiable);
    const dtype = output.dtype as DType;
    if (entry.accurateSecondGradient) {
      // ours are the derivatives of accurate series, to about 1e-13; torch's lgamma'' is its trigamma
      expectValues(
        secondGradient!,
        entry.accurateSecondGradient,
        dtype,
        { relative: 1e-12, absolute: 1e-14 },
        `${name} second gradient (mpmath)`,
      );
      expectValues(secondGradient!, entry.secondGradient!, dtype, torchTrigamma, `${name} second gradient`);
    } else expectValues(secondGradient!, entry.secondGradient!, dtype, toleranceFor(entry.operation, dtype), `${name} second gradient`);
  });
});

describe('elementwise math', () => {
  const float64 = (values: number[]) => tensor(values, { dtype: 'float64', requiresGrad: true });

  it('pass gradcheck and gradgradcheck in float64', () => {
    const x = float64([0.3, -1.7, 2.45, 0.9]);
    const y = float64([1.1, 0.6, -0.8, 2.2]);
    const positive = float64([0.3, 1.7, 2.45, 5.5]);
    const probability = float64([0.1, 0.35, 0.6, 0.93]);
    const unary: [string, (a: Tensor) => Tensor, Tensor][] = [
      ['lgamma', lgamma, float64([0.3, 1.7, 4.45, -0.6, -2.3])],
      ['digamma', digamma, float64([0.3, 1.7, 12.45, -0.6, -2.3])],
      ['erfinv', erfinv, float64([0.1, -0.5, 0.8, -0.97, 0.3])],
      ['erfc', erfc, float64([-1.2, 0.4, 1.9, 2.6, 4.5])],
      ['sinc', sinc, float64([0.3, -1.7, 2.45, 1e-3])],
      ['logit', (a) => logit(a), probability],
      ['logit eps', (a) => logit(a, 0.2), probability],
      ['frac', frac, x],
      ['nanToNum', (a) => nanToNum(a), x],
      ['deg2rad', deg2rad, x],
      ['rad2deg', rad2deg, x],
    ];
    for (const [name, fn, input] of unary) {
      expect(gradcheck(fn, [input]), name).toBe(true);
      expect(gradgradcheck(fn, [input]), name).toBe(true);
    }
    const binary: [string, (a: Tensor, b: Tensor) => Tensor, Tensor, Tensor][] = [
      ['fmod', fmod, x, y],
      ['hypot', hypot, x, y],
      ['logaddexp', logaddexp, x, y],
      ['logaddexp2', logaddexp2, x, y],
      ['xlogy', xlogy, x, positive],
      ['copysign', copysign, x, y],
    ];
    for (const [name, fn, a, b] of binary) {
      expect(gradcheck(fn, [a, b]), name).toBe(true);
      expect(gradgradcheck(fn, [a, b]), name).toBe(true);
    }
  });

  it('give the third-party identities: erf(erfinv(y)) = y, erfc(x) + erf(x) = 1, lgamma(x + 1) − lgamma(x) = log x', () => {
    const y = tensor([-0.999, -0.5, 0, 0.25, 0.9999], { dtype: 'float64' });
    const back = Array.from(erfinv(y).erf().dataSync());
    // erf itself (the kernel's series) is good to a few 1e-15 near 2.75
    back.forEach((value, index) => expect(value).toBeCloseTo(y.dataSync()[index]!, 13));
    const x = tensor([0.5, 1.5, 7.25, 30], { dtype: 'float64' });
    const recurrence = Array.from(lgamma(x.add(1)).sub(lgamma(x)).dataSync());
    recurrence.forEach((value, index) => expect(value).toBeCloseTo(Math.log(x.dataSync()[index]!), 13));
    const sums = Array.from(erfc(x).add(x.erf()).dataSync());
    for (const value of sums) expect(value).toBeCloseTo(1, 15);
  });

  it('have no gradient from signbit and heaviside, and 0 from lgamma and digamma at their poles', () => {
    const x = float64([-1, 0, 2]);
    expect(signbit(x).requiresGrad).toBe(false);
    expect(heaviside(x, tensor([0.5], { dtype: 'float64', requiresGrad: true })).requiresGrad).toBe(false);
    // torch's gradients there are digamma's −∞ / NaN and trigamma's ∞: documented divergences
    const [lgammaGradient] = grad(lgamma(x).sum(), [x]);
    const [atMinusOne, atZero, atTwo] = Array.from(lgammaGradient!.dataSync());
    expect([atMinusOne, atZero]).toEqual([0, 0]);
    expect(atTwo).toBeCloseTo(1 - 0.5772156649015329, 14);
    const [digammaGradient] = grad(digamma(x).sum(), [x]);
    expect(Array.from(digammaGradient!.dataSync()).slice(0, 2)).toEqual([0, 0]);
  });

  it('offer torch.special under its names', () => {
    const x = tensor([0.2, 0.7], { dtype: 'float64' });
    expect(special.gammaln).toBe(lgamma);
    expect(special.psi).toBe(digamma);
    expect(special.digamma).toBe(digamma);
    expect(special.erfinv).toBe(erfinv);
    expect(special.erfc).toBe(erfc);
    expect(special.logit).toBe(logit);
    expect(special.expit).toBe(sigmoid);
    expect(special.sinc).toBe(sinc);
    expect(special.xlogy).toBe(xlogy);
    expect(special.logsumexp).toBe(logsumexp);
    expect(Array.from(special.erf(x).dataSync())).toEqual(Array.from(x.erf().dataSync()));
    expect(Array.from(trunc(tensor([-2.5, 2.5])).dataSync())).toEqual([-2, 2]);
  });

  it('release their intermediates', () => {
    const x = tensor([0.3, -1.7, 2.45], { dtype: 'float64' });
    const y = tensor([0.5, -0.25, 0.75], { dtype: 'float64' });
    for (const fn of [
      lgamma,
      digamma,
      erfc,
      erfinv,
      sinc,
      (a: Tensor) => logit(a, 0.1),
      (a: Tensor) => fmod(a, y),
      (a: Tensor) => hypot(a, y),
    ])
      expect(leftBehind(() => fn(x), [x, y])).toEqual({ handles: 0, bytes: 0 });
  });

  it('names bad arguments as torch refuses them', () => {
    const integers = tensor([1, 2], { dtype: 'int32' });
    const booleans = tensor([true, false]);
    expect(() => hypot(integers, integers)).toThrow('hypot: expects floating-point inputs, got int32');
    expect(() => logaddexp(integers, integers)).toThrow('logaddexp: expects floating-point inputs, got int32');
    expect(() => logaddexp2(integers, 1)).toThrow('logaddexp2: expects floating-point inputs, got int32');
    expect(() => frac(integers)).toThrow('frac: expects a floating-point input, got int32');
    expect(() => trunc(booleans)).toThrow('trunc: not implemented for bool tensors');
    expect(() => fmod(booleans, booleans)).toThrow('fmod: not implemented for bool tensors');
    expect(() => fmod(integers, tensor([1, 0], { dtype: 'int32' }))).toThrow('fmod: integer division by zero');
    expect(() => heaviside(tensor([1]), integers)).toThrow('heaviside: input and values must have one dtype, got float32 and int32');
    expect(() => heaviside(tensor([1]), 0.5 as never)).toThrow('heaviside: values must be a tensor');
    expect(() => logit(tensor([0.5]), { epsilon: 0.1 } as never)).toThrow('logit: unknown option `epsilon`');
    expect(() => logit(tensor([0.5]), Number.NaN)).toThrow('logit: eps must be a finite number');
    expect(() => nanToNum(tensor([0.5]), { nans: 1 } as never)).toThrow('nanToNum: unknown option `nans`');
    expect(() => nanToNum(tensor([0.5]), { nan: 1 } as never, 2)).toThrow('nanToNum: the options object must come last');
    expect(() => nanToNum(tensor([0.5]), Number.NaN)).toThrow('nanToNum: nan must be a number');
  });

  it("xlogy's gradients where x = 0 are torch's, but 0 where torch's are 0/0 or 0·∞ (they were NaN for both inputs at x = 0 = y)", () => {
    const x = tensor(numbers(xlogyAtZero.x), { dtype: 'float64' }).requiresGrad_();
    const y = tensor(numbers(xlogyAtZero.y), { dtype: 'float64' }).requiresGrad_();
    xlogy(x, y).sum().backward();
    // torch: x-gradient ∞ at x = 0, y = ∞ (log ∞) and y-gradient NaN at x = 0 = y (0/0); ours 0 at both, as documented
    const torchX = numbers(xlogyAtZero.gradientX);
    const torchY = numbers(xlogyAtZero.gradientY);
    expect(Array.from(x.grad!.dataSync())).toEqual([torchX[0], torchX[1], torchX[2], 0]);
    expect(Array.from(y.grad!.dataSync())).toEqual([0, torchY[1], torchY[2], torchY[3]]);
    expect([torchX[3], torchY[0]]).toEqual([Number.POSITIVE_INFINITY, Number.NaN]);
  });
});
