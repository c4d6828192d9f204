import type { DType } from '@dl/tensor';

/**
 * The text a CSV number field may hold, and how it becomes a value of each dtype. Only decimal
 * notation is a number (`0x10`, `0b101`, `0o17`, `1_000` and `''` are not, although JavaScript's
 * `Number` accepts them); `nan`, `inf`, `+inf`, `-inf` and `infinity` (any case) are the
 * non-finite floats, as NumPy and pandas read them. int32 fields must be integers in range; bool
 * fields are `true`/`false`/`1`/`0` (any case).
 */

const decimal = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const notANumber = /^[+-]?nan$/i;
const infinity = /^([+-]?)inf(?:inity)?$/i;

/** The field as a float, or undefined when it is not a number. */
export function parseDecimal(text: string): number | undefined {
  if (decimal.test(text)) return Number(text);
  if (notANumber.test(text)) return NaN;
  const match = infinity.exec(text);
  if (match) return match[1] === '-' ? -Infinity : Infinity;
  return undefined;
}

/**
 * The field as a value of `dtype`, or a sentence saying why it cannot be one.
 * @example
 * fieldValue('3000000000', 'int32'); // { problem: 'is outside the int32 range ...' }
 */
export function fieldValue(text: string, dtype: DType): { value: number } | { problem: string } {
  if (dtype === 'bool') {
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === '1') return { value: 1 };
    if (lower === 'false' || lower === '0') return { value: 0 };
    return { problem: 'is not a bool (true, false, 1 or 0)' };
  }
  const value = parseDecimal(text);
  if (value === undefined) return { problem: 'is not a decimal number' };
  if (dtype === 'int32') {
    if (!Number.isInteger(value)) return { problem: 'is not an integer (dtype int32)' };
    if (value < -2147483648 || value > 2147483647) return { problem: 'is outside the int32 range [-2147483648, 2147483647]' };
  }
  return { value };
}
