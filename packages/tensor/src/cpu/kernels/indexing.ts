import type { TensorView } from '../../core/backend.js';
import type { TypedArray } from '../../core/dtype.js';
import { contiguousStrides } from '../../core/shape.js';

/**
 * torch's rule for gather, scatter and index_select: an index must lie in [0, extent); negative
 * indices are errors there too (only advanced indexing `x[idx]` counts them from the end).
 */
function outOfBounds(operation: string, selected: number, axis: number, extent: number): Error {
  return new Error(`${operation}: index ${selected} is out of bounds for dim ${axis} with size ${extent}`);
}

/**
 * Visits each element of the index tensor with its own contiguous offset and the offset of the element
 * it addresses in a contiguous tensor of `targetShape` (index value replaces the coordinate on `axis`).
 */
function forEachIndexed(
  operation: string,
  index: TensorView,
  targetShape: readonly number[],
  axis: number,
  visit: (indexOffset: number, targetOffset: number) => void,
): void {
  const indices = index.buffer as Int32Array;
  const shape = index.shape;
  const size = shape.reduce((a, b) => a * b, 1);
  const targetStrides = contiguousStrides(targetShape);
  const extent = targetShape[axis]!;
  const coordinate = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < size; flat++) {
    const selected = indices[index.offset + flat]!;
    if (selected < 0 || selected >= extent) throw outOfBounds(operation, selected, axis, extent);
    let target = 0;
    for (let d = 0; d < shape.length; d++) target += (d === axis ? selected : coordinate[d]!) * targetStrides[d]!;
    visit(flat, target);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++coordinate[d]! < shape[d]!) break;
      coordinate[d] = 0;
    }
  }
}

/**
 * Along the last axis, index row r (its leading coordinates) addresses the target row with the same
 * leading coordinates: the start of that target row for each index row, so that the kernels' loops
 * do one load and one store per element (max pooling gathers 590 k elements this way).
 */
function lastAxisTargetRows(indexShape: readonly number[], targetShape: readonly number[]): Int32Array {
  const rank = indexShape.length;
  const columns = indexShape[rank - 1]!;
  const rows = columns === 0 ? 0 : indexShape.reduce((a, b) => a * b, 1) / columns;
  const targetStrides = contiguousStrides(targetShape);
  const starts = new Int32Array(rows);
  const coordinate = new Array<number>(rank - 1).fill(0);
  let targetStart = 0;
  for (let row = 0; row < rows; row++) {
    starts[row] = targetStart;
    // odometer over the leading axes, keeping targetStart = Σ coordinate[d] · targetStrides[d]
    for (let d = rank - 2; d >= 0; d--) {
      targetStart += targetStrides[d]!;
      if (++coordinate[d]! < indexShape[d]!) break;
      targetStart -= coordinate[d]! * targetStrides[d]!;
      coordinate[d] = 0;
    }
  }
  return starts;
}

export function gather(x: TensorView, index: TensorView, out: TensorView, axis: number): void {
  const input = x.buffer as TypedArray;
  const output = out.buffer as TypedArray;
  if (axis === index.shape.length - 1) {
    const indices = index.buffer as Int32Array;
    const columns = index.shape[axis]!;
    const extent = x.shape[axis]!;
    const targetRows = lastAxisTargetRows(index.shape, x.shape);
    for (let row = 0; row < targetRows.length; row++) {
      const from = index.offset + row * columns;
      const to = out.offset + row * columns;
      const start = x.offset + targetRows[row]!;
      for (let j = 0; j < columns; j++) {
        const selected = indices[from + j]!;
        if (selected < 0 || selected >= extent) throw outOfBounds('gather', selected, axis, extent);
        output[to + j] = input[start + selected]!;
      }
    }
    return;
  }
  forEachIndexed('gather', index, x.shape, axis, (indexOffset, targetOffset) => {
    output[out.offset + indexOffset] = input[x.offset + targetOffset]!;
  });
}

export function scatter(out: TensorView, index: TensorView, source: TensorView, axis: number, mode: 'set' | 'add'): void {
  const output = out.buffer as TypedArray;
  const values = source.buffer as TypedArray;
  const operation = mode === 'add' ? 'scatterAdd' : 'scatter';
  if (axis === index.shape.length - 1) {
    const indices = index.buffer as Int32Array;
    const columns = index.shape[axis]!;
    const extent = out.shape[axis]!;
    const targetRows = lastAxisTargetRows(index.shape, out.shape);
    const add = mode === 'add';
    for (let row = 0; row < targetRows.length; row++) {
      const from = index.offset + row * columns;
      const read = source.offset + row * columns;
      const start = out.offset + targetRows[row]!;
      for (let j = 0; j < columns; j++) {
        const selected = indices[from + j]!;
        if (selected < 0 || selected >= extent) throw outOfBounds(operation, selected, axis, extent);
        if (add) output[start + selected] += values[read + j]!;
        else output[start + selected] = values[read + j]!;
      }
    }
    return;
  }
  forEachIndexed(operation, index, out.shape, axis, (indexOffset, targetOffset) => {
    const value = values[source.offset + indexOffset]!;
    if (mode === 'add') output[out.offset + targetOffset] += value;
    else output[out.offset + targetOffset] = value;
  });
}
