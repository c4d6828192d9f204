import { describeValue, refuseExtraArguments } from '@dl/tensor';

/** Padding as torchvision takes it: one number for all sides, [horizontal, vertical], or [left, top, right, bottom]. */
export type Padding = number | readonly [number] | readonly [number, number] | readonly [number, number, number, number];

/** [left, top, right, bottom] from one, two or four non-negative integers. */
export function paddingSides(operation: string, padding: Padding, ...extra: never[]): [number, number, number, number] {
  if (extra.length > 0) refuseExtraArguments('paddingSides', ['operation', 'padding'], extra);
  const values = typeof padding === 'number' ? [padding] : Array.isArray(padding) ? [...padding] : [];
  if (![1, 2, 4].includes(values.length) || !values.every((value) => Number.isInteger(value) && value >= 0))
    throw new Error(`${operation}: padding must be a non-negative integer or a list of 1, 2 or 4 of them, got ${describeValue(padding)}`);
  if (values.length === 1) return [values[0]!, values[0]!, values[0]!, values[0]!];
  if (values.length === 2) return [values[0]!, values[1]!, values[0]!, values[1]!];
  return values as [number, number, number, number];
}
