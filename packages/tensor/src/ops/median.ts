import { readArguments } from '../core/options.js';
import { normalizeDim } from '../core/shape.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { valuesAndIndices, type ValuesAndIndices } from '../core/values-and-indices.js';
import { sort } from './sort.js';
import { narrow, reshape, squeeze } from './views.js';

/**
 * The lower median, element ⌊(n − 1)/2⌋ of the sorted values (torch.median): of every element as a
 * 0-d tensor, or along `dim` as a `[values, indices]` pair (`keepdim` keeps the dim with size 1). The
 * gradient goes to the median element. Values with NaN are not treated specially (torch's median
 * propagates NaN; nanmedian is not implemented).
 * @example
 * median(tensor([3, 1, 2, 5])); // 2
 * const [values, indices] = median(x, 1);
 */
export function median(x: Tensor): Tensor;
export function median(x: Tensor, dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean): ValuesAndIndices;
export function median(x: Tensor, dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean): Tensor | ValuesAndIndices {
  const read = readArguments<{ dim?: number; keepdim?: boolean }>('median', [dim, keepdim], ['dim', 'keepdim'], ['dim', 'keepdim']);
  if (read.dim === undefined) {
    if (x.numel() === 0) throw new Error('median: the input is empty');
    return composite(() => {
      const sorted = sort(reshape(x, [-1])).values;
      return reshape(narrow(sorted, 0, Math.floor((x.numel() - 1) / 2), 1), []);
    });
  }
  const axis = normalizeDim('median', read.dim, x.ndim);
  const size = x.shape[axis]!;
  if (size === 0) throw new Error(`median: dim ${read.dim} is empty`);
  return composite(() => {
    const [values, indices] = sort(x, axis);
    const middle = Math.floor((size - 1) / 2);
    const pick = (tensor: Tensor) => (read.keepdim ? narrow(tensor, axis, middle, 1) : squeeze(narrow(tensor, axis, middle, 1), axis));
    return valuesAndIndices(pick(values!), pick(indices!));
  });
}
