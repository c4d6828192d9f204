import { getDefaultDtype } from '../core/default-dtype.js';
import { isFloating } from '../core/dtype.js';
import { checkOptions, refuseArgumentsPast } from '../core/options.js';
import { full } from './creation.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { isnan, le, logicalOr, lt } from './elementwise.js';
import { gather } from './indexing.js';
import { sum } from './reduce.js';
import { unsqueeze } from './views.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

export interface SearchOptions {
  /** Count the boundaries ≤ each value instead of < it (the right end of a run of equal values). Default false. */
  right?: boolean;
  /** Accepted for torch's signature: the indices are int32 either way (@dl has no int64). Default false. */
  outInt32?: boolean;
}

export interface SearchSortedOptions extends SearchOptions {
  /** 'left' or 'right', the same as `right` false or true. Default 'left'. */
  side?: 'left' | 'right';
  /** Indices that sort an unsorted `sortedSequence` along its last dim. Default none. */
  sorter?: Tensor | null;
}

/** `right` from `right` and `side` (torch's rule: `side` decides, and right=true with side 'left' is refused). */
function readSide(operation: string, options: SearchSortedOptions): boolean {
  const { right, side } = options;
  if (side !== undefined && side !== 'left' && side !== 'right')
    throw new Error(`${operation}: side must be 'left' or 'right', got '${side}'`);
  // torch refuses only right=True with side='left'; otherwise side, when given, decides
  if (right === true && side === 'left')
    throw new Error(`${operation}: side and right can't be set to opposites, got side 'left' and right true`);
  return side === undefined ? right === true : side === 'right';
}

/**
 * torch's Scalar overloads (`torch.searchsorted(seq, 2.5)`, `torch.bucketize(2.5, boundaries)`): the number
 * as a 0-d tensor on the sequence's device, in its dtype where that is floating (a 0-d tensor of the same
 * kind does not change the comparison's type), else in the default floating dtype unless it is an integer.
 */
function scalarLike(sequence: Tensor, value: number): Tensor {
  const dtype = isFloating(sequence.dtype) ? sequence.dtype : Number.isInteger(value) ? 'int32' : getDefaultDtype();
  return full([], value, { dtype, device: sequence.device });
}

/**
 * The count along the last dim of the entries < each value (≤ with `right`); a NaN value goes after
 * every entry (the count is the length), as torch's binary search places it: NaN sorts last.
 */
function countBefore(entries: Tensor, values: Tensor, right: boolean): Tensor {
  const before = right ? le(entries, values) : lt(entries, values);
  return sum(logicalOr(before, isnan(values)), -1); // a sum of bools is int32
}

/**
 * For each value, the number of sequence entries before which it would be inserted to keep the sequence
 * sorted (torch.searchsorted): the count of entries < value (≤ with `right`). `sortedSequence` is 1-D, or
 * [..., N] with the leading dims of `values` [..., M]. int32 indices; not differentiable. It compares
 * every value with every entry (O(M·N) memory), so it runs on any device.
 * @example
 * searchsorted(tensor([1, 3, 5, 7]), tensor([3, 6])); // [1, 3]
 */
export function searchsorted(sortedSequence: Tensor, value: Tensor | number, options: SearchSortedOptions = {}): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('searchsorted', ['sortedSequence', 'values', 'options'], arguments);
  checkTensorArguments('searchsorted', { sortedSequence });
  if (typeof value === 'number' && sortedSequence.ndim !== 1)
    throw new Error(
      `searchsorted: a number value needs a 1-d sortedSequence, got [${sortedSequence.shape.join(', ')}] (pass values as a tensor [..., M])`,
    );
  const values = typeof value === 'number' ? scalarLike(sortedSequence, value) : value;
  checkTensorArguments('searchsorted', { values });
  checkOptions('searchsorted', options, ['right', 'side', 'sorter', 'outInt32']);
  const right = readSide('searchsorted', options);
  const leading = sortedSequence.shape.slice(0, -1);
  if (sortedSequence.ndim === 0) throw new Error('searchsorted: sortedSequence must have at least one dim');
  if (sortedSequence.ndim > 1 && (values.ndim !== sortedSequence.ndim || values.shape.slice(0, -1).join() !== leading.join()))
    throw new Error(
      `searchsorted: a sortedSequence [${sortedSequence.shape.join(', ')}] needs values [${[...leading, 'M'].join(', ')}], got [${values.shape.join(', ')}]`,
    );
  return composite(() => {
    const sequence = options.sorter ? gather(sortedSequence, -1, options.sorter) : sortedSequence;
    // [..., M, 1] against [..., 1, N], counted along N
    const entries = sortedSequence.ndim === 1 ? sequence : unsqueeze(sequence, -2);
    return countBefore(entries, unsqueeze(values, -1), right);
  });
}

/**
 * The bucket of each element among 1-D sorted `boundaries` (torch.bucketize): the number of boundaries
 * < x (≤ x with `right`), an int32 tensor of the input's shape.
 * @example
 * bucketize(tensor([0.5, 3, 9]), tensor([1, 3, 5])); // [0, 1, 3]
 */
export function bucketize(value: Tensor | number, boundaries: Tensor, options: SearchOptions = {}): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('bucketize', ['input', 'boundaries', 'options'], arguments);
  checkTensorArguments('bucketize', { boundaries });
  const input = typeof value === 'number' ? scalarLike(boundaries, value) : value;
  checkTensorArguments('bucketize', { input });
  checkOptions('bucketize', options, ['right', 'outInt32']);
  if (boundaries.ndim !== 1) throw new Error(`bucketize: boundaries must be 1-d, got [${boundaries.shape.join(', ')}]`);
  return composite(() => {
    return countBefore(boundaries, unsqueeze(input, -1), options.right === true);
  });
}
