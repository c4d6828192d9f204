import { isFloating } from '../core/dtype.js';
import { getDefaultDtype } from '../core/default-dtype.js';
import { checkBoolean, checkNumber, describeValue, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { i0 } from './bessel-functions.js';
import { arange, full, ones, zeros, type CreationOptions } from './creation.js';
import { checkCreationOptions, creationKeys } from './creation-arguments.js';
import { add, cos, div, ge, mul, pow, sqrt, sub, where } from './elementwise.js';
import { narrow } from './views.js';

/** The options of every window function. */
export interface WindowOptions extends CreationOptions {
  /** A window for spectral analysis: the symmetric window of length N + 1 without its last value. Default true. */
  periodic?: boolean;
}

/** hammingWindow's options: w[k] = alpha − beta·cos(2πk/(N − 1)). */
export interface HammingWindowOptions extends WindowOptions {
  /** Default 0.54. */
  alpha?: number;
  /** Default 0.46. */
  beta?: number;
}

/** kaiserWindow's options. */
export interface KaiserWindowOptions extends WindowOptions {
  /** The shape parameter β (larger: a narrower window). Default 12. */
  beta?: number;
}

interface WindowShape<Options> {
  options: Options;
  /** The symmetric length computed (N, or N + 1 for a periodic window), undefined for lengths 0 and 1. */
  length?: number;
}

/**
 * The arguments of a window function, checked as torch's window_function_checks: a non-negative
 * integer length, a floating dtype; `positional` names what torch takes by position after the length.
 */
function readWindow<Options extends WindowOptions>(
  owner: string,
  windowLength: number,
  rest: readonly unknown[],
  positional: readonly string[],
): WindowShape<Options> {
  const read = readArguments<Options>(owner, rest, positional, [...positional, ...creationKeys]);
  const options = checkCreationOptions<Options>(owner, read, [...positional, ...creationKeys]);
  if (typeof windowLength !== 'number' || !Number.isInteger(windowLength) || windowLength < 0)
    throw new Error(`${owner}: windowLength must be a non-negative integer, got ${describeValue(windowLength)}`);
  const dtype = options.dtype ?? getDefaultDtype();
  if (!isFloating(dtype)) throw new Error(`${owner} expects a floating point dtype, got ${dtype}`);
  const periodic = checkBoolean(owner, 'periodic', options.periodic ?? true);
  if (windowLength <= 1) return { options };
  return { options, length: periodic ? windowLength + 1 : windowLength };
}

/**
 * Builds a window: lengths 0 and 1 give [] and [1] (as torch); otherwise `values(k)` of the indices
 * k = 0 … length − 1 in the dtype (arange), without the last value for a periodic window. Computed
 * with tensor ops in the dtype, in torch's order, so float32 rounds as torch's does.
 */
function buildWindow(windowLength: number, shape: WindowShape<WindowOptions>, values: (indices: Tensor) => Tensor): Tensor {
  const { options, length } = shape;
  const creation = { dtype: options.dtype ?? getDefaultDtype(), device: options.device };
  let result: Tensor;
  if (windowLength === 0) result = zeros([0], creation);
  else if (length === undefined) result = ones([1], creation);
  else {
    result = composite(() =>
      noGrad(() => {
        const window = values(arange(0, length, 1, creation));
        return length === windowLength ? window : narrow(window, 0, 0, windowLength);
      }),
    );
  }
  if (options.requiresGrad) result.requiresGrad = true;
  return result;
}

/** α − β·cos(2πk/(N − 1)): the generalised Hamming window of torch's hamming_window. */
function raisedCosine(indices: Tensor, length: number, alpha: number, beta: number): Tensor {
  return add(mul(cos(mul(indices, (2 * Math.PI) / (length - 1))), -beta), alpha);
}

/**
 * The Hann window w[k] = ½ − ½·cos(2πk/(N − 1)) (torch.hann_window), N the window length (plus one
 * when periodic, the last value then dropped). `periodic` is positional too, as torch's.
 * @example
 * hannWindow(4); // [0, 0.5, 1, 0.5]
 * hannWindow(4, { periodic: false }); // [0, 0.75, 0.75, 0]
 */
export function hannWindow(windowLength: number, periodic?: boolean | WindowOptions, options?: WindowOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('hannWindow', ['windowLength', 'periodic', 'options'], arguments);
  const shape = readWindow<WindowOptions>('hannWindow', windowLength, [periodic, options], ['periodic']);
  return buildWindow(windowLength, shape, (k) => raisedCosine(k, shape.length!, 0.5, 0.5));
}

/**
 * The Hamming window w[k] = α − β·cos(2πk/(N − 1)) (torch.hamming_window), α = 0.54 and β = 0.46
 * unless given. `periodic`, `alpha` and `beta` are positional too, as torch's.
 * @example
 * hammingWindow(5, { periodic: false }); // [0.08, 0.54, 1, 0.54, 0.08]
 */
export function hammingWindow(
  windowLength: number,
  periodic?: boolean | HammingWindowOptions,
  alpha?: number | HammingWindowOptions,
  beta?: number | HammingWindowOptions,
  options?: HammingWindowOptions,
): Tensor {
  if (arguments.length > 5) refuseArgumentsPast('hammingWindow', ['windowLength', 'periodic', 'alpha', 'beta', 'options'], arguments);
  const shape = readWindow<HammingWindowOptions>(
    'hammingWindow',
    windowLength,
    [periodic, alpha, beta, options],
    ['periodic', 'alpha', 'beta'],
  );
  const a = checkNumber('hammingWindow', 'alpha', shape.options.alpha ?? 0.54);
  const b = checkNumber('hammingWindow', 'beta', shape.options.beta ?? 0.46);
  return buildWindow(windowLength, shape, (k) => raisedCosine(k, shape.length!, a, b));
}

/**
 * The Blackman window w[k] = 0.42 − 0.5·cos(2πk/(N − 1)) + 0.08·cos(4πk/(N − 1))
 * (torch.blackman_window). `periodic` is positional too.
 * @example
 * blackmanWindow(5, { periodic: false }); // [-1.49e-8, 0.34, 1, 0.34, -1.49e-8] (0 up to rounding)
 */
export function blackmanWindow(windowLength: number, periodic?: boolean | WindowOptions, options?: WindowOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('blackmanWindow', ['windowLength', 'periodic', 'options'], arguments);
  const shape = readWindow<WindowOptions>('blackmanWindow', windowLength, [periodic, options], ['periodic']);
  return buildWindow(windowLength, shape, (k) => {
    const angle = mul(k, Math.PI / (shape.length! - 1));
    return add(sub(mul(cos(mul(angle, 4)), 0.08), mul(cos(mul(angle, 2)), 0.5)), 0.42);
  });
}

/**
 * The Bartlett (triangular) window w[k] = 2k/(N − 1) on the first half and 2 − 2k/(N − 1) on the
 * second (torch.bartlett_window). `periodic` is positional too.
 * @example
 * bartlettWindow(5, { periodic: false }); // [0, 0.5, 1, 0.5, 0]
 */
export function bartlettWindow(windowLength: number, periodic?: boolean | WindowOptions, options?: WindowOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('bartlettWindow', ['windowLength', 'periodic', 'options'], arguments);
  const shape = readWindow<WindowOptions>('bartlettWindow', windowLength, [periodic, options], ['periodic']);
  return buildWindow(windowLength, shape, (k) => {
    const length = shape.length!;
    const rising = mul(k, 2 / (length - 1));
    // torch's first half holds ⌊(N − 1)/2⌋ + 1 values
    return where(ge(k, ((length - 1) >> 1) + 1), sub(2, rising), rising);
  });
}

/**
 * The Kaiser window w[k] = I₀(β·√(1 − ((k − α)/α)²))/I₀(β), α = (N − 1)/2 (torch.kaiser_window), with
 * β = 12 unless given. `periodic` and `beta` are positional too.
 * @example
 * kaiserWindow(5, { periodic: false, beta: 5 }); // [0.0367, 0.5177, 1, 0.5177, 0.0367]
 */
export function kaiserWindow(
  windowLength: number,
  periodic?: boolean | KaiserWindowOptions,
  beta?: number | KaiserWindowOptions,
  options?: KaiserWindowOptions,
): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('kaiserWindow', ['windowLength', 'periodic', 'beta', 'options'], arguments);
  const shape = readWindow<KaiserWindowOptions>('kaiserWindow', windowLength, [periodic, beta, options], ['periodic', 'beta']);
  const shapeParameter = checkNumber('kaiserWindow', 'beta', shape.options.beta ?? 12);
  return buildWindow(windowLength, shape, (k) => {
    const alpha = (shape.length! - 1) / 2;
    const ratio = div(sub(k, alpha), alpha);
    const argument = mul(sqrt(sub(1, pow(ratio, 2))), shapeParameter);
    return div(i0(argument), i0(full([], shapeParameter, { dtype: k.dtype, device: k.device })));
  });
}
