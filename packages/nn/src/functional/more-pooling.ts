import {
  readArguments,
  abs,
  arange,
  avgPool2d,
  cat,
  checkNumber,
  checkOptions,
  composite,
  describeValue,
  expand,
  gather,
  max,
  noGrad,
  refuseExtraArguments,
  relu,
  scatter,
  sign,
  type Tensor,
  valuesAndIndices,
  type ValuesAndIndices,
  zeros,
  checkTensorArguments,
} from '@dl/tensor';
import { avgPool1d } from './pooling1d.js';
import { checkedAdaptiveSize, type AdaptiveSize3d } from './pooling3d.js';
import { readReturnIndices, type ReturnIndicesArgument } from './return-indices-argument.js';

// LP pooling (torch's avg_pool-based formula), max unpooling (a scatter of the pooled values into
// zeros) and 3-d adaptive max pooling (one dim after the other, carrying the flat positions of the
// maxima), all composed of tensor operations, so they run on every device and have gradients.

/** Stride and ceil mode of LP pooling (no padding, as torch's lp_pool*d). */
export interface LpPoolOptions<Size> {
  /** Step of the window. Default: kernelSize. */
  stride?: Size | null;
  /** Round the output size up (the last window may hang over the end; torch's average divides it by its real cells). Default false. */
  ceilMode?: boolean;
}

/** Stride, padding and output size of max unpooling (those of the max pooling it inverts). */
export interface MaxUnpoolOptions<Size> {
  /** Stride of the max pooling. Default: kernelSize. */
  stride?: Size | null;
  /** Padding of the max pooling. Default 0. */
  padding?: Size;
  /**
   * The output's spatial size ([N, C, …] accepted too), within one stride of the default
   * (n − 1)·s + k − 2p per dim. Default: that default size.
   */
  outputSize?: readonly number[] | null;
}

/** Sizes as `count` integers ≥ `minimum`, throwing with the operation, the option and the value. */
function checkedSizes(operation: string, name: string, value: unknown, count: number, minimum: number): number[] {
  const sizes = typeof value === 'number' ? Array<number>(count).fill(value) : Array.isArray(value) ? [...(value as unknown[])] : null;
  if (!sizes || sizes.length !== count || !sizes.every((entry) => Number.isInteger(entry) && (entry as number) >= minimum)) {
    const shape = count === 1 ? 'an integer' : `an integer or ${count} integers`;
    throw new Error(`${operation}: ${name} must be ${shape} ≥ ${minimum}, got ${describeValue(value)}`);
  }
  return sizes as number[];
}

function checkNormType(operation: string, normType: number): number {
  if (checkNumber(operation, 'normType', normType) === 0 || !Number.isFinite(normType))
    throw new Error(`${operation}: normType must be a finite nonzero number, got ${normType}`);
  return normType;
}

/** torch's ending of lp_pool*d: (sign(f)·relu(|f|)·cells)^(1/p) of the window averages f of x^p. */
function lpFinish(averages: Tensor, cells: number, normType: number): Tensor {
  return sign(averages)
    .mul(relu(abs(averages)))
    .mul(cells)
    .pow(1 / normType);
}

/**
 * Power-average pooling along L (torch.nn.functional.lp_pool1d): (Σ x^p over each window)^(1/p) on
 * [N, C, L] or [C, L], computed as torch does — an average pool of x^p (no padding; with ceilMode a
 * last partial window is averaged over its real cells), times the kernel size, through sign·relu(|·|),
 * to the power 1/p. A window whose sum is 0 gets gradient 0.
 * @example
 * F.lpPool1d(randn([2, 3, 10]), 2, 3, { stride: 2 }).shape; // [2, 3, 4]
 */
export function lpPool1d(input: Tensor, normType: number, kernelSize: number, options?: LpPoolOptions<number>): Tensor;
/** torch's positional order: `F.lpPool1d(x, 2, 3, 2)`, stride then ceilMode. */
export function lpPool1d(input: Tensor, normType: number, kernelSize: number, stride?: number | null, ceilMode?: boolean): Tensor;
export function lpPool1d(input: Tensor, normType: number, kernelSize: number, ...rest: unknown[]): Tensor {
  checkTensorArguments('lpPool1d', { input });
  const options = readArguments<LpPoolOptions<number>>('lpPool1d', rest, ['stride', 'ceilMode'], ['stride', 'ceilMode']);
  checkNormType('lpPool1d', normType);
  const [kernel] = checkedSizes('lpPool1d', 'kernelSize', kernelSize, 1, 1) as [number];
  const stride = options.stride == null ? kernel : checkedSizes('lpPool1d', 'stride', options.stride, 1, 1)[0]!;
  return composite(() =>
    lpFinish(avgPool1d(input.pow(normType), kernel, { stride, padding: 0, ceilMode: options.ceilMode ?? false }), kernel, normType),
  );
}

/**
 * Power-average pooling over [N, C, H, W] or [C, H, W] (torch.nn.functional.lp_pool2d): as lpPool1d,
 * with the average pool's result times kH·kW.
 * @example
 * F.lpPool2d(randn([1, 3, 8, 8]), 2, 2).shape; // [1, 3, 4, 4]
 */
export function lpPool2d(
  input: Tensor,
  normType: number,
  kernelSize: number | readonly [number, number],
  options?: LpPoolOptions<number | readonly [number, number]>,
): Tensor;
/** torch's positional order: `F.lpPool2d(x, 2, 3, 2)`, stride then ceilMode. */
export function lpPool2d(
  input: Tensor,
  normType: number,
  kernelSize: number | readonly [number, number],
  stride?: number | readonly [number, number] | null,
  ceilMode?: boolean,
): Tensor;
export function lpPool2d(input: Tensor, normType: number, kernelSize: number | readonly [number, number], ...rest: unknown[]): Tensor {
  checkTensorArguments('lpPool2d', { input });
  const options = readArguments<LpPoolOptions<number | readonly [number, number]>>(
    'lpPool2d',
    rest,
    ['stride', 'ceilMode'],
    ['stride', 'ceilMode'],
  );
  checkNormType('lpPool2d', normType);
  if (input.ndim !== 3 && input.ndim !== 4)
    throw new Error(`lpPool2d: expected a 3-D [C, H, W] or 4-D [N, C, H, W] input, got [${input.shape.join(', ')}]`);
  const kernel = checkedSizes('lpPool2d', 'kernelSize', kernelSize, 2, 1) as [number, number];
  const stride = options.stride == null ? kernel : (checkedSizes('lpPool2d', 'stride', options.stride, 2, 1) as [number, number]);
  return composite(() => {
    const batched = input.ndim === 4 ? input : input.unsqueeze(0);
    const averages = avgPool2d(batched.pow(normType), kernel, { stride, padding: 0, ceilMode: options.ceilMode ?? false });
    const pooled = lpFinish(averages, kernel[0] * kernel[1], normType);
    return input.ndim === 4 ? pooled : pooled.squeeze(0);
  });
}

/**
 * torch's _unpool_output_size: (n − 1)·s + k − 2p per dim, or `outputSize` (its last `dims` entries
 * when given as [N, C, …]) after checking each lies strictly within one stride of that.
 */
function unpoolSize(
  operation: string,
  spatial: readonly number[],
  kernel: readonly number[],
  stride: readonly number[],
  padding: readonly number[],
  outputSize: readonly number[] | null | undefined,
): number[] {
  const defaults = spatial.map((size, axis) => (size - 1) * stride[axis]! + kernel[axis]! - 2 * padding[axis]!);
  if (outputSize == null) return defaults;
  const dims = kernel.length;
  const requested = Array.isArray(outputSize) && outputSize.length === dims + 2 ? outputSize.slice(2) : outputSize;
  if (!Array.isArray(requested) || requested.length !== dims || !requested.every((size) => Number.isInteger(size)))
    throw new Error(`${operation}: outputSize should hold ${dims} or ${dims + 2} integers, got ${describeValue(outputSize)}`);
  requested.forEach((size: number, axis) => {
    const low = defaults[axis]! - stride[axis]!;
    const high = defaults[axis]! + stride[axis]!;
    if (!(low < size && size < high))
      throw new Error(`${operation}: invalid outputSize [${requested.join(', ')}] (dim ${axis} must be between ${low} and ${high})`);
  });
  return [...requested];
}

function maxUnpool(
  operation: string,
  dims: number,
  input: Tensor,
  indices: Tensor,
  kernelSize: unknown,
  options: MaxUnpoolOptions<unknown>,
): Tensor {
  checkTensorArguments(operation, { input, indices });
  checkOptions(operation, options, ['stride', 'padding', 'outputSize']);
  if (input.ndim !== dims + 1 && input.ndim !== dims + 2)
    throw new Error(`${operation}: expected a ${dims + 1}-D or ${dims + 2}-D input, got [${input.shape.join(', ')}]`);
  if (indices.ndim !== input.ndim || indices.shape.some((extent, axis) => extent !== input.shape[axis]))
    throw new Error(`${operation}: expected indices of the input's shape [${input.shape.join(', ')}], got [${indices.shape.join(', ')}]`);
  if (indices.dtype !== 'int32')
    throw new Error(`${operation}: expected int32 indices (from max pooling's returnIndices), got ${indices.dtype}`);
  const kernel = checkedSizes(operation, 'kernelSize', kernelSize, dims, 1);
  const stride = options.stride == null ? kernel : checkedSizes(operation, 'stride', options.stride, dims, 1);
  const padding = checkedSizes(operation, 'padding', options.padding ?? 0, dims, 0);
  const size = unpoolSize(operation, input.shape.slice(-dims), kernel, stride, padding, options.outputSize);
  return composite(() => {
    const leading = input.shape.slice(0, -dims);
    const rows = leading.reduce((product, extent) => product * extent, 1);
    const cells = size.reduce((product, extent) => product * extent, 1);
    // each row's values go to their flat positions in a zero row of the output plane/volume; the
    // gradient of a scatter with respect to its source is a gather at the same positions
    const target = zeros([rows, cells], { dtype: input.dtype, device: input.device });
    return scatter(target, 1, indices.reshape([rows, -1]), input.reshape([rows, -1])).reshape([...leading, ...size]);
  });
}

/**
 * Partial inverse of max pooling along L (torch.nn.functional.max_unpool1d): the pooled values
 * ([N, C, L'] or [C, L']) at the positions in `indices` (maxPool1d's `returnIndices`), zeros elsewhere,
 * in [·, L] with L = (L' − 1)·s + k − 2p unless `outputSize` says otherwise. The gradient flows back to
 * the values.
 * @example
 * const { values, indices } = F.maxPool1d(x, 2, { returnIndices: true });
 * F.maxUnpool1d(values, indices, 2).shape; // x's shape (for even L)
 */
export function maxUnpool1d(
  input: Tensor,
  indices: Tensor,
  kernelSize: number,
  options: MaxUnpoolOptions<number> = {},
  ...extra: never[]
): Tensor {
  if (extra.length > 0) refuseExtraArguments('maxUnpool1d', ['input', 'indices', 'kernelSize', 'options'], extra);
  return maxUnpool('maxUnpool1d', 1, input, indices, kernelSize, options);
}

/**
 * Partial inverse of max pooling over [N, C, H, W] or [C, H, W] (torch.nn.functional.max_unpool2d):
 * the values at their flat h·W + w `indices` (maxPool2d's `returnIndices`), zeros elsewhere.
 * @example
 * const { values, indices } = F.maxPool2d(x, 2, { returnIndices: true });
 * F.maxUnpool2d(values, indices, 2, { outputSize: [x.shape[2], x.shape[3]] });
 */
export function maxUnpool2d(
  input: Tensor,
  indices: Tensor,
  kernelSize: number | readonly [number, number],
  options: MaxUnpoolOptions<number | readonly [number, number]> = {},
  ...extra: never[]
): Tensor {
  if (extra.length > 0) refuseExtraArguments('maxUnpool2d', ['input', 'indices', 'kernelSize', 'options'], extra);
  return maxUnpool('maxUnpool2d', 2, input, indices, kernelSize, options);
}

/**
 * Partial inverse of max pooling over [N, C, D, H, W] or [C, D, H, W] (torch.nn.functional.max_unpool3d):
 * the values at their flat z·H·W + y·W + x `indices` (maxPool3d's `returnIndices`), zeros elsewhere.
 * @example
 * const { values, indices } = F.maxPool3d(x, 2, { returnIndices: true });
 * F.maxUnpool3d(values, indices, 2).shape; // x's shape (for even sizes)
 */
export function maxUnpool3d(
  input: Tensor,
  indices: Tensor,
  kernelSize: number | readonly [number, number, number],
  options: MaxUnpoolOptions<number | readonly [number, number, number]> = {},
  ...extra: never[]
): Tensor {
  if (extra.length > 0) refuseExtraArguments('maxUnpool3d', ['input', 'indices', 'kernelSize', 'options'], extra);
  return maxUnpool('maxUnpool3d', 3, input, indices, kernelSize, options);
}

/**
 * One dim of adaptive max pooling: window i spans ⌊i·n/n'⌋ … ⌈(i + 1)·n/n'⌉ − 1; each window's first
 * maximum, and the flat position carried in `positions` at that cell.
 */
function adaptiveMaxAlong(values: Tensor, positions: Tensor, axis: number, outputSize: number): [Tensor, Tensor] {
  const length = values.shape[axis]!;
  const maxima: Tensor[] = [];
  const places: Tensor[] = [];
  for (let index = 0; index < outputSize; index++) {
    const start = Math.floor((index * length) / outputSize);
    const extent = Math.ceil(((index + 1) * length) / outputSize) - start;
    const pooled = max(values.narrow(axis, start, extent), axis, true);
    maxima.push(pooled.values);
    places.push(noGrad(() => gather(positions.narrow(axis, start, extent), axis, pooled.indices)));
  }
  return [cat(maxima, axis), noGrad(() => cat(places, axis))];
}

/**
 * Max pooling of volumes to a fixed [D', H', W'] (torch.nn.functional.adaptive_max_pool3d):
 * [N, C, D, H, W] or [C, D, H, W] → [·, D', H', W'], output cell i along a dim taking the maximum of
 * input cells ⌊i·n/n'⌋ … ⌈(i + 1)·n/n'⌉ − 1; `null` keeps that dim. With `returnIndices` (`true` after the size, or an option), also the
 * flat positions z·H·W + y·W + x of the maxima in each input volume (the first in that order on ties,
 * as torch). The gradient goes to each maximum.
 * @example
 * F.adaptiveMaxPool3d(randn([2, 3, 5, 7, 9]), [2, 3, 4]).shape; // [2, 3, 2, 3, 4]
 */
export function adaptiveMaxPool3d(input: Tensor, outputSize: AdaptiveSize3d, ...rest: ReturnIndicesArgument<false>): Tensor;
export function adaptiveMaxPool3d(input: Tensor, outputSize: AdaptiveSize3d, ...rest: ReturnIndicesArgument<true>): ValuesAndIndices;
export function adaptiveMaxPool3d(input: Tensor, outputSize: AdaptiveSize3d, ...rest: unknown[]): Tensor | ValuesAndIndices {
  const returnIndices = readReturnIndices('adaptiveMaxPool3d', rest);
  if (input.ndim !== 4 && input.ndim !== 5)
    throw new Error(`adaptiveMaxPool3d: expected a 4-D [C, D, H, W] or 5-D [N, C, D, H, W] input, got [${input.shape.join(', ')}]`);
  const spatial = input.shape.slice(-3) as [number, number, number];
  if (spatial.some((extent) => extent === 0))
    throw new Error(`adaptiveMaxPool3d: the pooled dims of [${input.shape.join(', ')}] must not be empty`);
  const sizes = checkedAdaptiveSize('adaptiveMaxPool3d', outputSize).map((size, axis) => size ?? spatial[axis]!);
  return composite(() => {
    const cells = spatial[0] * spatial[1] * spatial[2];
    let positions = noGrad(() =>
      expand(arange(cells, undefined, 1, { dtype: 'int32', device: input.device }).reshape([...spatial]), input.shape),
    );
    let values = input;
    // W, then H, then D: each step keeps the first maximum, so the result is the first in z, y, x order
    for (const axis of [2, 1, 0]) [values, positions] = adaptiveMaxAlong(values, positions, input.ndim - 3 + axis, sizes[axis]!);
    return returnIndices ? valuesAndIndices(values, positions) : values;
  });
}
