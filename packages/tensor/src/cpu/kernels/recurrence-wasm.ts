import type { RecurrenceGeometry, TensorView } from '../../core/backend.js';
import { recurrenceGateCount, recurrenceStateRows, recurrenceWorkspace } from '../../ops/recurrence-layout.js';
import { CallFrame } from '../wasm/instance.js';
import { BACKWARD_PARTS_AT_WORD, FORWARD_PARTS_AT_WORD, recurrenceParts, recurrencePool, runRecurrenceParts } from './recurrence-parts.js';

/**
 * The recurrence kernels in the WebAssembly module (assembly/recurrence.ts) for float32 layers whose
 * hidden size is a multiple of 4 (its gate loops run four lanes at a time): the operands go into the
 * module's memory once per pass, and every step's recurrent product and gate arithmetic run there,
 * without the per-step copies of a JavaScript-driven sgemm and without JavaScript's gate loops. The
 * JavaScript kernels (recurrence.ts) serve float64 and other hidden sizes, and are the reference.
 */
export function recurrenceRunsInWasm(geometry: RecurrenceGeometry, buffer: unknown): boolean {
  return buffer instanceof Float32Array && geometry.hiddenSize % 4 === 0 && geometry.batchSizes.length > 0;
}

const FLOAT_BYTES = 4;
/** A tuple of `Length` numbers: the leading arguments of a kernel, spread into its call. */
type Numbers<Length extends number, Built extends number[] = []> = Built['length'] extends Length
  ? Built
  : Numbers<Length, [...Built, number]>;
const modeNumber = { rnnTanh: 0, rnnRelu: 1, lstm: 2, gru: 3 } as const;

/** Sizes of a pass: packed rows N, batch B, gates G = gates·H, workspace rows k per packed row. */
function dimensions(geometry: RecurrenceGeometry) {
  const { mode, hiddenSize, batchSizes } = geometry;
  const rows = batchSizes.reduce((sum, size) => sum + size, 0);
  return {
    rows,
    batch: batchSizes[0]!,
    gates: recurrenceGateCount[mode] * hiddenSize,
    workspaceRows: recurrenceWorkspace[mode][0],
    stateRows: recurrenceStateRows(mode, rows, batchSizes[0]!),
  };
}

/** Copies the step sizes and each step's first packed row in as int32. */
function copySteps(frame: CallFrame, batchSizes: readonly number[]): { sizes: number; offsets: number } {
  const sizes = Int32Array.from(batchSizes);
  const offsets = new Int32Array(batchSizes.length);
  for (let step = 1; step < batchSizes.length; step++) offsets[step] = offsets[step - 1]! + sizes[step - 1]!;
  return { sizes: frame.copyIn(sizes, 0, sizes.length), offsets: frame.copyIn(offsets, 0, offsets.length) };
}

function floatsOf(view: TensorView): Float32Array {
  return view.buffer as Float32Array;
}

export function recurrenceForwardWasm(
  geometry: RecurrenceGeometry,
  inputGates: TensorView,
  h0: TensorView,
  c0: TensorView | null,
  weightHh: TensorView,
  biasHh: TensorView | null,
  result: TensorView,
  workspace: TensorView,
): void {
  const H = geometry.hiddenSize;
  const { rows, batch, gates, workspaceRows, stateRows } = dimensions(geometry);
  // asked before the frame: starting the helpers may move the kernels to a shared memory
  const pool = recurrencePool(geometry);
  const frame = new CallFrame();
  const { exports } = frame;
  const steps = copySteps(frame, geometry.batchSizes);
  // resident operands are read (and the result and workspace written) where they are, the rest copied
  const inputAddress = frame.input(floatsOf(inputGates), inputGates.offset, rows * gates);
  const weightAddress = frame.input(floatsOf(weightHh), weightHh.offset, gates * H);
  const biasAddress = biasHh ? frame.input(floatsOf(biasHh), biasHh.offset, gates) : 0;
  const resultAddress = frame.output(floatsOf(result), result.offset, stateRows * H);
  const workAddress = frame.output(floatsOf(workspace), workspace.offset, rows * workspaceRows * H);
  const { floats } = frame.views();
  const stateStart = resultAddress / FLOAT_BYTES + rows * H;
  floats.set(floatsOf(h0).subarray(h0.offset, h0.offset + batch * H), stateStart);
  if (c0) floats.set(floatsOf(c0).subarray(c0.offset, c0.offset + batch * H), stateStart + batch * H);
  // the arguments both kernels take first (the split one reads them from its block)
  const shared: Numbers<11> = [
    modeNumber[geometry.mode],
    H,
    geometry.batchSizes.length,
    steps.sizes,
    steps.offsets,
    geometry.reverse ? 1 : 0,
    inputAddress,
    weightAddress,
    biasAddress,
    resultAddress,
    workAddress,
  ];
  if (pool !== null && frame.shared) {
    // per thread: its units' rows of W_hh, their packing, its columns of each step's product, sgemm's workspace
    const { units } = recurrenceParts(pool, geometry);
    const parts = units.map(([first, end]) => {
      const columns = recurrenceGateCount[geometry.mode] * (end - first);
      return [
        first,
        end,
        frame.reserve(columns * H * FLOAT_BYTES),
        frame.reserve(exports.packedBBytes(columns, H)),
        frame.reserve(batch * columns * FLOAT_BYTES),
        frame.reserve(exports.workspaceBytes()),
      ];
    });
    runRecurrenceParts(frame, pool, 'recurrenceForwardPart', [...shared, parts.length], FORWARD_PARTS_AT_WORD, parts);
  } else {
    exports.recurrenceForward(
      ...shared,
      frame.reserve(batch * gates * FLOAT_BYTES),
      frame.reserve(exports.packedBBytes(gates, H)),
      frame.reserve(exports.workspaceBytes()),
    );
  }
  frame.copyOut(resultAddress, floatsOf(result), result.offset, stateRows * H);
  frame.copyOut(workAddress, floatsOf(workspace), workspace.offset, rows * workspaceRows * H);
}

export function recurrenceBackwardWasm(
  geometry: RecurrenceGeometry,
  result: TensorView,
  workspace: TensorView,
  weightHh: TensorView,
  gradient: TensorView,
  gradients: { inputGates: TensorView; h0: TensorView; c0: TensorView | null; weightHh: TensorView; biasHh: TensorView | null },
): void {
  const H = geometry.hiddenSize;
  const { mode } = geometry;
  const { rows, batch, gates, workspaceRows } = dimensions(geometry);
  const isGru = mode === 'gru';
  // asked before the frame: starting the helpers may move the kernels to a shared memory
  const pool = recurrencePool(geometry);
  const frame = new CallFrame();
  const { exports } = frame;
  const steps = copySteps(frame, geometry.batchSizes);
  // only the RNN's derivative reads the outputs (1 − h² or h > 0); the gated cells saved what they need
  const outputsAddress = mode === 'rnnTanh' || mode === 'rnnRelu' ? frame.input(floatsOf(result), result.offset, rows * H) : 0;
  const workAddress = frame.input(floatsOf(workspace), workspace.offset, rows * workspaceRows * H);
  const weightAddress = frame.input(floatsOf(weightHh), weightHh.offset, gates * H);
  const incoming = floatsOf(gradient);
  const gradientAddress = frame.input(incoming, gradient.offset, rows * H);
  // the running ∂L/∂h and ∂L/∂c start from hN's and cN's gradients (copies: the kernel overwrites them)
  const dhAddress = frame.copyIn(incoming, gradient.offset + rows * H, batch * H);
  const dcAddress = mode === 'lstm' ? frame.copyIn(incoming, gradient.offset + (rows + batch) * H, batch * H) : 0;
  const dInputAddress = frame.output(floatsOf(gradients.inputGates), gradients.inputGates.offset, rows * gates);
  const dHiddenAddress = isGru ? frame.reserve(rows * gates * FLOAT_BYTES) : 0;
  const directAddress = isGru ? frame.reserve(batch * H * FLOAT_BYTES) : 0;
  const dWeightAddress = frame.output(floatsOf(gradients.weightHh), gradients.weightHh.offset, gates * H);
  const dBiasAddress = gradients.biasHh ? frame.output(floatsOf(gradients.biasHh), gradients.biasHh.offset, gates) : 0;
  const shared: Numbers<17> = [
    modeNumber[mode],
    H,
    geometry.batchSizes.length,
    steps.sizes,
    steps.offsets,
    geometry.reverse ? 1 : 0,
    outputsAddress,
    workAddress,
    weightAddress,
    gradientAddress,
    dInputAddress,
    dHiddenAddress,
    dhAddress,
    dcAddress,
    directAddress,
    dWeightAddress,
    dBiasAddress,
  ];
  if (pool !== null && frame.shared) {
    // per thread: its units, its rows of dW_hh, W_hh's columns of its units packed, sgemm's workspace
    const { units, gateRows } = recurrenceParts(pool, geometry);
    const parts = units.map(([first, end], index) => [
      first,
      end,
      ...gateRows[index]!,
      frame.reserve(exports.packedBBytes(end - first, gates)),
      frame.reserve(exports.workspaceBytes()),
    ]);
    runRecurrenceParts(frame, pool, 'recurrenceBackwardPart', [...shared, parts.length], BACKWARD_PARTS_AT_WORD, parts);
  } else exports.recurrenceBackward(...shared, frame.reserve(exports.packedBBytes(H, gates)), frame.reserve(exports.workspaceBytes()));
  frame.copyOut(dInputAddress, floatsOf(gradients.inputGates), gradients.inputGates.offset, rows * gates);
  frame.copyOut(dhAddress, floatsOf(gradients.h0), gradients.h0.offset, batch * H);
  if (gradients.c0) frame.copyOut(dcAddress, floatsOf(gradients.c0), gradients.c0.offset, batch * H);
  frame.copyOut(dWeightAddress, floatsOf(gradients.weightHh), gradients.weightHh.offset, gates * H);
  if (gradients.biasHh) frame.copyOut(dBiasAddress, floatsOf(gradients.biasHh), gradients.biasHh.offset, gates);
}
