import { refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { unaryOnHost } from './host-special-kernels.js';
import { monicPolynomial, polynomial } from './rational-approximation.js';

// Bessel functions of the first and second kinds of orders 0 and 1 by Cephes' rational
// approximations (Moshier, j0.c and j1.c; the coefficients as torch 1.13's Math.h lists them), in
// float64. For |x| ≤ 5 a rational function of x² with the first zeros factored out; beyond, Hankel's
// asymptotic form √(2/(πx))·(P·cos χ − (5/x)·Q·sin χ), χ = x − π/4 or x − 3π/4, with P and Q
// rational in 25/x². Cephes' denominators marked "monic" have a leading coefficient 1 that the table
// leaves out (p1evl): torch 1.13 evaluates them without it, which costs its J₀, J₁, Y₀, Y₁ up to
// ~2e-6 of their envelope for 1 < x < 15. cos χ and sin χ are formed from cos x and sin x (exact for
// the double x), so the phase does not lose x − π/4's rounding, about |x|·1e-16, as torch's does.

// J₀ on [0, 5]: (x² − j₁²)(x² − j₂²)·RP(x²)/RQ(x²), j₁, j₂ its first two zeros
const J0_RP = [-4794432209.782018, 1956174919465.5657, -249248344360967.72, 9708622510473064.0];
// monic
const J0_RQ = [
  499.563147152651, 173785.4016763747, 48440965.83399621, 11185553704.535683, 2112775201154.892, 310518229857422.56, 3.1812195594320496e16,
  1.7108629408104315e18,
];
const J0_FIRST_ZERO_SQUARED = 5.783185962946784;
const J0_SECOND_ZERO_SQUARED = 30.471262343662087;
// order 0's Hankel P and Q, in 25/x²
const J0_PP = [0.0007969367292973471, 0.08283523921074408, 1.239533716464143, 5.447250030587687, 8.74716500199817, 5.303240382353949, 1.0];
const J0_PQ = [
  0.0009244088105588637, 0.08562884743544745, 1.2535274390105895, 5.470977403304171, 8.761908832370695, 5.306052882353947, 1.0,
];
const J0_QP = [
  -0.011366383889846916, -1.2825271867050931, -19.553954425773597, -93.20601521237683, -177.68116798048806, -147.07750515495118,
  -51.41053267665993, -6.050143506007285,
];
// monic
const J0_QQ = [
  64.3178256118178, 856.4300259769806, 3882.4018360540163, 7240.467741956525, 5930.727011873169, 2062.0933166032783, 242.0057402402914,
];

// J₁ on [0, 5]: x·(x² − j₁²)(x² − j₂²)·RP(x²)/RQ(x²)
const J1_RP = [-899971225.7055594, 452228297998.19403, -72749424522181.83, 3682957328638529.0];
// monic
const J1_RQ = [
  620.8364781180543, 256987.25675774884, 83514679.14319493, 22151159547.97925, 4749141220799.914, 784369607876235.9, 8.952223361846274e16,
  5.322786203326801e18,
];
const J1_FIRST_ZERO_SQUARED = 14.681970642123893;
const J1_SECOND_ZERO_SQUARED = 49.2184563216946;
// order 1's Hankel P and Q, in 25/x²
const J1_PP = [
  0.0007621256162081731, 0.07313970569409176, 1.1271960812968493, 5.112079511468076, 8.424045901417724, 5.214515986823615, 1.0,
];
const J1_PQ = [0.0005713231280725487, 0.06884559087544954, 1.105142326340617, 5.073863861286015, 8.399855543276042, 5.209828486823619, 1.0];
const J1_QP = [
  0.05108625947501766, 4.982138729512334, 75.82382841325453, 366.7796093601508, 710.8563049989261, 597.4896124006136, 211.68875710057213,
  25.207020585802372,
];
// monic
const J1_QQ = [
  74.23732770356752, 1056.4488603826283, 4986.410583376536, 9562.318924047562, 7997.041604473507, 2826.1927851763908, 336.0936078106983,
];

// Y₀ on (0, 5]: YP(x²)/YQ(x²) + (2/π)·ln x·J₀(x)
const Y0_YP = [
  15592.436785523574, -14663929.59039716, 5435264770.518765, -982136065717.9115, 87590639439536.7, -3466283033847297.0,
  4.4273326857256984e16, -1.8495080043698668e16,
];
// monic
const Y0_YQ = [
  1041.2835366425984, 626107.330137135, 268919633.39381415, 86400248710.3935, 20297961275010.555, 3171577528429750.5, 2.5059625617265306e17,
];

// Y₁ on (0, 5]: x·YP(x²)/YQ(x²) + (2/π)·(J₁(x)·ln x − 1/x)
const Y1_YP = [
  1263204747.9017804, -647355876379.1603, 114509511541823.73, -8127702555013251.0, 2.024394757135949e17, -7.788771962659501e17,
];
// monic
const Y1_YQ = [
  594.3015923461282, 235564.09294306856, 73481194.44597217, 18760131610.870617, 3882312774962.3857, 620557727146953.8, 6.871410873553005e16,
  3.9727060811656064e18,
];

// where the rational function hands over to Hankel's form
const HANKEL_FROM = 5;
const TWO_OVER_PI = 2 / Math.PI;
const ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);

/** Hankel's P and Q of an order at x > 5, with the factor 5/x of the Q term applied. */
function hankelTerms(x: number, pp: number[], pq: number[], qp: number[], qq: number[]): [number, number] {
  const w = 25 / (x * x);
  return [polynomial(pp, w) / polynomial(pq, w), ((5 / x) * polynomial(qp, w)) / monicPolynomial(qq, w)];
}

/** J₀(x) in float64, even in x; NaN at ±∞ and NaN, as torch's (cos ∞ is NaN). */
export function besselJ0Value(x: number): number {
  const magnitude = Math.abs(x);
  if (magnitude <= HANKEL_FROM) {
    if (magnitude < 1e-5) return 1 - (magnitude * magnitude) / 4;
    const z = magnitude * magnitude;
    return ((z - J0_FIRST_ZERO_SQUARED) * (z - J0_SECOND_ZERO_SQUARED) * polynomial(J0_RP, z)) / monicPolynomial(J0_RQ, z);
  }
  const [p, q] = hankelTerms(magnitude, J0_PP, J0_PQ, J0_QP, J0_QQ);
  const cosine = Math.cos(magnitude);
  const sine = Math.sin(magnitude);
  // cos(x − π/4) = (cos x + sin x)/√2, sin(x − π/4) = (sin x − cos x)/√2
  return ((p * (cosine + sine) - q * (sine - cosine)) * ONE_OVER_SQRT_PI) / Math.sqrt(magnitude);
}

/** J₁(x) in float64, odd in x (−0 gives −0); NaN at ±∞ and NaN. */
export function besselJ1Value(x: number): number {
  if (x < 0) return -besselJ1Value(-x);
  if (x <= HANKEL_FROM) {
    const z = x * x;
    return (polynomial(J1_RP, z) / monicPolynomial(J1_RQ, z)) * x * (z - J1_FIRST_ZERO_SQUARED) * (z - J1_SECOND_ZERO_SQUARED);
  }
  const [p, q] = hankelTerms(x, J1_PP, J1_PQ, J1_QP, J1_QQ);
  const cosine = Math.cos(x);
  const sine = Math.sin(x);
  // cos(x − 3π/4) = (sin x − cos x)/√2, sin(x − 3π/4) = −(sin x + cos x)/√2
  return ((p * (sine - cosine) + q * (sine + cosine)) * ONE_OVER_SQRT_PI) / Math.sqrt(x);
}

/** Y₀(x) in float64: −∞ at ±0, NaN for x < 0, +∞ and NaN. */
export function besselY0Value(x: number): number {
  if (x <= HANKEL_FROM) {
    if (x === 0) return Number.NEGATIVE_INFINITY;
    if (x < 0) return Number.NaN;
    const z = x * x;
    return polynomial(Y0_YP, z) / monicPolynomial(Y0_YQ, z) + TWO_OVER_PI * Math.log(x) * besselJ0Value(x);
  }
  const [p, q] = hankelTerms(x, J0_PP, J0_PQ, J0_QP, J0_QQ);
  const cosine = Math.cos(x);
  const sine = Math.sin(x);
  return ((p * (sine - cosine) + q * (cosine + sine)) * ONE_OVER_SQRT_PI) / Math.sqrt(x);
}

/** Y₁(x) in float64: −∞ at ±0 (and where −2/(πx) overflows), NaN for x < 0, +∞ and NaN. */
export function besselY1Value(x: number): number {
  if (x <= HANKEL_FROM) {
    if (x === 0) return Number.NEGATIVE_INFINITY;
    if (x < 0) return Number.NaN;
    const z = x * x;
    return x * (polynomial(Y1_YP, z) / monicPolynomial(Y1_YQ, z)) + TWO_OVER_PI * (besselJ1Value(x) * Math.log(x) - 1 / x);
  }
  const [p, q] = hankelTerms(x, J1_PP, J1_PQ, J1_QP, J1_QQ);
  const cosine = Math.cos(x);
  const sine = Math.sin(x);
  return ((q * (sine - cosine) - p * (sine + cosine)) * ONE_OVER_SQRT_PI) / Math.sqrt(x);
}

// sin x/x = Σ (−x²)ᵏ/(2k + 1)! below |x| = ½, through x¹² (the next term is under 1e-17)
const SINC_SERIES = [1 / 6227020800, -1 / 39916800, 1 / 362880, -1 / 5040, 1 / 120, -1 / 6, 1];

/** j₀(x) = sin x/x in float64: 1 at 0 (the Taylor series below |x| = ½), 0 at ±∞ as torch's, NaN at NaN. */
export function sphericalBesselJ0Value(x: number): number {
  if (x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY) return 0;
  if (Math.abs(x) < 0.5) return polynomial(SINC_SERIES, x * x);
  return Math.sin(x) / x;
}

/**
 * The Bessel function of the first kind of order 0, J₀(x) (torch.special.bessel_j0), elementwise in
 * float64 on the host by Cephes' rational approximations (within about 1e-15 of J₀'s envelope
 * min(1, √(2/(π|x|))); torch 1.13's own drops Cephes' leading denominator coefficients and is off by
 * up to ~1e-6 of it for 1 < |x| < 15). NaN at ±∞ as torch's. float32 results are the float64 value
 * rounded; integer and bool inputs give float32. Not differentiable: a backward through it throws
 * (torch 1.13 defines no derivative). Runs on the CPU.
 * @example
 * besselJ0(tensor([0, 1, 2.404825557695773])); // [1, 0.7652, ≈0]
 */
export function besselJ0(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('besselJ0', ['x'], arguments);
  return unaryOnHost('besselJ0', 'special_bessel_j0', x, besselJ0Value);
}

/**
 * The Bessel function of the first kind of order 1, J₁(x) (torch.special.bessel_j1), odd in x; see
 * {@link besselJ0} for the method, accuracy, dtypes and the missing derivative.
 * @example
 * besselJ1(tensor([0, 1, -1])); // [0, 0.4401, -0.4401]
 */
export function besselJ1(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('besselJ1', ['x'], arguments);
  return unaryOnHost('besselJ1', 'special_bessel_j1', x, besselJ1Value);
}

/**
 * The Bessel function of the second kind of order 0, Y₀(x) (torch.special.bessel_y0): −∞ at 0 and
 * NaN for x < 0, as torch's; see {@link besselJ0} for the method, accuracy, dtypes and the missing
 * derivative.
 * @example
 * besselY0(tensor([0, 1, -1])); // [-Infinity, 0.0883, NaN]
 */
export function besselY0(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('besselY0', ['x'], arguments);
  return unaryOnHost('besselY0', 'special_bessel_y0', x, besselY0Value);
}

/**
 * The Bessel function of the second kind of order 1, Y₁(x) (torch.special.bessel_y1): −∞ at 0 and
 * NaN for x < 0, as torch's; see {@link besselJ0} for the method, accuracy, dtypes and the missing
 * derivative.
 * @example
 * besselY1(tensor([0, 1, -1])); // [-Infinity, -0.7812, NaN]
 */
export function besselY1(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('besselY1', ['x'], arguments);
  return unaryOnHost('besselY1', 'special_bessel_y1', x, besselY1Value);
}

/**
 * The spherical Bessel function of the first kind of order 0, j₀(x) = sin x/x
 * (torch.special.spherical_bessel_j0): 1 at 0 (its Taylor series for |x| < ½), 0 at ±∞, as torch's.
 * float32 results are the float64 value rounded; integer and bool inputs give float32. Not
 * differentiable: a backward through it throws (torch 1.13 defines no derivative). Runs on the CPU.
 * @example
 * sphericalBesselJ0(tensor([0, Math.PI / 2])); // [1, 0.6366]
 */
export function sphericalBesselJ0(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('sphericalBesselJ0', ['x'], arguments);
  return unaryOnHost('sphericalBesselJ0', 'special_spherical_bessel_j0', x, sphericalBesselJ0Value);
}
