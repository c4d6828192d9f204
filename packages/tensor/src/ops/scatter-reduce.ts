import { noGrad } from '../autograd/grad-mode.js';
import { isFloating } from '../core/dtype.js';
import { checkBoolean, checkChoice, checkOptions, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape, normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { castTo } from './convert.js';
import { arange } from './creation.js';
import { add, div, eq, floor, gt, logicalAnd, logicalNot, maximum, minimum, mul, sub, where } from './elementwise.js';
import { checkIndexBounds } from './index-bounds.js';
import { gather, scatterAdd } from './indexing.js';
import { pad } from './join.js';
import { amax, amin, prod, sum } from './reduce.js';
import { expand, narrow, reshape, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The reductions of torch.scatter_reduce.
 * @example
 * const reduce: ScatterReduction = 'amax';
 */
export type ScatterReduction = 'sum' | 'prod' | 'mean' | 'amax' | 'amin';

/**
 * torch.scatter_reduce's keyword.
 * @example
 * scatterReduce(x, 0, index, source, 'mean', { includeSelf: false }); // the mean of the sources alone
 */
export interface ScatterReduceOptions {
  /** Whether x's own values take part in the reduction at the positions written to. Default true. */
  includeSelf?: boolean;
}

const reductions: Record<string, ScatterReduction> = { sum: 'sum', prod: 'prod', mean: 'mean', amax: 'amax', amin: 'amin' };

/** torch's shape rule: index no larger than source anywhere, nor than x outside `axis`. */
function checkShapes(x: Tensor, axis: number, index: Tensor, source: Tensor): void {
  if (index.dtype !== 'int32') throw new Error(`scatterReduce: index must be an int32 tensor, got ${index.dtype}`);
  if (source.dtype !== x.dtype) throw new Error(`scatterReduce: self (${x.dtype}) and source (${source.dtype}) must have the same dtype`);
  if (x.dtype === 'bool') throw new Error('scatterReduce: expects a numeric tensor, got bool');
  if (index.ndim !== x.ndim || source.ndim !== x.ndim)
    throw new Error(
      `scatterReduce: index ${formatShape(index.shape)}, source ${formatShape(source.shape)} and input ${formatShape(x.shape)} must have the same number of dimensions`,
    );
  index.shape.forEach((extent, d) => {
    if (extent > source.shape[d]! || (d !== axis && extent > x.shape[d]!))
      throw new Error(
        `scatterReduce: expected index ${formatShape(index.shape)} to be no larger than self ${formatShape(x.shape)} apart from dim ${axis} and no larger than source ${formatShape(source.shape)}`,
      );
  });
}

/** `t` padded at the end of every dim up to `shape` with `value` (t covers the index's window of x). */
function padTo(t: Tensor, shape: readonly number[], value: number): Tensor {
  const padding: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) padding.push(0, shape[d]! - t.shape[d]!);
  return padding.some((amount) => amount !== 0) ? pad(t, padding, value) : t;
}

/**
 * Reduces the values of `source` that `index` sends to the same position of x along `dim` (torch.
 * scatter_reduce): out[… index[i][j] …] = reduce(x[…] if includeSelf, source[i][j] …) for 2-D and
 * dim 1, with `reduce` one of 'sum', 'prod', 'mean', 'amax', 'amin'; positions nothing is sent to
 * keep x. An integer 'mean' rounds down, as torch. Gradients as torch's: 'mean' shares the gradient
 * over the count, 'amax'/'amin' share it evenly among the values equal to the result (x's own
 * included), 'prod' is result/value where nothing is 0.
 * @example
 * scatterReduce(tensor([0, 0]), 0, tensor([0, 0, 1], { dtype: 'int32' }), tensor([1, 5, 2]), 'amax'); // [5, 2]
 */
export function scatterReduce(
  x: Tensor,
  dim: number,
  index: Tensor,
  source: Tensor,
  reduce: ScatterReduction,
  options: ScatterReduceOptions = {},
): Tensor {
  if (arguments.length > 6) refuseArgumentsPast('scatterReduce', ['x', 'dim', 'index', 'source', 'reduce', 'options'], arguments);
  checkOptions('scatterReduce', options, ['includeSelf']);
  const includeSelf = checkBoolean('scatterReduce', 'includeSelf', options.includeSelf ?? true);
  const reduction = checkChoice('scatterReduce', 'reduce', reduce, reductions);
  assertSameDevice('scatterReduce', [x, index, source]);
  checkLive('scatterReduce', 'input', x);
  if (x.ndim === 0)
    return composite(() => reshape(scatterReduce(reshape(x, [1]), 0, reshape(index, [-1]), reshape(source, [-1]), reduction, options), []));
  const axis = normalizeDim('scatterReduce', dim, x.ndim);
  checkShapes(x, axis, index, source);
  checkIndexBounds('scatterReduce', index, x.shape[axis]!, axis);
  // an empty index sends nothing: every position keeps x, as torch's (amax over no candidates would throw)
  if (index.numel() === 0) return x.clone();
  return composite(() => {
    let window = source;
    index.shape.forEach((extent, d) => (window = extent === window.shape[d] ? window : narrow(window, d, 0, extent)));
    // membership[… k, j …] = [index[… j …] = k]: which index entries land on position k of dim, with
    // k on a new axis just before the index's own `axis`, [… n, m …]
    const positions = reshape(arange(x.shape[axis]!, undefined, 1, { dtype: 'int32', device: x.device }), [
      ...index.shape.map((_, d) => (d === axis ? x.shape[axis]! : 1)),
      1,
    ]); // [… n, 1 …]
    const moved = (t: Tensor) => unsqueeze(t, axis); // [… 1, m …]
    const membership = eq(moved(index), positions);
    const count = padTo(sum(castTo(membership, 'int32'), axis + 1), x.shape, 0);
    const scattered = gt(count, 0);
    if (reduction === 'sum' || reduction === 'mean') {
      const base = includeSelf ? x : where(scattered, 0, x);
      const total = scatterAdd(base, axis, index, window);
      if (reduction === 'sum') return total;
      // the count of values averaged, 1 where none (those positions keep x)
      const counted = includeSelf ? add(count, 1) : where(scattered, count, 1);
      if (isFloating(x.dtype)) return div(total, castTo(counted, x.dtype));
      return castTo(floor(div(total, counted)), x.dtype);
    }
    const candidates = expand(moved(window), membership.shape);
    if (reduction === 'prod') {
      const product = padTo(prod(where(membership, candidates, 1), axis + 1), x.shape, 1);
      return includeSelf ? mul(x, product) : where(scattered, product, x);
    }
    return extremum(reduction, x, axis, index, window, membership, candidates, scattered, includeSelf);
  });
}

/**
 * amax/amin: the value r is computed outside the graph, and the gradient routed as torch's: with N the
 * number of values equal to r at a position (x's own counted even when not included, as torch does),
 * out = r + (Σ_{x = r} (x − stop x) + Σ_{source = r} (s − stop s)) / N, whose terms are 0 exactly.
 */
function extremum(
  reduction: 'amax' | 'amin',
  x: Tensor,
  axis: number,
  index: Tensor,
  window: Tensor,
  membership: Tensor,
  candidates: Tensor,
  scattered: Tensor,
  includeSelf: boolean,
): Tensor {
  const largest = reduction === 'amax';
  const floating = isFloating(x.dtype);
  // a filler that never wins: ∓∞, or the int32 extremes
  const filler = largest ? (floating ? -Infinity : -2147483648) : floating ? Infinity : 2147483647;
  const result = noGrad(() => {
    const reduced = (largest ? amax : amin)(where(membership, candidates, filler), axis + 1);
    const spread = padTo(reduced, x.shape, filler);
    const combined = includeSelf ? (largest ? maximum : minimum)(x, spread) : spread;
    return where(scattered, combined, x);
  });
  if (!floating) return result;
  const [selfTies, sourceTies, shares] = noGrad(() => {
    const selfTies = eq(x, result);
    const sourceTies = eq(window, gather(result, axis, index));
    const ties = scatterAdd(castTo(selfTies, x.dtype), axis, index, castTo(sourceTies, x.dtype));
    const shares = where(eq(ties, 0), 1, ties);
    return [includeSelf ? selfTies : logicalAnd(selfTies, logicalNot(scattered)), sourceTies, shares] as const;
  });
  const fromSelf = where(selfTies, sub(x, x.detach()), 0);
  const fromSource = where(sourceTies, sub(window, window.detach()), 0);
  const zero = noGrad(() => mul(result, 0));
  return add(result, div(scatterAdd(add(zero, fromSelf), axis, index, fromSource), shares));
}
