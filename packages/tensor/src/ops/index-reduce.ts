import { checkBoolean, checkChoice, checkOptions, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { scatterReduce } from './scatter-reduce.js';
import { reshape } from './views.js';
import { atLeastOneDim, checkSource, readIndex, spread } from './index-along-dim.js';

/**
 * The reductions of torch.index_reduce.
 * @example
 * const reduce: IndexReduction = 'amin';
 */
export type IndexReduction = 'prod' | 'mean' | 'amax' | 'amin';

/**
 * torch.index_reduce's keyword.
 * @example
 * indexReduce(x, 0, index, source, 'mean', { includeSelf: false }); // the mean of the sources alone
 */
export interface IndexReduceOptions {
  /** Whether x's own values take part in the reduction of the slices written to. Default true. */
  includeSelf?: boolean;
}

const reductions: Record<string, IndexReduction> = { prod: 'prod', mean: 'mean', amax: 'amax', amin: 'amin' };

/**
 * Reduces slice i of `source` into slice `index[i]` of `dim` (torch.index_reduce): out[index[i]] =
 * reduce(x[index[i]] if includeSelf, source[i], every other source slice sent there), with `reduce` one
 * of 'prod', 'mean', 'amax', 'amin'; slices nothing is sent to keep x. `index` is 1-D int32, `source`
 * has x's shape with `dim` of the index's length. It is the scatter-reduce with the index broadcast over
 * the other dims, so values and gradients are those of {@link scatterReduce} (torch 1.13's: 'mean'
 * shares the gradient over the count, 'amax'/'amin' evenly among the values equal to the result,
 * 'prod' is result/value where nothing is 0); an integer 'mean' rounds down.
 * @example
 * indexReduce(ones(3), 0, tensor([0, 0, 2], { dtype: 'int32' }), tensor([2, 3, 4]), 'prod'); // [6, 1, 4]
 */
export function indexReduce(
  x: Tensor,
  dim: number,
  index: Tensor,
  source: Tensor,
  reduce: IndexReduction,
  options: IndexReduceOptions = {},
): Tensor {
  if (arguments.length > 6) refuseArgumentsPast('indexReduce', ['x', 'dim', 'index', 'source', 'reduce', 'options'], arguments);
  checkOptions('indexReduce', options, ['includeSelf']);
  const includeSelf = checkBoolean('indexReduce', 'includeSelf', options.includeSelf ?? true);
  const reduction = checkChoice('indexReduce', 'reduce', reduce, reductions);
  assertSameDevice('indexReduce', [x, index, source]);
  const { axis, flat } = readIndex('indexReduce', x, dim, index);
  const expected = checkSource('indexReduce', x, axis, flat, source);
  return composite(() =>
    atLeastOneDim(x, (input) =>
      scatterReduce(input, axis, spread(flat, axis, expected), reshape(source, expected), reduction, { includeSelf }),
    ),
  );
}
