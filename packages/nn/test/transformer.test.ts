import { describe, expect, it } from 'vitest';
import { noGrad, randn, tensor, type Tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import {
  deepCopy,
  GELU,
  LayerNorm,
  Linear,
  type Module,
  Sequential,
  Transformer,
  TransformerDecoder,
  TransformerDecoderLayer,
  TransformerEncoder,
  TransformerEncoderLayer,
} from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// torch.nn's Transformer layers and stacks (torch 1.13) against tools/fixtures/nn_transformer_reference.py:
// state-dict names and order, outputs in training mode with dropout 0, and the gradients of sum(output·r)
// with respect to the inputs and every parameter.

interface FixtureMask {
  shape: number[];
  data: (number | null)[]; // null: −∞
  dtype: 'bool' | 'float32';
}
interface TransformerCase {
  name: string;
  kind: 'TransformerEncoderLayer' | 'TransformerDecoderLayer' | 'TransformerEncoder' | 'TransformerDecoder' | 'Transformer';
  settings: {
    dModel: number;
    nhead: number;
    dimFeedforward: number;
    dropout: number;
    activation?: 'gelu';
    layerNormEps?: number;
    batchFirst?: boolean;
    normFirst?: boolean;
    numLayers?: number;
    norm?: boolean;
    numEncoderLayers?: number;
    numDecoderLayers?: number;
  };
  state: [string, FixtureTensor][];
  inputs: FixtureTensor[];
  masks: Record<string, FixtureMask | null>;
  output: FixtureTensor;
  outputWeights: FixtureTensor;
  inputGradients: FixtureTensor[];
  parameterGradients: [string, FixtureTensor][];
}
const reference = readFixture<{ cases: TransformerCase[]; squareSubsequentMask: FixtureMask }>('nn_transformer.json');

function mask(value: FixtureMask): Tensor {
  if (value.dtype === 'bool') return tensor(value.data.map(Boolean), { shape: value.shape, dtype: 'bool' });
  return tensor(
    Float32Array.from(value.data, (entry) => entry ?? Number.NEGATIVE_INFINITY),
    { shape: value.shape },
  );
}

/** torch's snake_case mask keywords → ours. */
function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function build(entry: TransformerCase): Module & { call(...inputs: unknown[]): Tensor } {
  const { dModel, nhead, numLayers = 1, ...rest } = entry.settings;
  const layerOptions = {
    dimFeedforward: rest.dimFeedforward,
    dropout: rest.dropout,
    activation: rest.activation,
    layerNormEps: rest.layerNormEps,
    batchFirst: rest.batchFirst,
    normFirst: rest.normFirst,
  };
  const module = (() => {
    switch (entry.kind) {
      case 'TransformerEncoderLayer':
        return new TransformerEncoderLayer(dModel, nhead, layerOptions);
      case 'TransformerDecoderLayer':
        return new TransformerDecoderLayer(dModel, nhead, layerOptions);
      case 'TransformerEncoder':
        return new TransformerEncoder(new TransformerEncoderLayer(dModel, nhead, layerOptions), numLayers, {
          norm: rest.norm ? new LayerNorm(dModel) : null,
        });
      case 'TransformerDecoder':
        return new TransformerDecoder(new TransformerDecoderLayer(dModel, nhead, layerOptions), numLayers, {
          norm: rest.norm ? new LayerNorm(dModel) : null,
        });
      case 'Transformer':
        return new Transformer({
          dModel,
          nhead,
          numEncoderLayers: rest.numEncoderLayers,
          numDecoderLayers: rest.numDecoderLayers,
          ...layerOptions,
        });
    }
  })();
  return module as Module & { call(...inputs: unknown[]): Tensor };
}

describe('Transformer layers against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const module = build(entry);
    expect(Object.keys(module.stateDict()), `${name}: state-dict names`).toEqual(entry.state.map(([key]) => key));
    module.loadStateDict(Object.fromEntries(entry.state.map(([key, value]) => [key, fromFixture(value)])));
    const inputs = entry.inputs.map((input) => fromFixture(input).requiresGrad_());
    const masks = Object.fromEntries(Object.entries(entry.masks).map(([key, value]) => [camelCase(key), value ? mask(value) : null]));
    const output = module.call(...inputs, masks);
    expectClose(output, entry.output, `${name}: output`, 1e-4, 1e-5);
    output.mul(fromFixture(entry.outputWeights)).sum().backward();
    inputs.forEach((input, index) => expectClose(input.grad, entry.inputGradients[index]!, `${name}: input gradient ${index}`, 1e-4, 1e-4));
    const parameters = Object.fromEntries(module.namedParameters());
    for (const [key, gradient] of entry.parameterGradients)
      expectClose(parameters[key]!.grad, gradient, `${name}: ${key} gradient`, 1e-4, 1e-4);
  });

  it("generateSquareSubsequentMask is torch's, and the masks' positional order is torch's", () => {
    const expected = reference.squareSubsequentMask;
    expect([...Transformer.generateSquareSubsequentMask(4).dataSync()]).toEqual(
      expected.data.map((entry) => entry ?? Number.NEGATIVE_INFINITY),
    );
    const entry = reference.cases[2]!; // decoder layer with tgt_mask and memory_key_padding_mask
    const layer = build(entry);
    layer.loadStateDict(Object.fromEntries(entry.state.map(([key, value]) => [key, fromFixture(value)])));
    const [tgt, memory] = entry.inputs.map((input) => fromFixture(input));
    const output = layer.call(tgt, memory, mask(entry.masks.tgt_mask!), null, null, mask(entry.masks.memory_key_padding_mask!));
    expectClose(output, entry.output, 'positional masks', 1e-4, 1e-5);
  });

  it("initialises as torch: the stacks' layers start as copies, Transformer re-draws every matrix", () => {
    const encoder = new TransformerEncoder(new TransformerEncoderLayer(8, 2, { dimFeedforward: 16 }), 3);
    const weights = [...encoder.layers].map((layer) => [...layer.linear1.weight.dataSync()]);
    expect(weights[1]).toEqual(weights[0]);
    expect(weights[2]).toEqual(weights[0]);
    expect(encoder.layers.at(0).linear1.weight).not.toBe(encoder.layers.at(1).linear1.weight);
    const model = new Transformer({ dModel: 8, nhead: 2, numEncoderLayers: 2, numDecoderLayers: 1, dimFeedforward: 16 });
    const first = model.stateDict()['encoder.layers.0.linear1.weight']!.dataSync();
    const second = model.stateDict()['encoder.layers.1.linear1.weight']!.dataSync();
    expect([...first]).not.toEqual([...second]);
    // Xavier-uniform [16, 8]: bound √(6 / 24) = 0.5; the biases keep Linear's and MultiheadAttention's (zero in_proj_bias)
    expect(Math.max(...first.map(Math.abs))).toBeLessThanOrEqual(0.5);
    expect([...model.stateDict()['encoder.layers.0.self_attn.in_proj_bias']!.dataSync()].every((value) => value === 0)).toBe(true);
  });

  it('takes an activation module or function, and names bad options', () => {
    const x = randn([5, 2, 8]);
    const withModule = new TransformerEncoderLayer(8, 2, { dimFeedforward: 16, dropout: 0, activation: new GELU() });
    expect(Object.keys(withModule.stateDict())).not.toContain('activation');
    const withFunction = deepCopy(withModule);
    withFunction.activation = (input: Tensor) => input.sigmoid().mul(input).mul(1.702).sigmoid().mul(input);
    expect(withModule.call(x).shape).toEqual([5, 2, 8]);
    expect(withFunction.call(x).shape).toEqual([5, 2, 8]);
    expect(() => new TransformerEncoderLayer(8, 2, { activation: 'tanh' as never })).toThrow(
      "TransformerEncoderLayer: activation should be 'relu', 'gelu', a function or a module, got 'tanh'",
    );
    expect(() => new TransformerEncoderLayer(8, 2, { norm_first: true } as never)).toThrow(
      'TransformerEncoderLayer: unknown option `norm_first`',
    );
    expect(() => new TransformerEncoderLayer(8, 3)).toThrow('MultiheadAttention: embedDim 8 must be divisible by numHeads 3');
    const model = new Transformer({ dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16 });
    expect(() => model.call(randn([5, 2, 8]), randn([4, 3, 8]))).toThrow(
      'Transformer: the batch number of src [5, 2, 8] and tgt [4, 3, 8] must be equal',
    );
    expect(() => model.call(randn([5, 2, 6]), randn([4, 2, 6]))).toThrow('must be equal to dModel 8');
    expect(
      () => new TransformerEncoder(new TransformerEncoderLayer(8, 2), 2, { enableNestedTensor: false, maskCheck: false }),
    ).not.toThrow();
  });

  it('releases its intermediates in evaluation', () => {
    const model = new Transformer({ dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16 }).eval();
    const [src, tgt] = [randn([5, 2, 8]), randn([4, 2, 8])];
    const tgtMask = Transformer.generateSquareSubsequentMask(4);
    expect(leftBehind(() => noGrad(() => model.call(src, tgt, { tgtMask })), [src, tgt, tgtMask])).toEqual({ handles: 0, bytes: 0 });
  });
});

describe('deepCopy', () => {
  it('copies parameters, buffers and submodules, keeps ties and kinds, and leaves the original alone', () => {
    const shared = new Linear(3, 3);
    const model = new Sequential(shared, new LayerNorm(3), shared);
    model.registerForwardHook(() => undefined);
    const copy = deepCopy(model);
    expect(Object.keys(copy.stateDict())).toEqual(Object.keys(model.stateDict()));
    expect([...copy.parameters()].length).toBe([...model.parameters()].length);
    expect(copy.at(0)).toBe(copy.at(2)); // the tie survives
    expect(copy.at(0)).not.toBe(shared);
    expect(copy.at(0).constructor).toBe(Linear);
    noGrad(() => (copy.at(0) as Linear).weight.fill_(7));
    expect([...shared.weight.dataSync()].includes(7)).toBe(false);
    expect((copy.at(0) as Linear).weight.requiresGrad).toBe(true);
    const x = randn([2, 3]);
    expect(copy.call(x).shape).toEqual([2, 3]);
  });
});
