import { record } from '../autograd/record.js';
import { normalizeDim } from '../core/shape.js';
import { requiredDim } from '../core/dim-arguments.js';
import { isFloating, resolveDType, type DType } from '../core/dtype.js';
import { readArguments, refuseArgumentsPast } from '../core/options.js';
import { castTo } from './convert.js';
import { composite, releaseIfMade } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { allocate } from './allocate.js';
import { isFloatPair } from './float-pair.js';
import { exp, log, mul, sub } from './elementwise.js';
import { rowMaximum, sum } from './reduce.js';
import { contiguous, reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch's keywords of softmax and log_softmax: `dim`, and `dtype`, the dtype the input is cast to before
 * the op (torch's way to take the softmax of integers, or to compute a float32 input in float64).
 * @example
 * softmax(x, 1, { dtype: 'float64' }); softmax(x, { dim: 1 });
 */
export interface SoftmaxOptions {
  /** The dimension the values are normalised along. Required (positionally or here): torch's implicit dim is deprecated. */
  dim?: number;
  /** Cast the input to this floating dtype first. Default: the input's dtype, which must be floating. */
  dtype?: DType;
}

/** exp(logSoftmax(x, dim)): the values along `dim` as probabilities. */
export function softmax(x: Tensor, dim: number | SoftmaxOptions, options?: SoftmaxOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('softmax', ['x', 'dim', 'options'], arguments);
  const [input, axis] = readSoftmaxArguments('softmax', x, dim, options);
  const output = composite(() => exp(logSoftmaxAlong(input, axis)));
  releaseIfMade(input, x);
  return output;
}

/**
 * log-softmax along `dim`: (x − m) − log Σ exp(x − m) with m the maximum. Subtracting m first, rather
 * than x − logsumexp(x), keeps float32 precision for large logits (logsumexp ≈ 1001.4 holds only ~4
 * digits after the point). m is the raw maximum, as torch's kernel: a slice holding +∞, NaN or only −∞
 * gives NaN throughout (x − m is NaN at m = ±∞), so logsumexp's finite-shift select is not needed here.
 *
 * The composite (six kernels forward, seven backward) is the reference. A backend with fused
 * `logSoftmax` kernels runs float32 and float64 in one pass each way, and the op is then its own
 * primitive: the same values bit for bit forward, and torch's backward g − exp(y)·Σg.
 */
export function logSoftmax(x: Tensor, dim: number | SoftmaxOptions, options?: SoftmaxOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('logSoftmax', ['x', 'dim', 'options'], arguments);
  const [input, axis] = readSoftmaxArguments('logSoftmax', x, dim, options);
  const output = logSoftmaxAlong(input, axis);
  releaseIfMade(input, x);
  return output;
}

/**
 * The input (cast to `dtype` when given) and the axis. An integer or bool input is refused, as torch's
 * kernels are (it computed before, silently in floating point).
 */
function readSoftmaxArguments(operation: string, x: Tensor, dim: unknown, options: SoftmaxOptions | undefined): [Tensor, number] {
  // the positional form every loss uses skips the options reading
  const read =
    typeof dim === 'number' && options === undefined
      ? { dim, dtype: undefined }
      : readArguments<SoftmaxOptions>(operation, [dim, options], ['dim'], ['dim', 'dtype']);
  // torch's softmax without dim picks one from the rank (deprecated, often the batch axis): here it must be named
  const axis = normalizeDim(operation, requiredDim(operation, read.dim, " (torch's implicit dim is deprecated)"), x.ndim);
  const dtype = read.dtype === undefined ? undefined : resolveDType(operation, read.dtype);
  if (dtype !== undefined && !isFloating(dtype))
    throw new Error(`${operation}: dtype must be a floating dtype (torch has no integer ${operation} kernel), got '${dtype}'`);
  const input = dtype === undefined ? x : castTo(x, dtype);
  if (!isFloating(input.dtype))
    throw new Error(
      `${operation}: not implemented for ${input.dtype} input (torch refuses integer and bool input too); pass { dtype: 'float32' } or call .float() first`,
    );
  return [input, axis];
}

function logSoftmaxAlong(x: Tensor, axis: number): Tensor {
  const kernel = x.storage.backend.fused?.logSoftmax;
  if (kernel === undefined || (x.dtype !== 'float32' && x.dtype !== 'float64')) return compositeLogSoftmax(x, axis);
  checkLive('logSoftmax', 'input', x);
  const input = contiguous(x);
  const output = allocate(input.shape, input.dtype, input.device);
  kernel(input.kernelView(), output.kernelView(), axis);
  record(output, 'logSoftmax', [input], { axis });
  releaseIfMade(input, x);
  return output;
}

function compositeLogSoftmax(x: Tensor, axis: number): Tensor {
  // an empty input has no maximum to shift by and nothing to normalise: an empty result, as torch's
  if (x.numel() === 0) return composite(() => sub(x, x));
  // a 0-d tensor is a row of one element along its dim 0, as torch reads it
  if (x.ndim === 0) return composite(() => reshape(compositeLogSoftmax(reshape(x, [1]), 0), []));
  return composite(() => {
    const shifted = sub(x, rowMaximum(x, [axis]));
    return sub(shifted, log(sum(exp(shifted), axis, true)));
  });
}

/**
 * log-softmax's backward: g − exp(y) · Σ g along `axis`, for y = logSoftmax(x). One pass on a backend's
 * fused kernel (float32 or float64, one shape and device), the composite otherwise; on the fused path it
 * is a primitive whose own derivative (autograd/rules.ts) keeps higher-order gradients.
 */
export function logSoftmaxGradient(gradient: Tensor, output: Tensor, axis: number): Tensor {
  const kernel = gradient.storage.backend.fused?.logSoftmaxGradient;
  if (kernel === undefined || !isFloatPair(gradient, output))
    return composite(() => sub(gradient, mul(exp(output), sum(gradient, axis, true))));
  const incoming = contiguous(gradient);
  const saved = contiguous(output);
  const result = allocate(incoming.shape, incoming.dtype, incoming.device);
  kernel(incoming.kernelView(), saved.kernelView(), result.kernelView(), axis);
  record(result, 'logSoftmaxGradient', [incoming, saved], { axis });
  releaseIfMade(incoming, gradient);
  releaseIfMade(saved, output);
  return result;
}
