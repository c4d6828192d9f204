import type { RecurrenceGeometry } from '../../core/backend.js';
import { recurrenceGateCount } from '../../ops/recurrence-layout.js';
import { partRanges } from '../threads/part-ranges.js';
import type { WorkerPool } from '../threads/worker-pool.js';
import { type CallFrame, kernelPool } from '../wasm/instance.js';

/**
 * A recurrent pass split over the helper threads (issue #18, item 2): every thread runs the step loop
 * for its own range of hidden units and they meet at a barrier or two per step
 * (assembly/recurrence-parts.ts). The results are bit for bit those of one thread.
 */

/**
 * Multiply-adds of one step's recurrent product (B·G·H) from which a pass is split: below it the
 * barriers (≈ 1–5 µs each, two per forward step) cost more than half a product saves. W4b's LSTM
 * (B 32, H 256) has 8.4 M; the tutorial's small layers (B 64, H 32: 0.26 M) stay on one thread.
 */
const STEP_MULTIPLY_ADDS_FOR_THREADS = 2 ** 20;
/** Each thread's units start on a multiple of 8: whole columns of sgemm's 4×8 tiles and whole four-lane vectors. */
const UNIT_GRANULE = 8;
/** Each thread's rows of dW_hh and db_hh start on a multiple of 4 (four-lane vectors of db_hh). */
const GATE_ROW_GRANULE = 4;

// The argument block's layout in int32 words, as assembly/recurrence-parts.ts reads it in bytes
// (FORWARD_PARTS_AT, BACKWARD_PARTS_AT, PART_BYTES): the shared arguments, then one entry per part.
/** Word at which a forward pass's part entries start (ForwardArguments before it). */
export const FORWARD_PARTS_AT_WORD = 16;
/** Word at which a backward pass's part entries start (BackwardArguments before it). */
export const BACKWARD_PARTS_AT_WORD = 24;
/** Words of one part's entry (ForwardPart, BackwardPart). */
const PART_WORDS = 8;

/**
 * The helper threads for a pass of `geometry`, or null (one thread). Asked before the call's
 * `CallFrame` is made: starting helpers may move the kernels to a shared memory.
 */
export function recurrencePool(geometry: RecurrenceGeometry): WorkerPool | null {
  const { mode, hiddenSize, batchSizes } = geometry;
  const multiplyAdds = batchSizes[0]! * recurrenceGateCount[mode] * hiddenSize * hiddenSize;
  return multiplyAdds >= STEP_MULTIPLY_ADDS_FOR_THREADS && hiddenSize >= 2 * UNIT_GRANULE ? kernelPool() : null;
}

/** The units each thread of `pool` takes, and the gate rows (of G = gates·H) for dW_hh and db_hh. */
export function recurrenceParts(
  pool: WorkerPool,
  geometry: RecurrenceGeometry,
): { units: [number, number][]; gateRows: [number, number][] } {
  const threads = pool.helpers + 1;
  const units = partRanges(geometry.hiddenSize, threads, UNIT_GRANULE);
  const gates = recurrenceGateCount[geometry.mode] * geometry.hiddenSize;
  const gateRows = partRanges(gates, units.length, GATE_ROW_GRANULE);
  while (gateRows.length < units.length) gateRows.push([gates, gates]); // a part with no rows of dW_hh
  return { units, gateRows };
}

/**
 * Writes the argument block (int32 words: `shared`, zeros up to word `partsAt`, then PART_WORDS per part;
 * the barrier counter is the zero word just before `partsAt`) into the frame and runs `kernel` on every
 * part: part 0 on this thread, the others on the helpers of `pool`.
 */
export function runRecurrenceParts(
  frame: CallFrame,
  pool: WorkerPool,
  kernel: 'recurrenceForwardPart' | 'recurrenceBackwardPart',
  shared: readonly number[],
  partsAt: number,
  parts: readonly (readonly number[])[],
): void {
  if (shared.length >= partsAt) throw new Error(`${kernel}: ${shared.length} arguments leave no barrier counter before word ${partsAt}`);
  const words = new Int32Array(partsAt + parts.length * PART_WORDS);
  words.set(shared);
  parts.forEach((part, index) => words.set(part, partsAt + index * PART_WORDS));
  const address = frame.copyIn(words, 0, words.length);
  const { exports } = frame;
  exports.resetBarriers();
  const run = exports[kernel];
  pool.run(
    parts.slice(1).map((_, index) => ({ kernel, arguments: [address, index + 1] })),
    () => {
      try {
        run(address, 0);
      } catch (error) {
        // the helpers would wait at this part's next barrier forever
        exports.abandonBarriers();
        throw error;
      }
    },
  );
}
