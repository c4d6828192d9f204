import type { WindowGeometry } from '../core/backend.js';
import { checkOptions, describeValue, readArguments, refuseExtraArguments } from '../core/options.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { record } from '../autograd/record.js';
import { allocate } from './allocate.js';
import { contiguous, reshape } from './views.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

export type Pair = number | readonly [number, number];

export function pair(value: Pair): [number, number] {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}

/** A size given as one integer or a pair (torch's int or tuple of two); its entries are checked with the geometry. */
function checkPair(operation: string, name: string, value: unknown): void {
  if (typeof value !== 'number' && !(Array.isArray(value) && value.length === 2))
    throw new Error(`${operation}: ${name} must be an integer or a pair of integers, got ${describeValue(value)}`);
}

/** Output extent of a sliding window: ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1 (⌈⌉ with ceilMode). */
export function slidingExtent(size: number, kernel: number, stride: number, padding: number, dilation: number, ceilMode = false): number {
  const span = size + 2 * padding - dilation * (kernel - 1) - 1;
  let extent = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  // ceil mode: the last window must start inside the input or the left padding (torch's rule)
  if (ceilMode && (extent - 1) * stride >= size + padding) extent--;
  return extent;
}

export interface WindowOptions {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  ceilMode?: boolean;
  padValue?: number;
}

export function windowGeometry(operation: string, input: readonly number[], options: WindowOptions): WindowGeometry {
  // a stride of 0 loops forever and a negative padding reads out of range: torch raises for both
  const positive = (name: string, pair: readonly number[], minimum: number) => {
    if (!pair.every((value) => Number.isInteger(value) && value >= minimum))
      throw new Error(`${operation}: ${name} must be integers ≥ ${minimum}, got ${formatShape(pair)}`);
  };
  positive('kernel size', options.kernel, 1);
  positive('stride', options.stride, 1);
  positive('padding', options.padding, 0);
  positive('dilation', options.dilation, 1);
  const [batch, channels, height, width] = input as [number, number, number, number];
  const outputHeight = slidingExtent(
    height,
    options.kernel[0],
    options.stride[0],
    options.padding[0],
    options.dilation[0],
    options.ceilMode,
  );
  const outputWidth = slidingExtent(width, options.kernel[1], options.stride[1], options.padding[1], options.dilation[1], options.ceilMode);
  if (outputHeight <= 0 || outputWidth <= 0)
    throw new Error(
      `${operation}: input ${formatShape(input)} is too small for kernel ${formatShape(options.kernel)} with padding ${formatShape(options.padding)} and dilation ${formatShape(options.dilation)} (output would be ${outputHeight}x${outputWidth})`,
    );
  return { batch, channels, height, width, ...options, outputHeight, outputWidth, padValue: options.padValue ?? 0 };
}

/** im2col as a differentiable primitive: [N, C, H, W] → [N, C·kh·kw, L]. */
export function unfoldPrimitive(x: Tensor, geometry: WindowGeometry): Tensor {
  const input = contiguous(x);
  const rows = geometry.channels * geometry.kernel[0] * geometry.kernel[1];
  const output = allocate([geometry.batch, rows, geometry.outputHeight * geometry.outputWidth], x.dtype, x.device);
  x.storage.backend.unfold(input.kernelView(), output.kernelView(), geometry);
  return record(output, 'unfold', [input], { geometry });
}

/** col2im as a differentiable primitive: [N, C·kh·kw, L] → [N, C, H, W], overlapping windows summed. */
export function foldPrimitive(columns: Tensor, geometry: WindowGeometry): Tensor {
  const input = contiguous(columns);
  const output = allocate([geometry.batch, geometry.channels, geometry.height, geometry.width], columns.dtype, columns.device);
  columns.storage.backend.fold(input.kernelView(), output.kernelView(), geometry);
  return record(output, 'fold', [input], { geometry });
}

function checkRank(operation: string, x: Tensor, rank: number): void {
  checkTensorArguments(operation, { input: x });
  if (x.ndim !== rank) throw new Error(`${operation}: expected a ${rank}-D input, got ${formatShape(x.shape)}`);
}

/**
 * torch.nn.functional.unfold: [N, C, H, W] → [N, C·kh·kw, L], or unbatched [C, H, W] → [C·kh·kw, L]
 * (torch 1.13 reads a 3-D input as one image: a batch dim of 1 is added and taken off again).
 */
export function unfold(x: Tensor, kernelSize: Pair, options?: { dilation?: Pair; padding?: Pair; stride?: Pair }): Tensor;
/** torch's positional order (dilation before padding and stride): `unfold(x, 3, 1, 1, 2)`. */
export function unfold(x: Tensor, kernelSize: Pair, dilation?: Pair, padding?: Pair, stride?: Pair): Tensor;
export function unfold(x: Tensor, kernelSize: Pair, ...rest: unknown[]): Tensor {
  const names = ['dilation', 'padding', 'stride'];
  const options = readArguments<{ dilation?: Pair; padding?: Pair; stride?: Pair }>('unfold', rest, names, names);
  checkTensorArguments('unfold', { input: x });
  checkPair('unfold', 'kernelSize', kernelSize);
  if (x.ndim !== 3 && x.ndim !== 4)
    throw new Error(`unfold: expected a 3-D (unbatched [C, H, W]) or 4-D ([N, C, H, W]) input, got ${formatShape(x.shape)}`);
  const batched = x.ndim === 4 ? x : reshape(x, [1, ...x.shape]);
  const geometry = windowGeometry('unfold', batched.shape, {
    kernel: pair(kernelSize),
    stride: pair(options.stride ?? 1),
    padding: pair(options.padding ?? 0),
    dilation: pair(options.dilation ?? 1),
  });
  const columns = unfoldPrimitive(batched, geometry);
  return x.ndim === 4 ? columns : reshape(columns, columns.shape.slice(1));
}

/**
 * torch.nn.functional.fold: [N, C·kh·kw, L] → [N, C, H, W] with H, W = outputSize, or unbatched
 * [C·kh·kw, L] → [C, H, W] (torch 1.13 reads a 2-D input as one sample, as unfold's 3-D one).
 */
export function fold(
  input: Tensor,
  outputSize: Pair,
  kernelSize: Pair,
  options: { dilation?: Pair; padding?: Pair; stride?: Pair } = {},
  ...extra: never[]
): Tensor {
  if (extra.length > 0) refuseExtraArguments('fold', ['input', 'outputSize', 'kernelSize', 'options'], extra);
  checkOptions('fold', options, ['dilation', 'padding', 'stride']);
  checkTensorArguments('fold', { input });
  checkPair('fold', 'outputSize', outputSize);
  checkPair('fold', 'kernelSize', kernelSize);
  if (input.ndim !== 2 && input.ndim !== 3)
    throw new Error(`fold: expected a 2-D (unbatched [C·kh·kw, L]) or 3-D ([N, C·kh·kw, L]) input, got ${formatShape(input.shape)}`);
  const columns = input.ndim === 3 ? input : reshape(input, [1, ...input.shape]);
  const kernel = pair(kernelSize);
  const [height, width] = pair(outputSize);
  const [batch, rows] = columns.shape as [number, number, number];
  if (rows % (kernel[0] * kernel[1]) !== 0)
    throw new Error(
      `fold: expected size of input's dimension 1 (${rows}) to be divisible by the product of kernel_size (${kernel[0] * kernel[1]})`,
    );
  const geometry = windowGeometry('fold', [batch, rows / (kernel[0] * kernel[1]), height, width], {
    kernel,
    stride: pair(options.stride ?? 1),
    padding: pair(options.padding ?? 0),
    dilation: pair(options.dilation ?? 1),
  });
  if (geometry.outputHeight * geometry.outputWidth !== columns.shape[2])
    throw new Error(
      `fold: expected ${geometry.outputHeight * geometry.outputWidth} blocks from output size and kernel, got ${columns.shape[2]}`,
    );
  const image = foldPrimitive(columns, geometry);
  return input.ndim === 3 ? image : reshape(image, image.shape.slice(1));
}
export { checkRank };
