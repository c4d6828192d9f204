import { describeValue, type Tensor, checkTensorArguments } from '@dl/tensor';

/** One size for the three volumetric dims, or [depth, height, width]. */
export type Triple = number | readonly [number, number, number];

/**
 * A Triple as three numbers, throwing unless all are integers ≥ `minimum` (kernel, stride and dilation
 * ≥ 1, padding ≥ 0), naming the operation, the option and the value.
 * @example
 * checkedTriple('Conv3d', 'stride', 2, 1); // [2, 2, 2]
 */
export function checkedTriple(owner: string, name: string, value: unknown, minimum: number): [number, number, number] {
  const sizes = typeof value === 'number' ? [value, value, value] : Array.isArray(value) && value.length === 3 ? [...value] : null;
  if (!sizes?.every((entry) => Number.isInteger(entry) && entry >= minimum))
    throw new Error(`${owner}: ${name} must be an integer ≥ ${minimum} or a triple of them, got ${describeValue(value)}`);
  return sizes as [number, number, number];
}

/**
 * Output extent of a sliding window along one dim, as torch computes it:
 * ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1 (⌈⌉ with ceilMode, dropping a last window that would start in the
 * right padding).
 * @example
 * slidingExtent(7, 3, 2, 1, 1, true); // 4
 */
export function slidingExtent(size: number, kernel: number, stride: number, padding: number, dilation: number, ceilMode = false): number {
  const span = size + 2 * padding - dilation * (kernel - 1) - 1;
  const extent = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  return ceilMode && (extent - 1) * stride >= size + padding ? extent - 1 : extent;
}

/**
 * The output [D', H', W'] of a 3-d window over the last three dims of `input`, throwing when a dim would be
 * empty, with the operation, the input shape and the window's settings in the message.
 * @example
 * windowExtents('conv3d', x, [3, 3, 3], [1, 1, 1], [0, 0, 0], [1, 1, 1]); // [D − 2, H − 2, W − 2]
 */
export function windowExtents(
  operation: string,
  input: Tensor,
  kernel: readonly number[],
  stride: readonly number[],
  padding: readonly number[],
  dilation: readonly number[],
  ceilMode = false,
): [number, number, number] {
  const extents = [0, 1, 2].map((axis) =>
    slidingExtent(input.shape[input.ndim - 3 + axis]!, kernel[axis]!, stride[axis]!, padding[axis]!, dilation[axis]!, ceilMode),
  ) as [number, number, number];
  if (extents.some((extent) => extent <= 0))
    throw new Error(
      `${operation}: input [${input.shape.join(', ')}] is too small for kernel [${kernel.join(', ')}] with padding [${padding.join(', ')}] and dilation [${dilation.join(', ')}] (output would be ${extents.join('x')})`,
    );
  return extents;
}

/** Throws unless `input` is [N, C, D, H, W] or unbatched [C, D, H, W] (as torch's 3-d operations accept). */
export function checkVolume(operation: string, input: Tensor): void {
  checkTensorArguments(operation, { input });
  if (input.ndim !== 4 && input.ndim !== 5)
    throw new Error(`${operation}: expected a 4-D [C, D, H, W] or 5-D [N, C, D, H, W] input, got [${input.shape.join(', ')}]`);
}
