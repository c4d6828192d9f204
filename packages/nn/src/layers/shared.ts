import type { DType } from '@dl/tensor';

/** One size for both spatial dims, or [height, width]. */
export type Pair = number | readonly [number, number];

/** Where a layer's parameters are created (default: float32 on the CPU). */
export interface FactoryOptions {
  device?: string;
  dtype?: DType;
}

export function pairOf(value: Pair): [number, number] {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}

/** `[a, b]` or `a` as PyTorch prints tuples: `(a, b)`. */
export function formatPair(value: Pair): string {
  const [first, second] = pairOf(value);
  return `(${first}, ${second})`;
}
