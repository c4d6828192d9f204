import { describe, expect, it } from 'vitest';
import { noGrad, type Tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import { AdaptiveMaxPool1d, AdaptiveMaxPool2d, F } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// Adaptive max pooling against torch 1.13 (tools/fixtures/nn_adaptive_max_pool_reference.py): outputs
// and gradients of sum(output · weights), windows overlapping where the sizes do not divide.
interface PoolCase {
  name: string;
  input: FixtureTensor;
  outputSize: number | [number, number];
  output: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}
const reference = readFixture<{ cases: PoolCase[] }>('nn_adaptive_max_pool.json');

const pool = (entry: PoolCase, input: Tensor): Tensor =>
  entry.name.startsWith('1-d') ? F.adaptiveMaxPool1d(input, entry.outputSize as number) : F.adaptiveMaxPool2d(input, entry.outputSize);

describe('adaptive max pooling against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const input = fromFixture(entry.input).requiresGrad_();
    const output = pool(entry, input);
    expectClose(output, entry.output, `${name}: output`, 0, 0);
    output.mul(fromFixture(entry.weights)).sum().backward();
    expectClose(input.grad, entry.gradient, `${name}: gradient`, 1e-6, 1e-6);
  });

  it('the layers, and released intermediates', () => {
    const square = reference.cases[0]!;
    expectClose(new AdaptiveMaxPool2d([3, 4]).call(fromFixture(square.input)), square.output, 'AdaptiveMaxPool2d', 0, 0);
    const line = reference.cases.find((entry) => entry.name.startsWith('1-d'))!;
    expectClose(new AdaptiveMaxPool1d(4).call(fromFixture(line.input)), line.output, 'AdaptiveMaxPool1d', 0, 0);
    const input = fromFixture(square.input);
    const call = () => noGrad(() => F.adaptiveMaxPool2d(input, [3, 4]));
    call().dispose();
    expect(leftBehind(call, [input])).toEqual({ handles: 0, bytes: 0 });
    expect(() => F.adaptiveMaxPool2d(input.reshape(-1), 2)).toThrow('adaptiveMaxPool2d: expected 3-D or 4-D input, got [378]');
  });
});
