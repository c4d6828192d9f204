// A recurrent layer's pass (recurrence.ts) split over threads on the shared memory. Every thread runs
// the whole step loop for its own range of hidden units [u₀, u₁):
//
//   forward   its columns of the step's product, h·W_hhᵀ restricted to rows g·H + [u₀, u₁) of W_hh for
//             each gate g (a copy of those rows, packed once), then the gate arithmetic of its units;
//   backward  the gate gradients of its units, then its columns of dh = dgates·W_hh[:, u₀:u₁].
//
// A unit's gate arithmetic reads only that unit's product columns, so a thread never waits between
// its product and its arithmetic on another's; it waits at a barrier where a step reads what every
// thread wrote: the forward's product reads all of h (a barrier after the products, before anyone
// overwrites h, and one after the arithmetic), the backward's product all of dgates (one after the
// arithmetic). After the loop dW_hh and db_hh are split by gate rows. Each element is computed by the
// same instructions in the same order as the one-thread kernel (sgemm's sums run over the same depth
// blocks whatever the columns), so the results are bit for bit those of one thread.
//
// The arguments sit in a block of int32 words (a helper's call carries few numbers): see the offsets
// below; each part's words follow the shared ones, and the word just before them is the barrier
// counter, which the caller zeroes.

import { backwardStepRows, forwardRow, GRU, gateCount, packedRowCount, previousRow, workspaceRows } from './recurrence';
import { packAllB, sgemm, sgemmPackedB } from './sgemm';

const FLOAT_BYTES: i32 = 4;
/** Words of a part's entry, after the shared arguments. */
const PART_WORDS: i32 = 8;

/**
 * Set when a thread failed inside a split pass (its kernel trapped), so that the others stop waiting
 * at barriers it will never reach; the call's results are then wrong and the caller throws.
 */
const abandoned = memory.data(4);

export function abandonBarriers(): void {
  if (ASC_FEATURE_THREADS) atomic.store<i32>(abandoned, 1);
}

export function resetBarriers(): void {
  if (ASC_FEATURE_THREADS) atomic.store<i32>(abandoned, 0);
}

/** Waits until all `parts` threads have arrived at barrier number `round` (1, 2, …) of the pass. */
function arrive(counter: usize, parts: i32, round: i32): void {
  if (ASC_FEATURE_THREADS) {
    atomic.add<i32>(counter, 1);
    const target = parts * round;
    // the others are running the same loop: the wait is a step's imbalance, microseconds
    while (atomic.load<i32>(counter) < target && atomic.load<i32>(abandoned) == 0) {}
  }
}

// @ts-ignore: decorator
@inline function word(block: usize, index: i32): i32 {
  return load<i32>(block + <usize>(index * 4));
}

// @ts-ignore: decorator
@inline function partWord(block: usize, first: i32, part: i32, index: i32): i32 {
  return word(block, first + part * PART_WORDS + index);
}

/**
 * Part `part` of recurrenceForward. Words: 0 mode, 1 H, 2 steps, 3 batchSizes, 4 offsets, 5 reverse,
 * 6 inputGates, 7 weightHh, 8 bias, 9 result, 10 work, 11 parts, 15 the barrier counter; from word 16 per part:
 * 0 first unit, 1 end unit, 2 its weight rows (gates·units × H floats), 3 their packing
 * (packedBBytes(gates·units, H)), 4 its product rows (B × gates·units floats), 5 sgemm's workspace.
 */
export function recurrenceForwardPart(block: usize, part: i32): void {
  const mode = word(block, 0);
  const H = word(block, 1);
  const steps = word(block, 2);
  const batchSizes = <usize>word(block, 3);
  const offsets = <usize>word(block, 4);
  const reverse = word(block, 5) != 0;
  const inputGates = <usize>word(block, 6);
  const weightHh = <usize>word(block, 7);
  const bias = <usize>word(block, 8);
  const result = <usize>word(block, 9);
  const work = <usize>word(block, 10);
  const parts = word(block, 11);
  const counter = block + 15 * 4;
  const firstUnit = partWord(block, 16, part, 0);
  const units = partWord(block, 16, part, 1) - firstUnit;
  const weightRows = <usize>partWord(block, 16, part, 2);
  const packedWeight = <usize>partWord(block, 16, part, 3);
  const hidden = <usize>partWord(block, 16, part, 4);
  const workspace = <usize>partWord(block, 16, part, 5);

  const gates = gateCount(mode);
  const G = gates * H;
  const N = gates * units; // this part's columns of the product: its units of each gate
  const k = workspaceRows(mode);
  const rows = packedRowCount(steps, batchSizes, offsets);
  const batch = load<i32>(batchSizes);
  const hState = result + <usize>(rows * H * FLOAT_BYTES);
  const cState = hState + <usize>(batch * H * FLOAT_BYTES);
  const gateBlock = <usize>(H * FLOAT_BYTES);
  const from = <usize>(firstUnit * FLOAT_BYTES);
  const to = from + <usize>(units * FLOAT_BYTES);
  const unitBytes = <usize>(units * FLOAT_BYTES);
  for (let gate = 0; gate < gates; gate++)
    memory.copy(
      weightRows + <usize>(gate * units * H * FLOAT_BYTES),
      weightHh + <usize>((gate * H + firstUnit) * H * FLOAT_BYTES),
      <usize>(units * H * FLOAT_BYTES),
    );
  packAllB(true, H, N, weightRows, H, packedWeight);
  let round = 0;
  for (let visit = 0; visit < steps; visit++) {
    const step = reverse ? steps - 1 - visit : visit;
    const size = load<i32>(batchSizes + <usize>(step * 4));
    const first = load<i32>(offsets + <usize>(step * 4));
    sgemmPackedB(false, size, N, H, hState, H, packedWeight, hidden, N, false, workspace);
    arrive(counter, parts, ++round); // every product has read h: it may be overwritten
    for (let position = 0; position < size; position++) {
      const row = first + position;
      // the product's row holds this part's units of each gate, `unitBytes` apart, addressed by the
      // same lane offsets as the full row: hence the row's address minus `from`
      forwardRow(
        mode, gateBlock, from, to,
        inputGates + <usize>(row * G * FLOAT_BYTES),
        hidden + <usize>(position * N * FLOAT_BYTES) - from, unitBytes, bias,
        hState + <usize>(position * H * FLOAT_BYTES),
        cState + <usize>(position * H * FLOAT_BYTES),
        work + <usize>(row * k * H * FLOAT_BYTES),
        result + <usize>(row * H * FLOAT_BYTES),
      );
    }
    arrive(counter, parts, ++round); // every unit of h is the step's: the next product may read it
  }
}

/**
 * Part `part` of recurrenceBackward. Words: 0 mode, 1 H, 2 steps, 3 batchSizes, 4 offsets, 5 reverse,
 * 6 outputs, 7 work, 8 weightHh, 9 gradient, 10 dInput, 11 dHidden, 12 dh, 13 dc, 14 direct,
 * 15 dWeight, 16 dBias, 17 parts, 23 the barrier counter; from word 24 per part: 0 first unit, 1 end unit,
 * 2 first gate row, 3 end gate row (of dW_hh and db_hh), 4 W_hh[:, units] packed
 * (packedBBytes(units, G)), 5 sgemm's workspace.
 */
export function recurrenceBackwardPart(block: usize, part: i32): void {
  const mode = word(block, 0);
  const H = word(block, 1);
  const steps = word(block, 2);
  const batchSizes = <usize>word(block, 3);
  const offsets = <usize>word(block, 4);
  const reverse = word(block, 5) != 0;
  const outputs = <usize>word(block, 6);
  const work = <usize>word(block, 7);
  const weightHh = <usize>word(block, 8);
  const gradient = <usize>word(block, 9);
  const dInput = <usize>word(block, 10);
  const dHidden = <usize>word(block, 11);
  const dh = <usize>word(block, 12);
  const dc = <usize>word(block, 13);
  const direct = <usize>word(block, 14);
  const dWeight = <usize>word(block, 15);
  const dBias = <usize>word(block, 16);
  const parts = word(block, 17);
  const counter = block + 23 * 4;
  const firstUnit = partWord(block, 24, part, 0);
  const units = partWord(block, 24, part, 1) - firstUnit;
  const firstGate = partWord(block, 24, part, 2);
  const gateRows = partWord(block, 24, part, 3) - firstGate;
  const packedWeight = <usize>partWord(block, 24, part, 4);
  const workspace = <usize>partWord(block, 24, part, 5);

  const G = gateCount(mode) * H;
  const k = workspaceRows(mode);
  const rows = packedRowCount(steps, batchSizes, offsets);
  const from = <usize>(firstUnit * FLOAT_BYTES);
  const to = from + <usize>(units * FLOAT_BYTES);
  const gates = mode == GRU ? dHidden : dInput;
  packAllB(false, G, units, weightHh + from, H, packedWeight); // op(B) = W_hh[:, units]  [G, units]
  let round = 0;
  for (let visit = steps - 1; visit >= 0; visit--) {
    const step = reverse ? steps - 1 - visit : visit;
    const size = load<i32>(batchSizes + <usize>(step * 4));
    const first = load<i32>(offsets + <usize>(step * 4));
    backwardStepRows(mode, H, first, size, from, to, work, dInput, dHidden, gradient, outputs, dh, dc, direct);
    arrive(counter, parts, ++round); // the step's gate gradients are complete: every part's product reads them
    // dh[0:size, units] = dgates·W_hh[:, units] (+ GRU's direct term): only this part reads these columns next
    sgemmPackedB(false, size, units, G, gates + <usize>(first * G * FLOAT_BYTES), G, packedWeight, dh + from, H, false, workspace);
    if (mode == GRU)
      for (let position = 0; position < size; position++) {
        const state = <usize>(position * H * FLOAT_BYTES);
        for (let lane = from; lane < to; lane += 16)
          v128.store(dh + state + lane, f32x4.add(v128.load(dh + state + lane), v128.load(direct + state + lane)));
      }
  }
  // dW_hh[gate rows] = Σ_rows dgates_rowᵀ · h_prev_row, and db_hh[gate rows] = Σ_rows dgates_row
  const firstColumn = <usize>(firstGate * FLOAT_BYTES);
  sgemm(
    true, false, gateRows, H, rows,
    gates + firstColumn, G,
    work + <usize>(previousRow(mode) * H * FLOAT_BYTES), k * H,
    dWeight + <usize>(firstGate * H * FLOAT_BYTES), H, false, workspace,
  );
  if (dBias != 0) {
    const end = firstColumn + <usize>(gateRows * FLOAT_BYTES);
    for (let lane = firstColumn; lane < end; lane += 16) v128.store(dBias + lane, f32x4.splat(0));
    for (let row = 0; row < rows; row++) {
      const source = gates + <usize>(row * G * FLOAT_BYTES);
      for (let lane = firstColumn; lane < end; lane += 16) v128.store(dBias + lane, f32x4.add(v128.load(dBias + lane), v128.load(source + lane)));
    }
  }
}
