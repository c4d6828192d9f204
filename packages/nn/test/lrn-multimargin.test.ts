import { describe, expect, it } from 'vitest';
import { noGrad, tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import { F, LocalResponseNorm, MultiMarginLoss } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// torch.nn.LocalResponseNorm and torch.nn.MultiMarginLoss (torch 1.13) against
// tools/fixtures/nn_lrn_multimargin_reference.py: outputs and the gradient of sum(output·r).

interface Case {
  name: string;
  options: Record<string, number | string>;
  input: FixtureTensor;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
  target?: number[] | number;
  weight?: number[];
}
const reference = readFixture<{ localResponseNorm: Case[]; multiMarginLoss: Case[] }>('nn_lrn_multimargin.json');

describe('LocalResponseNorm against torch', () => {
  it.each(reference.localResponseNorm.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const { size, ...options } = entry.options as { size: number; alpha?: number; beta?: number; k?: number };
    const input = fromFixture(entry.input).requiresGrad_();
    const output = new LocalResponseNorm(size, options).call(input);
    expectClose(output, entry.output, `${name}: output`, 1e-5, 1e-6);
    output.mul(fromFixture(entry.weights)).sum().backward();
    expectClose(input.grad, entry.gradient, `${name}: gradient`, 1e-4, 1e-6);
  });

  it("takes torch's positional arguments, names bad input, and releases its intermediates", () => {
    const entry = reference.localResponseNorm[0]!;
    const input = fromFixture(entry.input);
    expectClose(F.localResponseNorm(input, 5, 1e-4, 0.75, 2), entry.output, 'positional', 1e-5, 1e-6);
    expect(() => F.localResponseNorm(tensor([[1, 2]]), 3)).toThrow(
      'localResponseNorm: expected an input of 3 or more dims [N, C, *], got [1, 2]',
    );
    expect(() => new LocalResponseNorm(5, { bias: 1 } as never)).toThrow('LocalResponseNorm: unknown option `bias`');
    expect(leftBehind(() => noGrad(() => F.localResponseNorm(input, 5)), [input])).toEqual({ handles: 0, bytes: 0 });
  });
});

describe('MultiMarginLoss against torch', () => {
  it.each(reference.multiMarginLoss.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const input = fromFixture(entry.input).requiresGrad_();
    const target = tensor(entry.target!, { dtype: 'int32' });
    const weight = entry.weight ? tensor(entry.weight) : null;
    const loss = new MultiMarginLoss({
      ...(entry.options as { p?: number; margin?: number; reduction?: 'mean' | 'sum' | 'none' }),
      weight,
    }).call(input, target);
    expectClose(loss, entry.output, `${name}: loss`, 1e-5, 1e-6);
    loss.mul(fromFixture(entry.weights)).sum().backward();
    expectClose(input.grad, entry.gradient, `${name}: gradient`, 1e-5, 1e-6);
  });

  it('names bad arguments and takes a leading p', () => {
    const scores = tensor([
      [0.1, 0.9, 0.3],
      [0.5, 0.2, 0.8],
    ]);
    const labels = tensor([1, 2], { dtype: 'int32' });
    // closed form, p 2: row 0: (1 − 0.9 + 0.1)², (1 − 0.9 + 0.3)² → (0.04 + 0.16)/3; row 1: (0.7² + 0.4²)/3
    expect(new MultiMarginLoss(2).call(scores, labels).itemSync()).toBeCloseTo((0.2 / 3 + 0.65 / 3) / 2, 6);
    expect(() => F.multiMarginLoss(scores, labels, { p: 3 })).toThrow('multiMarginLoss: only p = 1 and p = 2 are supported, got 3');
    expect(() => F.multiMarginLoss(scores, tensor([1, 3], { dtype: 'int32' }))).toThrow(
      'multiMarginLoss: index 3 is out of bounds for size 3',
    );
    expect(() => F.multiMarginLoss(scores, labels, { weight: tensor([1, 2]) })).toThrow('multiMarginLoss: weight must be [3], got [2]');
  });
});
