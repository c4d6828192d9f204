import { describeValue, type DType } from '@dl/tensor';

/** One size for both spatial dims, or [height, width]. */
export type Pair = number | readonly [number, number];

/** Where a layer's parameters are created (default: float32 on the CPU). */
export interface FactoryOptions {
  /** Device of the parameters and buffers. Default 'cpu'. */
  device?: string;
  /** dtype of the parameters and buffers. Default 'float32'. */
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

/** pairOf, throwing unless both are integers ≥ `minimum` (stride and dilation ≥ 1, padding ≥ 0). */
export function checkedPair(owner: string, name: string, value: Pair, minimum: number): [number, number] {
  const pair = typeof value === 'number' || (Array.isArray(value) && value.length === 2) ? pairOf(value) : null;
  if (!pair || !pair.every((entry) => Number.isInteger(entry) && entry >= minimum))
    throw new Error(`${owner}: ${name} must be an integer ≥ ${minimum} or a pair of them, got ${describeValue(value)}`);
  return pair;
}

/** Throws unless both channel counts divide into `groups` (torch's check), naming the layer and the three numbers. */
export function checkGroups(owner: string, inChannels: number, outChannels: number, groups: number): void {
  if (inChannels % groups !== 0 || outChannels % groups !== 0)
    throw new Error(`${owner}: inChannels (${inChannels}) and outChannels (${outChannels}) must be divisible by groups (${groups})`);
}

/** The accepted keys of `FactoryOptions`, for checkOptions. */
export const factoryKeys = ['device', 'dtype'] as const;
