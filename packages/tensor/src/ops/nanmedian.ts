import { noGrad } from '../autograd/grad-mode.js';
import { readArguments, refuseArgumentsPast } from '../core/options.js';
import { normalizeDim } from '../core/shape.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { valuesAndIndices, type ValuesAndIndices } from '../core/values-and-indices.js';
import { castTo } from './convert.js';
import { full } from './creation.js';
import { div, floor, isnan, logicalNot, maximum, sub } from './elementwise.js';
import { evenlyDistributed } from './evenly-distributed.js';
import { gather } from './indexing.js';
import { sum } from './reduce.js';
import { sort } from './sort.js';
import { reshape, squeeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The position, along `axis` of the sorted values (NaN last), of the lower median of the non-NaN
 * values: ⌊(count − 1)/2⌋ with count the non-NaN values of the row, as torch's nth element
 * (size − #NaN − 1)/2, which is 0 for a row of NaN only. int32, with `axis` kept at size 1.
 */
function medianPosition(x: Tensor, axis: number): Tensor {
  return noGrad(() => {
    const count = sum(logicalNot(isnan(x)), axis, true);
    return castTo(maximum(floor(div(sub(count, 1), 2)), 0), 'int32');
  });
}

/**
 * The lower median of the non-NaN values, ignoring NaN (torch.nanmedian): of every element as a 0-d
 * tensor, or along `dim` as a `[values, indices]` pair (`keepdim` keeps the dim with size 1). Ties
 * resolve as torch's: among equal values the one that comes first. A row of NaN only gives NaN (and
 * index 0; torch's index there is whatever its nth_element leaves first), an empty input NaN. Along a
 * dim the gradient goes to the element picked; of every element it is shared equally by all the
 * elements equal to the median, as torch's.
 * @example
 * nanmedian(tensor([3, NaN, 1, 2])); // 2
 * const [values, indices] = nanmedian(tensor([[1, NaN, 3, 2]]), 1); // [2], [3]
 */
export function nanmedian(x: Tensor): Tensor;
export function nanmedian(x: Tensor, dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean): ValuesAndIndices;
export function nanmedian(x: Tensor, dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean): Tensor | ValuesAndIndices {
  if (arguments.length > 3) refuseArgumentsPast('nanmedian', ['x', 'dim', 'keepdim'], arguments);
  checkLive('nanmedian', 'input', x);
  const read = readArguments<{ dim?: number; keepdim?: boolean }>('nanmedian', [dim, keepdim], ['dim', 'keepdim'], ['dim', 'keepdim']);
  if (read.dim === undefined) {
    if (x.numel() === 0) return full([], Number.NaN, { dtype: x.dtype, device: x.device });
    return composite(() => {
      const flat = reshape(x, [-1]);
      const value = noGrad(() => reshape(gather(sort(flat).values, 0, medianPosition(flat, 0)), []));
      return evenlyDistributed(
        x,
        value,
        x.shape.map((_, axis) => axis),
      );
    });
  }
  // a 0-d tensor is one row of one value (torch: dim 0 or −1)
  const rowed = x.ndim === 0 ? reshape(x, [1]) : x;
  const axis = normalizeDim('nanmedian', read.dim, x.ndim);
  if (rowed.shape[axis] === 0) throw new Error(`nanmedian: dim ${read.dim} is empty (shape [${x.shape.join(', ')}])`);
  return composite(() => {
    const [values, indices] = sort(rowed, axis);
    const position = medianPosition(rowed, axis);
    const pick = (tensor: Tensor) => {
      const picked = gather(tensor, axis, position);
      if (x.ndim === 0) return reshape(picked, []);
      return read.keepdim ? picked : squeeze(picked, axis);
    };
    return valuesAndIndices(pick(values!), pick(indices!));
  });
}
