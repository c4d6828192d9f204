import { describe, expect, it } from 'vitest';
import { tensor, zeros } from '@dl/tensor';
import { AdaptiveLogSoftmaxWithLoss } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// AdaptiveLogSoftmaxWithLoss against torch 1.13 (tools/fixtures/nn_fractional_pool_and_aliases_reference.py):
// torch's weights loaded through loadStateDict (so the names are checked), then forward's output and
// loss, the gradients of the loss, logProb and predict.
interface AdaptiveCase {
  name: string;
  dtype: 'float32' | 'float64';
  inFeatures: number;
  nClasses: number;
  cutoffs: number[];
  options: { divValue: number; headBias: boolean };
  stateDict: Record<string, FixtureTensor>;
  input: FixtureTensor;
  target: FixtureTensor;
  output: FixtureTensor;
  loss: number;
  inputGradient: FixtureTensor;
  parameterGradients: Record<string, FixtureTensor | null>;
  logProb: FixtureTensor;
  predict: FixtureTensor;
  repr: string;
}
const reference = readFixture<{ adaptiveLogSoftmax: AdaptiveCase[] }>('nn_fractional_pool_and_aliases.json');

/** torch's repr with this package's camelCase names and JavaScript booleans. */
const camelRepr = (repr: string): string =>
  repr
    .replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
    .replace(/=False/g, '=false')
    .replace(/=True/g, '=true');

const build = (entry: AdaptiveCase) => {
  const module = new AdaptiveLogSoftmaxWithLoss(entry.inFeatures, entry.nClasses, entry.cutoffs, { ...entry.options, dtype: entry.dtype });
  module.loadStateDict(Object.fromEntries(Object.entries(entry.stateDict).map(([key, value]) => [key, fromFixture(value, entry.dtype)])));
  return module;
};

describe('AdaptiveLogSoftmaxWithLoss against torch', () => {
  it.each(reference.adaptiveLogSoftmax.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const [rtol, atol] = entry.dtype === 'float64' ? [1e-12, 1e-12] : [1e-5, 1e-6];
    const module = build(entry);
    expect(Object.keys(module.stateDict())).toEqual(Object.keys(entry.stateDict));
    expect(`${module}`).toBe(camelRepr(entry.repr));
    const input = fromFixture(entry.input, entry.dtype).requiresGrad_();
    const target = fromFixture(entry.target, 'int32');
    const result = module.call(input, target);
    const [output, loss] = result;
    expect(result.output).toBe(output);
    expect(result.loss).toBe(loss);
    expectClose(output, entry.output, `${name}: output`, rtol, atol);
    expectClose(loss, { shape: [], data: [entry.loss] }, `${name}: loss`, rtol, atol);
    loss.backward();
    expectClose(input.grad, entry.inputGradient, `${name}: input gradient`, rtol, atol);
    const parameters = Object.fromEntries(module.namedParameters());
    for (const [key, gradient] of Object.entries(entry.parameterGradients)) {
      // torch leaves no gradient on a tail it never ran; every tail runs here, masked: a zero gradient
      if (gradient === null)
        expect(
          [...parameters[key]!.grad!.dataSync()].every((value) => value === 0),
          key,
        ).toBe(true);
      else expectClose(parameters[key]!.grad, gradient, `${name}: ${key} gradient`, rtol, atol);
    }
    const batch =
      entry.input.shape.length === 2 ? fromFixture(entry.input, entry.dtype) : fromFixture(entry.input, entry.dtype).unsqueeze(0);
    expectClose(module.logProb(batch), entry.logProb, `${name}: logProb`, rtol, atol);
    const predicted = module.predict(batch);
    expect(predicted.dtype).toBe('int32');
    expectClose(predicted, entry.predict, `${name}: predict`, 0, 0);
  });

  it('errors', () => {
    const owner = 'AdaptiveLogSoftmaxWithLoss';
    const cutoffs = `${owner}: cutoffs should be a sequence of unique, positive integers sorted in an increasing order, where each value is between 1 and nClasses - 1`;
    expect(() => new AdaptiveLogSoftmaxWithLoss(8, 10, [5, 3])).toThrow(cutoffs);
    expect(() => new AdaptiveLogSoftmaxWithLoss(8, 10, [0, 3])).toThrow(cutoffs);
    expect(() => new AdaptiveLogSoftmaxWithLoss(8, 10, [3, 10])).toThrow(cutoffs);
    expect(() => new AdaptiveLogSoftmaxWithLoss(8, 10, [3, 3])).toThrow(cutoffs);
    expect(() => new AdaptiveLogSoftmaxWithLoss(8, 10, [2.5])).toThrow(cutoffs);
    expect(() => new AdaptiveLogSoftmaxWithLoss(8, 10, [])).toThrow(cutoffs);
    expect(() => new AdaptiveLogSoftmaxWithLoss(8, 10, [3], { div_value: 2 } as never)).toThrow(
      /AdaptiveLogSoftmaxWithLoss: unknown option `div_value` \(did you mean `divValue`\?\)/,
    );
    expect(() => new AdaptiveLogSoftmaxWithLoss(8, 10, [3], { divValue: Number.NaN })).toThrow(
      'AdaptiveLogSoftmaxWithLoss: divValue must be a finite number, got NaN',
    );
    const module = new AdaptiveLogSoftmaxWithLoss(8, 10, [3, 6]);
    const target = tensor([1, 5, 9], { dtype: 'int32' });
    expect(() => module.call(zeros([4, 8]), target)).toThrow(
      `${owner}: input and target should have the same size in the batch dimension, got [4, 8] and [3]`,
    );
    expect(() => module.call(zeros([3, 8, 1]), target)).toThrow(
      `${owner}: a 1-D target expects a 2-D input [N, inFeatures], got [3, 8, 1]`,
    );
    expect(() => module.call(zeros([3, 8]), tensor(2, { dtype: 'int32' }))).toThrow(
      `${owner}: a 0-D target expects a 1-D input [inFeatures], got [3, 8]`,
    );
    expect(() => module.call(zeros([3, 8]), zeros([3, 1], { dtype: 'int32' }))).toThrow(
      `${owner}: expected a 0-D or 1-D target (multi-target not supported), got [3, 1]`,
    );
    expect(() => module.call(zeros([3, 8]), tensor([1, 5, 9]))).toThrow(`${owner}: expected an int32 target, got float32`);
    expect(() => module.call(zeros([3, 8]), tensor([1, 10, -1], { dtype: 'int32' }))).toThrow(
      `${owner}: target values should be in [0, 9], but values in range [-1, 10] were found`,
    );
    expect(() => module.logProb(zeros([8]))).toThrow(`${owner}.logProb: expected an input [N, 8], got [8]`);
    expect(() => module.predict(zeros([2, 7]))).toThrow(`${owner}.predict: expected an input [N, 8], got [2, 7]`);
  });
});
