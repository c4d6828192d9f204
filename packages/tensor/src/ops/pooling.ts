import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { valuesAndIndices, type ValuesAndIndices } from '../core/values-and-indices.js';
import { noGrad } from '../autograd/grad-mode.js';
import { record } from '../autograd/record.js';
import { add, div, floor, mul, sub } from './elementwise.js';
import { remainder } from './truncation.js';
import { allocate } from './allocate.js';
import { arange, full, tensor } from './creation.js';
import { gather } from './indexing.js';
import { matmul } from './linalg.js';
import { argmax, sum } from './reduce.js';
import { castTo } from './convert.js';
import { contiguous, reshape, squeeze, transpose, unsqueeze } from './views.js';
import { checkRank, pair, unfoldPrimitive, windowGeometry, type Pair } from './window.js';
import { readArguments, refuseExtraArguments } from '../core/options.js';
import { composite } from '../core/scope.js';
import { checkLive } from '../core/tensor-arguments.js';

export interface PoolOptions {
  /** Defaults to kernelSize. */
  stride?: Pair | null;
  padding?: Pair;
  dilation?: Pair;
  ceilMode?: boolean;
}

/** Average pooling's options: PoolOptions without dilation, and the divisor's. */
export type AvgPoolOptions = Omit<PoolOptions, 'dilation'> & { countIncludePad?: boolean; divisorOverride?: number };

// torch.nn.functional's order after the kernel size, each positional or by keyword (readArguments)
const MAX_POOL_ARGUMENTS = ['stride', 'padding', 'dilation', 'ceilMode', 'returnIndices'];
const AVG_POOL_ARGUMENTS = ['stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'];

function poolGeometry(operation: string, x: Tensor, kernelSize: Pair, options: PoolOptions, padValue: number) {
  checkRank(operation, x, 4);
  const kernel = pair(kernelSize);
  const padding = pair(options.padding ?? 0);
  if (padding[0] > kernel[0] / 2 || padding[1] > kernel[1] / 2)
    throw new Error(
      `${operation}: pad should be at most half of effective kernel size, got padding ${formatShape(padding)} and kernel ${formatShape(kernel)}`,
    );
  const [n, c, h, w] = x.shape as [number, number, number, number];
  // every channel is pooled on its own: fold channels into the batch, C = 1
  const geometry = windowGeometry(operation, [n * c, 1, h, w], {
    kernel,
    stride: pair(options.stride ?? kernelSize),
    padding,
    dilation: pair(options.dilation ?? 1),
    ceilMode: options.ceilMode ?? false,
    padValue,
  });
  return { geometry, n, c, h, w };
}

/**
 * Max pooling over [N, C, H, W] (torch.nn.functional.max_pool2d). With `returnIndices`, indices are
 * flat positions h·W + w in each input plane, as torch's. The gradient goes to the chosen element.
 * The composite (unfold with −∞ padding, argmax, gather) is the reference; a backend's fused
 * `maxPool2dIndices` finds the same cells, except in a window whose real cells are all −∞ next to
 * padding, where it picks the first real cell as torch does (the composite may pick a padding cell).
 */
export function maxPool2d(x: Tensor, kernelSize: Pair, options?: PoolOptions & { returnIndices?: false }): Tensor;
export function maxPool2d(x: Tensor, kernelSize: Pair, options: PoolOptions & { returnIndices: true }): ValuesAndIndices;
/** torch's positional order: `maxPool2d(x, 2, 2)` is F.max_pool2d(x, 2, 2), stride 2. */
export function maxPool2d(
  x: Tensor,
  kernelSize: Pair,
  stride?: Pair | null,
  padding?: Pair,
  dilation?: Pair,
  ceilMode?: boolean,
  returnIndices?: false,
): Tensor;
export function maxPool2d(
  x: Tensor,
  kernelSize: Pair,
  stride: Pair | null | undefined,
  padding: Pair | undefined,
  dilation: Pair | undefined,
  ceilMode: boolean | undefined,
  returnIndices: true,
): ValuesAndIndices;
export function maxPool2d(x: Tensor, kernelSize: Pair, ...rest: unknown[]): Tensor | ValuesAndIndices {
  checkLive('maxPool2d', 'input', x);
  const options = readArguments<PoolOptions & { returnIndices?: boolean }>('maxPool2d', rest, MAX_POOL_ARGUMENTS, MAX_POOL_ARGUMENTS);
  return composite(() => {
    if (x.ndim === 3) {
      // unbatched [C, H, W], as torch accepts
      const pooled = maxPool2d(unsqueeze(x, 0), kernelSize, { ...options, returnIndices: true });
      const values = squeeze(pooled.values, 0);
      return options.returnIndices ? valuesAndIndices(values, squeeze(pooled.indices, 0)) : values;
    }
    const { geometry, n, c, h, w } = poolGeometry('maxPool2d', x, kernelSize, options, -Infinity);
    const { outputHeight, outputWidth, kernel, stride, padding, dilation } = geometry;
    const fused = x.storage.backend.fused?.maxPool2dIndices;
    if (fused && (x.dtype === 'float32' || x.dtype === 'float64')) {
      // the backend finds each window's maximum in one pass; the values are a gather of those positions,
      // so the gradient is gather's: scatterAdd into the chosen cells
      const planes = contiguous(reshape(x, [n * c, h * w]));
      const chosen = allocate([n * c, outputHeight * outputWidth], 'int32', x.device);
      const maxima = allocate([n * c, outputHeight * outputWidth], x.dtype, x.device);
      fused(planes.kernelView(), chosen.kernelView(), geometry, maxima.kernelView());
      // the kernel wrote exactly what gather(planes, 1, chosen) computes: record it as that gather
      const values = reshape(record(maxima, 'gather', [planes, chosen], { axis: 1, windows: geometry }), [n, c, outputHeight, outputWidth]);
      return options.returnIndices ? valuesAndIndices(values, reshape(chosen, [n, c, outputHeight, outputWidth])) : values;
    }
    const columns = unfoldPrimitive(reshape(x, [n * c, 1, h, w]), geometry); // [N·C, kh·kw, L]
    const choice = argmax(columns, 1, true); // [N·C, 1, L]
    const values = reshape(gather(columns, 1, choice), [n, c, outputHeight, outputWidth]);
    if (!options.returnIndices) return values;
    const indices = noGrad(() => {
      // window position (oi, oj) and kernel offset (ki, kj) → input row/column
      const position = arange(outputHeight * outputWidth, undefined, 1, { device: x.device });
      const outputRow = floor(div(position, outputWidth));
      const outputColumn = remainder(position, outputWidth);
      const chosen = castTo(squeeze(choice, 1), 'float32');
      const kernelRow = floor(div(chosen, kernel[1]));
      const kernelColumn = remainder(chosen, kernel[1]);
      const row = add(sub(mul(outputRow, stride[0]), padding[0]), mul(kernelRow, dilation[0]));
      const column = add(sub(mul(outputColumn, stride[1]), padding[1]), mul(kernelColumn, dilation[1]));
      return castTo(reshape(add(mul(row, w), column), [n, c, outputHeight, outputWidth]), 'int32');
    });
    return valuesAndIndices(values, indices);
  });
}

/**
 * Average pooling (torch.nn.functional.avg_pool2d). The divisor counts padding cells when
 * `countIncludePad` (default true) and never counts cells beyond the padded border (ceil mode).
 */
export function avgPool2d(x: Tensor, kernelSize: Pair, options?: AvgPoolOptions): Tensor;
/** torch's positional order: `avgPool2d(x, 3, 2, 1)` is F.avg_pool2d(x, 3, 2, 1). */
export function avgPool2d(
  x: Tensor,
  kernelSize: Pair,
  stride?: Pair | null,
  padding?: Pair,
  ceilMode?: boolean,
  countIncludePad?: boolean,
  divisorOverride?: number,
): Tensor;
export function avgPool2d(x: Tensor, kernelSize: Pair, ...rest: unknown[]): Tensor {
  checkLive('avgPool2d', 'input', x);
  const options = readArguments<AvgPoolOptions>('avgPool2d', rest, AVG_POOL_ARGUMENTS, AVG_POOL_ARGUMENTS);
  return composite(() => {
    if (x.ndim === 3) return squeeze(avgPool2d(unsqueeze(x, 0), kernelSize, options), 0);
    const { geometry, n, c, h, w } = poolGeometry('avgPool2d', x, kernelSize, options, 0);
    const columns = unfoldPrimitive(reshape(x, [n * c, 1, h, w]), geometry);
    const totals = sum(columns, 1); // [N·C, L]
    let divisor: Tensor | number;
    if (options.divisorOverride !== undefined) divisor = options.divisorOverride;
    else {
      const includePad = options.countIncludePad ?? true;
      // count the cells each window covers: ones over the image (and over the padding when included)
      const [ph, pw] = geometry.padding;
      const plane = includePad
        ? full([1, 1, h + 2 * ph, w + 2 * pw], 1, { dtype: x.dtype, device: x.device })
        : full([1, 1, h, w], 1, { dtype: x.dtype, device: x.device });
      const counted = windowGeometry('avgPool2d', plane.shape, {
        kernel: geometry.kernel as [number, number],
        stride: geometry.stride as [number, number],
        dilation: geometry.dilation as [number, number],
        padding: includePad ? [0, 0] : (geometry.padding as [number, number]),
        padValue: 0,
        // ceil mode's last window may start inside a plane smaller than the kernel (torch's output of 1)
        ceilMode: options.ceilMode,
      });
      const countGeometry = { ...counted, outputHeight: geometry.outputHeight, outputWidth: geometry.outputWidth };
      divisor = reshape(sum(unfoldPrimitive(plane, countGeometry), 1), [1, -1]);
    }
    return reshape(div(totals, divisor), [n, c, geometry.outputHeight, geometry.outputWidth]);
  });
}

/** The [out, in] averaging matrix of adaptive pooling: row i averages [⌊i·in/out⌋, ⌈(i+1)·in/out⌉). */
function adaptiveMatrix(input: number, output: number, x: Tensor): Tensor {
  const values: number[][] = [];
  for (let i = 0; i < output; i++) {
    const start = Math.floor((i * input) / output);
    const end = Math.ceil(((i + 1) * input) / output);
    values.push(Array.from({ length: input }, (_, j) => (j >= start && j < end ? 1 / (end - start) : 0)));
  }
  return tensor(values, { dtype: x.dtype, device: x.device, shape: [output, input] });
}

/** Adaptive average pooling to a fixed output size: out = P_h · x · P_wᵀ with averaging matrices. */
export function adaptiveAvgPool2d(x: Tensor, outputSize: Pair | readonly [number | null, number | null], ...extra: never[]): Tensor {
  checkLive('adaptiveAvgPool2d', 'input', x);
  if (extra.length > 0) refuseExtraArguments('adaptiveAvgPool2d', ['input', 'outputSize'], extra);
  if (x.ndim !== 3 && x.ndim !== 4) throw new Error(`adaptiveAvgPool2d: expected a 3-D or 4-D input, got ${formatShape(x.shape)}`);
  const h = x.shape[x.ndim - 2]!;
  const w = x.shape[x.ndim - 1]!;
  const [oh, ow] = typeof outputSize === 'number' ? [outputSize, outputSize] : [outputSize[0] ?? h, outputSize[1] ?? w];
  return composite(() => {
    const rows = adaptiveMatrix(h, oh, x);
    const columns = adaptiveMatrix(w, ow, x);
    return matmul(matmul(rows, x), transpose(columns, 0, 1));
  });
}
