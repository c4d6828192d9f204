import {
  abs,
  add,
  checkNumber,
  composite,
  describeValue,
  div,
  elu as eluOp,
  exp,
  expm1,
  ge,
  le,
  log1p,
  lt,
  maximum,
  minimum,
  mul,
  neg,
  refuseExtraArguments,
  sigmoid,
  softmax,
  type SoftmaxOptions,
  softplus,
  sub,
  tanh,
  type Tensor,
  where,
  checkTensorArguments,
} from '@dl/tensor';
import { type InplaceRest, readActivationArguments } from './activation-arguments.js';

// torch.nn.functional's other activations, each composed of @dl/tensor ops (so every device and
// autograd, higher order too) and releasing its intermediates when it returns. torch's `inplace`
// flag is read and checked (readActivationArguments); the result is computed out of place.

/** SELU's constants (Klambauer et al. 2017), as torch's. */
const seluAlpha = 1.6732632423543772; // 1.6732632423543772848170429916717 to double precision
const seluScale = 1.0507009873554805; // 1.0507009873554804934193349852946 to double precision

/** min(max(x, minVal), maxVal), defaults −1 and 1: `hardtanh(x, -2, 2)` or `{ minVal, maxVal }`. */
export function hardtanh(
  input: Tensor,
  ...rest: [minVal?: number, maxVal?: number, inplace?: boolean] | [options: { minVal?: number; maxVal?: number; inplace?: boolean }]
): Tensor {
  const { minVal = -1, maxVal = 1 } = readActivationArguments<{ minVal?: number; maxVal?: number }>('hardtanh', rest, ['minVal', 'maxVal']);
  checkNumber('hardtanh', 'minVal', minVal);
  checkNumber('hardtanh', 'maxVal', maxVal);
  if (minVal > maxVal) throw new Error(`hardtanh: minVal (${minVal}) must not exceed maxVal (${maxVal})`);
  return interiorClamp(input, minVal, maxVal);
}

/**
 * min(max(x, low), high) whose gradient is 1 only strictly inside (low, high), as torch's hardtanh
 * backward (and so relu6's and hardsigmoid's): 0 at the corners themselves, where clamp's is 1. A
 * ReLU's exact zeros fed to relu6 thus pass no gradient, as in torch.
 */
function interiorClamp(input: Tensor, low: number, high: number): Tensor {
  return composite(() => where(le(input, low), low, where(ge(input, high), high, input)));
}

/** min(max(x, 0), 6), with hardtanh's gradient (0 at 0 and 6). */
export function relu6(input: Tensor, ...rest: InplaceRest): Tensor {
  if (rest.length > 0) readActivationArguments('relu6', rest);
  return interiorClamp(input, 0, 6);
}

/** scale·(max(0, x) + min(0, α(eˣ − 1))), α ≈ 1.6733 and scale ≈ 1.0507 (self-normalising). */
export function selu(input: Tensor, ...rest: InplaceRest): Tensor {
  if (rest.length > 0) readActivationArguments('selu', rest);
  return composite(() => mul(eluOp(input, seluAlpha), seluScale));
}

/** max(0, x) + min(0, α(e^{x/α} − 1)), α default 1: `celu(x, 0.5)`, `celu(x, 0.5, true)` or `{ alpha, inplace }`. */
export function celu(
  input: Tensor,
  ...rest: [alpha?: number, inplace?: boolean] | [options?: { alpha?: number; inplace?: boolean }]
): Tensor {
  const { alpha: scale = 1 } = readActivationArguments<{ alpha?: number }>('celu', rest, ['alpha']);
  checkNumber('celu', 'alpha', scale);
  if (scale === 0) throw new Error('celu: alpha must not be 0 (it divides x)');
  // as elu: torch's x <= 0 test (NaN takes the x branch), the exponential reading min(x, 0) so that its
  // unused branch cannot overflow into a NaN gradient
  return composite(() => {
    const negative = le(input, 0);
    return where(negative, mul(expm1(div(where(negative, input, 0), scale)), scale), input);
  });
}

/**
 * log σ(x): x − log(1 + eˣ) for x < 0, −log(1 + e^{−x}) otherwise, which neither overflows nor loses
 * small values. No |x|: its derivative at 0 is 0, which would give a second derivative of 0 there, where
 * torch's is −σ(0)·σ(−0) = −1/4. Each branch reads its input clamped to its own side of 0, so that the
 * branch not taken stays finite and sends no NaN back through `where`.
 */
export function logSigmoid(input: Tensor, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('logSigmoid', ['input'], extra);
  return composite(() => {
    const negative = lt(input, 0);
    const belowZero = where(negative, input, 0);
    const aboveZero = where(negative, 0, input);
    return where(negative, sub(belowZero, log1p(exp(belowZero))), neg(log1p(exp(neg(aboveZero)))));
  });
}

/** softmax(−x) along `dim`: the smallest value gets the largest weight; `{ dtype }` casts the input first. */
export function softmin(input: Tensor, dim: number | SoftmaxOptions, options?: SoftmaxOptions, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('softmin', ['input', 'dim', 'options'], extra);
  return composite(() => softmax(neg(input), dim, options));
}

/** x / (1 + |x|). */
export function softsign(input: Tensor, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('softsign', ['input'], extra);
  return composite(() => div(input, add(abs(input), 1)));
}

/** x − tanh(x). */
export function tanhshrink(input: Tensor, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('tanhshrink', ['input'], extra);
  return composite(() => sub(input, tanh(input)));
}

/** x·tanh(softplus(x)) (Misra 2019). */
export function mish(input: Tensor, ...rest: InplaceRest): Tensor {
  if (rest.length > 0) readActivationArguments('mish', rest);
  return composite(() => mul(input, tanh(softplus(input))));
}

/** min(max(x + 3, 0), 6) / 6: a piecewise-linear sigmoid; its gradient 1/6 strictly inside (−3, 3), as torch's. */
export function hardsigmoid(input: Tensor, ...rest: InplaceRest): Tensor {
  if (rest.length > 0) readActivationArguments('hardsigmoid', rest);
  return composite(() => div(interiorClamp(add(input, 3), 0, 6), 6));
}

/**
 * x·min(max(x + 3, 0), 6) / 6 (MobileNetV3's hard swish), with torch's gradient at the corners: 0 below
 * −3, x/3 + 1/2 on [−3, 3), 1 from 3 on.
 */
export function hardswish(input: Tensor, ...rest: InplaceRest): Tensor {
  if (rest.length > 0) readActivationArguments('hardswish', rest);
  // the gate's own gradient 1/6 on [−3, 3) and 0 at 3 gives exactly those values through the product rule
  return composite(() => mul(input, where(lt(input, -3), 0, where(ge(input, 3), 1, div(add(input, 3), 6)))));
}

/** `value` where x ≤ threshold, else x (both required, as torch's F.threshold; its inplace is read): a NaN stays NaN. */
export function threshold(input: Tensor, thresholdValue: number, value: number, ...rest: InplaceRest): Tensor {
  if (rest.length > 0) readActivationArguments('threshold', rest);
  checkNumber('threshold', 'threshold', thresholdValue);
  checkNumber('threshold', 'value', value);
  return composite(() => where(le(input, thresholdValue), value, input));
}

/** a·σ(b), where a and b are the two halves of `dim` (default −1, which must have an even size). */
export function glu(input: Tensor, dim = -1, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('glu', ['input', 'dim'], extra);
  const axis = dim < 0 ? dim + input.ndim : dim;
  const size = input.shape[axis];
  if (size === undefined || size % 2 !== 0)
    throw new Error(`glu: halving dim ${dim} of [${input.shape.join(', ')}] needs an even size, got ${describeValue(size)}`);
  return composite(() => {
    const [first, second] = input.chunk(2, axis) as [Tensor, Tensor];
    return mul(first, sigmoid(second));
  });
}

/**
 * max(0, x) + weight·min(0, x) with a learnable slope: one `weight` for every channel, or one per
 * channel along dim 1 (dim 0 of a 1-d input), as torch's F.prelu.
 */
export function prelu(input: Tensor, weight: Tensor, ...extra: never[]): Tensor {
  checkTensorArguments('prelu', { input, weight });
  if (extra.length > 0) refuseExtraArguments('prelu', ['input', 'weight'], extra);
  const channels = weight.numel();
  if (weight.ndim > 1) throw new Error(`prelu: weight must be 1-d or a scalar, got [${weight.shape.join(', ')}]`);
  if (channels !== 1 && (input.ndim === 0 || input.shape[input.ndim === 1 ? 0 : 1] !== channels))
    throw new Error(
      `prelu: ${channels} weights need ${channels} channels along dim 1 of the input (dim 0 of a 1-d one), got [${input.shape.join(', ')}]`,
    );
  return composite(() => {
    // the slopes as [C, 1, …] against an input [N, C, …], so each channel gets its own
    const slopes =
      channels === 1 || input.ndim <= 2
        ? weight.reshape(channels === 1 ? [] : [channels])
        : weight.reshape([channels, ...new Array<number>(input.ndim - 2).fill(1)]);
    return add(maximum(input, 0), mul(slopes, minimum(input, 0)));
  });
}
