import type { ReduceOp } from '../../core/backend.js';
import { ELEMENTWISE_MINIMUM_FOR_THREADS, elementwisePool, runInParts } from '../threads/elementwise-parts.js';
import { isResident } from '../resident.js';
import { CallFrame } from '../wasm/instance.js';
import { REDUCTION_BLOCK_LENGTH } from './reduction-blocks.js';

/**
 * Large float32 reductions in the WebAssembly module (assembly/reduce.ts), on several threads (issue
 * #18, item 2): the outputs are split into one contiguous range per thread, and each output is computed
 * exactly as the JavaScript kernels compute it: the same elements in the same order into a float64
 * total, or the same comparisons. A fixed partition of the work, not of any one sum, so the results are
 * bit for bit those of the JavaScript kernels for any number of threads. On one thread the module still
 * runs four rows' (or channels') additions side by side, where JavaScript's row reduction waits on each
 * addition in turn.
 *
 * A reduction to one output (x.sum()) is split by blocks instead: each thread reduces a range of the
 * fixed blocks of cpu/kernels/reduction-blocks.ts to one partial each, and the calling thread combines
 * the partials in block order, which is how the JavaScript kernel sums (and, for max, min and their
 * indices, the element its sequential search finds).
 *
 * Each function returns false, doing nothing, and the JavaScript kernels run: below 2¹⁸ elements, and
 * where the input would have to be copied into the module's memory for one thread (it does not live
 * there: no shared memory). Channel sums are the exception: from 2,048 elements they run here on one
 * thread too, copied in if need be (see CHANNEL_SUMS_MINIMUM).
 */

/** Elements from which a reduction runs in the module (and is split over threads when there are several). */
const REDUCTION_MINIMUM = ELEMENTWISE_MINIMUM_FOR_THREADS;

/**
 * Elements from which channel sums (a Linear's or a convolution's bias gradient) run in the module
 * on one thread too, their input copied in where it does not live there.
 */
const CHANNEL_SUMS_MINIMUM = 2048;

/** Bytes of one block's partial in the module's reduceBlocks (a float64 total, or a float32 best and its int32 index). */
const PARTIAL_BYTES = 8;

const operationNumber: Partial<Record<ReduceOp, number>> = { sum: 0, max: 1, min: 2, argmax: 3, argmin: 4 };

/** Rows of contiguous float32 x [rows, length] into out (float32, int32 for argmax/argmin). */
export function reduceRowsWasm(
  operation: ReduceOp,
  x: Float32Array,
  xi: number,
  out: Float32Array | Int32Array,
  oi: number,
  rows: number,
  length: number,
): boolean {
  const code = operationNumber[operation];
  const indices = operation === 'argmax' || operation === 'argmin';
  if (code === undefined || rows < 1 || length < 1 || out instanceof Int32Array !== indices || rows * length < REDUCTION_MINIMUM)
    return false;
  // asked before the frame: starting the helpers may move the kernels to a shared memory
  const pool = elementwisePool(rows * length);
  if (pool === null && !isResident(x)) return false;
  const frame = new CallFrame();
  const input = frame.input(x, xi, rows * length);
  const output = frame.output(out, oi, rows);
  if (rows === 1) {
    const blocks = Math.ceil(length / REDUCTION_BLOCK_LENGTH);
    const partials = frame.reserve(blocks * PARTIAL_BYTES);
    runInParts('reduceBlocks', blocks, 1, frame, pool, (first, count) => [
      code,
      input,
      length,
      REDUCTION_BLOCK_LENGTH,
      partials,
      first,
      count,
    ]);
    frame.exports.combineBlocks(code, partials, blocks, output);
  } else runInParts('reduceRows', rows, 1, frame, pool, (first, count) => [code, input, output, first, count, length]);
  frame.copyOut(output, out, oi, rows);
  return true;
}

/**
 * Sums of contiguous float32 x [outer, channels, inner] over its first and last groups, into out
 * [channels]: a convolution's bias gradient ([N, C, H·W]) or a Linear's (inner = 1).
 */
export function sumChannelsWasm(
  x: Float32Array,
  xi: number,
  out: Float32Array,
  oi: number,
  outer: number,
  channels: number,
  inner: number,
): boolean {
  if (channels < 2 || outer * channels * inner < CHANNEL_SUMS_MINIMUM) return false;
  // copied in when it does not live in the module: still cheaper than the JavaScript loop, which is
  // every Linear's bias gradient and runs interpreted for the first few hundred steps of a small model
  const pool = elementwisePool(outer * channels * inner);
  const frame = new CallFrame();
  const input = frame.input(x, xi, outer * channels * inner);
  const output = frame.output(out, oi, channels);
  const totals = frame.reserve(channels * 8);
  runInParts('sumChannels', channels, 1, frame, pool, (first, count) => [input, output, outer, channels, inner, first, count, totals]);
  frame.copyOut(output, out, oi, channels);
  return true;
}
