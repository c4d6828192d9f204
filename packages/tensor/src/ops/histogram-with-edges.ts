import { noGrad } from '../autograd/grad-mode.js';
import { isTensor } from '../core/brand.js';
import { isFloating } from '../core/dtype.js';
import { checkBoolean, checkInteger, checkNumber, checkOptions, describeValue, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { castTo } from './convert.js';
import { arange, full, zeros } from './creation.js';
import { add, div, eq, gt, isnan, logicalNot, logicalOr, lt, maximum, minimum, mul, sub, where } from './elementwise.js';
import { scatterAdd } from './indexing.js';
import { amax, amin, sum } from './reduce.js';
import { searchsorted } from './search.js';
import { clone, reshape, slice } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.histogram's keywords.
 * @example
 * histogram(x, 4, { range: [0, 2], density: true });
 */
export interface HistogramOptions {
  /** [min, max] of the equal-width bins (with a bin count only). Default the data's smallest and largest value. */
  range?: readonly [number, number];
  /** A weight per element of the input (its shape and dtype), summed instead of counting 1s. Default none. */
  weight?: Tensor;
  /** Divide the counts by their total and by each bin's width, so that they integrate to 1. Default false. */
  density?: boolean;
}

/**
 * torch's linspace(first, last, steps) from 0-D tensors, in their dtype and its rounding: step =
 * (last − first)/(steps − 1), first + step·i for the first half and last − step·(steps − 1 − i) after.
 */
function spacedEdges(first: Tensor, last: Tensor, steps: number): Tensor {
  const step = div(sub(last, first), steps - 1);
  const index = arange(steps, undefined, 1, { dtype: first.dtype, device: first.device });
  const fromFirst = add(first, mul(step, index));
  const fromLast = sub(last, mul(step, sub(steps - 1, index)));
  return where(lt(index, Math.floor(steps / 2)), fromFirst, fromLast);
}

/** The outer edges of `bins` equal bins: the range given or the data's (torch's [0, 1] when empty), an empty range widened by ½ on each side. */
function outerEdges(values: Tensor, range: HistogramOptions['range']): [Tensor, Tensor] {
  const { dtype, device } = values;
  let first: Tensor;
  let last: Tensor;
  if (range) [first, last] = [full([], range[0], { dtype, device }), full([], range[1], { dtype, device })];
  else if (values.numel() === 0) [first, last] = [full([], 0, { dtype, device }), full([], 1, { dtype, device })];
  else {
    [first, last] = [amin(values), amax(values)];
    // torch reads the range on the host; here only where that read is synchronous (the CPU)
    if (values.storage.backend.readSync) {
      const [low, high] = [first.dataSync()[0]!, last.dataSync()[0]!];
      if (!Number.isFinite(low) || !Number.isFinite(high))
        throw new Error(`histogram: the data's range [${low}, ${high}] is not finite; give a finite range`);
    }
  }
  const empty = eq(first, last);
  return [where(empty, sub(first, 0.5), first), where(empty, add(last, 0.5), last)];
}

/** The range option checked: two finite numbers, min ≤ max. */
function readRange(range: unknown): HistogramOptions['range'] {
  if (range === undefined) return undefined;
  if (!Array.isArray(range) || range.length !== 2) throw new Error(`histogram: range must be [min, max], got ${describeValue(range)}`);
  const [low, high] = [checkNumber('histogram', 'range[0]', range[0]), checkNumber('histogram', 'range[1]', range[1])];
  if (low > high) throw new Error(`histogram: min should not exceed max, but got min ${low} and max ${high}`);
  return [low, high];
}

/** Given edges checked: 1-D, at least 2 entries, the input's dtype and device. */
function checkEdges(x: Tensor, edges: Tensor): void {
  checkLive('histogram', 'edges', edges);
  assertSameDevice('histogram', [x, edges]);
  if (edges.ndim !== 1) throw new Error(`histogram: bins tensor should have one dimension, but got ${formatShape(edges.shape)}`);
  if (edges.numel() < 2) throw new Error(`histogram: bins must be > 0, but got ${edges.numel() - 1} (edges need 2 or more entries)`);
  if (edges.dtype !== x.dtype)
    throw new Error(`histogram: the input (${x.dtype}) and the bins tensor (${edges.dtype}) should have the same dtype`);
}

/** The weight checked against the input: same shape, dtype and device. */
function checkWeight(x: Tensor, weight: Tensor | undefined): void {
  if (weight === undefined) return;
  if (!isTensor(weight)) throw new Error(`histogram: weight must be a tensor, got ${describeValue(weight)}`);
  assertSameDevice('histogram', [x, weight]);
  if (!shapesEqual(weight.shape, x.shape))
    throw new Error(`histogram: weight ${formatShape(weight.shape)} should have the same shape as the input ${formatShape(x.shape)}`);
  if (weight.dtype !== x.dtype) throw new Error(`histogram: input (${x.dtype}) and weight (${weight.dtype}) should have the same dtype`);
}

/**
 * The histogram of x's elements (torch.histogram): `bins` equal-width bins over the range (a count,
 * default 100), or the bins between consecutive entries of a 1-D edges tensor. Each bin [eᵢ, eᵢ₊₁) holds
 * the elements from its left edge up to its right one, the last bin its right edge too; elements outside
 * [e₀, eₙ] are not counted. Returns [hist, binEdges] in x's (floating) dtype. With a bin count the range
 * is `range`, or the data's [min, max] ([0, 1] for an empty input; a finite one, checked on the CPU),
 * widened by ½ on each side when empty, and the edges are torch's linspace of it. NaN elements are counted
 * as torch 1.13 (x86-64) counts them: in bin 1 (bin 0 with a single bin) with a bin count, in the last
 * bin with an edges tensor. `weight`
 * sums weights instead of 1s; `density` divides by the total and by each bin's width. No gradient, as
 * in torch; composed of comparisons and a scatter-add, so it runs on every device.
 * @example
 * histogram(tensor([1, 2, 1]), 4, { range: [0, 3] }); // [[0, 2, 1, 0], [0, 0.75, 1.5, 2.25, 3]]
 */
export function histogram(x: Tensor, bins: number | Tensor = 100, options: HistogramOptions = {}): [Tensor, Tensor] {
  if (arguments.length > 3) refuseArgumentsPast('histogram', ['x', 'bins', 'options'], arguments);
  checkOptions('histogram', options, ['range', 'weight', 'density']);
  checkLive('histogram', 'input', x);
  if (!isFloating(x.dtype)) throw new Error(`histogram: expects a floating-point input, got ${x.dtype}`);
  const density = checkBoolean('histogram', 'density', options.density ?? false);
  const range = readRange(options.range);
  const { weight } = options;
  checkWeight(x, weight);
  const givenEdges = isTensor(bins);
  if (givenEdges) {
    checkEdges(x, bins);
    if (range) throw new Error('histogram: range is taken with a bin count only; the edges tensor sets the range');
  } else checkInteger('histogram', 'bins', bins);
  return noGrad(() =>
    composite(() => {
      const values = reshape(x.detach(), [-1]);
      const edges = givenEdges ? clone(bins.detach()) : spacedEdges(...outerEdges(values, range), (bins as number) + 1);
      const count = edges.shape[0]! - 1;
      const [first, last] = [slice(edges, 0, 0, 1), slice(edges, 0, count)];
      // torch skips v < e₀ and v > eₙ, which keeps NaN: its binary search over edges puts it in the last bin,
      // and with a bin count its NaN → int64 conversion (INT64_MIN on x86-64) ends in bin 1
      const counted = logicalNot(logicalOr(lt(values, first), gt(values, last)));
      const binOfNaN = givenEdges ? count - 1 : Math.min(1, count - 1);
      // bin i holds eᵢ ≤ v < eᵢ₊₁: the count of edges ≤ v, less 1, with v = eₙ in the last bin
      const position = minimum(sub(searchsorted(edges, values, { right: true }), 1), count - 1);
      const bin = where(counted, where(isnan(values), binOfNaN, maximum(position, 0)), 0);
      const addends = weight ? where(counted, reshape(weight.detach(), [-1]), 0) : counted;
      let hist = scatterAdd(zeros([count], { dtype: x.dtype, device: x.device }), 0, castTo(bin, 'int32'), castTo(addends, x.dtype));
      if (density) hist = div(div(hist, sum(hist)), sub(slice(edges, 0, 1), slice(edges, 0, 0, count)));
      return [hist, edges] as [Tensor, Tensor];
    }),
  );
}
