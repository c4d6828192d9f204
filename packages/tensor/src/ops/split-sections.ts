import { type DimOptions, readDim } from '../core/dim-arguments.js';
import { isTensor } from '../core/brand.js';
import { describeValue, refuseArgumentsPast } from '../core/options.js';
import { formatShape, normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { slice } from './own-views.js';
import { checkLive } from '../core/tensor-arguments.js';

/** What tensorSplit takes: a number of sections, a list of split indices, or a 0-d/1-D int32 CPU tensor of either. */
export type SectionsOrIndices = number | readonly number[] | Tensor;

/** The sections count or index list a SectionsOrIndices stands for (a tensor read synchronously). */
function readSections(operation: string, value: SectionsOrIndices): number | number[] {
  if (isTensor(value)) {
    if (value.ndim > 1)
      throw new Error(
        `${operation}: expected indicesOrSections to be a zero-dimensional or one-dimensional tensor, but got a tensor with ${value.ndim} dims`,
      );
    if (value.dtype !== 'int32') throw new Error(`${operation}: indicesOrSections must be an int32 tensor, got ${value.dtype}`);
    const values = Array.from(value.dataSync());
    return value.ndim === 0 ? values[0]! : values;
  }
  const list = typeof value === 'number' ? [value] : Array.isArray(value) ? value : null;
  if (!list?.every((entry) => Number.isInteger(entry)))
    throw new Error(`${operation}: expected an integer number of sections or a list of integer indices, got ${describeValue(value)}`);
  return typeof value === 'number' ? value : [...list];
}

/**
 * Splits into views along `dim` (torch.tensor_split). With a number n of sections, a dim of size L
 * gives L mod n pieces of ⌈L/n⌉ then the rest of ⌊L/n⌋ (so n pieces, some possibly empty); with a list
 * of indices [i₀, i₁, …], the pieces are x[:i₀], x[i₀:i₁], …, x[iₖ:] along `dim`, each bound read as a
 * Python slice bound (negative counts from the end, out-of-range clamps, a bound before the previous
 * one gives an empty piece). Every piece is a view of x; gradients flow back through each.
 * @example
 * tensorSplit(arange(7), 3).map((piece) => piece.shape[0]); // [3, 2, 2]
 * tensorSplit(arange(7), [1, 5]).map((piece) => piece.shape[0]); // [1, 4, 2]
 */
export function tensorSplit(x: Tensor, indicesOrSections: SectionsOrIndices, dim?: number | DimOptions): Tensor[] {
  if (arguments.length > 3) refuseArgumentsPast('tensorSplit', ['x', 'indicesOrSections', 'dim'], arguments);
  checkLive('tensorSplit', 'input', x);
  const given = readDim('tensorSplit', dim, 0);
  if (x.ndim === 0) throw new Error('tensorSplit: expected at least a 1-dimensional tensor, but got a tensor with 0 dims');
  const axis = normalizeDim('tensorSplit', given, x.ndim);
  const sections = readSections('tensorSplit', indicesOrSections);
  const extent = x.shape[axis]!;
  let bounds: number[];
  if (typeof sections === 'number') {
    if (sections <= 0) throw new Error(`tensorSplit: number of sections must be larger than 0, got ${sections}`);
    // the first L mod n pieces take one element more
    const [base, larger] = [Math.floor(extent / sections), extent % sections];
    bounds = [];
    for (let piece = 1, at = 0; piece < sections; piece++) bounds.push((at += base + (piece <= larger ? 1 : 0)));
  } else bounds = sections;
  const starts = [0, ...bounds];
  const ends = [...bounds, extent];
  return starts.map((start, piece) => {
    const end = ends[piece]!;
    // Python's slice bounds: negatives count from the end, then clamp; an end before the start is empty
    const clamp = (bound: number) => Math.min(Math.max(bound < 0 ? bound + extent : bound, 0), extent);
    return slice(x, axis, clamp(start), Math.max(clamp(start), clamp(end)));
  });
}

/** hsplit, vsplit and dsplit: numpy's rule that a number of sections must divide the dim exactly. */
function splitEvenly(operation: string, x: Tensor, indicesOrSections: number | readonly number[], axis: number): Tensor[] {
  const sections = readSections(operation, indicesOrSections);
  if (typeof sections === 'number' && (sections === 0 || x.shape[axis]! % sections !== 0))
    throw new Error(
      `${operation}: attempted to split along dimension ${axis}, but the size of the dimension ${x.shape[axis]} is not divisible by the split_size ${sections}`,
    );
  return tensorSplit(x, sections, axis);
}

/** Throws unless x has at least `rank` dims, naming the operation. */
function requireRank(operation: string, x: Tensor, rank: number): void {
  if (x.ndim < rank)
    throw new Error(
      `${operation}: requires a tensor with at least ${rank} dimension, but got a tensor with ${x.ndim} dimensions (shape ${formatShape(x.shape)})`,
    );
}

/**
 * Splits horizontally (torch.hsplit): along dim 1, or dim 0 for a 1-D tensor; a number of sections
 * must divide the dim, a list gives split indices as in tensorSplit.
 * @example
 * hsplit(zeros(2, 6), 3).map((piece) => piece.shape); // [[2, 2], [2, 2], [2, 2]]
 */
export function hsplit(x: Tensor, indicesOrSections: number | readonly number[]): Tensor[] {
  if (arguments.length > 2) refuseArgumentsPast('hsplit', ['x', 'indicesOrSections'], arguments);
  checkLive('hsplit', 'input', x);
  requireRank('hsplit', x, 1);
  return splitEvenly('hsplit', x, indicesOrSections, x.ndim === 1 ? 0 : 1);
}

/**
 * Splits vertically (torch.vsplit): along dim 0 of a tensor of at least 2 dims; sections as hsplit.
 * @example
 * vsplit(zeros(4, 2), [1]).map((piece) => piece.shape); // [[1, 2], [3, 2]]
 */
export function vsplit(x: Tensor, indicesOrSections: number | readonly number[]): Tensor[] {
  if (arguments.length > 2) refuseArgumentsPast('vsplit', ['x', 'indicesOrSections'], arguments);
  checkLive('vsplit', 'input', x);
  requireRank('vsplit', x, 2);
  return splitEvenly('vsplit', x, indicesOrSections, 0);
}

/**
 * Splits depthwise (torch.dsplit): along dim 2 of a tensor of at least 3 dims; sections as hsplit.
 * @example
 * dsplit(zeros(1, 2, 4), 2).map((piece) => piece.shape); // [[1, 2, 2], [1, 2, 2]]
 */
export function dsplit(x: Tensor, indicesOrSections: number | readonly number[]): Tensor[] {
  if (arguments.length > 2) refuseArgumentsPast('dsplit', ['x', 'indicesOrSections'], arguments);
  checkLive('dsplit', 'input', x);
  requireRank('dsplit', x, 3);
  return splitEvenly('dsplit', x, indicesOrSections, 2);
}
