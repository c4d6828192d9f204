import { refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { unaryOnHost } from './host-special-kernels.js';
import { monicPolynomial, polynomial } from './rational-approximation.js';

// The Airy function Ai by Cephes' method (Moshier, airy.c; the coefficients as torch 1.13's Math.h
// lists them), in float64: the Maclaurin series for |x| < 2.09, and with ζ = (2/3)|x|^(3/2) the
// asymptotic forms Ai(x) = e^(−ζ)·N(1/ζ)/D(1/ζ)/(2√π·x^(1/4)) for x ≥ 2.09 and
// Ai(−x) = (sin(ζ + π/4)·(1 + z²·F(z²)) − cos(ζ + π/4)·z·G(z²))/(√π·x^(1/4)), z = 1/ζ, for x ≤ −2.09.
// F's and G's denominators are monic in Cephes (p1evl); torch 1.13 evaluates them without their
// leading 1, which costs its Ai up to ~2e-5 (relative) for −5 < x < −2.09.

const EXPONENTIAL_N = [
  0.346538101525629, 12.007595273964581, 76.27960536152345, 168.08922493463058, 159.75639135016442, 70.53609068404442, 14.026469116338967,
  1.0,
];
const EXPONENTIAL_D = [
  0.5675945326387702, 14.75625625848472, 84.51389701414746, 177.31808814540045, 164.2346928715297, 71.47784008255756, 14.095913560783403,
  1.0,
];
const OSCILLATING_FN = [
  -0.1316963234183318, -0.6264565444319123, -0.6931580360369335, -0.2797799815451191, -0.04919001326095003, -0.004062659235948854,
  -0.0001592764962392621, -2.776491081552329e-6, -1.6778769848911465e-8,
];
// monic
const OSCILLATING_FD = [
  13.356042070655324, 32.682503279522464, 26.736704094149957, 9.187074029072596, 1.4752914677166642, 0.11568717379518804,
  0.004402916416152112, 7.547203482874142e-5, 4.5185009297058035e-7,
];
const OSCILLATING_GN = [
  0.01973399320916857, 0.39110302961568827, 1.0657989759959559, 0.9391692298166502, 0.35146565610554764, 0.06338889196289255,
  0.005858041130483885, 0.000282851600836737, 6.98793669997261e-6, 8.117892395543892e-8, 3.415517847659236e-10,
];
// monic
const OSCILLATING_GD = [
  9.30892908077442, 19.835292871831214, 15.564662893286462, 5.476860694229755, 0.9542936116189619, 0.08645808263523921,
  0.004126565238242226, 0.00010125908511650914, 1.1716673321441352e-6, 4.9183457006293e-9,
];
// Ai(0) and −Ai′(0)
const AI_AT_ZERO = 0.3550280538878172;
const MINUS_SLOPE_AT_ZERO = 0.2588194037928068;
const ONE_OVER_SQRT_PI = 0.5641895835477563;
// where the asymptotic forms take over, and beyond which torch's Ai is 0 (e^(−ζ) is near underflow)
const ASYMPTOTIC_FROM = 2.09;
const ZERO_BEYOND = 103.892;

/** Ai(x) = Ai(0)·f(x) − (−Ai′(0))·g(x) by f = Σ 3ᵏ(1/3)ₖx³ᵏ/(3k)! and g = Σ 3ᵏ(2/3)ₖx³ᵏ⁺¹/(3k + 1)!, to float64 precision. */
function maclaurin(x: number): number {
  const cube = x * x * x;
  let f = 1;
  let g = x;
  let fTerm = 1;
  let gTerm = x;
  for (let k = 1; ; k++) {
    fTerm *= cube / ((3 * k - 1) * (3 * k));
    gTerm *= cube / (3 * k * (3 * k + 1));
    f += fTerm;
    g += gTerm;
    if (!(Math.abs(fTerm / f) > Number.EPSILON)) break;
  }
  return AI_AT_ZERO * f - MINUS_SLOPE_AT_ZERO * g;
}

/** Ai(x) in float64: NaN at ±∞ and NaN, and 0 beyond x = 103.892, as torch's. */
export function airyAiValue(x: number): number {
  if (!Number.isFinite(x)) return Number.NaN;
  if (x > ZERO_BEYOND) return 0;
  if (x < -ASYMPTOTIC_FROM) {
    const root = Math.sqrt(-x);
    const zeta = (2 * -x * root) / 3;
    const z = 1 / zeta;
    const z2 = z * z;
    const f = 1 + (z2 * polynomial(OSCILLATING_FN, z2)) / monicPolynomial(OSCILLATING_FD, z2);
    const g = (z * polynomial(OSCILLATING_GN, z2)) / monicPolynomial(OSCILLATING_GD, z2);
    const phase = zeta + Math.PI / 4;
    return (ONE_OVER_SQRT_PI / Math.sqrt(root)) * (Math.sin(phase) * f - Math.cos(phase) * g);
  }
  if (x >= ASYMPTOTIC_FROM) {
    const zeta = (2 * x * Math.sqrt(x)) / 3;
    const ratio = polynomial(EXPONENTIAL_N, 1 / zeta) / polynomial(EXPONENTIAL_D, 1 / zeta);
    return (ONE_OVER_SQRT_PI * ratio) / (2 * Math.sqrt(Math.sqrt(x)) * Math.exp(zeta));
  }
  return maclaurin(x);
}

/**
 * The Airy function of the first kind, Ai(x) (torch.special.airy_ai), elementwise in float64 on the
 * host by Cephes' method: the Maclaurin series for |x| < 2.09, asymptotic rational forms beyond
 * (within about 1e-15 relative, plus the phase's ~|x|^1.5·1e-16 for large negative x; torch 1.13
 * drops two of Cephes' leading coefficients and is off by up to ~2e-5 for −5 < x < −2.09). NaN at
 * ±∞ and 0 for x > 103.892, as torch's. float32 results are the float64 value rounded; integer and
 * bool inputs give float32. Not differentiable: a backward through it throws (torch 1.13 defines no
 * derivative). Runs on the CPU.
 * @example
 * airyAi(tensor([0, 1, -2])); // [0.3550, 0.1353, 0.2274]
 */
export function airyAi(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('airyAi', ['x'], arguments);
  return unaryOnHost('airyAi', 'special_airy_ai', x, airyAiValue);
}
