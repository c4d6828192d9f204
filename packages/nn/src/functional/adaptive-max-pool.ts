import { checkInteger, composite, type Tensor, type ValuesAndIndices } from '@dl/tensor';
import { adaptiveMaxPool1dWithIndices, adaptiveMaxPool2dWithIndices } from './pooling-with-indices.js';
import { readReturnIndices, type ReturnIndicesArgument } from './return-indices-argument.js';

function checkInput(operation: string, input: Tensor, dims: number): void {
  if (input.ndim !== dims + 1 && input.ndim !== dims + 2)
    throw new Error(`${operation}: expected ${dims + 1}-D or ${dims + 2}-D input, got [${input.shape.join(', ')}]`);
  if (input.shape.slice(-dims).some((extent) => extent === 0))
    throw new Error(`${operation}: the pooled dims of [${input.shape.join(', ')}] must not be empty`);
}

/**
 * Max pooling to a fixed length along L (torch.nn.functional.adaptive_max_pool1d): [N, C, L] or [C, L] →
 * [·, outputSize], window i spanning ⌊i·L/n⌋ … ⌈(i + 1)·L/n⌉ (torch's adaptive windows, which overlap
 * where n does not divide L). The gradient goes to each window's first maximum, as torch routes it
 * through its indices: exact ties (a window of ReLU's zeros) do not share it, and an element that is
 * the maximum of two overlapping windows gets both gradients. With torch's
 * `return_indices` (`true` after the size, or `{ returnIndices: true }`), the values and the positions
 * of the maxima, as adaptiveMaxPool1dWithIndices.
 * @example
 * F.adaptiveMaxPool1d(randn([2, 3, 10]), 4).shape; // [2, 3, 4]
 * const { values, indices } = F.adaptiveMaxPool1d(randn([2, 3, 10]), 4, true);
 */
export function adaptiveMaxPool1d(input: Tensor, outputSize: number, ...rest: ReturnIndicesArgument<false>): Tensor;
export function adaptiveMaxPool1d(input: Tensor, outputSize: number, ...rest: ReturnIndicesArgument<true>): ValuesAndIndices;
export function adaptiveMaxPool1d(input: Tensor, outputSize: number, ...rest: unknown[]): Tensor | ValuesAndIndices {
  if (readReturnIndices('adaptiveMaxPool1d', rest)) return adaptiveMaxPool1dWithIndices(input, outputSize);
  checkInput('adaptiveMaxPool1d', input, 1);
  checkInteger('adaptiveMaxPool1d', 'outputSize', outputSize, 1);
  return composite(() => adaptiveMaxPool1dWithIndices(input, outputSize).values);
}

type AdaptiveSize2d = number | readonly [number | null, number | null];

/**
 * Max pooling to a fixed [H', W'] (torch.nn.functional.adaptive_max_pool2d); a null size keeps that dim.
 * With `return_indices`, the values and the flat h·W + w positions of the maxima.
 * @example
 * F.adaptiveMaxPool2d(randn([2, 3, 7, 9]), [3, null]).shape; // [2, 3, 3, 9]
 */
export function adaptiveMaxPool2d(input: Tensor, outputSize: AdaptiveSize2d, ...rest: ReturnIndicesArgument<false>): Tensor;
export function adaptiveMaxPool2d(input: Tensor, outputSize: AdaptiveSize2d, ...rest: ReturnIndicesArgument<true>): ValuesAndIndices;
export function adaptiveMaxPool2d(input: Tensor, outputSize: AdaptiveSize2d, ...rest: unknown[]): Tensor | ValuesAndIndices {
  if (readReturnIndices('adaptiveMaxPool2d', rest)) return adaptiveMaxPool2dWithIndices(input, outputSize);
  checkInput('adaptiveMaxPool2d', input, 2);
  const [height, width] = input.shape.slice(-2) as [number, number];
  const [outHeight, outWidth] =
    typeof outputSize === 'number' ? [outputSize, outputSize] : [outputSize[0] ?? height, outputSize[1] ?? width];
  checkInteger('adaptiveMaxPool2d', 'outputSize', outHeight, 1);
  checkInteger('adaptiveMaxPool2d', 'outputSize', outWidth, 1);
  return composite(() => adaptiveMaxPool2dWithIndices(input, [outHeight, outWidth]).values);
}
