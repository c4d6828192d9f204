import { describeValue, type Tensor } from '@dl/tensor';

/** A transposed convolution layer's sizes: one number (1-d) or one entry per spatial dim. */
export interface TransposedGeometry {
  kernelSize: number | readonly number[];
  stride: number | readonly number[];
  padding: number | readonly number[];
  dilation: number | readonly number[];
  outputPadding?: number | readonly number[];
}

const perDim = (value: number | readonly number[] | undefined): readonly number[] =>
  value === undefined ? [0] : typeof value === 'number' ? [value] : value;

/**
 * The output padding that makes a transposed convolution give `outputSize` (torch's
 * `_ConvTransposeNd._output_padding`, what `forward(input, output_size)` uses). Per spatial dim the
 * smallest output is m = (L − 1)·s − 2p + d(k − 1) + 1; the sizes m … m + s − 1 are all reachable,
 * with output padding size − m. `outputSize` gives the spatial sizes, or the whole output shape
 * (batch and channels first, which are skipped). Without it, the layer's own `outputPadding`.
 * @example
 * // stride 2, kernel 3, input 3 × 3: sizes 7 or 8 are reachable
 * transposedOutputPadding('ConvTranspose2d', x, [8, 8], geometry); // [1, 1]
 */
export function transposedOutputPadding(
  owner: string,
  input: Tensor,
  outputSize: number | readonly number[] | null | undefined,
  geometry: TransposedGeometry,
): number[] {
  const [kernelSize, stride, padding, dilation] = [geometry.kernelSize, geometry.stride, geometry.padding, geometry.dilation].map(
    perDim,
  ) as [readonly number[], readonly number[], readonly number[], readonly number[]];
  const spatial = kernelSize.length;
  if (outputSize === null || outputSize === undefined) return [...perDim(geometry.outputPadding)];
  const requested = typeof outputSize === 'number' ? [outputSize] : [...outputSize];
  const nonSpatial = input.ndim === spatial + 2 ? 2 : 1;
  const sizes = requested.length === spatial + nonSpatial ? requested.slice(nonSpatial) : requested;
  if (sizes.length !== spatial || !sizes.every((size) => Number.isInteger(size)))
    throw new Error(
      `${owner}: for ${input.ndim}-D input, outputSize must hold ${spatial} or ${spatial + nonSpatial} integers, got ${Array.isArray(outputSize) ? `[${outputSize.join(', ')}]` : describeValue(outputSize)}`,
    );
  const inputSizes = input.shape.slice(nonSpatial);
  const smallest = inputSizes.map(
    (size, axis) => (size - 1) * stride[axis]! - 2 * padding[axis]! + dilation[axis]! * (kernelSize[axis]! - 1) + 1,
  );
  const largest = smallest.map((size, axis) => size + stride[axis]! - 1);
  if (sizes.some((size, axis) => size < smallest[axis]! || size > largest[axis]!))
    throw new Error(
      `${owner}: requested an output size of [${sizes.join(', ')}], but valid sizes range from [${smallest.join(', ')}] to [${largest.join(', ')}] (for an input of [${inputSizes.join(', ')}])`,
    );
  return sizes.map((size, axis) => size - smallest[axis]!);
}
