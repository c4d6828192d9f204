/** Shapes, strides and broadcasting (NumPy/PyTorch rules). */
import { describeValue } from './options.js';
export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const extent of shape) size *= extent;
  return size;
}

/** Row-major (C-contiguous) strides. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis]!;
  }
  return strides;
}

export function isContiguous(shape: Shape, strides: readonly number[]): boolean {
  let expected = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const extent = shape[axis]!;
    if (extent === 1) continue; // a size-1 axis may carry any stride
    if (strides[axis] !== expected) return false;
    expected *= extent;
  }
  return true;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let axis = 0; axis < a.length; axis++) if (a[axis] !== b[axis]) return false;
  return true;
}

/** A list of integers (dims, sizes, paddings) that `operation` takes as `name`: anything else is named. */
export function checkIntegerList(operation: string, name: string, value: unknown): void {
  // a plain loop: permute, expand and reshape check their lists on every call
  let integers = Array.isArray(value);
  for (let index = 0; integers && index < (value as unknown[]).length; index++) integers = Number.isInteger((value as unknown[])[index]);
  if (!integers) throw new Error(`${operation}: ${name} must be a list of integers, got ${describeValue(value)}`);
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Broadcast shapes right-aligned: each pair of extents must be equal or one of them 1. */
export function broadcastShapes(operation: string, ...shapes: Shape[]): number[] {
  const rank = Math.max(0, ...shapes.map((shape) => shape.length));
  const result = new Array<number>(rank).fill(1);
  for (const shape of shapes) {
    for (let i = 0; i < shape.length; i++) {
      const axis = rank - shape.length + i;
      const extent = shape[i]!;
      const current = result[axis]!;
      if (current === extent || extent === 1) continue;
      if (current === 1) result[axis] = extent;
      else
        throw new Error(
          `${operation}: shapes ${shapes.map(formatShape).join(' and ')} cannot be broadcast together (axis ${axis - rank}: ${current} vs ${extent})`,
        );
    }
  }
  return result;
}

/** Normalises a possibly negative dim into [0, rank), with PyTorch's error message on overflow. */
export function normalizeDim(operation: string, dim: number, rank: number): number {
  const bound = Math.max(rank, 1);
  if (typeof dim !== 'number') throw new Error(`${operation}: dim must be an integer, got ${describeValue(dim)}`);
  if (!Number.isInteger(dim) || dim < -bound || dim >= bound)
    throw new Error(`${operation}: dim ${dim} is out of range for a tensor of rank ${rank} (expected [${-bound}, ${bound - 1}])`);
  return dim < 0 ? dim + bound : dim;
}

/**
 * Normalises `dim` (undefined = all axes, a number, or a list) to a sorted list of distinct axes. A 0-d
 * tensor takes dim 0 or −1, as torch's reductions do, and has no axis to reduce: the list is empty (its
 * one element is its own sum, mean, maximum), where [0] would name a dim the shape does not have.
 */
export function normalizeDims(operation: string, dim: number | readonly number[] | undefined, rank: number): number[] {
  if (dim === undefined) return Array.from({ length: rank }, (_, axis) => axis);
  if (typeof dim !== 'number' && !Array.isArray(dim))
    throw new Error(`${operation}: dim must be an integer or a list of integers, got ${describeValue(dim)}`);
  const list = typeof dim === 'number' ? [dim] : dim;
  const axes = list.map((d) => normalizeDim(operation, d, rank));
  if (new Set(axes).size !== axes.length) throw new Error(`${operation}: dim ${JSON.stringify(dim)} repeats an axis`);
  return rank === 0 ? [] : axes.sort((a, b) => a - b);
}

/**
 * The dims a reduction runs over (sum, mean, amax, amin, var, std, logsumexp, countNonzero and the norms
 * built on them): normalizeDims, except that an empty list means every dim. That is torch's reading of
 * `x.sum([])` (a full sum, long documented as a wart: pytorch/pytorch#29137), where NumPy's axis=()
 * reduces nothing; code ported from torch may compute an empty list of dims and expect the full sum.
 * @example
 * reductionDims('sum', [], 2); // [0, 1]
 */
export function reductionDims(operation: string, dim: number | readonly number[] | undefined, rank: number): number[] {
  return normalizeDims(operation, Array.isArray(dim) && dim.length === 0 ? undefined : dim, rank);
}

/**
 * `normalizeDim` for an op that needs the dim to be there: a 0-d tensor has none, and torch raises
 * ("select() cannot be applied to a 0-dim tensor", "Dimension specified as 0 but tensor has no
 * dimensions") where reading dim 0 as a dim of length 1 would index a shape entry that does not exist
 * (`narrow` of a 0-d tensor made a window of NaN elements).
 */
export function existingDim(operation: string, dim: number, rank: number): number {
  const axis = normalizeDim(operation, dim, rank);
  if (rank === 0) throw new Error(`${operation}: cannot be applied to a 0-d tensor (dim ${dim}): it has no dims`);
  return axis;
}
