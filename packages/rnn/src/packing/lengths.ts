import { checkIntegerList, isTensor, type Tensor } from '@dl/tensor';

/** Lengths as plain numbers, from an array or a 1-D integer tensor on any device's CPU copy. */
export function lengthsArray(owner: string, lengths: Tensor | readonly number[]): number[] {
  if (!isTensor(lengths)) {
    checkIntegerList(owner, 'lengths', lengths);
    return [...lengths];
  }
  if (lengths.ndim !== 1) throw new Error(`${owner}: lengths must be a 1-D tensor, got shape [${lengths.shape.join(', ')}]`);
  if (lengths.device !== 'cpu') throw new Error(`${owner}: lengths must be on the CPU (got ${lengths.device}), as in PyTorch`);
  return Array.from(lengths.dataSync(), Number);
}

/** Batch positions ordered by decreasing length; ties keep their order (a stable sort). */
export function sortByDecreasingLength(lengths: readonly number[]): number[] {
  return lengths.map((_, position) => position).sort((a, b) => lengths[b]! - lengths[a]! || a - b);
}

/**
 * How many sequences are still running at each step, for lengths sorted in decreasing order:
 * batchSizes[t] = #{b : lengths[b] > t}.
 */
export function batchSizesOf(sortedLengths: readonly number[]): number[] {
  const steps = sortedLengths[0] ?? 0;
  const sizes = new Array<number>(steps).fill(0);
  for (const length of sortedLengths) for (let step = 0; step < length; step++) sizes[step]!++;
  return sizes;
}

/** Each sequence's length, recovered from the batch sizes: lengths[b] = #{t : batchSizes[t] > b}. */
export function lengthsOf(batchSizes: readonly number[]): number[] {
  const lengths = new Array<number>(batchSizes[0] ?? 0).fill(0);
  for (const size of batchSizes) for (let position = 0; position < size; position++) lengths[position]!++;
  return lengths;
}
