import { noGrad, tensor, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { deepCopy, isParameter, Linear, Module, parameter, parametrize, SGD } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// torch.nn.utils.parametrize against torch 1.13, in float64 (tools/fixtures/nn_parametrize_reference.py).
interface Removed {
  keys: string[];
  weight: FixtureTensor;
  isParameter: boolean;
}
interface ParametrizeCase {
  name: 'symmetric' | 'chained' | 'right inverse';
  plain: Record<string, FixtureTensor>;
  keys: string[];
  parameterNames: string[];
  registeredState: Record<string, FixtureTensor>;
  registeredWeight: FixtureTensor;
  input: FixtureTensor;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradients: Record<string, FixtureTensor>;
  loadedState: Record<string, FixtureTensor>;
  loadedOutput: FixtureTensor;
  loadedWeight: FixtureTensor;
  removed: { leave: Removed; drop: Removed };
  assign?: { value: FixtureTensor; original: FixtureTensor; weight: FixtureTensor };
}
const reference = readFixture<{ parametrize: ParametrizeCase[] }>('nn_parametrize.json');
const caseNamed = (name: ParametrizeCase['name']) => reference.parametrize.find((entry) => entry.name === name)!;

const float64 = (value: FixtureTensor): Tensor => fromFixture(value, 'float64');
const stateOf = (state: Record<string, FixtureTensor>) =>
  Object.fromEntries(Object.entries(state).map(([key, value]) => [key, float64(value)]));
const tolerance = [1e-10, 1e-12] as const;

/** W → triu(W) + triu(W, 1)ᵀ: a symmetric matrix from the upper triangle. */
class Symmetric extends Module {
  forward(x: Tensor): Tensor {
    return x.triu().add(x.triu(1).transpose(-1, -2));
  }
}

/** x · scale + shift, with a parameter and a buffer of its own (the fixture's values). */
class Affine extends Module {
  scale: Tensor;
  constructor(scale: Tensor, shift: Tensor) {
    super();
    this.scale = parameter(scale);
    this.registerBuffer('shift', shift);
  }
  forward(x: Tensor): Tensor {
    return x.mul(this.scale).add(this.getField('shift') as Tensor);
  }
}

/** The original is a vector; the weight is exp(original) reshaped, and rightInverse is log, flattened. */
class PositiveFlat extends Module {
  constructor(readonly shape: number[]) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.exp().reshape(this.shape);
  }
  rightInverse(w: Tensor): Tensor {
    return w.log().flatten();
  }
}

/** The case's Linear with torch's initial values and its parametrizations registered. */
function build(entry: ParametrizeCase): Linear {
  const [rows, columns] = entry.plain.weight!.shape as [number, number];
  const layer = new Linear(columns, rows, { dtype: 'float64' });
  layer.loadStateDict(stateOf(entry.plain));
  if (entry.name === 'right inverse') return parametrize.registerParametrization(layer, 'weight', new PositiveFlat([rows, columns]));
  parametrize.registerParametrization(layer, 'weight', new Symmetric());
  if (entry.name === 'chained') {
    const state = entry.registeredState;
    const affine = new Affine(float64(state['parametrizations.weight.1.scale']!), float64(state['parametrizations.weight.1.shift']!));
    parametrize.registerParametrization(layer, 'weight', affine);
  }
  return layer;
}

const chainOf = (layer: Module): parametrize.ParametrizationList =>
  (layer as unknown as { parametrizations: { get(name: string): parametrize.ParametrizationList } }).parametrizations.get('weight');

describe('parametrize against torch', () => {
  it.each(reference.parametrize.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const layer = build(entry);
    expect(parametrize.isParametrized(layer)).toBe(true);
    expect(parametrize.isParametrized(layer, 'weight')).toBe(true);
    expect(parametrize.isParametrized(layer, 'bias')).toBe(false);
    expect(Object.keys(layer.stateDict())).toEqual(entry.keys);
    expect([...layer.namedParameters()].map(([key]) => key)).toEqual(entry.parameterNames);
    for (const [key, value] of Object.entries(layer.stateDict()))
      expectClose(value, entry.registeredState[key]!, `${name}: ${key}`, ...tolerance);
    expectClose(layer.weight, entry.registeredWeight, `${name}: weight`, ...tolerance);

    const output = layer.call(float64(entry.input));
    expectClose(output, entry.output, `${name}: output`, ...tolerance);
    output.mul(float64(entry.weights)).sum().backward();
    for (const [key, value] of layer.namedParameters())
      expectClose(value.grad, entry.gradients[key]!, `${name}: gradient of ${key}`, ...tolerance);

    // a state dict saved by torch's parametrized model loads into the original and the parametrizations
    layer.loadStateDict(stateOf(entry.loadedState));
    expectClose(layer.call(float64(entry.input)), entry.loadedOutput, `${name}: output after loading`, ...tolerance);
    expectClose(layer.weight, entry.loadedWeight, `${name}: weight after loading`, ...tolerance);
  });

  it.each(reference.parametrize.map((entry) => [entry.name, entry] as const))('%s: removeParametrizations', (name, entry) => {
    for (const leave of [true, false]) {
      const layer = build(entry);
      layer.loadStateDict(stateOf(entry.loadedState));
      const original = chainOf(layer).original;
      parametrize.removeParametrizations(layer, 'weight', leave);
      const expected = leave ? entry.removed.leave : entry.removed.drop;
      expect(Object.keys(layer.stateDict())).toEqual(expected.keys);
      expect(layer.weight).toBe(original);
      expect(isParameter(layer.weight)).toBe(expected.isParameter);
      expectClose(layer.weight, expected.weight, `${name}: weight, leaveParametrized ${leave}`, ...tolerance);
      expect(parametrize.isParametrized(layer)).toBe(false);
      expect('parametrizations' in layer).toBe(false);
    }
  });

  it('keeps the parameter object as the original, so an optimizer built before trains it', () => {
    for (const entry of reference.parametrize) {
      const [rows, columns] = entry.plain.weight!.shape as [number, number];
      const layer = new Linear(columns, rows, { dtype: 'float64' });
      layer.loadStateDict(stateOf(entry.plain));
      const weight = layer.weight;
      const optimizer = new SGD(layer.parameters(), { lr: 0.5 });
      const registered = build(entry);
      // the same registration on this layer: weight becomes the original (rightInverse applied in place)
      for (const parametrization of chainOf(registered).parametrizations())
        parametrize.registerParametrization(layer, 'weight', parametrization);
      expect(chainOf(layer).original).toBe(weight);
      layer.call(float64(entry.input)).mul(float64(entry.weights)).sum().backward();
      optimizer.step();
      const original = entry.registeredState['parametrizations.weight.original']!;
      const gradient = entry.gradients['parametrizations.weight.original']!;
      const stepped = { shape: original.shape, data: original.data.map((value, index) => value - 0.5 * gradient.data[index]!) };
      expectClose(weight, stepped, `${entry.name}: original after one SGD step`, ...tolerance);
    }
  });

  it('assigning module[name] goes through rightInverse into the original', () => {
    const entry = caseNamed('right inverse');
    const layer = build(entry);
    const original = chainOf(layer).original;
    layer.weight = float64(entry.assign!.value);
    expect(chainOf(layer).original).toBe(original);
    expectClose(original, entry.assign!.original, 'original after assignment', ...tolerance);
    expectClose(layer.weight, entry.assign!.weight, 'weight after assignment', ...tolerance);
  });
});

describe('parametrize', () => {
  const symmetricCase = caseNamed('symmetric');

  it('recomputes the value on every read, and once per cached body', () => {
    const layer = build(symmetricCase);
    expect(layer.weight).not.toBe(layer.weight);
    const input = float64(symmetricCase.input);
    const output = parametrize.cached(() => {
      expect(layer.weight).toBe(layer.weight);
      return parametrize.cached(() => layer.call(input));
    });
    expectClose(output, symmetricCase.output, 'output inside cached', ...tolerance);
    expect(layer.weight).not.toBe(layer.weight);
    expect(() =>
      parametrize.cached(() => {
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(layer.weight).not.toBe(layer.weight); // the failed body left the cache off
  });

  it('gives the parametrization the module training mode and prints the chain', () => {
    const symmetric = new Symmetric();
    parametrize.registerParametrization(new Linear(3, 3).eval(), 'weight', symmetric);
    expect(symmetric.training).toBe(false);
    const layer = parametrize.registerParametrization(new Linear(3, 3), 'weight', new Symmetric());
    expect(String(layer)).toContain('(parametrizations): ModuleDict(\n    (weight): ParametrizationList(\n      (0): Symmetric()');
  });

  it('a deepCopy computes from its own original', () => {
    const layer = build(symmetricCase);
    const copy = deepCopy(layer);
    noGrad(() => chainOf(copy).original.mul_(2));
    expectClose(layer.call(float64(symmetricCase.input)), symmetricCase.output, 'original after changing the copy', ...tolerance);
    expect(copy.weight.toArraySync()).not.toEqual(layer.weight.toArraySync());
  });

  it('reparametrises a buffer into a buffer', () => {
    class Holder extends Module {
      constructor() {
        super();
        this.registerBuffer(
          'table',
          tensor([
            [1, 2],
            [3, 4],
          ]),
        );
      }
      forward(): Tensor {
        return this.getField('table') as Tensor;
      }
    }
    const holder = parametrize.registerParametrization(new Holder(), 'table', new Symmetric());
    expect(Object.keys(holder.stateDict())).toEqual(['parametrizations.table.original']);
    expect(holder.buffers().length).toBe(1);
    expect(holder.call().toArraySync()).toEqual([
      [1, 2],
      [2, 4],
    ]);
    parametrize.removeParametrizations(holder, 'table');
    expect(Object.keys(holder.stateDict())).toEqual(['table']);
    expect(holder.parameters().length).toBe(0);
  });

  it('rejects what torch rejects, naming the function and the values', () => {
    const layer = new Linear(3, 2);
    expect(() => parametrize.registerParametrization(layer, 'weigth', new Symmetric())).toThrow(
      "parametrize.registerParametrization: Linear does not have a parameter, a buffer, or a parametrized element with name 'weigth' (got nothing)",
    );
    expect(() => parametrize.registerParametrization(layer, 'weight', new PositiveFlat([3, 2]))).toThrow(
      'parametrize.registerParametrization: registering a parametrization may not change the shape of the tensor, unless the unsafe option is true; unparametrized shape [2, 3], the parametrized value has shape [3, 2]',
    );
    expect(Object.keys(layer.stateDict())).toEqual(['weight', 'bias']); // a failed registration changes nothing
    expect(() => parametrize.registerParametrization(layer, 'weight', new Symmetric(), { unsafe_: true } as never)).toThrow(
      'parametrize.registerParametrization: unknown option `unsafe_` (did you mean `unsafe`?). Accepted options: unsafe',
    );
    parametrize.registerParametrization(layer, 'weight', new PositiveFlat([3, 2]), { unsafe: true });
    expect(layer.weight.shape).toEqual([3, 2]);
    expect(() => parametrize.removeParametrizations(layer, 'bias')).toThrow(
      "parametrize.removeParametrizations: Linear does not have a parametrization on 'bias'",
    );
    const symmetric = parametrize.registerParametrization(new Linear(3, 3), 'weight', new Symmetric());
    expect(() => {
      symmetric.weight = tensor([
        [1, 2, 3],
        [2, 4, 5],
        [3, 5, 6],
      ]);
    }).toThrow("parametrize: assigning 'weight' of Linear: parametrization Symmetric does not implement rightInverse");
  });
});
