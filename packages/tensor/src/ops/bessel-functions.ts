import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { floatTypeFor, isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { attachDerivative } from './attach-derivative.js';
import { castTo } from './convert.js';
import { abs, add, div, exp, gt, isfinite, le, lt, mul, neg, reciprocal, sign, sqrt, sub, where } from './elementwise.js';
import { checkLive } from '../core/tensor-arguments.js';

// Cephes' Chebyshev coefficients (torch's aten/src/ATen/native/Math.h), first to last as chbevl reads them.
// exp(−x)·I₀(x) on [0, 8], in y = x/2 − 2
const I0_SMALL = [
  -4.4153416464793395e-18, 3.3307945188222384e-17, -2.431279846547955e-16, 1.715391285555133e-15, -1.1685332877993451e-14,
  7.676185498604936e-14, -4.856446783111929e-13, 2.95505266312964e-12, -1.726826291441556e-11, 9.675809035373237e-11,
  -5.189795601635263e-10, 2.6598237246823866e-9, -1.300025009986248e-8, 6.046995022541919e-8, -2.670793853940612e-7, 1.1173875391201037e-6,
  -4.4167383584587505e-6, 1.6448448070728896e-5, -5.754195010082104e-5, 0.00018850288509584165, -0.0005763755745385824,
  0.0016394756169413357, -0.004324309995050576, 0.010546460394594998, -0.02373741480589947, 0.04930528423967071, -0.09490109704804764,
  0.17162090152220877, -0.3046826723431984, 0.6767952744094761,
];
// exp(−x)·√x·I₀(x) on [8, ∞), in y = 32/x − 2
const I0_LARGE = [
  -7.233180487874754e-18, -4.830504485944182e-18, 4.46562142029676e-17, 3.461222867697461e-17, -2.8276239805165836e-16,
  -3.425485619677219e-16, 1.7725601330565263e-15, 3.8116806693526224e-15, -9.554846698828307e-15, -4.150569347287222e-14,
  1.54008621752141e-14, 3.8527783827421426e-13, 7.180124451383666e-13, -1.7941785315068062e-12, -1.3215811840447713e-11,
  -3.1499165279632416e-11, 1.1889147107846439e-11, 4.94060238822497e-10, 3.3962320257083865e-9, 2.266668990498178e-8, 2.0489185894690638e-7,
  2.8913705208347567e-6, 6.889758346916825e-5, 0.0033691164782556943, 0.8044904110141088,
];
// exp(−x)·I₁(x)/x on [0, 8]
const I1_SMALL = [
  2.7779141127610464e-18, -2.111421214358166e-17, 1.5536319577362005e-16, -1.1055969477353862e-15, 7.600684294735408e-15,
  -5.042185504727912e-14, 3.223793365945575e-13, -1.9839743977649436e-12, 1.1736186298890901e-11, -6.663489723502027e-11,
  3.625590281552117e-10, -1.8872497517228294e-9, 9.381537386495773e-9, -4.445059128796328e-8, 2.0032947535521353e-7, -8.568720264695455e-7,
  3.4702513081376785e-6, -1.3273163656039436e-5, 4.781565107550054e-5, -0.00016176081582589674, 0.0005122859561685758,
  -0.0015135724506312532, 0.004156422944312888, -0.010564084894626197, 0.024726449030626516, -0.05294598120809499, 0.1026436586898471,
  -0.17641651835783406, 0.25258718644363365,
];
// exp(−x)·√x·I₁(x) on [8, ∞)
const I1_LARGE = [
  7.517296310842105e-18, 4.414348323071708e-18, -4.6503053684893586e-17, -3.209525921993424e-17, 2.96262899764595e-16,
  3.3082023109209285e-16, -1.8803547755107825e-15, -3.8144030724370075e-15, 1.0420276984128802e-14, 4.272440016711951e-14,
  -2.1015418427726643e-14, -4.0835511110921974e-13, -7.198551776245908e-13, 2.0356285441470896e-12, 1.4125807436613782e-11,
  3.2526035830154884e-11, -1.8974958123505413e-11, -5.589743462196584e-10, -3.835380385964237e-9, -2.6314688468895196e-8,
  -2.512236237870209e-7, -3.882564808877691e-6, -0.00011058893876262371, -0.009761097491361469, 0.7785762350182801,
];
// where the series switch: |x| ≤ 8 uses the first table
const SWITCH = 8;

function floatInput(x: Tensor): Tensor {
  return isFloating(x.dtype) ? x : castTo(x, floatTypeFor(x.dtype));
}

/**
 * Cephes' chbevl by Clenshaw's recurrence: b₀ ← y·b₁ − b₂ + cᵢ over the coefficients, then ½(b₀ − b₂).
 */
function chebyshev(y: Tensor, coefficients: readonly number[]): Tensor {
  let previous: Tensor | number = 0;
  let before: Tensor | number = 0;
  let current: Tensor | number = coefficients[0]!;
  for (const coefficient of coefficients.slice(1)) {
    before = previous;
    previous = current;
    current = add(sub(mul(y, previous), before), coefficient);
  }
  return mul(sub(current, before), 0.5);
}

interface SeriesParts {
  /** |x|. */
  magnitude: Tensor;
  /** |x| ≤ 8. */
  small: Tensor;
  /** The [0, 8] series at |x| (|x| replaced by 8 where it does not apply). */
  smallSeries: Tensor;
  /** The [8, ∞) series at |x| (|x| replaced by 8 where it does not apply, so 32/|x| stays finite). */
  largeSeries: Tensor;
}

/** Both Chebyshev series of an order at |x|, each fed only the arguments of its interval. */
function seriesParts(x: Tensor, smallTable: readonly number[], largeTable: readonly number[]): SeriesParts {
  const magnitude = abs(x);
  const small = le(magnitude, SWITCH);
  const smallArgument = where(small, magnitude, SWITCH);
  const largeArgument = where(small, SWITCH, magnitude);
  return {
    magnitude,
    small,
    smallSeries: chebyshev(sub(div(smallArgument, 2), 2), smallTable),
    largeSeries: chebyshev(sub(div(32, largeArgument), 2), largeTable),
  };
}

/** The sign of x applied to an odd function's value at |x|: torch's `x < 0 ? −out : out`. */
function oddSign(x: Tensor, value: Tensor): Tensor {
  return where(lt(x, 0), neg(value), value);
}

/**
 * An elementwise special function: the value without a graph, the gradient from `derivativeOf` of the
 * input and the output (as torch's backward formulas read them).
 */
function special(
  name: string,
  x: Tensor,
  value: (input: Tensor) => Tensor,
  derivativeOf: (input: Tensor, output: Tensor) => Tensor,
): Tensor {
  checkLive(name, 'input', x);
  return composite(() => {
    const input = floatInput(x);
    return attachDerivative(
      `${name[0]!.toUpperCase()}${name.slice(1)}`,
      noGrad(() => value(input)),
      input,
      noGrad(() => isfinite(input)),
      derivativeOf,
    );
  });
}

/**
 * The modified Bessel function of the first kind of order 0, I₀(x) = Σₖ (x/2)²ᵏ/(k!)² (torch.i0,
 * torch.special.i0), by Cephes' Chebyshev series as torch computes it: e^|x|·A(|x|/2 − 2) for
 * |x| ≤ 8 and e^|x|·B(32/|x| − 2)/√|x| beyond. The gradient is I₁(x). Integer inputs give float32.
 * @example
 * i0(tensor([0, 1, 5])); // [1, 1.2661, 27.2399]
 */
export function i0(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('i0', ['x'], arguments);
  return special(
    'i0',
    x,
    (input) => {
      const { magnitude, small, smallSeries, largeSeries } = seriesParts(input, I0_SMALL, I0_LARGE);
      const growth = exp(magnitude);
      return where(small, mul(growth, smallSeries), div(mul(growth, largeSeries), sqrt(magnitude)));
    },
    (input) => i1(input),
  );
}

/**
 * The exponentially scaled I₀: e^(−|x|)·I₀(x) (torch.special.i0e), finite for every x. The gradient
 * is i1e(x) − sign(x)·i0e(x).
 * @example
 * i0e(tensor([0, 1, 10])); // [1, 0.4658, 0.1278]
 */
export function i0e(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('i0e', ['x'], arguments);
  return special(
    'i0e',
    x,
    (input) => {
      const { magnitude, small, smallSeries, largeSeries } = seriesParts(input, I0_SMALL, I0_LARGE);
      return where(small, smallSeries, div(largeSeries, sqrt(magnitude)));
    },
    (input, output) => sub(i1e(input), mul(sign(input), output)),
  );
}

/**
 * The gradient of I₁ or of its scaled form, as torch's i1_backward and i1e_backward: `nearZero`'s
 * value ½ where |x| ≤ machine epsilon (the limit at 0), `away(x)` elsewhere.
 */
function oddOrderDerivative(input: Tensor, away: (safe: Tensor) => Tensor): Tensor {
  const epsilon = input.dtype === 'float64' ? Number.EPSILON : 2 ** -23;
  const notTiny = gt(abs(input), epsilon);
  return where(notTiny, away(where(notTiny, input, epsilon)), 0.5);
}

/**
 * The modified Bessel function of the first kind of order 1, I₁(x) (torch.special.i1), by Cephes'
 * Chebyshev series: e^|x|·|x|·A(|x|/2 − 2) for |x| ≤ 8, e^|x|·B(32/|x| − 2)/√|x| beyond, odd in x.
 * The gradient is I₀(x) − I₁(x)/x (½ at 0).
 * @example
 * i1(tensor([0, 1, -5])); // [0, 0.5652, -24.3356]
 */
export function i1(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('i1', ['x'], arguments);
  return special(
    'i1',
    x,
    (input) => {
      const { magnitude, small, smallSeries, largeSeries } = seriesParts(input, I1_SMALL, I1_LARGE);
      const growth = exp(magnitude);
      return oddSign(input, where(small, mul(mul(growth, magnitude), smallSeries), div(mul(growth, largeSeries), sqrt(magnitude))));
    },
    (input, output) => oddOrderDerivative(input, (safe) => sub(i0(safe), div(output, safe))),
  );
}

/**
 * The exponentially scaled I₁: e^(−|x|)·I₁(x) (torch.special.i1e). The gradient is
 * i0e(x) − i1e(x)·(sign(x) + 1/x) (½ at 0).
 * @example
 * i1e(tensor([0, 1, -5])); // [0, 0.2079, -0.1640]
 */
export function i1e(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('i1e', ['x'], arguments);
  return special(
    'i1e',
    x,
    (input) => {
      const { magnitude, small, smallSeries, largeSeries } = seriesParts(input, I1_SMALL, I1_LARGE);
      return oddSign(input, where(small, mul(smallSeries, magnitude), div(largeSeries, sqrt(magnitude))));
    },
    (input, output) => oddOrderDerivative(input, (safe) => sub(i0e(safe), mul(output, add(sign(safe), reciprocal(safe))))),
  );
}
