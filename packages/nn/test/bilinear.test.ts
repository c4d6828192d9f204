import { describe, expect, it } from 'vitest';
import { noGrad, tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import { Bilinear, F } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// torch.nn.Bilinear against torch 1.13 (tools/fixtures/nn_bilinear_reference.py): the output and the
// gradients of sum(output · weights) with respect to both inputs, the weight and the bias.
interface BilinearCase {
  name: string;
  bias: boolean;
  weight: FixtureTensor;
  biasValue: FixtureTensor | null;
  inputs: [FixtureTensor, FixtureTensor];
  output: FixtureTensor;
  weights: FixtureTensor;
  gradients: FixtureTensor[];
}
const reference = readFixture<{ cases: BilinearCase[] }>('nn_bilinear.json');

describe('Bilinear against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    // torch's positional bias on every other case (it was refused)
    const layer = entry.bias ? new Bilinear(4, 3, 5, { bias: entry.bias }) : new Bilinear(4, 3, 5, false);
    expect(Object.keys(layer.stateDict())).toEqual(entry.bias ? ['weight', 'bias'] : ['weight']);
    layer.weight = fromFixture(entry.weight).requiresGrad_();
    if (entry.biasValue) layer.bias = fromFixture(entry.biasValue).requiresGrad_();
    const [x1, x2] = entry.inputs.map((input) => fromFixture(input).requiresGrad_());
    const output = layer.call(x1!, x2!);
    expectClose(output, entry.output, `${name}: output`, 1e-5, 1e-5);
    output.mul(fromFixture(entry.weights)).sum().backward();
    const parameters = [x1!, x2!, layer.weight, ...(layer.bias ? [layer.bias] : [])];
    parameters.forEach((tensor, index) => expectClose(tensor.grad, entry.gradients[index]!, `${name}: gradient ${index}`, 1e-4, 1e-5));
  });

  it('initialises within ±1/√in1 as torch, releases its intermediates, and names mismatched inputs', () => {
    const layer = new Bilinear(16, 3, 5);
    for (const value of [...layer.weight.dataSync(), ...layer.bias!.dataSync()]) expect(Math.abs(value)).toBeLessThanOrEqual(0.25);
    const [x1, x2] = reference.cases[0]!.inputs.map((input) => fromFixture(input));
    const weight = fromFixture(reference.cases[0]!.weight);
    F.bilinear(x1!, x2!, weight).dispose();
    expect(leftBehind(() => noGrad(() => F.bilinear(x1!, x2!, weight)), [x1!, x2!, weight])).toEqual({ handles: 0, bytes: 0 });
    expect(() => F.bilinear(x2!, x1!, weight)).toThrow('bilinear: weight [5, 4, 3] needs inputs [*, 4] and [*, 3], got [6, 3] and [6, 4]');
    expect(() => new Bilinear(4, 3, 5, { bias_: false } as never)).toThrow('Bilinear: unknown option `bias_` (did you mean `bias`?)');
    expect(
      F.bilinear(
        tensor([[1, 0]]),
        tensor([[0, 1]]),
        tensor([
          [
            [0, 2],
            [0, 0],
          ],
        ]),
      ).toArraySync(),
    ).toEqual([[2]]);
  });
});
