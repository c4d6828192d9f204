import { describe, expect, it } from 'vitest';
import { noGrad, randn, tensor, type Tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import { F, MultiheadAttention } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// torch.nn.MultiheadAttention (torch 1.13) and torch 2's scaled dot-product attention (its formula in
// torch ops) against tools/fixtures/nn_attention_reference.py: outputs, attention weights, and the
// gradients of sum(output·r) + sum(weights·s) with respect to the inputs and every parameter.

interface FixtureMask extends FixtureTensor {
  dtype: 'bool' | 'float32';
}
interface MultiheadCase {
  name: string;
  embedDim: number;
  numHeads: number;
  kdim: number | null;
  vdim: number | null;
  bias: boolean;
  addBiasKv: boolean;
  addZeroAttn: boolean;
  batchFirst: boolean;
  same: 'self' | 'key-value' | null;
  needWeights: boolean;
  averageAttnWeights: boolean;
  state: [string, FixtureTensor][];
  inputs: FixtureTensor[];
  keyPaddingMask: FixtureMask | null;
  attnMask: FixtureMask | null;
  output: FixtureTensor;
  weights: FixtureTensor | null;
  outputWeights: FixtureTensor;
  weightsWeights: FixtureTensor | null;
  inputGradients: FixtureTensor[];
  parameterGradients: [string, FixtureTensor][];
}
interface ScaledDotProductCase {
  name: string;
  inputs: [FixtureTensor, FixtureTensor, FixtureTensor];
  attnMask: FixtureMask | null;
  isCausal: boolean;
  scale: number | null;
  output: FixtureTensor;
  outputWeights: FixtureTensor;
  inputGradients: [FixtureTensor, FixtureTensor, FixtureTensor];
}
const reference = readFixture<{ multihead: MultiheadCase[]; scaledDotProduct: ScaledDotProductCase[] }>('nn_attention.json');

function mask(value: FixtureMask | null): Tensor | null {
  if (!value) return null;
  return value.dtype === 'bool' ? tensor(value.data.map(Boolean), { shape: value.shape, dtype: 'bool' }) : fromFixture(value);
}

/** The case's layer with torch's parameters loaded, and its inputs as leaves (one tensor where torch passed one). */
function build(entry: MultiheadCase): { layer: MultiheadAttention; inputs: Tensor[]; query: Tensor; key: Tensor; value: Tensor } {
  const layer = new MultiheadAttention(entry.embedDim, entry.numHeads, {
    kdim: entry.kdim,
    vdim: entry.vdim,
    bias: entry.bias,
    addBiasKv: entry.addBiasKv,
    addZeroAttn: entry.addZeroAttn,
    batchFirst: entry.batchFirst,
  });
  expect(Object.keys(layer.stateDict()), `${entry.name}: state-dict names`).toEqual(entry.state.map(([name]) => name));
  layer.loadStateDict(Object.fromEntries(entry.state.map(([name, value]) => [name, fromFixture(value)])));
  const inputs = entry.inputs.map((input) => fromFixture(input).requiresGrad_());
  const [query, key, value] =
    entry.same === 'self'
      ? [inputs[0]!, inputs[0]!, inputs[0]!]
      : entry.same === 'key-value'
        ? [inputs[0]!, inputs[1]!, inputs[1]!]
        : inputs;
  return { layer, inputs, query: query!, key: key!, value: value! };
}

describe('MultiheadAttention against torch', () => {
  it.each(reference.multihead.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const { layer, inputs, query, key, value } = build(entry);
    const [output, weights] = layer.call(query, key, value, {
      keyPaddingMask: mask(entry.keyPaddingMask),
      attnMask: mask(entry.attnMask),
      needWeights: entry.needWeights,
      averageAttnWeights: entry.averageAttnWeights,
    });
    expectClose(output, entry.output, `${name}: output`, 1e-5, 1e-5);
    if (entry.weights) expectClose(weights, entry.weights, `${name}: weights`, 1e-5, 1e-6);
    else expect(weights).toBeNull();
    let total = output.mul(fromFixture(entry.outputWeights)).sum();
    if (weights) total = total.add(weights.mul(fromFixture(entry.weightsWeights!)).sum());
    total.backward();
    inputs.forEach((input, index) => expectClose(input.grad, entry.inputGradients[index]!, `${name}: input gradient ${index}`, 1e-4, 1e-5));
    const parameters = Object.fromEntries(layer.namedParameters());
    expect(Object.keys(parameters)).toEqual(entry.parameterGradients.map(([parameterName]) => parameterName));
    for (const [parameterName, gradient] of entry.parameterGradients)
      expectClose(parameters[parameterName]!.grad, gradient, `${name}: ${parameterName} gradient`, 1e-4, 1e-5);
  });

  it("takes torch's positional arguments, in the constructor and the call", () => {
    const entry = reference.multihead[1]!; // batch_first cross-attention with both masks and per-head weights
    const layer = new MultiheadAttention(8, 2, 0, true, false, false, null, null, true);
    layer.loadStateDict(Object.fromEntries(entry.state.map(([name, value]) => [name, fromFixture(value)])));
    const [query, key] = entry.inputs.map((input) => fromFixture(input));
    const [output, weights] = layer.call(query!, key!, key!, mask(entry.keyPaddingMask), true, mask(entry.attnMask), false);
    expectClose(output, entry.output, 'positional: output', 1e-5, 1e-5);
    expectClose(weights, entry.weights!, 'positional: weights', 1e-5, 1e-6);
  });

  it('adds a float keyPaddingMask to a bool attnMask (torch 2 merges the masks as sums of their additive forms)', () => {
    // closed form: the same call with the one float mask [N·H, L, S] that the two make
    const layer = new MultiheadAttention(6, 3);
    const [query, key] = [randn([3, 2, 6]), randn([5, 2, 6])];
    const padding = tensor([
      [0, -1.5, 0, 0, 2],
      [0.5, 0, 0, -3, 0],
    ]);
    const blocked = tensor([[false, false, true, false, false]], { dtype: 'bool' }).expand(3, 5);
    const [output] = layer.call(query, key, key, { keyPaddingMask: padding, attnMask: blocked });
    const combined = padding
      .reshape([2, 1, 1, 5])
      .expand(2, 3, 3, 5)
      .reshape([6, 3, 5])
      .add(tensor([[0, 0, Number.NEGATIVE_INFINITY, 0, 0]]));
    const [expected] = layer.call(query, key, key, { attnMask: combined });
    expect([...output.dataSync()]).toEqual([...expected.dataSync()]);
  });

  it('drops attention weights in training only, initialises as torch, and releases its intermediates', () => {
    const layer = new MultiheadAttention(8, 2, { dropout: 0.5 });
    // Xavier-uniform in_proj_weight [24, 8]: bound √(6 / (8 + 24)); zero biases
    const bound = Math.sqrt(6 / 32);
    expect(Math.max(...layer.inProjWeight!.dataSync().map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...layer.inProjWeight!.dataSync().map(Math.abs))).toBeGreaterThan(bound * 0.8);
    expect([...layer.inProjBias!.dataSync(), ...layer.outProj.bias!.dataSync()].every((value) => value === 0)).toBe(true);
    const x = randn([4, 2, 8]);
    const [, trainingWeights] = layer.call(x, x, x, { averageAttnWeights: false });
    const zeros = [...trainingWeights!.dataSync()].filter((value) => value === 0).length;
    expect(zeros).toBeGreaterThan(10); // 64 weights, each dropped with probability 0.5
    layer.eval();
    const [, evaluationWeights] = layer.call(x, x, x, { averageAttnWeights: false });
    const rows = evaluationWeights!.sum(-1).dataSync();
    for (const total of rows) expect(total).toBeCloseTo(1, 5);
    expect(leftBehind(() => noGrad(() => layer.call(x, x, x)), [x])).toEqual({ handles: 0, bytes: 0 });
  });

  it('names the offending shapes and options', () => {
    const layer = new MultiheadAttention(8, 2);
    const x = randn([4, 2, 8]);
    expect(() => new MultiheadAttention(8, 3)).toThrow('MultiheadAttention: embedDim 8 must be divisible by numHeads 3');
    expect(() => new MultiheadAttention(8, 2, { batch_first: true } as never)).toThrow('MultiheadAttention: unknown option `batch_first`');
    expect(() => layer.call(x, x, x, { attnMask: randn([4, 5]) })).toThrow(
      'multiHeadAttentionForward: a 2-D attnMask must be [4, 4], got [4, 5]',
    );
    expect(() => layer.call(x, x, x, { keyPaddingMask: tensor([[1, 0, 0, 0]], { dtype: 'int32' }) })).toThrow(
      'multiHeadAttentionForward: only bool and floating keyPaddingMasks are supported, got int32',
    );
    expect(() => layer.call(x, randn([5, 3, 8]), randn([5, 3, 8]))).toThrow(
      'multiHeadAttentionForward: key and value must be [S, 2, *] with one S, got [5, 3, 8] and [5, 3, 8]',
    );
    expect(() => layer.call(randn([4, 2, 6]), x, x)).toThrow('multiHeadAttentionForward: expected embedding size 8, got 6');
    expect(() => layer.call(x, x, x, { need_weights: false } as never)).toThrow(
      'MultiheadAttention.forward: unknown option `need_weights`',
    );
  });
});

describe('scaledDotProductAttention against the formula in torch', () => {
  it.each(reference.scaledDotProduct.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const [query, key, value] = entry.inputs.map((input) => fromFixture(input).requiresGrad_()) as [Tensor, Tensor, Tensor];
    const output = F.scaledDotProductAttention(query, key, value, {
      attnMask: mask(entry.attnMask),
      isCausal: entry.isCausal,
      scale: entry.scale,
    });
    expectClose(output, entry.output, `${name}: output`, 1e-5, 1e-5);
    output.mul(fromFixture(entry.outputWeights)).sum().backward();
    [query, key, value].forEach((input, index) =>
      expectClose(input.grad, entry.inputGradients[index]!, `${name}: gradient ${index}`, 1e-4, 1e-5),
    );
  });

  it("takes torch's positional order, rejects a mask with isCausal, and releases its intermediates", () => {
    const [query, key, value] = reference.scaledDotProduct[1]!.inputs.map((input) => fromFixture(input)) as [Tensor, Tensor, Tensor];
    const positional = F.scaledDotProductAttention(query, key, value, null, 0, true);
    expectClose(positional, reference.scaledDotProduct[1]!.output, 'positional isCausal', 1e-5, 1e-5);
    expect(() => F.scaledDotProductAttention(query, key, value, { isCausal: true, attnMask: randn([5, 5]) })).toThrow(
      'scaledDotProductAttention: give either attnMask or isCausal, not both',
    );
    expect(() => F.scaledDotProductAttention(query, randn([2, 5, 3]), value)).toThrow(
      "scaledDotProductAttention: key [..., S, E] must share the query's E",
    );
    expect(leftBehind(() => noGrad(() => F.scaledDotProductAttention(query, key, value, { isCausal: true })), [query, key, value])).toEqual(
      {
        handles: 0,
        bytes: 0,
      },
    );
  });
});
