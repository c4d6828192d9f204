import { GRU, LSTM, type RNN, RecurrentLayer } from '@dl/rnn';
import type { Module } from '@dl/nn';
import { isTensor, type Tensor } from '@dl/tensor';
import { int, ints, string, type Dimension, type GraphValue } from '../graph/graph-builder.js';
import type { TraceContext } from '../trace/trace-context.js';
import type { ModuleMapping } from './module-mapping.js';

/**
 * RNN, LSTM and GRU as ONNX's own RNN/LSTM/GRU operators, one node per layer (both directions in
 * one node). The parameters stay initializers under their state-dict names; Gather nodes reorder
 * their gate blocks, which runtimes fold once at load time:
 *   LSTM  PyTorch i, f, g, o  →  ONNX i, o, f, c   (c is PyTorch's g)
 *   GRU   PyTorch r, z, n     →  ONNX z, r, h      (linear_before_reset = 1 is PyTorch's
 *                                                   n = tanh(W_in·x + b_in + r ⊙ (W_hn·h + b_hn)))
 *   RNN   one block
 * ONNX's B is [W_b, R_b]; its outputs Y [T, D, B, H] become PyTorch's [T, B, D·H] by a Transpose and
 * a Reshape, and the Y_h of the layers concatenated are PyTorch's h_n [L·D, B, H].
 */
const gateOrders: Record<string, number[]> = { LSTM: [0, 3, 1, 2], GRU: [1, 0, 2], RNN: [0] };

function kindOf(module: Module): 'LSTM' | 'GRU' | 'RNN' {
  return module instanceof LSTM ? 'LSTM' : module instanceof GRU ? 'GRU' : 'RNN';
}

/** Rows of `weight` [G·H, ·] with its gate blocks in ONNX's order, then a leading axis of 1. */
function reorderedGates(context: TraceContext, weight: Tensor, order: number[], hiddenSize: number): GraphValue {
  const rows = order.flatMap((gate) => Array.from({ length: hiddenSize }, (_, row) => gate * hiddenSize + row));
  const indices = context.int64s(rows);
  const dims = [...weight.shape];
  const gathered = context.node1('Gather', [context.valueOf(weight), indices], { type: weight.dtype, dims }, { axis: int(0) });
  return context.node1('Unsqueeze', [gathered, context.int64s([0])], { type: weight.dtype, dims: [1, ...dims] });
}

/** One value per layer from per-direction values: concatenated along the new leading axis. */
function perDirection(context: TraceContext, values: GraphValue[]): GraphValue {
  if (values.length === 1) return values[0]!;
  const [first] = values;
  return context.node1('Concat', values, { type: first!.type, dims: [values.length, ...first!.dims.slice(1)] }, { axis: int(0) });
}

function emitRecurrent(context: TraceContext, module: RecurrentLayer, inputs: readonly unknown[], output: unknown): void {
  const kind = kindOf(module);
  const [input, state] = inputs as [unknown, unknown];
  if (!isTensor(input)) throw context.error(kind, 'a PackedSequence input has no ONNX mapping; pass a padded [T, B, I] tensor');
  if (input.ndim !== 3) throw context.error(kind, 'an unbatched [T, I] input is not exported; add the batch axis');
  if (module.projSize > 0) throw context.error(kind, 'projections (projSize) have no ONNX mapping');
  const fields = module as unknown as Record<string, Tensor | null | undefined>;
  const directions = module.numDirections;
  const hiddenSize = module.hiddenSize;
  const order = gateOrders[kind]!;
  const [initialHidden, initialCell] = (kind === 'LSTM' ? ((state as [Tensor, Tensor] | null | undefined) ?? []) : [state]) as (
    | Tensor
    | null
    | undefined
  )[];

  let x = context.valueOf(input);
  if (module.batchFirst)
    x = context.node1('Transpose', [x], { type: x.type, dims: [x.dims[1]!, x.dims[0]!, x.dims[2]!] }, { perm: ints([1, 0, 2]) });
  const [steps, batch] = [x.dims[0]!, x.dims[1]!];
  const finalHidden: GraphValue[] = [];
  const finalCell: GraphValue[] = [];
  for (let layer = 0; layer < module.numLayers; layer++) {
    const suffixes = Array.from({ length: directions }, (_, direction) => `_l${layer}${direction === 1 ? '_reverse' : ''}`);
    const weight = perDirection(
      context,
      suffixes.map((suffix) => reorderedGates(context, fields[`weight_ih${suffix}`]!, order, hiddenSize)),
    );
    const recurrence = perDirection(
      context,
      suffixes.map((suffix) => reorderedGates(context, fields[`weight_hh${suffix}`]!, order, hiddenSize)),
    );
    let bias: GraphValue | null = null;
    if (module.bias) {
      const halves = suffixes.map((suffix) => {
        const parts = [fields[`bias_ih${suffix}`]!, fields[`bias_hh${suffix}`]!].map((vector) =>
          reorderedGates(context, vector, order, hiddenSize),
        );
        return context.node1('Concat', parts, { type: parts[0]!.type, dims: [1, 2 * order.length * hiddenSize] }, { axis: int(1) });
      });
      bias = perDirection(context, halves);
    }
    // this layer's rows of h0 / c0 [L·D, B, H]
    const stateOf = (tensor: Tensor | null | undefined) => {
      if (!tensor) return null;
      const starts = context.int64s([layer * directions]);
      const ends = context.int64s([(layer + 1) * directions]);
      const value = context.valueOf(tensor);
      return context.node1('Slice', [value, starts, ends, context.int64s([0])], {
        type: value.type,
        dims: [directions, ...value.dims.slice(1)],
      });
    };
    const hidden = stateOf(initialHidden);
    const cell = kind === 'LSTM' ? stateOf(initialCell) : null;
    const stateDims: Dimension[] = [directions, batch, hiddenSize];
    const attributes = {
      hidden_size: int(hiddenSize),
      direction: string(directions === 2 ? 'bidirectional' : 'forward'),
      ...(kind === 'GRU' ? { linear_before_reset: int(1) } : {}),
      ...(kind === 'RNN'
        ? {
            activations: {
              kind: 'strings' as const,
              value: new Array(directions).fill((module as RNN).nonlinearity === 'relu' ? 'Relu' : 'Tanh'),
            },
          }
        : {}),
    };
    const nodeInputs = [x, weight, recurrence, bias, null, hidden, ...(kind === 'LSTM' ? [cell] : [])];
    const outputs = context.node(
      kind,
      nodeInputs,
      [
        { type: x.type, dims: [steps, directions, batch, hiddenSize] },
        { type: x.type, dims: stateDims },
        ...(kind === 'LSTM' ? [{ type: x.type, dims: stateDims }] : []),
      ],
      attributes as never,
    );
    finalHidden.push(outputs[1]!);
    if (kind === 'LSTM') finalCell.push(outputs[2]!);
    // Y [T, D, B, H] → [T, B, D, H] → [T, B, D·H]
    const moved = context.node1(
      'Transpose',
      [outputs[0]!],
      { type: x.type, dims: [steps, batch, directions, hiddenSize] },
      { perm: ints([0, 2, 1, 3]) },
    );
    x = context.node1('Reshape', [moved, context.int64s([0, 0, -1])], { type: x.type, dims: [steps, batch, directions * hiddenSize] });
  }
  const sequence = module.batchFirst
    ? context.node1('Transpose', [x], { type: x.type, dims: [x.dims[1]!, x.dims[0]!, x.dims[2]!] }, { perm: ints([1, 0, 2]) })
    : x;
  const concatenated = (values: GraphValue[]) =>
    values.length === 1
      ? values[0]!
      : context.node1('Concat', values, { type: x.type, dims: [module.numLayers * directions, batch, hiddenSize] }, { axis: int(0) });
  const [outputTensor, stateOutput] = output as [Tensor, Tensor | [Tensor, Tensor]];
  context.bind(outputTensor, sequence);
  if (kind === 'LSTM') {
    const [hiddenTensor, cellTensor] = stateOutput as [Tensor, Tensor];
    context.bind(hiddenTensor, concatenated(finalHidden));
    context.bind(cellTensor, concatenated(finalCell));
  } else context.bind(stateOutput as Tensor, concatenated(finalHidden));
}

export const recurrentMapping: ModuleMapping = {
  matches: (module) => module instanceof RecurrentLayer,
  emit: (context, module, inputs, output) => emitRecurrent(context, module as RecurrentLayer, inputs, output),
};
