import { type RecurrenceGeometry, recurrenceGateCount, recurrenceWorkspace, type TensorView } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { dispatchRecurrenceKernel, type RecurrenceBinding } from './recurrence-dispatch.js';
import { visitedSteps } from './recurrence-schedule.js';
import { runRecurrenceWeightGradient } from './recurrence-weight-gradient-kernel.js';

type Mode = RecurrenceGeometry['mode'];

export interface RecurrenceGradients {
  inputGates: TensorView;
  h0: TensorView;
  c0: TensorView | null;
  weightHh: TensorView;
  biasHh: TensorView | null;
}

/**
 * The gate gradients of each mode from dOutput = ∂L/∂h' (running dh plus the output row's gradient),
 * written to the input-gate gradient row; the LSTM also turns its running dc into dc_prev = dc'·f.
 */
function gateBody(mode: Mode): string {
  if (mode === 'lstm')
    return `  let input = workspace[saved + j];
  let forget = workspace[saved + H + j];
  let candidate = workspace[saved + 2u * H + j];
  let exposed = workspace[saved + 3u * H + j];
  let tanhCell = hyperbolicTangent(workspace[saved + 4u * H + j]);
  let dCell = dc[cellState] + dOutput * exposed * (1.0 - tanhCell * tanhCell); // dc' += dh ⊙ o ⊙ (1 − tanh² c')
  dInputGates[gate + j] = dCell * candidate * input * (1.0 - input); // di = dc' ⊙ g ⊙ σ'
  dInputGates[gate + H + j] = dCell * workspace[saved + 6u * H + j] * forget * (1.0 - forget); // df = dc' ⊙ c ⊙ σ'
  dInputGates[gate + 2u * H + j] = dCell * input * (1.0 - candidate * candidate); // dg = dc' ⊙ i ⊙ (1 − g²)
  dInputGates[gate + 3u * H + j] = dOutput * tanhCell * exposed * (1.0 - exposed); // do = dh ⊙ tanh c' ⊙ σ'
  dc[cellState] = dCell * forget; // dc_prev = dc' ⊙ f`;
  if (mode === 'gru')
    return `  let reset = workspace[saved + j];
  let update = workspace[saved + H + j];
  let candidate = workspace[saved + 2u * H + j];
  let previous = workspace[saved + 4u * H + j];
  let dNew = dOutput * (1.0 - update) * (1.0 - candidate * candidate); // through n = tanh(·)
  dInputGates[gate + j] = dNew * workspace[saved + 3u * H + j] * reset * (1.0 - reset); // dr = dn ⊙ (W_hn h + b_hn) ⊙ σ'
  dInputGates[gate + H + j] = dOutput * (previous - candidate) * update * (1.0 - update); // dz = dh ⊙ (h − n) ⊙ σ'
  dInputGates[gate + 2u * H + j] = dNew;`;
  const derivative = mode === 'rnnTanh' ? 'dOutput * (1.0 - value * value)' : 'select(0.0, dOutput, value > 0.0)';
  return `  let value = result[u32(parameter(5u)) + row * H + j];
  dInputGates[gate + j] = ${derivative};`;
}

/**
 * Gate gradients of one step's rows, invocation (p, j) per unit: reads its own dh (and dc) entry and
 * writes its own dc entry and gate gradients. Parameters: count, H, start, offsets of the incoming
 * gradient, workspace, result, input-gate gradient, dh and dc.
 */
function gateStepBody(mode: Mode): string {
  const [k] = recurrenceWorkspace[mode];
  return `  let H = u32(parameter(1u));
  let p = index / H;
  let j = index % H;
  let row = u32(parameter(2u)) + p;
  let saved = u32(parameter(4u)) + row * ${k}u * H;
  let gate = u32(parameter(6u)) + row * ${recurrenceGateCount[mode]}u * H;
  let cellState = u32(parameter(8u)) + p * H + j;
  let dOutput = dh[u32(parameter(7u)) + p * H + j] + incoming[u32(parameter(3u)) + row * H + j];
${gateBody(mode)}`;
}

/**
 * dh_prev of one step's rows: dh[p, j] = Σ_g dgates_hidden[row, g]·W_hh[g, j], the hidden side's gate
 * gradients being the input side's except GRU's n, which enters as r ⊙ (W_hn h + b_hn) and so is
 * dn ⊙ r; GRU adds the direct path h' = … + z ⊙ h, dh ⊙ z, from its own dh entry (read before it is
 * overwritten, and no other invocation reads it). Parameters: count, H, start, offsets of the
 * input-gate gradient, W_hh, dh, workspace and the incoming gradient.
 */
function hiddenStepBody(mode: Mode): string {
  const [k] = recurrenceWorkspace[mode];
  const G = `${recurrenceGateCount[mode]}u * H`;
  const plain = mode === 'gru' ? '2u * H' : G;
  const gru =
    mode === 'gru'
      ? `  let saved = u32(parameter(6u)) + row * ${k}u * H;
  for (var g = 2u * H; g < 3u * H; g++) {
    total += dInputGates[gate + g] * workspace[saved + g - 2u * H] * weightHh[weights + g * H + j];
  }
  let dOutput = dh[state] + incoming[u32(parameter(7u)) + row * H + j];
  total += dOutput * workspace[saved + H + j];`
      : '';
  return `  let H = u32(parameter(1u));
  let p = index / H;
  let j = index % H;
  let row = u32(parameter(2u)) + p;
  let gate = u32(parameter(3u)) + row * ${G};
  let weights = u32(parameter(4u));
  let state = u32(parameter(5u)) + p * H + j;
  var total = 0.0;
  for (var g = 0u; g < ${plain}; g++) {
    total += dInputGates[gate + g] * weightHh[weights + g * H + j];
  }
${gru}
  dh[state] = total;`;
}

/** Running dh (dc) of every sequence starts as hN's (cN's) gradient. Parameters: count, H, rows N, batch B, offsets of the incoming gradient, dh, dc. */
function initialBody(hasCell: boolean): string {
  return `  let H = u32(parameter(1u));
  let rows = u32(parameter(2u));
  let batch = u32(parameter(3u));
  let incomingBase = u32(parameter(4u));
  dh[u32(parameter(5u)) + index] = incoming[incomingBase + rows * H + index];
  ${hasCell ? 'dc[u32(parameter(6u)) + index] = incoming[incomingBase + (rows + batch) * H + index];' : ''}`;
}

/**
 * The backward pass of RecurrenceKernels on float32 views: the running dh and dc live in the h0 and
 * c0 gradients (where they end), and the steps go in the reverse of the forward's order, each one
 * dispatch for its gate gradients and one for dh_prev; then W_hh's and b_hh's gradients.
 */
export function runRecurrenceBackward(
  runtime: GpuRuntime,
  geometry: RecurrenceGeometry,
  result: TensorView,
  workspace: TensorView,
  weightHh: TensorView,
  gradient: TensorView,
  gradients: RecurrenceGradients,
): void {
  const { mode, hiddenSize: H, batchSizes } = geometry;
  const rows = batchSizes.reduce((sum, size) => sum + size, 0);
  const batch = batchSizes[0] ?? 0;
  const dh = gradients.h0;
  const dc = gradients.c0;
  const incoming: RecurrenceBinding = { name: 'incoming', view: gradient, access: 'read' };
  const cellBinding = dc ? [{ name: 'dc', view: dc, access: 'read-write' } as const] : [];
  dispatchRecurrenceKernel(
    runtime,
    `recurrence ${mode} gradient start`,
    [incoming, { name: 'dh', view: dh, access: 'read-write' }, ...cellBinding],
    [batch * H, H, rows, batch, gradient.offset, dh.offset, dc?.offset ?? 0],
    initialBody(dc !== null),
  );
  const saved: RecurrenceBinding =
    mode === 'rnnTanh' || mode === 'rnnRelu'
      ? { name: 'result', view: result, access: 'read' }
      : { name: 'workspace', view: workspace, access: 'read' };
  const gateBindings: RecurrenceBinding[] = [
    incoming,
    saved,
    { name: 'dh', view: dh, access: 'read' },
    { name: 'dInputGates', view: gradients.inputGates, access: 'read-write' },
    ...cellBinding,
  ];
  const hiddenBindings: RecurrenceBinding[] = [
    { name: 'dInputGates', view: gradients.inputGates, access: 'read' },
    { name: 'weightHh', view: weightHh, access: 'read' },
    { name: 'dh', view: dh, access: 'read-write' },
    ...(mode === 'gru' ? [{ name: 'workspace', view: workspace, access: 'read' } as const, incoming] : []),
  ];
  for (const step of visitedSteps(geometry).reverse()) {
    dispatchRecurrenceKernel(
      runtime,
      `recurrence ${mode} gate gradients`,
      gateBindings,
      [
        step.size * H,
        H,
        step.start,
        gradient.offset,
        workspace.offset,
        result.offset,
        gradients.inputGates.offset,
        dh.offset,
        dc?.offset ?? 0,
      ],
      gateStepBody(mode),
    );
    dispatchRecurrenceKernel(
      runtime,
      `recurrence ${mode} state gradient`,
      hiddenBindings,
      [step.size * H, H, step.start, gradients.inputGates.offset, weightHh.offset, dh.offset, workspace.offset, gradient.offset],
      hiddenStepBody(mode),
    );
  }
  runRecurrenceWeightGradient(runtime, geometry, workspace, gradients.inputGates, gradients.weightHh, gradients.biasHh);
}
