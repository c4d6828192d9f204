import type { TypedArray } from '../../core/dtype.js';

/**
 * A reduction to one output (x.sum(), a loss's mean) of more than this many elements takes them in
 * blocks of this many: each block is summed on its own and the blocks' totals are added in order. The
 * blocks are a fixed partition of the input, whatever the number of threads, so the module can hand
 * blocks to helper threads (cpu/kernels/reduce-wasm.ts) and give the one-thread result bit for bit
 * (issue #18: bit-identical for any number of threads). 2¹⁶ floats (256 KiB) keep a block in cache, and
 * a row of up to one block sums exactly as before.
 */
export const REDUCTION_BLOCK_LENGTH = 2 ** 16;

/**
 * Σ input[start … start + length) as every kernel sums a reduction to one output: a float64 total from
 * 0 per block of REDUCTION_BLOCK_LENGTH elements in memory order, then the blocks' totals from 0 in
 * order (one block: the plain sum in memory order). Rounded by the caller's store.
 */
export function sumInBlocks(input: TypedArray, start: number, length: number): number {
  let total = 0;
  for (let block = start, end = start + length; block < end; block += REDUCTION_BLOCK_LENGTH) {
    let blockTotal = 0;
    for (let i = block, blockEnd = Math.min(block + REDUCTION_BLOCK_LENGTH, end); i < blockEnd; i++) blockTotal += input[i]!;
    total += blockTotal;
  }
  return total;
}
