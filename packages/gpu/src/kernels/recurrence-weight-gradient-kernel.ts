import { type RecurrenceGeometry, recurrenceGateCount, recurrenceWorkspace, type TensorView } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { dispatchRecurrenceKernel } from './recurrence-dispatch.js';

/**
 * dW_hh = Σ_rows dgates_hiddenᵀ·h_prev and db_hh = Σ_rows dgates_hidden, one invocation per (g, m)
 * of W_hh summing over all N packed rows in order; the invocation of column 0 also sums its gate's
 * bias gradient. The hidden side's gate gradient is the input side's, except GRU's n: dn ⊙ r (the
 * reset gate is row 0 of the workspace). h_prev rows lie k·H apart in the workspace.
 * Parameters: count, H, rows N, offsets of the input-gate gradient, workspace, dW_hh, db_hh.
 */
function weightGradientBody(mode: RecurrenceGeometry['mode'], hasBias: boolean): string {
  const [k, previousRow] = recurrenceWorkspace[mode];
  const gradientOfGate =
    mode === 'gru'
      ? 'select(1.0, workspace[saved + g - 2u * H], g >= 2u * H) * dInputGates[gates + row * G + g]'
      : 'dInputGates[gates + row * G + g]';
  return `  let H = u32(parameter(1u));
  let G = ${recurrenceGateCount[mode]}u * H;
  let g = index / H;
  let m = index % H;
  let rows = u32(parameter(2u));
  let gates = u32(parameter(3u));
  var weight = 0.0;
  var bias = 0.0;
  for (var row = 0u; row < rows; row++) {
    let saved = u32(parameter(4u)) + row * ${k}u * H;
    let gradient = ${gradientOfGate};
    weight += gradient * workspace[saved + ${previousRow}u * H + m];
    bias += gradient;
  }
  dWeightHh[u32(parameter(5u)) + index] = weight;
  ${hasBias ? 'if (m == 0u) { dBiasHh[u32(parameter(6u)) + g] = bias; }' : ''}`;
}

export function runRecurrenceWeightGradient(
  runtime: GpuRuntime,
  geometry: RecurrenceGeometry,
  workspace: TensorView,
  dInputGates: TensorView,
  dWeightHh: TensorView,
  dBiasHh: TensorView | null,
): void {
  const { mode, hiddenSize: H, batchSizes } = geometry;
  const rows = batchSizes.reduce((sum, size) => sum + size, 0);
  dispatchRecurrenceKernel(
    runtime,
    `recurrence ${mode} weight gradient`,
    [
      { name: 'dInputGates', view: dInputGates, access: 'read' },
      { name: 'workspace', view: workspace, access: 'read' },
      { name: 'dWeightHh', view: dWeightHh, access: 'read-write' },
      ...(dBiasHh ? [{ name: 'dBiasHh', view: dBiasHh, access: 'read-write' } as const] : []),
    ],
    [recurrenceGateCount[mode] * H * H, H, rows, dInputGates.offset, workspace.offset, dWeightHh.offset, dBiasHh?.offset ?? 0],
    weightGradientBody(mode, dBiasHh !== null),
  );
}
