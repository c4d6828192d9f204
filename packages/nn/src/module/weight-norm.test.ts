import { describe, expect, it } from 'vitest';
import { noGrad, tensor, type Tensor } from '@dl/tensor';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from '../../test/helpers/nn-fixtures.js';
import { mseLoss } from '../functional/loss.js';
import { Conv2d } from '../layers/conv2d.js';
import { Linear } from '../layers/linear.js';
import { Adam } from '../optim/adam.js';
import { deepCopy } from './deep-copy.js';
import type { Module } from './module.js';
import { removeWeightNorm, weightNorm } from './weight-norm.js';

// torch.nn.utils.weight_norm / remove_weight_norm against torch 1.13, in float64
// (tools/fixtures/nn_weight_norm_reference.py).
interface WeightNormCase {
  name: string;
  kind: 'linear' | 'conv2d';
  dim: number | null;
  plain: { weight: FixtureTensor; bias: FixtureTensor };
  initialG: FixtureTensor;
  keysApplied: string[];
  state: Record<string, FixtureTensor>;
  input: FixtureTensor;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradients: Record<'weight_g' | 'weight_v' | 'bias', FixtureTensor>;
  removedWeight: FixtureTensor;
  keysRemoved: string[];
}
interface TrainingCase {
  state: Record<string, FixtureTensor>;
  input: FixtureTensor;
  target: FixtureTensor;
  loss: number;
  stepped: Record<string, FixtureTensor>;
  nextOutput: FixtureTensor;
}
const reference = readFixture<{ cases: WeightNormCase[]; training: TrainingCase }>('nn_weight_norm.json');

const float64 = (value: FixtureTensor): Tensor => fromFixture(value, 'float64');
const stateOf = (state: Record<string, FixtureTensor>) =>
  Object.fromEntries(Object.entries(state).map(([key, value]) => [key, float64(value)]));
const tolerance = [1e-10, 1e-12] as const;

type Layer = Linear | Conv2d;
const makeLayer = (kind: WeightNormCase['kind']): Layer =>
  kind === 'linear' ? new Linear(3, 4, { dtype: 'float64' }) : new Conv2d(2, 3, 3, { dtype: 'float64' });
const fieldOf = (module: Module, name: string) => (module as unknown as Record<string, Tensor>)[name]!;

describe('weightNorm against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const layer = makeLayer(entry.kind);
    layer.loadStateDict(stateOf(entry.plain));
    weightNorm(layer, { dim: entry.dim });
    expect(Object.keys(layer.stateDict())).toEqual(entry.keysApplied);
    expect([...layer.namedParameters()].map(([key]) => key)).toEqual(entry.keysApplied);
    // g starts as the norm of the weight; v is the weight, so the layer computes what it did before
    expectClose(fieldOf(layer, 'weight_g'), entry.initialG, `${name}: initial weight_g`, ...tolerance);
    expectClose(layer.weight, entry.plain.weight, `${name}: weight before any change`, ...tolerance);

    // torch's state dict, with g no longer the norm of v, loads and gives torch's output and gradients
    layer.loadStateDict(stateOf(entry.state));
    const output = layer.call(float64(entry.input));
    expectClose(output, entry.output, `${name}: output`, ...tolerance);
    output.mul(float64(entry.weights)).sum().backward();
    for (const key of ['weight_g', 'weight_v', 'bias'] as const)
      expectClose(fieldOf(layer, key).grad, entry.gradients[key], `${name}: gradient of ${key}`, ...tolerance);

    removeWeightNorm(layer);
    expect(Object.keys(layer.stateDict())).toEqual(entry.keysRemoved);
    expect([...layer.namedParameters()].map(([key]) => key)).toEqual(entry.keysRemoved);
    expectClose(layer.weight, entry.removedWeight, `${name}: weight after removeWeightNorm`, ...tolerance);
    expect(layer.weight.requiresGrad).toBe(true);
    expectClose(layer.call(float64(entry.input)), entry.output, `${name}: output after removeWeightNorm`, ...tolerance);
  });

  it('trains: one Adam step on weight_g and weight_v changes the next forward as in torch', () => {
    const training = reference.training;
    const layer = weightNorm(new Linear(3, 4, { dtype: 'float64' }));
    layer.loadStateDict(stateOf(training.state));
    expect([...layer.namedParameters()].map(([key]) => key)).toEqual(['bias', 'weight_g', 'weight_v']);
    const optimizer = new Adam(layer.parameters(), { lr: 0.1 });
    const input = float64(training.input);
    const loss = mseLoss(layer.call(input), float64(training.target));
    expect(loss.itemSync()).toBeCloseTo(training.loss, 10);
    loss.backward();
    optimizer.step();
    for (const [key, value] of Object.entries(layer.stateDict()))
      expectClose(value, training.stepped[key]!, `stepped ${key}`, ...tolerance);
    expectClose(layer.call(input), training.nextOutput, 'next output', ...tolerance);
  });
});

describe('weightNorm', () => {
  const linearCase = reference.cases[0]!;

  it('keeps the weight out of the state dict, readable outside forward, and independent in a deepCopy', () => {
    const layer = weightNorm(new Linear(3, 4, { dtype: 'float64' }));
    layer.loadStateDict(stateOf(linearCase.state));
    const expected = fieldOf(layer, 'weight_v').mul(fieldOf(layer, 'weight_g').div(fieldOf(layer, 'weight_v').norm(2, 1, true)));
    expect(layer.weight.toArraySync()).toEqual(expected.toArraySync());
    expect(() => {
      layer.weight = tensor([1]);
    }).toThrow("weightNorm: 'weight' of Linear is computed from 'weight_g' and 'weight_v'; assign those, or call removeWeightNorm first");

    const copy = deepCopy(layer);
    const input = float64(linearCase.input);
    noGrad(() => fieldOf(copy, 'weight_g').mul_(2));
    expectClose(layer.call(input), linearCase.output, 'original after changing the copy', ...tolerance);
    expect(copy.call(input).toArraySync()).not.toEqual(layer.call(input).toArraySync());
    removeWeightNorm(copy);
    expect(Object.keys(copy.stateDict())).toEqual(['bias', 'weight']);
    expect(Object.keys(layer.stateDict())).toEqual(['bias', 'weight_g', 'weight_v']);
  });

  it('normalises two parameters of one module and removes them in any order', () => {
    const layer = new Linear(3, 4, { dtype: 'float64' });
    const forward = layer.forward;
    weightNorm(layer);
    weightNorm(layer, { name: 'bias' });
    expect(Object.keys(layer.stateDict())).toEqual(['weight_g', 'weight_v', 'bias_g', 'bias_v']);
    // a 1-d bias at dim 0: every entry is its own norm, so g = |b| and b is unchanged
    expect(fieldOf(layer, 'bias_g').toArraySync()).toEqual(fieldOf(layer, 'bias_v').abs().toArraySync());
    removeWeightNorm(layer);
    expect(layer.forward).not.toBe(forward);
    removeWeightNorm(layer, { name: 'bias' });
    expect(Object.keys(layer.stateDict())).toEqual(['weight', 'bias']);
    expect(layer.forward).toBe(forward);
  });

  it('names the function, the module and the parameter in its errors', () => {
    const layer = weightNorm(new Linear(3, 4));
    expect(() => weightNorm(layer)).toThrow("weightNorm: cannot register two weight_norm hooks on the same parameter 'weight' of Linear");
    expect(() => weightNorm(new Linear(3, 4), { name: 'scale' })).toThrow(
      "weightNorm: Linear has no parameter named 'scale' (got nothing)",
    );
    expect(() => weightNorm(new Linear(3, 4), { name: 'inFeatures' })).toThrow(
      "weightNorm: Linear has no parameter named 'inFeatures' (got 3)",
    );
    expect(() => weightNorm(new Conv2d(2, 3, 3), { dim: 4 })).toThrow(
      "weightNorm: dim 4 is out of range for 'weight' of Conv2d with shape [3, 2, 3, 3] (expected null or an integer in [-4, 3])",
    );
    expect(() => weightNorm(new Linear(3, 4), { dim: -3 })).toThrow("weightNorm: dim -3 is out of range for 'weight' of Linear");
    expect(() => weightNorm(new Linear(3, 4), { dim: 0.5 })).toThrow("weightNorm: dim 0.5 is out of range for 'weight' of Linear");
    expect(() => weightNorm(new Linear(3, 4), { axis: 1 } as never)).toThrow('weightNorm: unknown option `axis`');
    expect(() => removeWeightNorm(new Linear(3, 4))).toThrow("removeWeightNorm: weight_norm of 'weight' not found in Linear");
    expect(() => removeWeightNorm(layer, { name: 'bias' })).toThrow("removeWeightNorm: weight_norm of 'bias' not found in Linear");
    expect(() => removeWeightNorm(layer, { dim: 0 } as never)).toThrow('removeWeightNorm: unknown option `dim`');
  });
});
