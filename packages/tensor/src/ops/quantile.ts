import { noGrad } from '../autograd/grad-mode.js';
import { isTensor } from '../core/brand.js';
import { isFloating } from '../core/dtype.js';
import { checkBoolean, checkChoice, describeValue, readArguments } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape, normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { any } from './any-all.js';
import { castTo } from './convert.js';
import { tensor } from './creation.js';
import { ceil, floor, isnan, logicalNot, lt, mul, round, sub, where } from './elementwise.js';
import { gather } from './indexing.js';
import { lerp } from './lerp.js';
import { movedim } from './rearrangement.js';
import { sum } from './reduce.js';
import { sort } from './sort.js';
import { expand, reshape, squeeze, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * How a quantile between two sorted values i < j is read (torch's interpolation keyword).
 * @example
 * quantile(x, 0.5, { interpolation: 'lower' }); // an element of x, never between two
 */
export type QuantileInterpolation = 'linear' | 'lower' | 'higher' | 'midpoint' | 'nearest';

/**
 * torch.quantile's and torch.nanquantile's keywords.
 * @example
 * quantile(x, tensor([0.25, 0.75]), { dim: 1, keepdim: true }); // [2, rows, 1]
 */
export interface QuantileOptions {
  /** The dimension to reduce. Default: every element (the flattened input). */
  dim?: number;
  /** Keep the reduced dimension(s) with size 1. Default false. */
  keepdim?: boolean;
  /** Between sorted values i and j at rank r: 'linear' (xᵢ + (r − i)(xⱼ − xᵢ)), 'lower', 'higher', 'midpoint' or 'nearest' (r rounded half to even). Default 'linear'. */
  interpolation?: QuantileInterpolation;
}

/** `quantile`'s and `nanquantile`'s arguments after q: dim and keepdim positionally, then the options (or all as options). */
type QuantileArguments = [dim?: number | QuantileOptions, keepdim?: boolean | QuantileOptions, options?: QuantileOptions];

const interpolations: Record<string, QuantileInterpolation> = {
  linear: 'linear',
  lower: 'lower',
  higher: 'higher',
  midpoint: 'midpoint',
  nearest: 'nearest',
};

/**
 * The q-th quantiles of x (torch.quantile), over every element or along `dim`: q is a number in
 * [0, 1] or a 1-D tensor of them (x's dtype), and with a tensor q the result has q's length as its
 * FIRST dim, then the reduced shape (torch's layout). The sorted values are read at rank q·(n − 1),
 * interpolated as `interpolation` says; a slice holding NaN gives NaN. The 'linear' gradient is
 * torch's: (1 − w) and w to the two sorted values it reads. Arguments positionally or as keywords:
 * `quantile(x, 0.5, 1, true)`, `quantile(x, q, { dim: 1, interpolation: 'lower' })`.
 * @example
 * quantile(tensor([1, 2, 3, 4]), 0.5); // 2.5
 */
export function quantile(x: Tensor, q: number | Tensor, ...options: QuantileArguments): Tensor {
  return quantileOf('quantile', x, q, options, false);
}

/**
 * `quantile` that ignores NaN (torch.nanquantile): each slice's rank is q·(k − 1) for its k values
 * that are not NaN; a slice of NaN only gives NaN. Arguments as `quantile`'s.
 * @example
 * nanquantile(tensor([1, NaN, 3]), 0.5); // 2
 */
export function nanquantile(x: Tensor, q: number | Tensor, ...options: QuantileArguments): Tensor {
  return quantileOf('nanquantile', x, q, options, true);
}

function checkQuantiles(operation: string, x: Tensor, q: number | Tensor): void {
  if (!isTensor(q)) {
    if (typeof q !== 'number' || !(q >= 0 && q <= 1))
      throw new Error(`${operation}: q must be in the range [0, 1], got ${describeValue(q)}`);
    return;
  }
  assertSameDevice(operation, [x, q]);
  if (q.ndim > 1) throw new Error(`${operation}: q must be a number, a 0-D or a 1-D tensor, got ${formatShape(q.shape)}`);
  if (q.dtype !== x.dtype) throw new Error(`${operation}: q (${q.dtype}) must have the input's dtype (${x.dtype})`);
  // the range is checked where q reads synchronously (the CPU)
  if (q.storage.backend.readSync)
    for (const value of q.dataSync())
      if (!(value >= 0 && value <= 1)) throw new Error(`${operation}: q must be in the range [0, 1], got ${value}`);
}

function quantileOf(operation: string, x: Tensor, q: number | Tensor, rest: readonly unknown[], ignoreNan: boolean): Tensor {
  const read = readArguments<QuantileOptions>(operation, rest, ['dim', 'keepdim'], ['dim', 'keepdim', 'interpolation']);
  const keepdim = checkBoolean(operation, 'keepdim', read.keepdim ?? false);
  const interpolation = checkChoice(operation, 'interpolation', read.interpolation ?? 'linear', interpolations);
  checkLive(operation, 'input', x);
  if (!isFloating(x.dtype)) throw new Error(`${operation}: expects a floating-point input, got ${x.dtype}`);
  if (x.numel() === 0) throw new Error(`${operation}: the input ${formatShape(x.shape)} is empty`);
  checkQuantiles(operation, x, q);
  const axis = read.dim === undefined ? undefined : normalizeDim(operation, read.dim, x.ndim);
  const scalarQ = !isTensor(q) || q.ndim === 0;
  return composite(() => {
    // rows [...batch, n]: the reduced dim last, the others in their order
    const rows = axis === undefined ? reshape(x, [-1]) : x.ndim === 0 ? reshape(x, [1]) : movedim(x, axis, -1);
    const batch = rows.shape.slice(0, -1);
    const length = rows.shape[rows.ndim - 1]!;
    const sorted = sort(rows, -1).values; // NaN last
    const quantiles = isTensor(q) ? reshape(q, [-1]) : tensor([q], { dtype: x.dtype, device: x.device });
    const count = quantiles.shape[0]!;
    const [below, above, weights] = noGrad(() => {
      const levels = reshape(quantiles, [count, ...batch.map(() => 1), 1]); // [Q, 1…, 1]
      const nan = isnan(sorted);
      let ranks: Tensor;
      if (ignoreNan) {
        const valid = castTo(sum(castTo(logicalNot(nan), 'int32'), -1, true), x.dtype);
        ranks = mul(levels, sub(valid, 1));
        ranks = where(lt(ranks, 0), 0, ranks); // a slice of NaN only reads its first value, NaN, as torch
      } else ranks = where(any(nan, -1, true), length - 1, mul(levels, length - 1)); // NaN propagates
      if (interpolation === 'lower') ranks = floor(ranks);
      else if (interpolation === 'higher') ranks = ceil(ranks);
      else if (interpolation === 'nearest') ranks = round(ranks);
      const below = castTo(floor(ranks), 'int32');
      const above = castTo(ceil(ranks), 'int32');
      return [below, above, interpolation === 'midpoint' ? 0.5 : sub(ranks, floor(ranks))] as const;
    });
    const spread = expand(unsqueeze(sorted, 0), [count, ...batch, length]);
    const lowerValues = gather(spread, -1, below);
    const interpolated =
      interpolation === 'linear' || interpolation === 'midpoint' ? lerp(lowerValues, gather(spread, -1, above), weights) : lowerValues;
    let result = squeeze(interpolated, -1); // [Q, ...batch]
    if (keepdim) result = axis === undefined ? reshape(result, [count, ...x.shape.map(() => 1)]) : unsqueeze(result, axis + 1);
    return scalarQ ? squeeze(result, 0) : result;
  });
}
