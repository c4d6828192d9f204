import type { DType } from './dtype.js';
import { contiguousStrides, sizeOf } from './shape.js';

/** PyTorch prints every value up to this many elements, and a summary beyond (`torch.set_printoptions(threshold)`). */
const summaryThreshold = 1000;
/** What a summary keeps of each dim: the first and last this many entries (torch's `edgeitems`). */
const edgeItems = 3;

/**
 * A tensor's values as nested brackets, row-major from `data` (contiguous, `shape`), as `toString` and
 * Node's console.log print them. Past 1,000 elements each dim longer than six shows its first and last
 * three entries with `...` between, as PyTorch's print does, so printing a large tensor stays short.
 * NaN and ±Infinity print as themselves (JSON would print null), booleans as true/false.
 * @example
 * valuesText(new Float32Array([1, 2, 3, 4]), [2, 2], 'float32'); // '[[1, 2], [3, 4]]'
 */
export function valuesText(data: ArrayLike<number>, shape: readonly number[], dtype: DType): string {
  const summarize = sizeOf(shape) > summaryThreshold;
  const value = (index: number): string => (dtype === 'bool' ? String(data[index] !== 0) : String(data[index]));
  const strides = contiguousStrides(shape);
  const text = (axis: number, offset: number): string => {
    if (axis === shape.length) return value(offset);
    const extent = shape[axis]!;
    const shown = (index: number) => text(axis + 1, offset + index * strides[axis]!);
    const parts: string[] = [];
    if (summarize && extent > 2 * edgeItems) {
      for (let index = 0; index < edgeItems; index++) parts.push(shown(index));
      parts.push('...');
      for (let index = extent - edgeItems; index < extent; index++) parts.push(shown(index));
    } else for (let index = 0; index < extent; index++) parts.push(shown(index));
    return `[${parts.join(', ')}]`;
  };
  return text(0, 0);
}
