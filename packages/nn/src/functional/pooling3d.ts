import {
  adaptiveAvgPool2d,
  arange,
  avgPool2d,
  cast,
  checkNumber,
  composite,
  describeValue,
  gather,
  isTensor,
  max,
  maxPool2d,
  noGrad,
  pad,
  refuseExtraArguments,
  slice,
  stack,
  tensor,
  type Tensor,
  valuesAndIndices,
  type ValuesAndIndices,
  readArguments,
} from '@dl/tensor';
import { adaptiveAvgPool1d } from './pooling1d.js';
import { checkVolume, checkedTriple, windowExtents, type Triple } from './volumetric-geometry.js';

// Pooling over [N, C, D, H, W] (or [C, D, H, W]) as torch.nn.functional's *_pool3d. Every 3-d window
// is a box, and max, sum and the divisor of the average all separate over its dims: the 2-d kernels
// pool each depth plane over H and W ([N, C·D, H, W]), then a 1-d reduction over the depth windows
// finishes the job. Gradients and devices come from the composed operations.

/** Stride (default kernelSize), padding, dilation and ceil mode of 3-d max pooling. */
export interface MaxPool3dOptions {
  /** Step of the window, one number or [depth, height, width]. Default: kernelSize. */
  stride?: Triple | null;
  /** −∞ padding per side, at most half the kernel. Default 0. */
  padding?: Triple;
  /** Spacing between window cells. Default 1. */
  dilation?: Triple;
  /** Round the output size up (windows may start in the right padding). Default false. */
  ceilMode?: boolean;
  /** Also return the positions of the maxima (as `[values, indices]`). Default false. */
  returnIndices?: boolean;
}

/** Stride, padding, ceil mode, padding count and divisor of 3-d average pooling. */
export interface AvgPool3dOptions {
  /** Step of the window, one number or [depth, height, width]. Default: kernelSize. */
  stride?: Triple | null;
  /** Zero padding per side, at most half the kernel. Default 0. */
  padding?: Triple;
  /** Round the output size up. Default false. */
  ceilMode?: boolean;
  /** Count the padding's zeros in each window's divisor. Default true. */
  countIncludePad?: boolean;
  /** Divide every window's sum by this instead. Default: none (the window's size). */
  divisorOverride?: number;
}

/** An output size per dim; `null` keeps that input dim. */
export type AdaptiveSize3d = number | readonly [number | null, number | null, number | null];

/** The window's kernel, stride and padding as triples, with torch's check that padding is at most half the kernel. */
function windowOf(operation: string, kernelSize: Triple, stride: Triple | null | undefined, padding: Triple | undefined) {
  const kernel = checkedTriple(operation, 'kernelSize', kernelSize, 1);
  const steps = checkedTriple(operation, 'stride', stride ?? kernelSize, 1);
  const pads = checkedTriple(operation, 'padding', padding ?? 0, 0);
  if (pads.some((entry, axis) => entry > kernel[axis]! / 2))
    throw new Error(`${operation}: padding [${pads.join(', ')}] should be at most half of kernel [${kernel.join(', ')}]`);
  return { kernel, stride: steps, padding: pads };
}

/**
 * The kd views of `planes` ([N, C, D, h, w]) along depth that hold, for every output depth z, the cells
 * z·s − p + k·d of its window: `planes` padded with `fill` by p before and as far after as the last
 * (ceil-mode) window reaches.
 */
function depthWindows(
  planes: Tensor,
  kernel: number,
  stride: number,
  padding: number,
  dilation: number,
  outputDepth: number,
  fill: number,
) {
  const span = (outputDepth - 1) * stride + 1;
  const after = Math.max(0, span + dilation * (kernel - 1) - padding - planes.shape[2]!);
  const padded = padding + after > 0 ? pad(planes, [0, 0, 0, 0, padding, after], fill) : planes;
  return Array.from({ length: kernel }, (_, k) => slice(padded, 2, k * dilation, k * dilation + span, stride));
}

/**
 * Runs `body` on [N, C, D, H, W]; an unbatched [C, D, H, W] input is a batch of one, as in torch, and
 * the batch dim is taken away again from the result (from both tensors of a `[values, indices]` pair).
 */
function batched<Result extends Tensor | ValuesAndIndices>(input: Tensor, body: (volume: Tensor) => Result): Result {
  if (input.ndim === 5) return body(input);
  const result: Tensor | ValuesAndIndices = body(input.unsqueeze(0));
  return (isTensor(result) ? result.squeeze(0) : valuesAndIndices(result.values.squeeze(0), result.indices.squeeze(0))) as Result;
}

/**
 * Max pooling over [N, C, D, H, W] (torch.nn.functional.max_pool3d): D' = ⌊(D + 2p − d(k − 1) − 1)/s⌋ + 1
 * per dim (⌈⌉ with ceilMode). With `returnIndices`, the indices are flat positions z·H·W + y·W + x in
 * each input volume, as torch's. The gradient goes to the chosen element.
 * @example
 * F.maxPool3d(randn([2, 3, 8, 8, 8]), 2).shape; // [2, 3, 4, 4, 4]
 */
export function maxPool3d(input: Tensor, kernelSize: Triple, options?: MaxPool3dOptions & { returnIndices?: false }): Tensor;
export function maxPool3d(input: Tensor, kernelSize: Triple, options: MaxPool3dOptions & { returnIndices: true }): ValuesAndIndices;
/** torch's positional order: `F.maxPool3d(x, 3, 2)` is F.max_pool3d(x, 3, 2), stride 2. */
export function maxPool3d(
  input: Tensor,
  kernelSize: Triple,
  stride?: Triple | null,
  padding?: Triple,
  dilation?: Triple,
  ceilMode?: boolean,
  returnIndices?: false,
): Tensor;
export function maxPool3d(input: Tensor, kernelSize: Triple, ...rest: unknown[]): Tensor | ValuesAndIndices {
  const names = ['stride', 'padding', 'dilation', 'ceilMode', 'returnIndices'];
  const options = readArguments<MaxPool3dOptions>('maxPool3d', rest, names, names);
  checkVolume('maxPool3d', input);
  const { kernel, stride, padding } = windowOf('maxPool3d', kernelSize, options.stride, options.padding);
  const dilation = checkedTriple('maxPool3d', 'dilation', options.dilation ?? 1, 1);
  const ceilMode = options.ceilMode ?? false;
  const [outputDepth] = windowExtents('maxPool3d', input, kernel, stride, padding, dilation, ceilMode);
  const planeOptions = {
    stride: [stride[1], stride[2]] as const,
    padding: [padding[1], padding[2]] as const,
    dilation: [dilation[1], dilation[2]] as const,
    ceilMode,
  };
  return composite(() =>
    batched(input, (volume): Tensor | ValuesAndIndices => {
      const [batch, channels, depth, height, width] = volume.shape as [number, number, number, number, number];
      const flat = volume.reshape([batch, channels * depth, height, width]);
      const planePooled = options.returnIndices ? maxPool2d(flat, [kernel[1], kernel[2]], { ...planeOptions, returnIndices: true }) : null;
      const planeMaxima = planePooled?.values ?? maxPool2d(flat, [kernel[1], kernel[2]], planeOptions);
      const [, , outputHeight, outputWidth] = planeMaxima.shape as [number, number, number, number];
      const planes = planeMaxima.reshape([batch, channels, depth, outputHeight, outputWidth]);
      // the max of each depth window's plane maxima is the box's maximum (the first one in d, h, w order)
      const windows = depthWindows(planes, kernel[0], stride[0], padding[0], dilation[0], outputDepth, -Infinity);
      const [values, chosen] = max(stack(windows, 2), 2);
      if (!planePooled) return values;
      const indices = noGrad(() => {
        // chosen window cell k → input depth z·s − p + k·d (clamped into the input: only a window whose
        // real cells are all −∞ can choose padding), then that plane's flat y·W + x
        const outputPosition = arange(outputDepth, undefined, 1, { device: volume.device }).reshape([1, 1, outputDepth, 1, 1]);
        const inputDepth = cast(chosen, 'float32')
          .mul(dilation[0])
          .add(outputPosition.mul(stride[0]).sub(padding[0]))
          .clamp(0, depth - 1);
        const inPlane = gather(
          planePooled.indices.reshape([batch, channels, depth, outputHeight, outputWidth]),
          2,
          cast(inputDepth, 'int32'),
        );
        return cast(inputDepth.mul(height * width).add(inPlane), 'int32');
      });
      return valuesAndIndices(values, indices);
    }),
  );
}

/** Each output depth's divisor: its window's cells inside the padded input (countIncludePad) or inside the input. */
function depthDivisors(
  depth: number,
  kernel: number,
  stride: number,
  padding: number,
  outputDepth: number,
  includePadding: boolean,
): number[] {
  return Array.from({ length: outputDepth }, (_, position) => {
    const start = position * stride - padding;
    const end = Math.min(start + kernel, depth + padding);
    return includePadding ? end - start : Math.min(end, depth) - Math.max(start, 0);
  });
}

/**
 * Average pooling over [N, C, D, H, W] (torch.nn.functional.avg_pool3d). The divisor counts padding
 * cells when `countIncludePad` (default true) and never counts cells beyond the padded border (ceil
 * mode); `divisorOverride` replaces it.
 * @example
 * F.avgPool3d(randn([2, 3, 8, 8, 8]), 3, { stride: 2, padding: 1 }).shape; // [2, 3, 4, 4, 4]
 */
export function avgPool3d(input: Tensor, kernelSize: Triple, options?: AvgPool3dOptions): Tensor;
/** torch's positional order: `F.avgPool3d(x, 3, 2, 1)` is F.avg_pool3d(x, 3, 2, 1). */
export function avgPool3d(
  input: Tensor,
  kernelSize: Triple,
  stride?: Triple | null,
  padding?: Triple,
  ceilMode?: boolean,
  countIncludePad?: boolean,
  divisorOverride?: number,
): Tensor;
export function avgPool3d(input: Tensor, kernelSize: Triple, ...rest: unknown[]): Tensor {
  const names = ['stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'];
  const options = readArguments<AvgPool3dOptions>('avgPool3d', rest, names, names);
  checkVolume('avgPool3d', input);
  const { kernel, stride, padding } = windowOf('avgPool3d', kernelSize, options.stride, options.padding);
  const { ceilMode = false, countIncludePad = true, divisorOverride } = options;
  if (divisorOverride !== undefined && checkNumber('avgPool3d', 'divisorOverride', divisorOverride) === 0)
    throw new Error('avgPool3d: divisorOverride must not be zero');
  const [outputDepth] = windowExtents('avgPool3d', input, kernel, stride, padding, [1, 1, 1], ceilMode);
  return composite(() =>
    batched(input, (volume) => {
      const [batch, channels, depth, height, width] = volume.shape as [number, number, number, number, number];
      // sum = Σ_depth Σ_plane and, without an override, divisor = depth count · plane count: the 2-d
      // average divides by the plane count, the depth step by the depth count
      const planeAverages = avgPool2d(volume.reshape([batch, channels * depth, height, width]), [kernel[1], kernel[2]], {
        stride: [stride[1], stride[2]],
        padding: [padding[1], padding[2]],
        ceilMode,
        countIncludePad,
        ...(divisorOverride === undefined ? {} : { divisorOverride: 1 }),
      });
      const [, , outputHeight, outputWidth] = planeAverages.shape as [number, number, number, number];
      const planes = planeAverages.reshape([batch, channels, depth, outputHeight, outputWidth]);
      const total = depthWindows(planes, kernel[0], stride[0], padding[0], 1, outputDepth, 0).reduce((sum, window) => sum.add(window));
      if (divisorOverride !== undefined) return total.div(divisorOverride);
      const divisors = depthDivisors(depth, kernel[0], stride[0], padding[0], outputDepth, countIncludePad);
      return total.div(tensor(divisors, { dtype: volume.dtype, device: volume.device }).reshape([1, 1, outputDepth, 1, 1]));
    }),
  );
}

/**
 * An adaptive output size as [D', H', W'] (`null`: keep that dim), throwing unless each is an integer ≥ 1 or null.
 * @example
 * checkedAdaptiveSize('AdaptiveAvgPool3d', [null, 2, 2]); // [null, 2, 2]
 */
export function checkedAdaptiveSize(owner: string, outputSize: unknown): [number | null, number | null, number | null] {
  const sizes: unknown = typeof outputSize === 'number' ? [outputSize, outputSize, outputSize] : outputSize;
  if (!Array.isArray(sizes) || sizes.length !== 3 || !sizes.every((size) => size === null || (Number.isInteger(size) && size >= 1)))
    throw new Error(`${owner}: outputSize must be an integer ≥ 1 or a triple of them (null keeps a dim), got ${describeValue(outputSize)}`);
  return [sizes[0], sizes[1], sizes[2]];
}

/**
 * Adaptive average pooling to a fixed [D', H', W'] (torch.nn.functional.adaptive_avg_pool3d): output
 * cell i along a dim averages input cells ⌊i·n/n'⌋ … ⌈(i + 1)·n/n'⌉ − 1; `null` keeps that dim.
 * @example
 * F.adaptiveAvgPool3d(randn([2, 3, 7, 9, 9]), [1, 2, 2]).shape; // [2, 3, 1, 2, 2]
 */
export function adaptiveAvgPool3d(input: Tensor, outputSize: AdaptiveSize3d, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('adaptiveAvgPool3d', ['input', 'outputSize'], extra);
  checkVolume('adaptiveAvgPool3d', input);
  const sizes = checkedAdaptiveSize('adaptiveAvgPool3d', outputSize);
  return composite(() =>
    batched(input, (volume) => {
      const [batch, channels, depth, height, width] = volume.shape as [number, number, number, number, number];
      const [outputDepth, outputHeight, outputWidth] = sizes.map((size, axis) => size ?? volume.shape[axis + 2]!) as [
        number,
        number,
        number,
      ];
      const planes = adaptiveAvgPool2d(volume.reshape([batch, channels * depth, height, width]), [outputHeight, outputWidth]);
      if (outputDepth === depth) return planes.reshape([batch, channels, depth, outputHeight, outputWidth]);
      // the depth average as a 1-d adaptive pool over [N, C·H'·W', D]
      const cells = outputHeight * outputWidth;
      const alongDepth = planes
        .reshape([batch, channels, depth, cells])
        .transpose(2, 3)
        .reshape([batch, channels * cells, depth]);
      const pooled = adaptiveAvgPool1d(alongDepth, outputDepth).reshape([batch, channels, cells, outputDepth]);
      return pooled.transpose(2, 3).reshape([batch, channels, outputDepth, outputHeight, outputWidth]);
    }),
  );
}
