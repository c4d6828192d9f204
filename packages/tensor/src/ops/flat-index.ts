import { checkBoolean, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { add, lt, where } from './elementwise.js';
import { gather, scatter, scatterAdd } from './indexing.js';
import { reshape } from './own-views.js';
import { contiguous } from './views.js';

// torch's ops that address a tensor as if it were 1-D, in row-major order: ravel, take and put.

/**
 * The elements as a 1-D tensor in row-major order (torch.ravel): a view when the layout allows (a new
 * handle even for a 1-D input, as torch's), a copy otherwise.
 * @example
 * ravel(tensor([[1, 2], [3, 4]])); // [1, 2, 3, 4]
 */
export function ravel(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('ravel', ['x'], arguments);
  return reshape(x, [-1]);
}

/**
 * `index` (int32) checked against `count` elements, its negative entries counted from the end
 * (torch's rule for take and put). The check reads CPU indices only: elsewhere there is no synchronous
 * read, and the device's gather and scatter kernels clamp.
 */
function flatIndex(operation: string, index: Tensor, count: number): Tensor {
  if (index.dtype !== 'int32') throw new Error(`${operation}: expected an int32 index tensor, got ${index.dtype}`);
  if (index.device === 'cpu' && index.numel() > 0) {
    const view = contiguous(index);
    for (const value of view.dataSync())
      if (value < -count || value >= count)
        throw new Error(`${operation}: out of range: tried to access index ${value} on a tensor of ${count} elements`);
  }
  return where(lt(index, 0), add(index, count), index);
}

/**
 * The elements at flat positions `index` (torch.take): x read as 1-D in row-major order, the result
 * shaped as `index` (int32; negative positions count from the end). Gradients flow back to the picked
 * positions, summed where a position repeats.
 * @example
 * take(tensor([[4, 3], [5, 7]]), tensor([0, -1], { dtype: 'int32' })); // [4, 7]
 */
export function take(x: Tensor, index: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('take', ['x', 'index'], arguments);
  assertSameDevice('take', [x, index]);
  return composite(() => {
    const positions = reshape(flatIndex('take', index, x.numel()), [-1]);
    return reshape(gather(reshape(x, [-1]), 0, positions), [...index.shape]);
  });
}

/** torch.put's keyword. */
export interface PutOptions {
  /** Add the source values to the existing ones (repeated positions add up) instead of replacing them. Default false. */
  accumulate?: boolean;
}

/**
 * x with `source`'s values written at flat positions `index` (out-of-place torch.Tensor.put, the
 * functional form of put_): x read as 1-D in row-major order, index (int32, negatives from the end) and
 * source of the same number of elements, source of x's dtype. With `accumulate` the values are added
 * (repeated positions add up); without it a repeated position keeps one of its values. Gradients: x's
 * is the output's, zeroed where replaced (kept where accumulated); source's is read at its positions.
 * @example
 * put(zeros(2, 2), tensor([3, 0], { dtype: 'int32' }), tensor([1, 2])); // [[2, 0], [0, 1]]
 */
export function put(x: Tensor, index: Tensor, source: Tensor, accumulate?: boolean | PutOptions): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('put', ['x', 'index', 'source', 'accumulate'], arguments);
  const options = readArguments<PutOptions>('put', [accumulate], ['accumulate'], ['accumulate']);
  const adds = checkBoolean('put', 'accumulate', options.accumulate ?? false);
  assertSameDevice('put', [x, index, source]);
  if (index.numel() !== source.numel())
    throw new Error(
      `put: expected source and index to have the same number of elements, but got source.numel() = ${source.numel()}, index.numel() = ${index.numel()}`,
    );
  if (source.dtype !== x.dtype)
    throw new Error(
      `put: self and source expected to have the same dtype, but got self.dtype = ${x.dtype} and source.dtype = ${source.dtype}`,
    );
  return composite(() => {
    const positions = reshape(flatIndex('put', index, x.numel()), [-1]);
    const values = reshape(source, [-1]);
    const flat = reshape(x, [-1]);
    return reshape(adds ? scatterAdd(flat, 0, positions, values) : scatter(flat, 0, positions, values), [...x.shape]);
  });
}
