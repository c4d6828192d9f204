import type { TensorView } from '../../core/backend.js';
import type { TypedArray } from '../../core/dtype.js';
import { contiguousStrides } from '../../core/shape.js';

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
    let selected = indices[index.offset + flat]!;
    if (selected < -extent || selected >= extent)
      throw new Error(`${operation}: index ${selected} is out of bounds for dim ${axis} with size ${extent}`);
    if (selected < 0) selected += extent;
    let target = 0;
    for (let d = 0; d < shape.length; d++) target += (d === axis ? selected : coordinate[d]!) * targetStrides[d]!;
    visit(flat, target);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++coordinate[d]! < shape[d]!) break;
      coordinate[d] = 0;
    }
  }
}

export function gather(x: TensorView, index: TensorView, out: TensorView, axis: number): void {
  const input = x.buffer as TypedArray;
  const output = out.buffer as TypedArray;
  forEachIndexed('gather', index, x.shape, axis, (indexOffset, targetOffset) => {
    output[out.offset + indexOffset] = input[x.offset + targetOffset]!;
  });
}

export function scatter(out: TensorView, index: TensorView, source: TensorView, axis: number, mode: 'set' | 'add'): void {
  const output = out.buffer as TypedArray;
  const values = source.buffer as TypedArray;
  forEachIndexed(mode === 'add' ? 'scatterAdd' : 'scatter', index, out.shape, axis, (indexOffset, targetOffset) => {
    const value = values[source.offset + indexOffset]!;
    if (mode === 'add') output[out.offset + targetOffset] += value;
    else output[out.offset + targetOffset] = value;
  });
}
