// A recurrent layer's direction (RNN, LSTM, GRU) over packed rows in one call per pass, float32,
// hidden size a multiple of 4: the JavaScript kernel in src/cpu/kernels/recurrence.ts is the
// reference and documents the layout. Per step the recurrent product h·W_hhᵀ runs through the
// module's sgemm without leaving this memory, and the gate arithmetic runs four lanes at a time:
//
//   LSTM  [i f g o] = x + h·W_hhᵀ + b_hh,  c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g),  h' = σ(o) ⊙ tanh(c')
//   GRU   r = σ(x_r + W_hr h + b_hr), z = σ(·), n = tanh(x_n + r ⊙ (W_hn h + b_hn)),  h' = n + z ⊙ (h − n)
//   RNN   h' = tanh(x + h·W_hhᵀ + b_hh)  or  relu(·)
//
// Workspace rows kept per packed row for the backward pass (k rows of H): LSTM i f g o c h_prev
// c_prev; GRU r z n hn h_prev; RNN h_prev. Every pointer is a byte address in this module's memory.

import { packAllB, sgemm, sgemmPackedB } from './sgemm';

const FLOAT_BYTES: i32 = 4;

// the `mode` argument, in the order of RecurrenceGeometry's modes
const RNN_TANH: i32 = 0;
const RNN_RELU: i32 = 1;
const LSTM: i32 = 2;
export const GRU: i32 = 3;

export function gateCount(mode: i32): i32 {
  return mode == LSTM ? 4 : mode == GRU ? 3 : 1;
}

export function workspaceRows(mode: i32): i32 {
  return mode == LSTM ? 7 : mode == GRU ? 5 : 1;
}

/** Which workspace row of a packed row holds h_prev. */
export function previousRow(mode: i32): i32 {
  return mode == LSTM ? 5 : mode == GRU ? 4 : 0;
}

/**
 * tanh to float32 accuracy on four lanes: the rational minimax form of the JavaScript kernels
 * (float32-activations.ts), clamped to ±7.905 where float32 tanh is ±1. min/max keep NaN.
 */
// @ts-ignore: decorator
@inline function tanh4(value: v128): v128 {
  const limit = f32x4.splat(7.90531110763549805);
  const x = f32x4.max(f32x4.min(value, limit), f32x4.neg(limit));
  const x2 = f32x4.mul(x, x);
  let numerator = f32x4.splat(-2.76076847742355e-16);
  numerator = f32x4.add(f32x4.mul(numerator, x2), f32x4.splat(2.00018790482477e-13));
  numerator = f32x4.add(f32x4.mul(numerator, x2), f32x4.splat(-8.60467152213735e-11));
  numerator = f32x4.add(f32x4.mul(numerator, x2), f32x4.splat(5.12229709037114e-8));
  numerator = f32x4.add(f32x4.mul(numerator, x2), f32x4.splat(1.48572235717979e-5));
  numerator = f32x4.add(f32x4.mul(numerator, x2), f32x4.splat(6.37261928875436e-4));
  numerator = f32x4.add(f32x4.mul(numerator, x2), f32x4.splat(4.89352455891786e-3));
  let denominator = f32x4.splat(1.19825839466702e-6);
  denominator = f32x4.add(f32x4.mul(denominator, x2), f32x4.splat(1.18534705686654e-4));
  denominator = f32x4.add(f32x4.mul(denominator, x2), f32x4.splat(2.268434632439e-3));
  denominator = f32x4.add(f32x4.mul(denominator, x2), f32x4.splat(4.89352518554385e-3));
  return f32x4.div(f32x4.mul(x, numerator), denominator);
}

/** σ(x) = (1 + tanh(x/2)) / 2. */
// @ts-ignore: decorator
@inline function sigmoid4(value: v128): v128 {
  const half = f32x4.splat(0.5);
  return f32x4.add(half, f32x4.mul(half, tanh4(f32x4.mul(half, value))));
}

/** 1 − v ⊙ v: the derivative of tanh (and σ(1 − σ) = v − v², written v(1 − v) below). */
// @ts-ignore: decorator
@inline function oneMinusSquare(value: v128): v128 {
  return f32x4.sub(f32x4.splat(1), f32x4.mul(value, value));
}

// @ts-ignore: decorator
@inline function logisticSlope(value: v128): v128 {
  return f32x4.mul(value, f32x4.sub(f32x4.splat(1), value));
}

/**
 * The recurrent pre-activation of gate `gate` at byte offset `lane` of a row: W_h·h (+ b_h). The
 * product's row holds gate blocks `stride` bytes apart (H floats, or a thread's share of them); the
 * bias's blocks are `block` (H floats) apart.
 */
// @ts-ignore: decorator
@inline function recurrentTerm(recurrent: usize, stride: usize, bias: usize, block: usize, gate: i32, lane: usize): v128 {
  const product = v128.load(recurrent + <usize>gate * stride + lane);
  return bias == 0 ? product : f32x4.add(product, v128.load(bias + <usize>gate * block + lane));
}

/**
 * One packed row of a forward step, lanes [from, to) (byte offsets within a block of H floats): the gate
 * arithmetic from the input gates `x`, the recurrent product's row `recurrent` (gate blocks `stride`
 * apart, addressed by the same lane offsets), the state rows `h` and `c` (updated), into the saved
 * workspace rows and the output row.
 */
// @ts-ignore: decorator
@inline export function forwardRow(
  mode: i32, block: usize, from: usize, to: usize,
  x: usize, recurrent: usize, stride: usize, bias: usize, h: usize, c: usize, saved: usize, output: usize,
): void {
  for (let lane: usize = from; lane < to; lane += 16) {
    const previous = v128.load(h + lane);
    let next: v128;
    if (mode == LSTM) {
      const input = sigmoid4(f32x4.add(v128.load(x + lane), recurrentTerm(recurrent, stride, bias, block, 0, lane)));
      const forget = sigmoid4(f32x4.add(v128.load(x + block + lane), recurrentTerm(recurrent, stride, bias, block, 1, lane)));
      const candidate = tanh4(f32x4.add(v128.load(x + 2 * block + lane), recurrentTerm(recurrent, stride, bias, block, 2, lane)));
      const exposed = sigmoid4(f32x4.add(v128.load(x + 3 * block + lane), recurrentTerm(recurrent, stride, bias, block, 3, lane)));
      const previousCell = v128.load(c + lane);
      const cell = f32x4.add(f32x4.mul(forget, previousCell), f32x4.mul(input, candidate));
      next = f32x4.mul(exposed, tanh4(cell));
      v128.store(saved + lane, input);
      v128.store(saved + block + lane, forget);
      v128.store(saved + 2 * block + lane, candidate);
      v128.store(saved + 3 * block + lane, exposed);
      v128.store(saved + 4 * block + lane, cell);
      v128.store(saved + 5 * block + lane, previous);
      v128.store(saved + 6 * block + lane, previousCell);
      v128.store(c + lane, cell);
    } else if (mode == GRU) {
      const hiddenNew = recurrentTerm(recurrent, stride, bias, block, 2, lane); // W_hn·h + b_hn
      const reset = sigmoid4(f32x4.add(v128.load(x + lane), recurrentTerm(recurrent, stride, bias, block, 0, lane)));
      const update = sigmoid4(f32x4.add(v128.load(x + block + lane), recurrentTerm(recurrent, stride, bias, block, 1, lane)));
      const candidate = tanh4(f32x4.add(v128.load(x + 2 * block + lane), f32x4.mul(reset, hiddenNew)));
      v128.store(saved + lane, reset);
      v128.store(saved + block + lane, update);
      v128.store(saved + 2 * block + lane, candidate);
      v128.store(saved + 3 * block + lane, hiddenNew);
      v128.store(saved + 4 * block + lane, previous);
      next = f32x4.add(candidate, f32x4.mul(update, f32x4.sub(previous, candidate)));
    } else {
      const preActivation = f32x4.add(v128.load(x + lane), recurrentTerm(recurrent, stride, bias, block, 0, lane));
      v128.store(saved + lane, previous);
      next = mode == RNN_TANH ? tanh4(preActivation) : f32x4.max(preActivation, f32x4.splat(0));
    }
    v128.store(h + lane, next);
    v128.store(output + lane, next);
  }
}

/**
 * The forward pass. `result` [rows + B (+ B), H] holds h0 (and c0) in its state rows on entry and
 * the outputs, hN (and cN) on return; `work` receives the workspace rows, `hidden` is [B, G]
 * scratch, `packedWeight` receives W_hhᵀ packed once for every step (packedBBytes(G, H) bytes),
 * `workspace` is sgemm's. `batchSizes` and `offsets` are int32 per step.
 */
export function recurrenceForward(
  mode: i32, H: i32, steps: i32, batchSizes: usize, offsets: usize, reverse: bool,
  inputGates: usize, weightHh: usize, bias: usize, result: usize, work: usize, hidden: usize, packedWeight: usize, workspace: usize,
): void {
  const G = gateCount(mode) * H;
  const k = workspaceRows(mode);
  const rows = packedRowCount(steps, batchSizes, offsets);
  const batch = load<i32>(batchSizes);
  const hState = result + <usize>(rows * H * FLOAT_BYTES);
  const cState = hState + <usize>(batch * H * FLOAT_BYTES);
  const block = <usize>(H * FLOAT_BYTES); // one gate block of a row, in bytes
  packAllB(true, H, G, weightHh, H, packedWeight); // op(B) = W_hhᵀ [H, G], shared by every step
  for (let visit = 0; visit < steps; visit++) {
    const step = reverse ? steps - 1 - visit : visit;
    const size = load<i32>(batchSizes + <usize>(step * 4));
    const first = load<i32>(offsets + <usize>(step * 4));
    // hidden[0:size] = h[0:size]·W_hhᵀ  [size, G]
    sgemmPackedB(false, size, G, H, hState, H, packedWeight, hidden, G, false, workspace);
    for (let position = 0; position < size; position++) {
      const row = first + position;
      const x = inputGates + <usize>(row * G * FLOAT_BYTES);
      const recurrent = hidden + <usize>(position * G * FLOAT_BYTES);
      const h = hState + <usize>(position * H * FLOAT_BYTES);
      const c = cState + <usize>(position * H * FLOAT_BYTES);
      const saved = work + <usize>(row * k * H * FLOAT_BYTES);
      const output = result + <usize>(row * H * FLOAT_BYTES);
      forwardRow(mode, block, 0, block, x, recurrent, block, bias, h, c, saved, output);
    }
  }
}

/**
 * One packed row of a backward step, lanes [from, to) (byte offsets within a block of H floats): from
 * the saved workspace rows, the incoming gradient row and the running dh (and dc) rows, the gates'
 * gradient row `gate` (and GRU's hidden-side row `hiddenGate` and `direct` term); dc is updated to the
 * previous step's. `output` is the layer's output row, which only the RNN's derivative reads.
 */
// @ts-ignore: decorator
@inline export function backwardRow(
  mode: i32, block: usize, from: usize, to: usize,
  saved: usize, gate: usize, hiddenGate: usize, incoming: usize, output: usize, dh: usize, dc: usize, direct: usize,
): void {
  const zero = f32x4.splat(0);
  for (let lane: usize = from; lane < to; lane += 16) {
    const dOutput = f32x4.add(v128.load(dh + lane), v128.load(incoming + lane));
    if (mode == LSTM) {
      const input = v128.load(saved + lane);
      const forget = v128.load(saved + block + lane);
      const candidate = v128.load(saved + 2 * block + lane);
      const exposed = v128.load(saved + 3 * block + lane);
      const tanhCell = tanh4(v128.load(saved + 4 * block + lane));
      // dc' += dh ⊙ o ⊙ (1 − tanh² c')
      const dCell = f32x4.add(v128.load(dc + lane), f32x4.mul(f32x4.mul(dOutput, exposed), oneMinusSquare(tanhCell)));
      v128.store(gate + lane, f32x4.mul(f32x4.mul(dCell, candidate), logisticSlope(input))); // di
      v128.store(gate + block + lane, f32x4.mul(f32x4.mul(dCell, v128.load(saved + 6 * block + lane)), logisticSlope(forget))); // df
      v128.store(gate + 2 * block + lane, f32x4.mul(f32x4.mul(dCell, input), oneMinusSquare(candidate))); // dg
      v128.store(gate + 3 * block + lane, f32x4.mul(f32x4.mul(dOutput, tanhCell), logisticSlope(exposed))); // do
      v128.store(dc + lane, f32x4.mul(dCell, forget)); // dc_prev = dc' ⊙ f
    } else if (mode == GRU) {
      const reset = v128.load(saved + lane);
      const update = v128.load(saved + block + lane);
      const candidate = v128.load(saved + 2 * block + lane);
      const hiddenNew = v128.load(saved + 3 * block + lane);
      const previous = v128.load(saved + 4 * block + lane);
      const dNew = f32x4.mul(f32x4.mul(dOutput, f32x4.sub(f32x4.splat(1), update)), oneMinusSquare(candidate)); // through n = tanh(·)
      const dReset = f32x4.mul(f32x4.mul(dNew, hiddenNew), logisticSlope(reset));
      const dUpdate = f32x4.mul(f32x4.mul(dOutput, f32x4.sub(previous, candidate)), logisticSlope(update));
      v128.store(gate + lane, dReset);
      v128.store(gate + block + lane, dUpdate);
      v128.store(gate + 2 * block + lane, dNew);
      v128.store(hiddenGate + lane, dReset);
      v128.store(hiddenGate + block + lane, dUpdate);
      v128.store(hiddenGate + 2 * block + lane, f32x4.mul(dNew, reset));
      v128.store(direct + lane, f32x4.mul(dOutput, update)); // h' = … + z ⊙ h
    } else {
      const value = v128.load(output + lane);
      const derivative = mode == RNN_TANH ? f32x4.mul(dOutput, oneMinusSquare(value)) : v128.and(dOutput, f32x4.gt(value, zero));
      v128.store(gate + lane, derivative);
    }
  }
}

/** Packed rows of a pass: the last step's first row plus its size. */
export function packedRowCount(steps: i32, batchSizes: usize, offsets: usize): i32 {
  return load<i32>(offsets + <usize>((steps - 1) * 4)) + load<i32>(batchSizes + <usize>((steps - 1) * 4));
}

/**
 * The gate gradients of one backward step's rows (packed rows first … first + size), lanes [from, to):
 * `backwardRow` on each, with the running dh, dc (and GRU's direct term) rows at the batch position.
 */
// @ts-ignore: decorator
@inline export function backwardStepRows(
  mode: i32, H: i32, first: i32, size: i32, from: usize, to: usize,
  work: usize, dInput: usize, dHidden: usize, gradient: usize, outputs: usize, dh: usize, dc: usize, direct: usize,
): void {
  const G = gateCount(mode) * H;
  const k = workspaceRows(mode);
  for (let position = 0; position < size; position++) {
    const row = first + position;
    const state = <usize>(position * H * FLOAT_BYTES);
    backwardRow(
      mode, <usize>(H * FLOAT_BYTES), from, to,
      work + <usize>(row * k * H * FLOAT_BYTES),
      dInput + <usize>(row * G * FLOAT_BYTES),
      dHidden + <usize>(row * G * FLOAT_BYTES),
      gradient + <usize>(row * H * FLOAT_BYTES),
      outputs + <usize>(row * H * FLOAT_BYTES),
      dh + state, dc + state, direct + state,
    );
  }
}

/**
 * The backward pass. `gradient` [rows + B (+ B), H] is the result's gradient; `dh` and `dc` [B, H]
 * hold hN's and cN's gradients on entry and h0's and c0's on return. `dInput` [rows, G] receives the
 * input gates' gradient, `dHidden` [rows, G] (GRU only, else 0) the hidden side's, `direct` [B, H] is
 * GRU scratch, `dWeight` [G, H] and `dBias` [G] (or 0) receive W_hh's and b_hh's. `outputs` is the
 * result's output rows (read by the RNN's derivative); `packedWeight` receives W_hh packed once
 * (packedBBytes(H, G) bytes).
 */
export function recurrenceBackward(
  mode: i32, H: i32, steps: i32, batchSizes: usize, offsets: usize, reverse: bool,
  outputs: usize, work: usize, weightHh: usize, gradient: usize,
  dInput: usize, dHidden: usize, dh: usize, dc: usize, direct: usize, dWeight: usize, dBias: usize,
  packedWeight: usize, workspace: usize,
): void {
  const G = gateCount(mode) * H;
  const k = workspaceRows(mode);
  const rows = packedRowCount(steps, batchSizes, offsets);
  const block = <usize>(H * FLOAT_BYTES);
  const zero = f32x4.splat(0);
  packAllB(false, G, H, weightHh, H, packedWeight); // op(B) = W_hh [G, H], shared by every step
  for (let visit = steps - 1; visit >= 0; visit--) {
    const step = reverse ? steps - 1 - visit : visit;
    const size = load<i32>(batchSizes + <usize>(step * 4));
    const first = load<i32>(offsets + <usize>(step * 4));
    backwardStepRows(mode, H, first, size, 0, block, work, dInput, dHidden, gradient, outputs, dh, dc, direct);
    // dh[0:size] = dgates·W_hh  [size, H] (+ GRU's direct term)
    const gates = mode == GRU ? dHidden : dInput;
    sgemmPackedB(false, size, H, G, gates + <usize>(first * G * FLOAT_BYTES), G, packedWeight, dh, H, false, workspace);
    if (mode == GRU) {
      const end = <usize>(size * H * FLOAT_BYTES);
      for (let lane: usize = 0; lane < end; lane += 16) v128.store(dh + lane, f32x4.add(v128.load(dh + lane), v128.load(direct + lane)));
    }
  }
  // dW_hh = Σ_rows dgates_rowᵀ · h_prev_row: [G, N]·[N, H]; h_prev rows are k·H apart in the workspace
  const gates = mode == GRU ? dHidden : dInput;
  sgemm(true, false, G, H, rows, gates, G, work + <usize>(previousRow(mode) * H * FLOAT_BYTES), k * H, dWeight, H, false, workspace);
  if (dBias != 0) {
    const width = <usize>(G * FLOAT_BYTES);
    for (let lane: usize = 0; lane < width; lane += 16) v128.store(dBias + lane, zero);
    for (let row = 0; row < rows; row++) {
      const source = gates + <usize>(row * G * FLOAT_BYTES);
      for (let lane: usize = 0; lane < width; lane += 16) v128.store(dBias + lane, f32x4.add(v128.load(dBias + lane), v128.load(source + lane)));
    }
  }
}
