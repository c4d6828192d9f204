import { tensor, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { BatchNorm1d, functionalCall, Linear, Module, Sequential, Tanh } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// torch.nn.utils.stateless.functional_call against torch 1.13, in float64
// (tools/fixtures/nn_parametrize_reference.py).
interface FunctionalCallCase {
  state: Record<string, FixtureTensor>;
  substitutes: Record<string, FixtureTensor>;
  input: FixtureTensor;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradients: Record<string, FixtureTensor>;
  ownGradients: Record<string, FixtureTensor>;
  plainOutput: FixtureTensor;
}
const reference = readFixture<{ functionalCall: FunctionalCallCase }>('nn_parametrize.json').functionalCall;
const float64 = (value: FixtureTensor): Tensor => fromFixture(value, 'float64');
const tolerance = [1e-10, 1e-12] as const;

/** torch's model: Linear(3, 4), BatchNorm1d(4) in eval mode, Tanh, Linear(4, 2), with torch's values. */
function model(): Sequential {
  const network = new Sequential(
    new Linear(3, 4, { dtype: 'float64' }),
    new BatchNorm1d(4, { dtype: 'float64' }),
    new Tanh(),
    new Linear(4, 2, { dtype: 'float64' }),
  );
  network.loadStateDict(
    Object.fromEntries(
      Object.entries(reference.state).map(([key, value]) => [
        key,
        fromFixture(value, key.endsWith('num_batches_tracked') ? 'int32' : 'float64'),
      ]),
    ),
  );
  return network.eval();
}

/** The fixture's substitutes; those torch differentiated require gradients. */
function substitutes(): Record<string, Tensor> {
  return Object.fromEntries(
    Object.entries(reference.substitutes).map(([key, value]) => {
      const substitute = float64(value);
      substitute.requiresGrad = key in reference.gradients;
      return [key, substitute];
    }),
  );
}

describe('functionalCall against torch', () => {
  it('computes with the given parameters and buffer, and gradients reach them', () => {
    const network = model();
    const own = network.stateDict();
    const given = substitutes();
    const output = functionalCall(network, given, [float64(reference.input)]);
    expectClose(output as Tensor, reference.output, 'output', ...tolerance);
    (output as Tensor).mul(float64(reference.weights)).sum().backward();
    for (const [key, gradient] of Object.entries(reference.gradients))
      expectClose(given[key]!.grad, gradient, `gradient of the given ${key}`, ...tolerance);
    // the module's own parameters that were not replaced get torch's gradients; the replaced ones none
    for (const [key, value] of network.namedParameters())
      if (key in reference.ownGradients)
        expectClose(value.grad, reference.ownGradients[key]!, `gradient of the module's ${key}`, ...tolerance);
      else expect(value.grad, `module's ${key}`).toBeNull();
    // everything is back
    const after = network.stateDict();
    expect(Object.keys(after)).toEqual(Object.keys(own));
    for (const key of Object.keys(own)) expect(after[key]!.toArraySync(), key).toEqual(own[key]!.toArraySync());
    expectClose(network.call(float64(reference.input)), reference.plainOutput, 'output after the call', ...tolerance);
  });

  it('takes a Map and a single non-array argument', () => {
    const network = model();
    const output = functionalCall(network, new Map(Object.entries(substitutes())), float64(reference.input));
    expectClose(output as Tensor, reference.output, 'output', ...tolerance);
  });
});

describe('functionalCall', () => {
  it('puts the fields back when forward throws', () => {
    class Failing extends Module {
      weight = new Linear(2, 2).weight;
      forward(): never {
        throw new Error(`forward saw ${this.weight.shape.join('x')}`);
      }
    }
    const failing = new Failing();
    const weight = failing.weight;
    expect(() => functionalCall(failing, { weight: tensor([1, 2, 3]) }, [])).toThrow('forward saw 3');
    expect(failing.weight).toBe(weight);
    expect(failing.parameters()).toEqual([weight]);
  });

  it('names a key the module does not have, and changes nothing', () => {
    const network = model();
    const weight = (network.at(0) as Linear).weight;
    expect(() => functionalCall(network, { '0.weight': tensor([1]), '0.wieght': tensor([1]) }, [float64(reference.input)])).toThrow(
      "functionalCall: Sequential has no parameter or buffer named '0.wieght' (it has: 0.weight, 0.bias, 1.weight, 1.bias, 3.weight, 3.bias, 1.running_mean, 1.running_var, 1.num_batches_tracked)",
    );
    expect((network.at(0) as Linear).weight).toBe(weight);
    expect(() => functionalCall(network, { '0.weight': [1] as never }, [])).toThrow(
      "functionalCall: the value for '0.weight' must be a tensor, got an array [1]",
    );
  });

  it("refuses torch's kwargs and keyword-only options after args instead of dropping them", () => {
    const network = model();
    const input = float64(reference.input);
    expect(() => functionalCall(network, {}, [input], ...([{ training: false }] as never[]))).toThrow(
      "functionalCall: takes (module, parametersAndBuffers, args), got 4 arguments; torch's kwargs go into args (a forward's options object last), and tie_weights and strict are not supported",
    );
    expect(() => functionalCall(network, {}, [input], ...([undefined, { strict: true }] as never[]))).toThrow('got 5 arguments');
    expect(functionalCall(network, {}, [input], ...([undefined] as never[])).shape).toEqual(network.call(input).shape);
  });
});
