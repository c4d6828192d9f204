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
// The arguments sit in a block of int32 words (a helper's call carries few numbers): the layouts
// below; each part's words follow the shared ones, and the word just before them is the barrier
// counter, which the caller zeroes.

import { backwardStepRows, forwardRow, GRU, gateCount, packedRowCount, previousRow, workspaceRows } from './recurrence';
import { packAllB, sgemm, sgemmPackedB } from './sgemm';

const FLOAT_BYTES: i32 = 4;

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

// The argument blocks, read in place (@unmanaged: plain memory layouts, nothing allocated). Each
// part's entry is PART_BYTES long and the entries start at `partsAt` bytes, after a zero word that
// is the barrier counter. src/cpu/kernels/recurrence-parts.ts writes the same layout in int32 words
// (FORWARD_PARTS_AT_WORD, BACKWARD_PARTS_AT_WORD, PART_WORDS: these divided by 4).
const PART_BYTES: usize = 32;

/** The words both passes start with. */
@unmanaged class PassArguments {
  mode: i32;
  hiddenSize: i32;
  steps: i32;
  batchSizes: usize;
  offsets: usize;
  reverse: i32;
}

@unmanaged class ForwardArguments extends PassArguments {
  inputGates: usize;
  weightHh: usize;
  bias: usize;
  result: usize;
  work: usize;
  parts: i32;
}

/** A forward part: its units, their rows of W_hh (gates·units × H floats) and their packing, its columns of the product (B × gates·units), sgemm's workspace. */
@unmanaged class ForwardPart {
  firstUnit: i32;
  endUnit: i32;
  weightRows: usize;
  packedWeight: usize;
  hidden: usize;
  workspace: usize;
}

@unmanaged class BackwardArguments extends PassArguments {
  outputs: usize;
  work: usize;
  weightHh: usize;
  gradient: usize;
  dInput: usize;
  dHidden: usize;
  dh: usize;
  dc: usize;
  direct: usize;
  dWeight: usize;
  dBias: usize;
  parts: i32;
}

/** A backward part: its units, its rows of dW_hh and db_hh, W_hh[:, units] packed, sgemm's workspace. */
@unmanaged class BackwardPart {
  firstUnit: i32;
  endUnit: i32;
  firstGate: i32;
  endGate: i32;
  packedWeight: usize;
  workspace: usize;
}

/** Where the parts' entries start: after the barrier counter, the word before them. */
const FORWARD_PARTS_AT: usize = 64;
const BACKWARD_PARTS_AT: usize = 96;

/** Part `part` of recurrenceForward; the block holds ForwardArguments, then a ForwardPart per thread from byte 64. */
export function recurrenceForwardPart(block: usize, part: i32): void {
  const pass = changetype<ForwardArguments>(block);
  const own = changetype<ForwardPart>(block + FORWARD_PARTS_AT + <usize>part * PART_BYTES);
  const mode = pass.mode;
  const H = pass.hiddenSize;
  const steps = pass.steps;
  const batchSizes = pass.batchSizes;
  const offsets = pass.offsets;
  const reverse = pass.reverse != 0;
  const inputGates = pass.inputGates;
  const result = pass.result;
  const work = pass.work;
  const parts = pass.parts;
  const counter = block + FORWARD_PARTS_AT - 4;
  const firstUnit = own.firstUnit;
  const units = own.endUnit - firstUnit;
  const hidden = own.hidden;

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
      own.weightRows + <usize>(gate * units * H * FLOAT_BYTES),
      pass.weightHh + <usize>((gate * H + firstUnit) * H * FLOAT_BYTES),
      <usize>(units * H * FLOAT_BYTES),
    );
  packAllB(true, H, N, own.weightRows, H, own.packedWeight);
  let round = 0;
  for (let visit = 0; visit < steps; visit++) {
    const step = reverse ? steps - 1 - visit : visit;
    const size = load<i32>(batchSizes + <usize>(step * 4));
    const first = load<i32>(offsets + <usize>(step * 4));
    sgemmPackedB(false, size, N, H, hState, H, own.packedWeight, hidden, N, false, own.workspace);
    arrive(counter, parts, ++round); // every product has read h: it may be overwritten
    for (let position = 0; position < size; position++) {
      const row = first + position;
      // the product's row holds this part's units of each gate, `unitBytes` apart, addressed by the
      // same lane offsets as the full row: hence the row's address minus `from`
      forwardRow(
        mode, gateBlock, from, to,
        inputGates + <usize>(row * G * FLOAT_BYTES),
        hidden + <usize>(position * N * FLOAT_BYTES) - from, unitBytes, pass.bias,
        hState + <usize>(position * H * FLOAT_BYTES),
        cState + <usize>(position * H * FLOAT_BYTES),
        work + <usize>(row * k * H * FLOAT_BYTES),
        result + <usize>(row * H * FLOAT_BYTES),
      );
    }
    arrive(counter, parts, ++round); // every unit of h is the step's: the next product may read it
  }
}

/** Part `part` of recurrenceBackward; the block holds BackwardArguments, then a BackwardPart per thread from byte 96. */
export function recurrenceBackwardPart(block: usize, part: i32): void {
  const pass = changetype<BackwardArguments>(block);
  const own = changetype<BackwardPart>(block + BACKWARD_PARTS_AT + <usize>part * PART_BYTES);
  const mode = pass.mode;
  const H = pass.hiddenSize;
  const steps = pass.steps;
  const batchSizes = pass.batchSizes;
  const offsets = pass.offsets;
  const reverse = pass.reverse != 0;
  const work = pass.work;
  const dInput = pass.dInput;
  const dHidden = pass.dHidden;
  const dh = pass.dh;
  const direct = pass.direct;
  const dBias = pass.dBias;
  const parts = pass.parts;
  const counter = block + BACKWARD_PARTS_AT - 4;
  const firstUnit = own.firstUnit;
  const units = own.endUnit - firstUnit;
  const firstGate = own.firstGate;
  const gateRows = own.endGate - firstGate;
  const workspace = own.workspace;

  const G = gateCount(mode) * H;
  const k = workspaceRows(mode);
  const rows = packedRowCount(steps, batchSizes, offsets);
  const from = <usize>(firstUnit * FLOAT_BYTES);
  const to = from + <usize>(units * FLOAT_BYTES);
  const gates = mode == GRU ? dHidden : dInput;
  packAllB(false, G, units, pass.weightHh + from, H, own.packedWeight); // op(B) = W_hh[:, units]  [G, units]
  let round = 0;
  for (let visit = steps - 1; visit >= 0; visit--) {
    const step = reverse ? steps - 1 - visit : visit;
    const size = load<i32>(batchSizes + <usize>(step * 4));
    const first = load<i32>(offsets + <usize>(step * 4));
    backwardStepRows(mode, H, first, size, from, to, work, dInput, dHidden, pass.gradient, pass.outputs, dh, pass.dc, direct);
    arrive(counter, parts, ++round); // the step's gate gradients are complete: every part's product reads them
    // dh[0:size, units] = dgates·W_hh[:, units] (+ GRU's direct term): only this part reads these columns next
    sgemmPackedB(false, size, units, G, gates + <usize>(first * G * FLOAT_BYTES), G, own.packedWeight, dh + from, H, false, workspace);
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
    pass.dWeight + <usize>(firstGate * H * FLOAT_BYTES), H, false, workspace,
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
