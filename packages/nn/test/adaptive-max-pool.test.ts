import { describe, expect, it } from 'vitest';
import { noGrad, zeros, type Tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import { AdaptiveMaxPool1d, AdaptiveMaxPool2d, AdaptiveMaxPool3d, F } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// Adaptive max pooling against torch 1.13 (tools/fixtures/nn_adaptive_max_pool_reference.py): outputs
// and gradients of sum(output · weights), windows overlapping where the sizes do not divide. The ties
// cases: torch sends a window's gradient to its first maximum; F.adaptiveMaxPool1d/2d shared it among
// exact ties (a window of ReLU's zeros), half of torch's gradient to each of two.
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

  // torch's return_indices (F.adaptive_max_pool1d(x, 4, True)), against the *_with_indices values and
  // indices of torch 1.13 (nn_fractional_pool_and_aliases.json); before, the flag was silently dropped
  it("return_indices: F's positional flag or option, the layers' forwardWithIndices", () => {
    const aliases = readFixture<{
      aliases: (PoolCase & { function: string; arguments: { output_size: unknown }; indices: FixtureTensor })[];
    }>('nn_fractional_pool_and_aliases.json').aliases;
    const line = aliases.find((entry) => entry.function === 'adaptive_max_pool1d_with_indices')!;
    const plane = aliases.find((entry) => entry.function === 'adaptive_max_pool2d_with_indices')!;
    const planeSize = plane.arguments.output_size as [number, null];
    const lineSize = line.arguments.output_size as number;
    const results = [
      [line, F.adaptiveMaxPool1d(fromFixture(line.input), lineSize, true)],
      [line, F.adaptiveMaxPool1d(fromFixture(line.input), lineSize, { returnIndices: true })],
      [line, new AdaptiveMaxPool1d(lineSize).forwardWithIndices(fromFixture(line.input))],
      [plane, F.adaptiveMaxPool2d(fromFixture(plane.input), planeSize, true)],
      [plane, new AdaptiveMaxPool2d(planeSize, false).forwardWithIndices(fromFixture(plane.input))],
    ] as const;
    for (const [entry, { values, indices }] of results) {
      expectClose(values, entry.output, `${entry.name}: values`, 0, 0);
      expect(indices.dtype).toBe('int32');
      expectClose(indices, entry.indices, `${entry.name}: indices`, 0, 0);
    }
    expectClose(F.adaptiveMaxPool1d(fromFixture(line.input), lineSize, false), line.output, 'false: values only', 0, 0);
    expectClose(F.adaptiveMaxPool2d(fromFixture(plane.input), planeSize, { returnIndices: false }), plane.output, 'option false', 0, 0);
  });

  it('refuses what it does not understand after the output size', () => {
    const input = zeros([1, 2, 6, 6]);
    expect(() => F.adaptiveMaxPool1d(zeros([1, 2, 6]), 2, { zzUnknown: 1 } as never)).toThrow(
      /adaptiveMaxPool1d: unknown option `zzUnknown`/,
    );
    expect(() => F.adaptiveMaxPool2d(input, 2, { return_indices: true } as never)).toThrow(
      /adaptiveMaxPool2d: unknown option `return_indices` \(did you mean `returnIndices`\?\)/,
    );
    expect(() => F.adaptiveMaxPool2d(input, 2, 'yes' as never)).toThrow(
      "adaptiveMaxPool2d: returnIndices must be true or false, got 'yes'",
    );
    expect(() => (F.adaptiveMaxPool3d as (...values: unknown[]) => unknown)(zeros([1, 1, 2, 2, 2]), 1, true, true)).toThrow(
      /adaptiveMaxPool3d: too many positional arguments/,
    );
    expect(F.adaptiveMaxPool3d(zeros([1, 1, 2, 2, 2]), 1, true).indices.shape).toEqual([1, 1, 1, 1, 1]);
    for (const Layer of [AdaptiveMaxPool1d, AdaptiveMaxPool2d, AdaptiveMaxPool3d] as const) {
      const name = Layer.name;
      expect(() => new (Layer as new (...values: unknown[]) => unknown)(2, true)).toThrow(
        `${name}: returnIndices true is not supported on the layer (its call returns the values only); use layer.forwardWithIndices(input) for the values and indices`,
      );
      expect(() => new (Layer as new (...values: unknown[]) => unknown)(2, { zzUnknown: 1 })).toThrow(
        `${name}: unknown option \`zzUnknown\``,
      );
      expect(() => new (Layer as new (...values: unknown[]) => unknown)(2, false, false)).toThrow(`${name}: too many positional arguments`);
    }
    expect(new AdaptiveMaxPool1d(3, { returnIndices: false }).call(zeros([1, 2, 6])).shape).toEqual([1, 2, 3]);
  });
});
