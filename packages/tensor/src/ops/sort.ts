import { composite } from '../core/scope.js';
import { sameView } from './own-views.js';
import type { Tensor } from '../core/tensor.js';
import { valuesAndIndices, type ValuesAndIndices } from '../core/values-and-indices.js';
import { normalizeDim } from '../core/shape.js';
import { arange, zeros } from './creation.js';
import { gather, scatter } from './indexing.js';
import { sum } from './reduce.js';
import { contiguous, expand, narrow, reshape, transpose, unsqueeze } from './views.js';
import { allocate } from './allocate.js';
import { noGrad } from '../autograd/grad-mode.js';
import type { DType } from '../core/dtype.js';
import { castTo } from './convert.js';
import { eq, gt, isnan, logicalAnd as and, logicalNot, logicalOr, lt } from './elementwise.js';
import { checkBoolean, readArguments, refuseArgumentsPast } from '../core/options.js';
import { checkLive } from '../core/tensor-arguments.js';

/** The dtypes a backend's fused `sortIndices` takes. */
const sortable: readonly DType[] = ['float32', 'float64', 'int32'];

/** Sorted values and the positions they came from (PyTorch's `torch.return_types.sort`), by name or position. */
export type SortResult = ValuesAndIndices;

/** torch.sort's and torch.argsort's keywords. */
export interface SortOptions {
  /** The dimension to sort along. Default -1 (the last). */
  dim?: number;
  /** Largest first. Default false. */
  descending?: boolean;
  /** Keep equal values in their order. Default false; the sort is always stable, which satisfies both. */
  stable?: boolean;
}

/** torch.topk's keywords. */
export interface TopkOptions {
  /** The dimension to pick along. Default -1 (the last). */
  dim?: number;
  /** The k largest; false for the k smallest. Default true. */
  largest?: boolean;
  /** Return them in sorted order. Default true; they are always sorted, which satisfies both. */
  sorted?: boolean;
}

/** `dim` and `descending` of sort/argsort, given positionally (sort(x, 1, true)) or by keyword (sort(x, { dim: 1, descending: true })). */
function readSortArguments(operation: 'sort' | 'argsort', rest: readonly unknown[]): { dim: number; descending: boolean } {
  const {
    dim = -1,
    descending = false,
    stable = false,
  } = readArguments<SortOptions>(operation, rest, ['dim', 'descending'], ['dim', 'descending', 'stable']);
  checkBoolean(operation, 'stable', stable);
  return { dim, descending: checkBoolean(operation, 'descending', descending) };
}

/**
 * Sorts along `dim` (default the last), ascending unless `descending`, given positionally or as
 * torch's keywords: `sort(x, 1, true)` or `sort(x, { dim: 1, descending: true })`. Equal values keep
 * their order (a stable sort) and NaN sorts above +∞, as torch. `values` is a `gather` of the input,
 * so the gradient flows back to the positions it came from.
 * @example
 * const [values, indices] = sort(tensor([3, 1, 2])); // values [1, 2, 3], indices [1, 2, 0]
 */
export function sort(x: Tensor, dim?: number | SortOptions, descending?: boolean | SortOptions, options?: SortOptions): SortResult {
  if (arguments.length > 4) refuseArgumentsPast('sort', ['x', 'dim', 'descending', 'options'], arguments);
  checkLive('sort', 'input', x);
  const read = readSortArguments('sort', [dim, descending, options]);
  return sortAlong(x, read.dim, read.descending);
}

/**
 * `sort` with its arguments read.
 *
 * Written with primitives (comparisons, a sum, a scatter), so every backend and every gradient work:
 * element i's rank is the number of elements that come before it, Σⱼ [xⱼ ≺ xᵢ] + Σ_{j<i} [xⱼ = xᵢ],
 * and `indices[rank[i]] = i`. It compares every pair of a row — O(n²) memory per row — so it is
 * the reference, and the CPU and WebGPU backends sort with their fused `sortIndices` kernels instead
 * (O(n log n) on the CPU; one rank per invocation in O(n) memory on the GPU).
 */
function sortAlong(x: Tensor, dim: number, descending: boolean): SortResult {
  if (x.ndim === 0) return valuesAndIndices(sameView(x), zeros([], { dtype: 'int32', device: x.device }));
  return composite(() => {
    const axis = normalizeDim('sort', dim, x.ndim);
    const last = x.ndim - 1;
    const rows = axis === last ? x : transpose(x, axis, last);
    const length = rows.shape[last]!;
    const fused = x.storage.backend.fused?.sortIndices;
    if (fused && sortable.includes(x.dtype)) {
      // the backend sorts each row's positions in O(n) memory; values are their gather, as below
      const flat = noGrad(() => contiguous(reshape(rows, [rows.numel() / Math.max(length, 1), length])));
      const order = allocate(flat.shape, 'int32', x.device);
      if (flat.numel() > 0) fused(flat.kernelView(), order.kernelView(), descending);
      const indices = reshape(order, rows.shape);
      const values = gather(rows, -1, indices);
      return axis === last
        ? valuesAndIndices(values, indices)
        : valuesAndIndices(transpose(values, axis, last), transpose(indices, axis, last));
    }
    const mine = unsqueeze(rows, -1); // xᵢ along the row, [..., n, 1]
    const theirs = unsqueeze(rows, -2); // xⱼ across it,    [..., 1, n]
    const position = arange(length, undefined, 1, { device: x.device });
    const earlier = lt(unsqueeze(position, 0), unsqueeze(position, 1)); // [i][j] = j < i
    const [first, second] = descending ? [theirs, mine] : [mine, theirs];
    // xⱼ ≺ xᵢ: strictly before in the order, NaN counting as the largest value
    const before = logicalOr(gt(first, second), and(isnan(first), logicalNot(isnan(second))));
    const tie = logicalOr(eq(mine, theirs), and(isnan(mine), isnan(theirs)));
    const rank = castTo(sum(castTo(logicalOr(before, and(tie, earlier)), 'int32'), -1), 'int32');
    const order = expand(position, rank.shape);
    const indices = scatter(zeros(rank.shape, { dtype: 'int32', device: x.device }), -1, rank, order);
    const values = gather(rows, -1, indices);
    return axis === last
      ? valuesAndIndices(values, indices)
      : valuesAndIndices(transpose(values, axis, last), transpose(indices, axis, last));
  });
}

/**
 * The positions that sort `x` along `dim` (`sort(x, dim, descending).indices`); the same arguments as `sort`.
 * @example
 * argsort(tensor([3, 1, 2])); // [1, 2, 0]
 */
export function argsort(x: Tensor, dim?: number | SortOptions, descending?: boolean | SortOptions, options?: SortOptions): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('argsort', ['x', 'dim', 'descending', 'options'], arguments);
  checkLive('argsort', 'input', x);
  const read = readSortArguments('argsort', [dim, descending, options]);
  return composite(() => sortAlong(x, read.dim, read.descending).indices);
}

/**
 * The `k` largest (or, with `largest: false`, smallest) values along `dim` and their positions, in
 * sorted order (torch.topk), given positionally (`topk(x, 2, 0, false)`) or as torch's keywords
 * (`topk(x, 2, { dim: 0, largest: false })`). Ties keep the earlier position first.
 * @example
 * const [values, indices] = topk(logits, 5); // the five best classes of each row
 */
export function topk(
  x: Tensor,
  k: number,
  dim?: number | TopkOptions,
  largest?: boolean | TopkOptions,
  sorted?: boolean | TopkOptions,
  options?: TopkOptions,
): SortResult {
  if (arguments.length > 6) refuseArgumentsPast('topk', ['x', 'k', 'dim', 'largest', 'sorted', 'options'], arguments);
  checkLive('topk', 'input', x);
  const read = readArguments<TopkOptions>(
    'topk',
    [dim, largest, sorted, options],
    ['dim', 'largest', 'sorted'],
    ['dim', 'largest', 'sorted'],
  );
  checkBoolean('topk', 'sorted', read.sorted ?? true);
  const axis = normalizeDim('topk', read.dim ?? -1, Math.max(x.ndim, 1));
  const extent = x.ndim === 0 ? 1 : x.shape[axis]!;
  if (!Number.isInteger(k) || k < 0 || k > extent) throw new Error(`topk: k must be an integer in [0, ${extent}], got ${k}`);
  const largestFirst = checkBoolean('topk', 'largest', read.largest ?? true);
  if (x.ndim === 0) return sortAlong(x, axis, largestFirst);
  return composite(() => {
    const ordered = sortAlong(x, axis, largestFirst);
    return valuesAndIndices(narrow(ordered.values, axis, 0, k), narrow(ordered.indices, axis, 0, k));
  });
}
