import { readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape, normalizeDim, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import type { SliceParams } from '../autograd/primitives.js';
import { assertSameDevice, fromTypedArray } from './allocate.js';
import { castTo } from './convert.js';
import { scatter } from './indexing.js';
import { movedim } from './rearrangement.js';
import { expand, fullSlice, reshape, sliceScatter as scatterIntoWindow } from './views.js';
import { type DiagonalArguments, type DiagonalOptions, diagonalGeometry, flattenedMatrices } from './matrix-diagonals.js';
import { checkLive } from '../core/tensor-arguments.js';

// torch's *_scatter ops: the out-of-place inverses of the views slice, select and diagonal. Each
// returns a new tensor equal to `input` except that the view's elements hold `src` (cast to input's
// dtype, as torch's copy into the view does). Gradients flow to both: input's is the output's with the
// view's elements zeroed, src's is the output's read through the view.

/** Throws torch's error unless `src` has exactly the shape of the view it fills. */
function checkSource(operation: string, input: Tensor, src: Tensor, viewShape: readonly number[]): void {
  assertSameDevice(operation, [input, src]);
  if (!shapesEqual(src.shape, viewShape))
    throw new Error(
      `${operation}: expected src to have a size equal to the slice of self. src size = ${formatShape(src.shape)}, slice size = ${formatShape(viewShape)}`,
    );
}

/** `input` with `src` written into the window `params` (the sliceScatter primitive, src cast to input's dtype). */
function fillWindow(input: Tensor, src: Tensor, params: SliceParams): Tensor {
  return composite(() => scatterIntoWindow(input, castTo(src, input.dtype), params));
}

/** torch.slice_scatter's keywords, also accepted positionally in this order. */
export interface SliceScatterOptions {
  /** The dim sliced. Default 0. */
  dim?: number;
  /** The first index (negative counts from the end; clamped as a Python slice). Default 0. */
  start?: number;
  /** The index past the last (negative counts from the end; clamped). Default the dim's size. */
  end?: number;
  /** The distance between indices, ≥ 1. Default 1. */
  step?: number;
}

/** sliceScatter's arguments after input and src: torch's dim, start, end, step positionally, then (or instead) their options. */
export type SliceScatterArguments = [
  dim?: number | SliceScatterOptions,
  start?: number | SliceScatterOptions,
  end?: number | SliceScatterOptions,
  step?: number | SliceScatterOptions,
];

/**
 * `input` with `src` embedded at `input[..., start:end:step, ...]` along `dim` (torch.slice_scatter),
 * out of place; src must have that slice's shape.
 * @example
 * sliceScatter(zeros(4), ones(2), 0, 1, 3); // [0, 1, 1, 0]
 * sliceScatter(zeros(2, 4), ones(2, 2), { dim: 1, step: 2 }); // [[1, 0, 1, 0], [1, 0, 1, 0]]
 */
export function sliceScatter(input: Tensor, src: Tensor, ...options: SliceScatterArguments): Tensor {
  const names = ['dim', 'start', 'end', 'step'];
  const { dim = 0, start, end, step = 1 } = readArguments<SliceScatterOptions>('sliceScatter', options, names, names);
  checkLive('sliceScatter', 'input', input);
  if (input.ndim === 0) throw new Error('sliceScatter: slice() cannot be applied to a 0-dim tensor');
  const axis = normalizeDim('sliceScatter', dim, input.ndim);
  if (!Number.isInteger(step) || step <= 0) throw new Error(`sliceScatter: slice step must be a positive integer, got ${step}`);
  for (const [name, bound] of [
    ['start', start],
    ['end', end],
  ] as const)
    if (bound !== undefined && !Number.isInteger(bound)) throw new Error(`sliceScatter: ${name} must be an integer, got ${bound}`);
  // Python's slice bounds, as torch's: negatives count from the end, then clamp to [0, size]
  const extent = input.shape[axis]!;
  const clamp = (bound: number) => Math.min(Math.max(bound < 0 ? bound + extent : bound, 0), extent);
  const first = clamp(start ?? 0);
  const params = fullSlice(input);
  params.starts[axis] = first;
  params.steps[axis] = step;
  params.lengths[axis] = Math.max(0, Math.ceil((clamp(end ?? extent) - first) / step));
  checkSource('sliceScatter', input, src, params.lengths);
  return fillWindow(input, src, params);
}

/**
 * `input` with `src` embedded at `input.select(dim, index)` (torch.select_scatter), out of place; src
 * has input's shape without `dim`.
 * @example
 * selectScatter(zeros(2, 2), ones(2), 0, 0); // [[1, 1], [0, 0]]
 */
export function selectScatter(input: Tensor, src: Tensor, dim: number, index: number): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('selectScatter', ['input', 'src', 'dim', 'index'], arguments);
  checkLive('selectScatter', 'input', input);
  const axis = normalizeDim('selectScatter', dim, input.ndim);
  if (input.ndim === 0) throw new Error('selectScatter: cannot select from a 0-d tensor');
  const extent = input.shape[axis]!;
  if (!Number.isInteger(index) || index < -extent || index >= extent)
    throw new Error(`selectScatter: index ${index} out of range for tensor of size ${formatShape(input.shape)} at dimension ${axis}`);
  checkSource(
    'selectScatter',
    input,
    src,
    input.shape.filter((_, d) => d !== axis),
  );
  const params = fullSlice(input);
  params.starts[axis] = index < 0 ? index + extent : index;
  params.lengths[axis] = 1;
  return composite(() => fillWindow(input, reshape(src, params.lengths), params));
}

/** torch.diagonal_scatter's keywords: those of torch.diagonal. */
export type DiagonalScatterOptions = DiagonalOptions;

/** diagonalScatter's arguments after input and src: torch's offset, dim1, dim2 positionally, then (or instead) their options. */
export type DiagonalScatterArguments = DiagonalArguments;

/**
 * `input` with `src` embedded on the diagonal `offset` of the matrices spanned by `dim1` (rows) and
 * `dim2` (columns) (torch.diagonal_scatter), out of place: out[…, i, i + offset, …] = src[…, i]. src has
 * torch.diagonal's shape: input's other dims in order, then the diagonal's length. Built as a scatter
 * into the matrices flattened to their last dim, at positions (r₀ + i)·columns + c₀ + i.
 * @example
 * diagonalScatter(zeros(2, 3), ones(2), 1); // [[0, 1, 0], [0, 0, 1]]
 */
export function diagonalScatter(input: Tensor, src: Tensor, ...options: DiagonalScatterArguments): Tensor {
  const geometry = diagonalGeometry('diagonalScatter', input, options, [0, 1]);
  const { rowsDim, columnsDim, rows, columns, batch, positions } = geometry;
  const length = positions.length;
  checkSource('diagonalScatter', input, src, [...batch, length]);
  return composite(() => {
    const index = expand(reshape(fromTypedArray(positions, [length], 'int32', input.device), [...batch.map(() => 1), length]), [
      ...batch,
      length,
    ]);
    const filled = scatter(flattenedMatrices(input, geometry), -1, index, castTo(src, input.dtype));
    return movedim(reshape(filled, [...batch, rows, columns]), [-2, -1], [rowsDim, columnsDim]);
  });
}
