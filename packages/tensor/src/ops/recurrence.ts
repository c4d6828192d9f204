import type { RecurrenceGeometry } from '../core/backend.js';
import type { Tensor } from '../core/tensor.js';
import { grad } from '../autograd/backward.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import type { PrimitiveParams, RuleContext } from '../autograd/primitives.js';
import { record } from '../autograd/record.js';
import { allocate } from './allocate.js';
import { cat } from './join.js';
import { recurrenceComposite, type RecurrenceInput, type RecurrenceResult } from './recurrence-composite.js';
import { recurrenceGateCount, recurrenceStateRows, recurrenceWorkspace } from './recurrence-layout.js';
import { contiguous } from './views.js';

export type { RecurrenceInput, RecurrenceResult, RecurrenceMode } from './recurrence-composite.js';
export { recurrenceComposite } from './recurrence-composite.js';

/** The tensors of a run in the primitive's input order: inputGates, h0, [c0], weightHh, [biasHh]. */
function primitiveInputs(run: Pick<RecurrenceInput, 'inputGates' | 'h0' | 'c0' | 'weightHh' | 'biasHh'>): Tensor[] {
  return [run.inputGates, run.h0, ...(run.c0 ? [run.c0] : []), run.weightHh, ...(run.biasHh ? [run.biasHh] : [])];
}

function isFusible(run: RecurrenceInput): boolean {
  const { inputGates, h0, c0, weightHh, mode, batchSizes } = run;
  const dtype = inputGates.dtype;
  if (!inputGates.storage.backend.fused?.recurrence || run.weightHr || (dtype !== 'float32' && dtype !== 'float64')) return false;
  if (primitiveInputs(run).some((tensor) => tensor.dtype !== dtype || tensor.device !== inputGates.device)) return false;
  // the kernels expect what the layers pass; anything else takes the composite, which checks shapes
  const hidden = weightHh.shape[1]!;
  const rows = batchSizes.reduce((sum, size) => sum + size, 0);
  const batch = batchSizes[0] ?? 0;
  return (
    batchSizes.length > 0 &&
    inputGates.ndim === 2 &&
    inputGates.shape[0] === rows &&
    inputGates.shape[1] === recurrenceGateCount[mode] * hidden &&
    weightHh.ndim === 2 &&
    weightHh.shape[0] === recurrenceGateCount[mode] * hidden &&
    h0.ndim === 2 &&
    h0.shape[0] === batch &&
    h0.shape[1] === hidden &&
    (mode === 'lstm') === (c0 !== null) &&
    (c0 === null || (c0.shape[0] === batch && c0.shape[1] === hidden)) &&
    (run.biasHh === null || (run.biasHh.ndim === 1 && run.biasHh.shape[0] === weightHh.shape[0]))
  );
}

/**
 * One direction of a recurrent layer (RNN, LSTM or GRU) over packed rows: `recurrenceComposite` (one
 * tensor op per gate and step) is the reference; a backend with a fused `recurrence` runs each step's
 * recurrent product as one gemm and its gate arithmetic, forward and backward, as one loop, recorded
 * as one primitive. Used by @dl/rnn's layers and cells.
 * @example
 * const { output, hN, cN } = recurrence({ mode: 'lstm', inputGates, batchSizes: [2, 2, 1], h0, c0, weightHh, biasHh: null, weightHr: null, reverse: false });
 */
export function recurrence(run: RecurrenceInput): RecurrenceResult {
  if (!isFusible(run)) return recurrenceComposite(run);
  const inputs = primitiveInputs(run).map((input) => contiguous(input));
  const hasCell = run.c0 !== null;
  const hasBias = run.biasHh !== null;
  const hiddenSize = run.weightHh.shape[1]!;
  const geometry: RecurrenceGeometry = { mode: run.mode, hiddenSize, batchSizes: [...run.batchSizes], reverse: run.reverse };
  const rows = run.inputGates.shape[0]!;
  const batch = run.batchSizes[0]!;
  const inputGates = inputs[0]!;
  const result = allocate([recurrenceStateRows(run.mode, rows, batch), hiddenSize], inputGates.dtype, inputGates.device);
  // What the backward pass needs (gate activations, previous states) is a tensor too: it comes from the
  // backend's pool, and goes back there when the node is released, like the inputs the node saves.
  const [workspaceRows] = recurrenceWorkspace[run.mode];
  const workspace = allocate([rows * workspaceRows * hiddenSize], inputGates.dtype, inputGates.device);
  const view = (index: number | null) => (index === null ? null : inputs[index]!.kernelView());
  inputGates.storage.backend.fused!.recurrence!.forward(
    geometry,
    inputGates.kernelView(),
    inputs[1]!.kernelView(),
    view(hasCell ? 2 : null),
    inputs[hasCell ? 3 : 2]!.kernelView(),
    view(hasBias ? inputs.length - 1 : null),
    result.kernelView(),
    workspace.kernelView(),
  );
  record(result, 'recurrence', [...inputs, workspace], { geometry, hasCell, hasBias });
  workspace.dispose();
  return {
    output: result.narrow(0, 0, rows),
    hN: result.narrow(0, rows, batch),
    cN: hasCell ? result.narrow(0, rows + batch, batch) : null,
  };
}

/**
 * The `recurrence` primitive's gradients (its rule). With grad mode off (a plain backward) the fused
 * backward kernel computes them; with grad mode on (`createGraph`, for second derivatives) they are
 * the composite's, recomputed from the saved inputs, so they stay differentiable.
 */
export function recurrenceGradients(gradient: Tensor, context: RuleContext<'recurrence'>): (Tensor | null)[] {
  const { params, needsGradient } = context;
  // the last input is the forward's workspace, which has no gradient
  const inputs = (context.inputs as Tensor[]).slice(0, -1);
  const workspace = context.inputs[context.inputs.length - 1]!;
  if (isGradEnabled()) return [...compositeGradients(gradient, inputs, params, needsGradient), null];
  const { hasCell, hasBias, geometry } = params;
  const weightHh = inputs[hasCell ? 3 : 2]!;
  const gradients = inputs.map((input) => allocate(input.shape, input.dtype, input.device));
  const incoming = contiguous(gradient);
  inputs[0]!.storage.backend.fused!.recurrence!.backward(
    geometry,
    context.output!.kernelView(),
    workspace.kernelView(),
    weightHh.kernelView(),
    incoming.kernelView(),
    {
      inputGates: gradients[0]!.kernelView(),
      h0: gradients[1]!.kernelView(),
      c0: hasCell ? gradients[2]!.kernelView() : null,
      weightHh: gradients[hasCell ? 3 : 2]!.kernelView(),
      biasHh: hasBias ? gradients[gradients.length - 1]!.kernelView() : null,
    },
  );
  return [...gradients.map((value, index) => (needsGradient[index] ? value : null)), null];
}

function compositeGradients(
  gradient: Tensor,
  inputs: Tensor[],
  params: PrimitiveParams['recurrence'],
  needsGradient: boolean[],
): (Tensor | null)[] {
  const { hasCell, hasBias, geometry } = params;
  const result = recurrenceComposite({
    mode: geometry.mode,
    inputGates: inputs[0]!,
    batchSizes: geometry.batchSizes,
    h0: inputs[1]!,
    c0: hasCell ? inputs[2]! : null,
    weightHh: inputs[hasCell ? 3 : 2]!,
    biasHh: hasBias ? inputs[inputs.length - 1]! : null,
    weightHr: null,
    reverse: geometry.reverse,
  });
  const states = cat([result.output, result.hN, ...(result.cN ? [result.cN] : [])], 0);
  const wanted = inputs.map((input, index) => (needsGradient[index] && input.requiresGrad ? index : -1)).filter((index) => index >= 0);
  if (wanted.length === 0) return inputs.map(() => null);
  const values = grad(
    states,
    wanted.map((index) => inputs[index]!),
    { gradOutputs: [gradient], createGraph: true, allowUnused: true },
  );
  return inputs.map((_, index) => (wanted.includes(index) ? (values[wanted.indexOf(index)] ?? null) : null));
}
