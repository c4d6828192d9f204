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
 * NaN and ±Infinity print as themselves (JSON would print null), booleans as true/false, −0 as -0,
 * and a float32 value as the shortest decimal that reads back as it (0.1, not its float64 expansion
 * 0.10000000149011612).
 * @example
 * valuesText(new Float32Array([1, 2, 3, 4]), [2, 2], 'float32'); // '[[1, 2], [3, 4]]'
 */
export function valuesText(data: ArrayLike<number>, shape: readonly number[], dtype: DType): string {
  const summarize = sizeOf(shape) > summaryThreshold;
  const value = (index: number): string => {
    const entry = data[index]!;
    if (dtype === 'bool') return String(entry !== 0);
    if (Object.is(entry, -0)) return '-0'; // torch prints −0 as -0.; String(-0) is '0'
    return dtype === 'float32' ? float32Text(entry) : String(entry);
  };
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

/**
 * The shortest decimal that rounds to `value` in float32 (Math.fround), as String gives the shortest
 * that rounds to a float64: at most 9 significant digits tell any two float32 values apart.
 * @example
 * float32Text(Math.fround(0.1)); // '0.1'
 */
function float32Text(value: number): string {
  // every integer up to 2²⁴ is a float32, and prints exactly
  if (!Number.isFinite(value) || (Number.isInteger(value) && Math.abs(value) <= 2 ** 24)) return String(value);
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return String(candidate);
  }
  return String(Number(value.toPrecision(9)));
}
