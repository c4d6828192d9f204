import { type RecurrenceGeometry, recurrenceGateCount, recurrenceWorkspace, type TensorView } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { dispatchRecurrenceKernel, type RecurrenceBinding } from './recurrence-dispatch.js';
import { visitedSteps } from './recurrence-schedule.js';

type Mode = RecurrenceGeometry['mode'];

/** The cell of each mode, given the gate pre-activations `recurrent0…` (W_hh·h + b_hh) and `x` = inputGates row. */
function cellBody(mode: Mode): string {
  if (mode === 'lstm')
    return `  let input = logistic(inputGates[gates + j] + recurrent0);
  let forget = logistic(inputGates[gates + H + j] + recurrent1);
  let candidate = hyperbolicTangent(inputGates[gates + 2u * H + j] + recurrent2);
  let exposed = logistic(inputGates[gates + 3u * H + j] + recurrent3);
  let cell = forget * workspace[saved + 6u * H + j] + input * candidate; // c' = f ⊙ c + i ⊙ g
  let next = exposed * hyperbolicTangent(cell); // h' = o ⊙ tanh c'
  workspace[saved + j] = input;
  workspace[saved + H + j] = forget;
  workspace[saved + 2u * H + j] = candidate;
  workspace[saved + 3u * H + j] = exposed;
  workspace[saved + 4u * H + j] = cell;`;
  if (mode === 'gru')
    return `  let reset = logistic(inputGates[gates + j] + recurrent0);
  let update = logistic(inputGates[gates + H + j] + recurrent1);
  let candidate = hyperbolicTangent(inputGates[gates + 2u * H + j] + reset * recurrent2); // n = tanh(x_n + r ⊙ (W_hn h + b_hn))
  let next = candidate + update * (workspace[previous + j] - candidate); // h' = (1 − z) ⊙ n + z ⊙ h
  workspace[saved + j] = reset;
  workspace[saved + H + j] = update;
  workspace[saved + 2u * H + j] = candidate;
  workspace[saved + 3u * H + j] = recurrent2;`;
  const preActivation = 'inputGates[gates + j] + recurrent0';
  // relu keeps NaN, as Math.max(NaN, 0) does
  return mode === 'rnnTanh'
    ? `  let next = hyperbolicTangent(${preActivation});`
    : `  let preActivation = ${preActivation};\n  let next = select(0.0, preActivation, !(preActivation <= 0.0));`;
}

/**
 * One visited step: invocation (p, j) computes unit j of the step's row p. Its gate pre-activations
 * are dot products of W_hh's rows g·H + j with h_prev, which it reads from the row's own h_prev
 * workspace row (written by the previous step or by the start kernel), and it writes its workspace
 * cells, its output, and its new state either into the h_prev (c_prev) row of the same position at
 * the next visited step or, where the sequence ends, into hN (cN). Nothing read in the dispatch is
 * written in it, so there is no race between invocations.
 * Parameters: count, H, start, next start, next size, offsets of inputGates, W_hh, b_hh, result and
 * workspace, rows N, batch B.
 */
function stepBody(mode: Mode, hasBias: boolean): string {
  const gates = recurrenceGateCount[mode];
  const [k, previousRow] = recurrenceWorkspace[mode];
  const range = Array.from({ length: gates }, (_, gate) => gate);
  const accumulate = range.map((gate) => `    recurrent${gate} += weightHh[weights + (${gate}u * H + j) * H + m] * state;`);
  const bias = hasBias ? range.map((gate) => `  recurrent${gate} += biasHh[u32(parameter(7u)) + ${gate}u * H + j];`) : [];
  const cellRow = mode === 'lstm' ? 'workspace[nextSaved + 6u * H + j] = cell;' : '';
  const cellState = mode === 'lstm' ? 'result[resultBase + (rows + batch + p) * H + j] = cell;' : '';
  return `  let H = u32(parameter(1u));
  let p = index / H;
  let j = index % H;
  let row = u32(parameter(2u)) + p;
  let rows = u32(parameter(10u));
  let batch = u32(parameter(11u));
  let gates = u32(parameter(5u)) + row * ${gates}u * H;
  let weights = u32(parameter(6u));
  let resultBase = u32(parameter(8u));
  let saved = u32(parameter(9u)) + row * ${k}u * H;
  let previous = saved + ${previousRow}u * H;
${range.map((gate) => `  var recurrent${gate} = 0.0;`).join('\n')}
  for (var m = 0u; m < H; m++) {
    let state = workspace[previous + m];
${accumulate.join('\n')}
  }
${bias.join('\n')}
${cellBody(mode)}
  result[resultBase + row * H + j] = next;
  if (p < u32(parameter(4u))) {
    let nextSaved = u32(parameter(9u)) + (u32(parameter(3u)) + p) * ${k}u * H;
    workspace[nextSaved + ${previousRow}u * H + j] = next;
    ${cellRow}
  } else {
    result[resultBase + (rows + p) * H + j] = next;
    ${cellState}
  }`;
}

/**
 * Positions [previous size, size) of a step start their sequences there: h0 (and c0) go into their
 * h_prev (and c_prev) workspace rows. Parameters: count, H, start, previous size, offsets of h0, c0
 * and workspace.
 */
function startBody(mode: Mode): string {
  const [k, previousRow] = recurrenceWorkspace[mode];
  return `  let H = u32(parameter(1u));
  let p = u32(parameter(3u)) + index / H;
  let j = index % H;
  let saved = u32(parameter(6u)) + (u32(parameter(2u)) + p) * ${k}u * H;
  workspace[saved + ${previousRow}u * H + j] = h0[u32(parameter(4u)) + p * H + j];
  ${mode === 'lstm' ? 'workspace[saved + 6u * H + j] = c0[u32(parameter(5u)) + p * H + j];' : ''}`;
}

/** The forward pass of RecurrenceKernels on float32 views (see cpu/kernels/recurrence.ts for the formulas). */
export function runRecurrenceForward(
  runtime: GpuRuntime,
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
  const rows = batchSizes.reduce((sum, size) => sum + size, 0);
  const batch = batchSizes[0] ?? 0;
  const startBindings: RecurrenceBinding[] = [
    { name: 'h0', view: h0, access: 'read' },
    ...(c0 ? [{ name: 'c0', view: c0, access: 'read' } as const] : []),
    { name: 'workspace', view: workspace, access: 'read-write' },
  ];
  const stepBindings: RecurrenceBinding[] = [
    { name: 'inputGates', view: inputGates, access: 'read' },
    { name: 'weightHh', view: weightHh, access: 'read' },
    ...(biasHh ? [{ name: 'biasHh', view: biasHh, access: 'read' } as const] : []),
    { name: 'result', view: result, access: 'read-write' },
    { name: 'workspace', view: workspace, access: 'read-write' },
  ];
  for (const step of visitedSteps(geometry)) {
    if (step.size > step.previousSize)
      dispatchRecurrenceKernel(
        runtime,
        `recurrence ${mode} start`,
        startBindings,
        [(step.size - step.previousSize) * H, H, step.start, step.previousSize, h0.offset, c0?.offset ?? 0, workspace.offset],
        startBody(mode),
      );
    dispatchRecurrenceKernel(
      runtime,
      `recurrence ${mode} step`,
      stepBindings,
      [
        step.size * H,
        H,
        step.start,
        step.next?.start ?? 0,
        step.next?.size ?? 0,
        inputGates.offset,
        weightHh.offset,
        biasHh?.offset ?? 0,
        result.offset,
        workspace.offset,
        rows,
        batch,
      ],
      stepBody(mode, biasHh !== null),
    );
  }
}
