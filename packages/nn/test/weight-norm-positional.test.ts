import { describe, expect, it } from 'vitest';
import type { Tensor } from '@dl/tensor';
import { Conv1d, Linear, removeWeightNorm, weightNorm } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// torch.nn.utils.weight_norm(module, name, dim) and remove_weight_norm(module, name) with torch's
// positional arguments, against torch 1.13 in float64 (tools/fixtures/nn_weight_norm_positional_reference.py).

interface PositionalCase {
  name: string;
  kind: 'conv1d' | 'linear';
  arguments: [string] | [string, number | null];
  plain: Record<string, FixtureTensor>;
  applied: [string, FixtureTensor][];
  state: Record<string, FixtureTensor>;
  input: FixtureTensor;
  output: FixtureTensor;
  keysRemoved: string[];
  removed: FixtureTensor;
}
const reference = readFixture<{ cases: PositionalCase[] }>('nn_weight_norm_positional.json');

const float64 = (value: FixtureTensor): Tensor => fromFixture(value, 'float64');
const stateOf = (state: Record<string, FixtureTensor>) =>
  Object.fromEntries(Object.entries(state).map(([key, value]) => [key, float64(value)]));
const tolerance = [1e-10, 1e-12] as const;

const makeLayer = (kind: PositionalCase['kind']) =>
  kind === 'linear' ? new Linear(3, 4, { dtype: 'float64' }) : new Conv1d(2, 3, 2, { dtype: 'float64' });

describe("weightNorm and removeWeightNorm with torch's positional arguments", () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const layer = makeLayer(entry.kind);
    layer.loadStateDict(stateOf(entry.plain));
    const [parameterName, dim] = entry.arguments;
    expect(entry.arguments.length === 1 ? weightNorm(layer, parameterName) : weightNorm(layer, parameterName, dim)).toBe(layer);
    const applied = layer.stateDict();
    expect(Object.keys(applied)).toEqual(entry.applied.map(([key]) => key));
    for (const [key, value] of entry.applied) expectClose(applied[key], value, `${name}: ${key} after weightNorm`, ...tolerance);

    layer.loadStateDict(stateOf(entry.state));
    expectClose(layer.call(float64(entry.input)), entry.output, `${name}: output`, ...tolerance);

    expect(removeWeightNorm(layer, parameterName)).toBe(layer);
    expect(Object.keys(layer.stateDict())).toEqual(entry.keysRemoved);
    expectClose(layer.stateDict()[parameterName], entry.removed, `${name}: ${parameterName} after removeWeightNorm`, ...tolerance);
  });

  it('gives the same module as the options object, and names bad positionals', () => {
    const [entry] = reference.cases; // conv1d, 'weight', 1
    const positional = weightNorm(makeLayer('conv1d'), 'weight', 1);
    const keyword = weightNorm(makeLayer('conv1d'), { name: 'weight', dim: 1 });
    expect((positional as unknown as Record<string, Tensor>).weight_g!.shape).toEqual(entry!.applied[1]![1].shape);
    expect((keyword as unknown as Record<string, Tensor>).weight_g!.shape).toEqual(entry!.applied[1]![1].shape);
    expect(() => weightNorm(makeLayer('linear'), 1 as never)).toThrow("weightNorm: name must be a parameter's name (a string), got 1");
    expect(() => weightNorm(makeLayer('linear'), 'weight', 2)).toThrow("weightNorm: dim 2 is out of range for 'weight' of Linear");
    const untyped = weightNorm as (...values: unknown[]) => unknown;
    expect(() => untyped(makeLayer('linear'), 'weight', 0, 1)).toThrow('weightNorm: too many positional arguments');
    expect(() => weightNorm(makeLayer('linear'), 'weight', { name: 'bias' } as never)).toThrow(
      'weightNorm: `name` given both as a positional argument and as an option',
    );
    expect(() => removeWeightNorm(makeLayer('linear'), 'bias')).toThrow("removeWeightNorm: weight_norm of 'bias' not found in Linear");
  });
});
