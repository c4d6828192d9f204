import {
  checkTensorArguments,
  adaptiveAvgPool2d,
  avgPool2d,
  composite,
  maxPool2d,
  readArguments,
  refuseExtraArguments,
  type Tensor,
  valuesAndIndices,
  type ValuesAndIndices,
} from '@dl/tensor';

// Pooling over the last dim of [N, C, L] (or [C, L]), as torch.nn.functional's *_pool1d: the 2-d
// kernels on [N, C, 1, L] with a 1 × k window, then the height of 1 taken away again. Max pooling's
// indices, flat h·W + w positions in the 2-d kernel, are then the positions along L themselves.

/** Stride (default kernelSize), padding, dilation and ceil mode of 1-d max pooling. */
export interface MaxPool1dOptions {
  /** Default: kernelSize. */
  stride?: number | null;
  /** −∞ padding per side, at most half the kernel. Default 0. */
  padding?: number;
  /** Spacing between window cells. Default 1. */
  dilation?: number;
  /** Round the output length up. Default false. */
  ceilMode?: boolean;
  /** Also return the positions of the maxima (as `[values, indices]`). Default false. */
  returnIndices?: boolean;
}

/** Stride, padding, ceil mode and padding count of 1-d average pooling. */
export interface AvgPool1dOptions {
  /** Default: kernelSize. */
  stride?: number | null;
  /** Zero padding per side, at most half the kernel. Default 0. */
  padding?: number;
  /** Round the output length up. Default false. */
  ceilMode?: boolean;
  /** Count the padding's zeros in each window's divisor. Default true. */
  countIncludePad?: boolean;
}

/** torch.nn.functional's order after the kernel size, each positional or by keyword (readArguments). */
const MAX_POOL_ARGUMENTS = ['stride', 'padding', 'dilation', 'ceilMode', 'returnIndices'];

/** [N, C, L] → [N, C, 1, L] (or [C, L] → [C, 1, L]), after torch's rank check. */
function asImage(operation: string, input: Tensor): Tensor {
  if (input.ndim !== 2 && input.ndim !== 3)
    throw new Error(`${operation}: expected a 2-D [C, L] or 3-D [N, C, L] input, got [${input.shape.join(', ')}]`);
  return input.unsqueeze(-2);
}

/**
 * Max pooling along L (torch.nn.functional.max_pool1d): L' = ⌊(L + 2p − d(k − 1) − 1)/s⌋ + 1.
 * @example
 * F.maxPool1d(embeddings.transpose(1, 2), 3); // a text CNN's pooling over time
 */
export function maxPool1d(input: Tensor, kernelSize: number, options?: MaxPool1dOptions & { returnIndices?: false }): Tensor;
export function maxPool1d(input: Tensor, kernelSize: number, options: MaxPool1dOptions & { returnIndices: true }): ValuesAndIndices;
/** torch's positional order: `F.maxPool1d(x, 3, 2)` is F.max_pool1d(x, 3, 2), stride 2. */
export function maxPool1d(
  input: Tensor,
  kernelSize: number,
  stride?: number | null,
  padding?: number,
  dilation?: number,
  ceilMode?: boolean,
  returnIndices?: false,
): Tensor;
export function maxPool1d(input: Tensor, kernelSize: number, ...rest: unknown[]): Tensor | ValuesAndIndices {
  checkTensorArguments('maxPool1d', { input });
  const options = readArguments<MaxPool1dOptions>('maxPool1d', rest, MAX_POOL_ARGUMENTS, MAX_POOL_ARGUMENTS);
  const { stride, padding = 0, dilation = 1, ceilMode = false } = options;
  return composite(() => {
    const pooled = maxPool2d(asImage('maxPool1d', input), [1, kernelSize], {
      stride: [1, stride ?? kernelSize],
      padding: [0, padding],
      dilation: [1, dilation],
      ceilMode,
      returnIndices: true,
    });
    const values = pooled.values.squeeze(-2);
    return options.returnIndices ? valuesAndIndices(values, pooled.indices.squeeze(-2)) : values;
  });
}

/** Average pooling along L (torch.nn.functional.avg_pool1d). */
export function avgPool1d(input: Tensor, kernelSize: number, options?: AvgPool1dOptions): Tensor;
/** torch's positional order: `F.avgPool1d(x, 3, 2, 1)` is F.avg_pool1d(x, 3, 2, 1). */
export function avgPool1d(
  input: Tensor,
  kernelSize: number,
  stride?: number | null,
  padding?: number,
  ceilMode?: boolean,
  countIncludePad?: boolean,
): Tensor;
export function avgPool1d(input: Tensor, kernelSize: number, ...rest: unknown[]): Tensor {
  checkTensorArguments('avgPool1d', { input });
  const names = ['stride', 'padding', 'ceilMode', 'countIncludePad'];
  const options = readArguments<AvgPool1dOptions>('avgPool1d', rest, names, names);
  const { stride, padding = 0, ceilMode = false, countIncludePad = true } = options;
  return composite(() =>
    avgPool2d(asImage('avgPool1d', input), [1, kernelSize], {
      stride: [1, stride ?? kernelSize],
      padding: [0, padding],
      ceilMode,
      countIncludePad,
    }).squeeze(-2),
  );
}

/** Average pooling to `outputSize` positions along L, each over ⌊iL/L'⌋ … ⌈(i + 1)L/L'⌉ (torch's adaptive_avg_pool1d). */
export function adaptiveAvgPool1d(input: Tensor, outputSize: number, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('adaptiveAvgPool1d', ['input', 'outputSize'], extra);
  return composite(() => adaptiveAvgPool2d(asImage('adaptiveAvgPool1d', input), [1, outputSize]).squeeze(-2));
}
