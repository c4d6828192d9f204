import type { RecurrenceGeometry, RecurrenceKernels, TensorView } from '../../core/backend.js';
import { gemm, type FloatArray, type GemmOptions } from '../sgemm/gemm-reference.js';
import { sgemm } from '../sgemm/sgemm.js';
import { sigmoidFloat32, sigmoidFloat64, tanhFloat32, tanhFloat64 } from './float32-activations.js';
import { recurrenceGateCount as gateCount, recurrenceWorkspace as workspaceLayout } from '../../ops/recurrence-layout.js';
import { recurrenceBackwardWasm, recurrenceForwardWasm, recurrenceRunsInWasm } from './recurrence-wasm.js';

/**
 * A recurrent layer's direction in one call per pass (the composite in ops/recurrence.ts is the
 * reference; float32 layers with a hidden size divisible by 4 run in WebAssembly, recurrence-wasm.ts): per step, the recurrent product h·W_hhᵀ as one gemm and the gate arithmetic of every
 * row in one loop; backwards, the gates' derivatives in one loop per step, dh_{t−1} = dgates·W_hh as
 * one gemm, and dW_hh = Σ_t dgatesᵀ·h_{t−1} as a single gemm over all rows at the end.
 *
 * `result` rows: [0, N) outputs, [N, N + B) hN, [N + B, N + 2B) cN (LSTM). hN and cN serve as the
 * running state: a row stops changing when its sequence ends, so they end as hN/cN. The workspace the
 * forward fills holds k rows of H per packed row for the backward (LSTM i f g o c h_prev c_prev,
 * GRU r z n hn h_prev, RNN h_prev).
 */

function multiply(options: GemmOptions): void {
  if (options.c instanceof Float32Array) sgemm(options as GemmOptions<Float32Array>);
  else gemm(options);
}

function offsetsOf(batchSizes: readonly number[]): number[] {
  const offsets: number[] = [];
  let total = 0;
  for (const size of batchSizes) {
    offsets.push(total);
    total += size;
  }
  return offsets;
}

/** Steps in the order the forward pass visits them. */
function forwardOrder(geometry: RecurrenceGeometry): number[] {
  const steps = geometry.batchSizes.map((_, step) => step);
  return geometry.reverse ? steps.reverse() : steps;
}

function forwardLoops(
  geometry: RecurrenceGeometry,
  inputGates: TensorView,
  h0: TensorView,
  c0: TensorView | null,
  weightHh: TensorView,
  biasHh: TensorView | null,
  result: TensorView,
  workspace: TensorView,
): void {
  const { mode, hiddenSize: H, batchSizes } = geometry;
  const G = gateCount[mode] * H;
  const [k] = workspaceLayout[mode];
  const rows = batchSizes.reduce((sum, size) => sum + size, 0);
  const batch = batchSizes[0] ?? 0;
  const out = result.buffer as FloatArray;
  const x = inputGates.buffer as FloatArray;
  const bias = biasHh ? (biasHh.buffer as FloatArray) : null;
  const base = result.offset;
  const hState = base + rows * H;
  const cState = hState + batch * H;
  const Float = out.constructor as Float32ArrayConstructor;
  const work = workspace.buffer as FloatArray;
  // float32 results take float32-accurate activations; float64 the exact ones
  const single = out instanceof Float32Array;
  const sigmoid = single ? sigmoidFloat32 : sigmoidFloat64;
  const tanh = single ? tanhFloat32 : tanhFloat64;
  out.set((h0.buffer as FloatArray).subarray(h0.offset, h0.offset + batch * H), hState);
  if (c0) out.set((c0.buffer as FloatArray).subarray(c0.offset, c0.offset + batch * H), cState);
  const hidden = new Float(batch * G);
  const offsets = offsetsOf(batchSizes);
  for (const step of forwardOrder(geometry)) {
    const size = batchSizes[step]!;
    // hidden = h[0:size]·W_hhᵀ  [size, G]
    multiply({
      transA: false,
      transB: true,
      m: size,
      n: G,
      k: H,
      a: out,
      aOffset: hState,
      lda: H,
      b: weightHh.buffer as FloatArray,
      bOffset: weightHh.offset,
      ldb: H,
      c: hidden,
      cOffset: 0,
      ldc: G,
      accumulate: false,
    });
    if (bias) for (let index = 0; index < size * G; index++) hidden[index] = hidden[index]! + bias[biasHh!.offset + (index % G)]!;
    for (let position = 0; position < size; position++) {
      const row = offsets[step]! + position;
      const gates = inputGates.offset + row * G;
      const recurrent = position * G;
      const h = hState + position * H;
      const saved = workspace.offset + row * k * H;
      const output = base + row * H;
      for (let j = 0; j < H; j++) {
        const previous = out[h + j]!;
        if (mode === 'lstm') {
          const c = cState + position * H + j;
          const input = sigmoid(x[gates + j]! + hidden[recurrent + j]!);
          const forget = sigmoid(x[gates + H + j]! + hidden[recurrent + H + j]!);
          const candidate = tanh(x[gates + 2 * H + j]! + hidden[recurrent + 2 * H + j]!);
          const exposed = sigmoid(x[gates + 3 * H + j]! + hidden[recurrent + 3 * H + j]!);
          const previousCell = out[c]!;
          const cell = forget * previousCell + input * candidate; // c' = f ⊙ c + i ⊙ g
          const next = exposed * tanh(cell); // h' = o ⊙ tanh c'
          work[saved + j] = input;
          work[saved + H + j] = forget;
          work[saved + 2 * H + j] = candidate;
          work[saved + 3 * H + j] = exposed;
          work[saved + 4 * H + j] = cell;
          work[saved + 5 * H + j] = previous;
          work[saved + 6 * H + j] = previousCell;
          out[c] = cell;
          out[h + j] = next;
          out[output + j] = out[h + j]!;
        } else if (mode === 'gru') {
          const hiddenNew = hidden[recurrent + 2 * H + j]!; // W_hn·h + b_hn
          const reset = sigmoid(x[gates + j]! + hidden[recurrent + j]!);
          const update = sigmoid(x[gates + H + j]! + hidden[recurrent + H + j]!);
          const candidate = tanh(x[gates + 2 * H + j]! + reset * hiddenNew); // n = tanh(x_n + r ⊙ (W_hn h + b_hn))
          work[saved + j] = reset;
          work[saved + H + j] = update;
          work[saved + 2 * H + j] = candidate;
          work[saved + 3 * H + j] = hiddenNew;
          work[saved + 4 * H + j] = previous;
          out[h + j] = candidate + update * (previous - candidate); // h' = (1 − z) ⊙ n + z ⊙ h
          out[output + j] = out[h + j]!;
        } else {
          const preActivation = x[gates + j]! + hidden[recurrent + j]!;
          work[saved + j] = previous;
          out[h + j] = mode === 'rnnTanh' ? tanh(preActivation) : Math.max(preActivation, 0);
          out[output + j] = out[h + j]!;
        }
      }
    }
  }
}

function backwardLoops(
  geometry: RecurrenceGeometry,
  result: TensorView,
  workspace: TensorView,
  weightHh: TensorView,
  gradient: TensorView,
  gradients: { inputGates: TensorView; h0: TensorView; c0: TensorView | null; weightHh: TensorView; biasHh: TensorView | null },
): void {
  const { mode, hiddenSize: H, batchSizes } = geometry;
  const G = gateCount[mode] * H;
  const [k, previousRow] = workspaceLayout[mode];
  const rows = batchSizes.reduce((sum, size) => sum + size, 0);
  const batch = batchSizes[0] ?? 0;
  const out = result.buffer as FloatArray;
  const base = result.offset;
  const work = workspace.buffer as FloatArray;
  const incoming = gradient.buffer as FloatArray;
  const Float = out.constructor as Float32ArrayConstructor;
  const tanh = out instanceof Float32Array ? tanhFloat32 : tanhFloat64;
  // running ∂L/∂h and ∂L/∂c of every sequence, starting from hN's and cN's gradients
  const dh = new Float(batch * H);
  dh.set(incoming.subarray(gradient.offset + rows * H, gradient.offset + (rows + batch) * H));
  const dc = new Float(batch * H);
  if (mode === 'lstm') dc.set(incoming.subarray(gradient.offset + (rows + batch) * H, gradient.offset + (rows + 2 * batch) * H));
  const dInput = gradients.inputGates.buffer as FloatArray;
  const inputBase = gradients.inputGates.offset;
  // the hidden side's gate gradients differ from the input side's only for GRU's n (r ⊙ ·)
  const dHidden = mode === 'gru' ? new Float(rows * G) : null;
  const direct = mode === 'gru' ? new Float(batch * H) : null;
  const offsets = offsetsOf(batchSizes);
  for (const step of forwardOrder(geometry).reverse()) {
    const size = batchSizes[step]!;
    for (let position = 0; position < size; position++) {
      const row = offsets[step]! + position;
      const saved = workspace.offset + row * k * H;
      const gate = inputBase + row * G;
      for (let j = 0; j < H; j++) {
        const state = position * H + j;
        const dOutput = dh[state]! + incoming[gradient.offset + row * H + j]!;
        if (mode === 'lstm') {
          const [input, forget, candidate, exposed] = [
            work[saved + j]!,
            work[saved + H + j]!,
            work[saved + 2 * H + j]!,
            work[saved + 3 * H + j]!,
          ];
          const tanhCell = tanh(work[saved + 4 * H + j]!);
          const dCell = dc[state]! + dOutput * exposed * (1 - tanhCell * tanhCell); // dc' += dh ⊙ o ⊙ (1 − tanh² c')
          dInput[gate + j] = dCell * candidate * input * (1 - input); // di = dc' ⊙ g ⊙ σ'(·)
          dInput[gate + H + j] = dCell * work[saved + 6 * H + j]! * forget * (1 - forget); // df = dc' ⊙ c ⊙ σ'(·)
          dInput[gate + 2 * H + j] = dCell * input * (1 - candidate * candidate); // dg = dc' ⊙ i ⊙ (1 − g²)
          dInput[gate + 3 * H + j] = dOutput * tanhCell * exposed * (1 - exposed); // do = dh ⊙ tanh c' ⊙ σ'(·)
          dc[state] = dCell * forget; // dc_prev = dc' ⊙ f
        } else if (mode === 'gru') {
          const [reset, update, candidate, hiddenNew, previous] = [
            work[saved + j]!,
            work[saved + H + j]!,
            work[saved + 2 * H + j]!,
            work[saved + 3 * H + j]!,
            work[saved + 4 * H + j]!,
          ];
          const dNew = dOutput * (1 - update) * (1 - candidate * candidate); // through n = tanh(·)
          const dReset = dNew * hiddenNew * reset * (1 - reset);
          const dUpdate = dOutput * (previous - candidate) * update * (1 - update);
          dInput[gate + j] = dReset;
          dInput[gate + H + j] = dUpdate;
          dInput[gate + 2 * H + j] = dNew;
          dHidden![row * G + j] = dReset;
          dHidden![row * G + H + j] = dUpdate;
          dHidden![row * G + 2 * H + j] = dNew * reset;
          direct![state] = dOutput * update; // h' = … + z ⊙ h
        } else {
          const value = out[base + row * H + j]!;
          dInput[gate + j] = mode === 'rnnTanh' ? dOutput * (1 - value * value) : value > 0 ? dOutput : 0;
        }
      }
    }
    // dh[0:size] = dgates·W_hh  [size, H] (+ GRU's direct term)
    const gates = dHidden ?? dInput;
    const gatesOffset = dHidden ? offsets[step]! * G : inputBase + offsets[step]! * G;
    multiply({
      transA: false,
      transB: false,
      m: size,
      n: H,
      k: G,
      a: gates,
      aOffset: gatesOffset,
      lda: G,
      b: weightHh.buffer as FloatArray,
      bOffset: weightHh.offset,
      ldb: H,
      c: dh,
      cOffset: 0,
      ldc: H,
      accumulate: false,
    });
    if (direct) for (let index = 0; index < size * H; index++) dh[index] = dh[index]! + direct[index]!;
  }
  (gradients.h0.buffer as FloatArray).set(dh, gradients.h0.offset);
  if (gradients.c0) (gradients.c0.buffer as FloatArray).set(dc, gradients.c0.offset);
  // dW_hh = Σ_rows dgates_rowᵀ · h_prev_row: [G, N]·[N, H]; h_prev rows are k·H apart in the workspace
  const gates = dHidden ?? dInput;
  const gatesOffset = dHidden ? 0 : inputBase;
  multiply({
    transA: true,
    transB: false,
    m: G,
    n: H,
    k: rows,
    a: gates,
    aOffset: gatesOffset,
    lda: G,
    b: work,
    bOffset: workspace.offset + previousRow * H,
    ldb: k * H,
    c: gradients.weightHh.buffer as FloatArray,
    cOffset: gradients.weightHh.offset,
    ldc: H,
    accumulate: false,
  });
  if (gradients.biasHh) {
    const target = gradients.biasHh.buffer as FloatArray;
    const offset = gradients.biasHh.offset;
    target.fill(0, offset, offset + G);
    for (let row = 0; row < rows; row++)
      for (let column = 0; column < G; column++)
        target[offset + column] = target[offset + column]! + gates[gatesOffset + row * G + column]!;
  }
}

/** The JavaScript loops: float64, hidden sizes not divisible by 4, and the reference of the WebAssembly kernels. */
export const recurrenceLoops: RecurrenceKernels = { forward: forwardLoops, backward: backwardLoops };

/** The CPU backend's entry: WebAssembly where it applies (recurrence-wasm.ts), the loops elsewhere. */
export const recurrenceKernels: RecurrenceKernels = {
  forward: (geometry, inputGates, h0, c0, weightHh, biasHh, result, workspace) =>
    recurrenceRunsInWasm(geometry, result.buffer)
      ? recurrenceForwardWasm(geometry, inputGates, h0, c0, weightHh, biasHh, result, workspace)
      : forwardLoops(geometry, inputGates, h0, c0, weightHh, biasHh, result, workspace),
  // the workspace layout is the same either way, so the choice need not match the forward's
  backward: (geometry, result, workspace, weightHh, gradient, gradients) =>
    recurrenceRunsInWasm(geometry, result.buffer)
      ? recurrenceBackwardWasm(geometry, result, workspace, weightHh, gradient, gradients)
      : backwardLoops(geometry, result, workspace, weightHh, gradient, gradients),
};
