import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { floatTypeFor } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { i0, i1 } from './bessel-functions.js';
import { castTo } from './convert.js';
import { unaryOnHost, withoutDerivative } from './host-special-kernels.js';
import { chebyshevSeries } from './rational-approximation.js';
import { checkLive } from '../core/tensor-arguments.js';

// torch.special's modified Bessel functions of orders 0 and 1: I₀ and I₁ are torch.i0's and
// torch.special.i1's values (the same Cephes series in tensor ops, bessel-functions.ts), K₀ and K₁ and
// their scaled forms eˣ·K are Cephes' Chebyshev series (Moshier, k0.c and k1.c; the coefficients as
// torch 1.13's Math.h lists them), in float64 on the host.

// K₀(x) + ln(x/2)·I₀(x) on (0, 2], in x² − 2
const K0_SMALL = [
  1.374465435613523e-16, 4.25981614279661e-14, 1.0349695257633842e-11, 1.904516377220209e-9, 2.5347910790261494e-7, 2.286212103119452e-5,
  0.001264615411446926, 0.0359799365153615, 0.3442898999246285, -0.5353273932339028,
];
// eˣ·√x·K₀(x) on (2, ∞), in 8/x − 2
const K0_LARGE = [
  5.300433772686263e-18, -1.6475804301524212e-17, 5.2103915050390274e-17, -1.678231096805412e-16, 5.512055978524319e-16,
  -1.848593377343779e-15, 6.3400764774050706e-15, -2.2275133269916698e-14, 8.032890775363575e-14, -2.9800969231727303e-13,
  1.140340588208475e-12, -4.514597883373944e-12, 1.8559491149547177e-11, -7.957489244477107e-11, 3.577397281400301e-10,
  -1.69753450938906e-9, 8.574034017414225e-9, -4.660489897687948e-8, 2.766813639445015e-7, -1.8317555227191195e-6, 1.39498137188765e-5,
  -0.00012849549581627802, 0.0015698838857300533, -0.0314481013119645, 2.4403030820659555,
];
// x·(K₁(x) − ln(x/2)·I₁(x)) on (0, 2], in x² − 2
const K1_SMALL = [
  -7.023863479386288e-18, -2.427449850519366e-15, -6.666901694199329e-13, -1.4114883926335278e-10, -2.213387630734726e-8,
  -2.4334061415659684e-6, -0.0001730288957513052, -0.006975723859639864, -0.12261118082265715, -0.3531559607765449, 1.5253002273389478,
];
// eˣ·√x·K₁(x) on (2, ∞), in 8/x − 2
const K1_LARGE = [
  -5.756744483665017e-18, 1.7940508731475592e-17, -5.689462558442859e-17, 1.838093544366639e-16, -6.057047248373319e-16,
  2.038703165624334e-15, -7.019837090418314e-15, 2.4771544244813043e-14, -8.976705182324994e-14, 3.3484196660784293e-13,
  -1.2891739609510289e-12, 5.13963967348173e-12, -2.1299678384275683e-11, 9.218315187605006e-11, -4.1903547593418965e-10,
  2.015049755197033e-9, -1.0345762465678097e-8, 5.7410841254500495e-8, -3.5019606030878126e-7, 2.406484947837217e-6, -1.936197974166083e-5,
  0.00019521551847135162, -0.002857816859622779, 0.10392373657681724, 2.7206261904844427,
];
// where the two series of K meet
const SERIES_SWITCH = 2;

/**
 * I₀(x) and I₁(x) for 0 < x ≤ 2 by their power series Σ (x²/4)ᵏ/(k!)² and (x/2)·Σ (x²/4)ᵏ/(k!(k + 1)!):
 * the terms fall below 1e-17 of the first by k = 13.
 */
function smallArgumentI(x: number): [number, number] {
  const quarterSquare = (x * x) / 4;
  let term0 = 1;
  let term1 = 1;
  let sum0 = 1;
  let sum1 = 1;
  for (let k = 1; k <= 16; k++) {
    term0 *= quarterSquare / (k * k);
    term1 *= quarterSquare / (k * (k + 1));
    sum0 += term0;
    sum1 += term1;
  }
  return [sum0, (x / 2) * sum1];
}

/** K₀(x) in float64: +∞ at ±0, NaN for x < 0 and NaN, 0 at +∞ (e⁻ˣ underflows from x ≈ 745). */
export function modifiedBesselK0Value(x: number): number {
  if (x === 0) return Number.POSITIVE_INFINITY;
  if (x < 0) return Number.NaN;
  if (x <= SERIES_SWITCH) return chebyshevSeries(K0_SMALL, x * x - 2) - Math.log(0.5 * x) * smallArgumentI(x)[0];
  return (Math.exp(-x) * chebyshevSeries(K0_LARGE, 8 / x - 2)) / Math.sqrt(x);
}

/** K₁(x) in float64: +∞ at ±0 (and where 1/x overflows), NaN for x < 0 and NaN, 0 at +∞. */
export function modifiedBesselK1Value(x: number): number {
  if (x === 0) return Number.POSITIVE_INFINITY;
  if (x < 0) return Number.NaN;
  if (x <= SERIES_SWITCH) return Math.log(0.5 * x) * smallArgumentI(x)[1] + chebyshevSeries(K1_SMALL, x * x - 2) / x;
  return (Math.exp(-x) * chebyshevSeries(K1_LARGE, 8 / x - 2)) / Math.sqrt(x);
}

/** eˣ·K₀(x) in float64: +∞ at ±0, NaN for x < 0 and NaN, 0 at +∞. */
export function scaledModifiedBesselK0Value(x: number): number {
  if (x === 0) return Number.POSITIVE_INFINITY;
  if (x < 0) return Number.NaN;
  if (x <= SERIES_SWITCH) return modifiedBesselK0Value(x) * Math.exp(x);
  return chebyshevSeries(K0_LARGE, 8 / x - 2) / Math.sqrt(x);
}

/** eˣ·K₁(x) in float64: +∞ at ±0, NaN for x < 0 and NaN, 0 at +∞. */
export function scaledModifiedBesselK1Value(x: number): number {
  if (x === 0) return Number.POSITIVE_INFINITY;
  if (x < 0) return Number.NaN;
  if (x <= SERIES_SWITCH) return modifiedBesselK1Value(x) * Math.exp(x);
  return chebyshevSeries(K1_LARGE, 8 / x - 2) / Math.sqrt(x);
}

/** An existing I's value (differentiable i0 or i1) as a special function without a derivative. */
function withoutDerivativeOf(operation: string, torchName: string, x: Tensor, value: (input: Tensor) => Tensor): Tensor {
  checkLive(operation, 'input', x);
  return composite(() => {
    const input = castTo(x, floatTypeFor(x.dtype));
    const result = noGrad(() => value(input));
    return withoutDerivative(operation, torchName, result, [input]);
  });
}

/**
 * The modified Bessel function of the first kind of order 0, I₀(x)
 * (torch.special.modified_bessel_i0): torch.i0's value ({@link i0}, Cephes' Chebyshev series in the
 * input's dtype; +∞ once e^|x| overflows, NaN at ±∞ as torch's), without i0's derivative: a
 * backward through it throws, as torch 1.13 defines none. Integer and bool inputs give float32.
 * @example
 * modifiedBesselI0(tensor([0, 1])); // [1, 1.2661]
 */
export function modifiedBesselI0(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('modifiedBesselI0', ['x'], arguments);
  return withoutDerivativeOf('modifiedBesselI0', 'special_modified_bessel_i0', x, i0);
}

/**
 * The modified Bessel function of the first kind of order 1, I₁(x)
 * (torch.special.modified_bessel_i1), odd in x: torch.special.i1's value, without its derivative;
 * see {@link modifiedBesselI0}.
 * @example
 * modifiedBesselI1(tensor([0, 1, -1])); // [0, 0.5652, -0.5652]
 */
export function modifiedBesselI1(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('modifiedBesselI1', ['x'], arguments);
  return withoutDerivativeOf('modifiedBesselI1', 'special_modified_bessel_i1', x, i1);
}

/**
 * The modified Bessel function of the second kind of order 0, K₀(x)
 * (torch.special.modified_bessel_k0), elementwise in float64 on the host by Cephes' Chebyshev series
 * (x ≤ 2: a series in x² − 2 less ln(x/2)·I₀(x), I₀ by its power series; beyond: e⁻ˣ/√x times a
 * series in 8/x − 2), within a few ulp. +∞ at 0, NaN for x < 0, 0 at +∞, as torch's. float32
 * results are the float64 value rounded; integer and bool inputs give float32. Not differentiable: a
 * backward through it throws (torch 1.13 defines no derivative). Runs on the CPU.
 * @example
 * modifiedBesselK0(tensor([0, 1, -1])); // [Infinity, 0.4210, NaN]
 */
export function modifiedBesselK0(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('modifiedBesselK0', ['x'], arguments);
  return unaryOnHost('modifiedBesselK0', 'special_modified_bessel_k0', x, modifiedBesselK0Value);
}

/**
 * The modified Bessel function of the second kind of order 1, K₁(x)
 * (torch.special.modified_bessel_k1); see {@link modifiedBesselK0} (for x ≤ 2 the series is
 * ln(x/2)·I₁(x) + S(x² − 2)/x).
 * @example
 * modifiedBesselK1(tensor([0, 1])); // [Infinity, 0.6019]
 */
export function modifiedBesselK1(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('modifiedBesselK1', ['x'], arguments);
  return unaryOnHost('modifiedBesselK1', 'special_modified_bessel_k1', x, modifiedBesselK1Value);
}

/**
 * The exponentially scaled K₀: eˣ·K₀(x) (torch.special.scaled_modified_bessel_k0), finite for large
 * x where K₀ underflows; see {@link modifiedBesselK0}.
 * @example
 * scaledModifiedBesselK0(tensor([1, 1000])); // [1.1445, 0.03963]
 */
export function scaledModifiedBesselK0(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('scaledModifiedBesselK0', ['x'], arguments);
  return unaryOnHost('scaledModifiedBesselK0', 'special_scaled_modified_bessel_k0', x, scaledModifiedBesselK0Value);
}

/**
 * The exponentially scaled K₁: eˣ·K₁(x) (torch.special.scaled_modified_bessel_k1); see
 * {@link modifiedBesselK0}.
 * @example
 * scaledModifiedBesselK1(tensor([1, 1000])); // [1.6362, 0.03965]
 */
export function scaledModifiedBesselK1(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('scaledModifiedBesselK1', ['x'], arguments);
  return unaryOnHost('scaledModifiedBesselK1', 'special_scaled_modified_bessel_k1', x, scaledModifiedBesselK1Value);
}
