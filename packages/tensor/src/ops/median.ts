import { readArguments, refuseArgumentsPast } from '../core/options.js';
import { normalizeDim } from '../core/shape.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { valuesAndIndices, type ValuesAndIndices } from '../core/values-and-indices.js';
import { sort } from './sort.js';
import { reshape, squeeze } from './views.js';
import { noGrad } from '../autograd/grad-mode.js';
import { castTo } from './convert.js';
import { add, gt, isnan, neg, where } from './elementwise.js';
import { evenlyDistributed } from './evenly-distributed.js';
import { gather } from './indexing.js';
import { sum } from './reduce.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The lower median, element ⌊(n − 1)/2⌋ of the sorted values (torch.median): of every element as a
 * 0-d tensor, or along `dim` as a `[values, indices]` pair (`keepdim` keeps the dim with size 1). NaN
 * propagates, as torch's: a slice holding NaN has median NaN, and so has an empty input (along a dim, at the index of its first
 * NaN); `nanmedian` skips them. Along a dim the gradient goes to the element picked; of every element it
 * is shared equally by the elements equal to the median, as torch's.
 * @example
 * median(tensor([3, 1, 2, 5])); // 2
 * const [values, indices] = median(x, 1);
 */
export function median(x: Tensor): Tensor;
export function median(x: Tensor, dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean): ValuesAndIndices;
export function median(x: Tensor, dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean): Tensor | ValuesAndIndices {
  if (arguments.length > 3) refuseArgumentsPast('median', ['x', 'dim', 'keepdim'], arguments);
  checkLive('median', 'input', x);
  const read = readArguments<{ dim?: number; keepdim?: boolean }>('median', [dim, keepdim], ['dim', 'keepdim'], ['dim', 'keepdim']);
  if (read.dim === undefined) {
    // torch 1.13: the median of nothing is NaN (Σ∅ + NaN keeps the graph: an empty gradient)
    if (x.numel() === 0) return composite(() => add(sum(x), Number.NaN));
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
  const axis = normalizeDim('median', read.dim, x.ndim);
  // a 0-d tensor along its dim 0 (or −1) is a row of one element, and keepdim keeps it 0-d (torch)
  if (x.ndim === 0) return composite(() => median(reshape(x, [1]), 0));
  const size = x.shape[axis]!;
  if (size === 0) throw new Error(`median: dim ${read.dim} is empty`);
  return composite(() => {
    const [values, indices] = sort(x, axis);
    const position = medianPosition(x, axis);
    const pick = (tensor: Tensor) => {
      const picked = gather(tensor, axis, position);
      return read.keepdim ? picked : squeeze(picked, axis);
    };
    return valuesAndIndices(pick(values!), pick(indices!));
  });
}

/**
 * Where the median sits along `axis` of the sorted values (NaN last): ⌊(n − 1)/2⌋, or the first NaN,
 * n − #NaN, in a slice that holds any (torch's median is NaN there). int32, `axis` kept at size 1.
 */
function medianPosition(x: Tensor, axis: number): Tensor {
  const size = x.shape[axis]!;
  return noGrad(() => {
    const missing = sum(isnan(x), axis, true);
    return castTo(where(gt(missing, 0), neg(missing).add(size), Math.floor((size - 1) / 2)), 'int32');
  });
}
