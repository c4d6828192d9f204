// Every layer against PyTorch: the fixture's weights are loaded through loadStateDict (so the
// state-dict names are PyTorch's too), then forward, backward of Σ output·upstream, and the running
// statistics after the calls. Reference: tools/fixtures/nn_reference.py → nn_layers.json.
import { type Tensor } from '@dl/tensor';
import { describe, it, expect } from 'vitest';
import {
  AdaptiveAvgPool2d,
  AvgPool2d,
  BatchNorm1d,
  BatchNorm2d,
  Conv1d,
  Conv2d,
  ConvTranspose2d,
  ELU,
  Embedding,
  Flatten,
  GELU,
  GroupNorm,
  LayerNorm,
  LeakyReLU,
  Linear,
  LogSoftmax,
  MaxPool2d,
  Module,
  ReLU,
  Sequential,
  Sigmoid,
  SiLU,
  Softmax,
  Softplus,
  Tanh,
  Unflatten,
} from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

interface LayerCase {
  name: string;
  ts: { type: string; args: unknown[]; eval?: boolean };
  stateDict: Record<string, FixtureTensor>;
  input: FixtureTensor;
  output: FixtureTensor;
  upstream: FixtureTensor;
  inputGrad: FixtureTensor | null;
  paramGrads: Record<string, FixtureTensor>;
  stateAfter: Record<string, FixtureTensor>;
  calls: number;
}

type Constructor = new (...args: never[]) => Module;
const layers: Record<string, Constructor> = {
  Linear,
  Conv1d,
  Conv2d,
  ConvTranspose2d,
  MaxPool2d,
  AvgPool2d,
  AdaptiveAvgPool2d,
  Flatten,
  Unflatten,
  BatchNorm1d,
  BatchNorm2d,
  LayerNorm,
  GroupNorm,
  Embedding,
  ReLU,
  Sigmoid,
  Tanh,
  GELU,
  SiLU,
  LeakyReLU,
  ELU,
  Softplus,
  Softmax,
  LogSoftmax,
};

function build(spec: LayerCase['ts']): Module {
  if (spec.type === 'SmallCNN')
    return new Sequential(
      new Conv2d(1, 4, 3, { padding: 1 }),
      new BatchNorm2d(4),
      new ReLU(),
      new MaxPool2d(2),
      new Conv2d(4, 6, 3),
      new ReLU(),
      new Flatten(),
      new Linear(6 * 2 * 2, 5),
      new Tanh(),
      new Linear(5, 3),
    );
  const Layer = layers[spec.type];
  if (!Layer) throw new Error(`no layer ${spec.type}`);
  return new Layer(...(spec.args as never[]));
}

const isInteger = (key: string) => key.endsWith('num_batches_tracked');

describe('layers match torch.nn', () => {
  for (const testCase of readFixture<LayerCase[]>('nn_layers.json')) {
    it(testCase.name, () => {
      const layer = build(testCase.ts);
      if (testCase.ts.eval) layer.eval();
      const stateDict = Object.fromEntries(
        Object.entries(testCase.stateDict).map(([key, value]) => [key, fromFixture(value, isInteger(key) ? 'int32' : 'float32')]),
      );
      expect(Object.keys(layer.stateDict())).toEqual(Object.keys(testCase.stateDict));
      layer.loadStateDict(stateDict);

      const integerInput = testCase.inputGrad === null;
      const input = fromFixture(testCase.input, integerInput ? 'int32' : 'float32');
      if (!integerInput) input.requiresGrad = true;
      let output!: Tensor;
      for (let call = 0; call < testCase.calls; call++) output = (layer as Module & { call(x: Tensor): Tensor }).call(input);
      expectClose(output, testCase.output, 'output');
      output.mul(fromFixture(testCase.upstream)).sum().backward();
      if (testCase.inputGrad) expectClose(input.grad, testCase.inputGrad, 'input grad', 1e-4, 1e-4);
      const parameters = new Map(layer.namedParameters());
      expect([...parameters.keys()].sort()).toEqual(Object.keys(testCase.paramGrads).sort());
      for (const [name, gradient] of Object.entries(testCase.paramGrads))
        expectClose(parameters.get(name)!.grad, gradient, `${name} grad`, 1e-4, 1e-4);
      const after = layer.stateDict();
      for (const [key, value] of Object.entries(testCase.stateAfter)) expectClose(after[key], value, `${key} after`);
    });
  }
});
