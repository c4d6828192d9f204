import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@dl/tensor';
import * as nn from '../src/index.js';

// Every loss module's forward and every functional loss refuses arguments after the ones it takes:
// JavaScript would drop them, so `criterion.call(x, y, { reduction: 'sum' })`, `call(x, y, weights)` or
// torch's positional `F.mse_loss(x, y, None, None, 'sum')` gave the mean without a word. The losses
// are read from the package's exports, so one added later fails here until it has an entry below.

const loose = (fn: unknown) => fn as (...values: unknown[]) => unknown;
const callOf =
  (module: nn.Module) =>
  (...values: unknown[]) =>
    loose(module.call).apply(module, values);

const x = () =>
  tensor([
    [0.2, 0.7, 0.4],
    [0.9, 0.1, 0.5],
  ]);
const y = () =>
  tensor([
    [0.3, 0.6, 0.1],
    [0.8, 0.2, 0.5],
  ]);
const logits = () =>
  tensor([
    [1, 2, 0.5],
    [0.1, -1, 2],
  ]);
const labels = () => tensor([0, 2], { dtype: 'int32' });
const signs = () => tensor([1, -1, 1]);
const vector = (shift: number) => tensor([0.5 + shift, -0.2, 1.1 - shift]);
const triplet = () => [x(), y(), logits()];
const pair = () => [x(), y()];
const ctcInputs = () => [
  tensor([[[-1.2, -0.9, -1.2]], [[-1.1, -1.3, -0.9]], [[-0.9, -1.2, -1.2]]]),
  tensor([[1, 2]], { dtype: 'int32' }),
  [3],
  [2],
];

/** The inputs each loss takes, named by its functional form. */
const inputs: Record<string, () => unknown[]> = {
  mseLoss: pair,
  l1Loss: pair,
  smoothL1Loss: pair,
  huberLoss: pair,
  binaryCrossEntropy: pair,
  binaryCrossEntropyWithLogits: () => [logits(), y()],
  nllLoss: () => [logits().logSoftmax(1), labels()],
  crossEntropy: () => [logits(), labels()],
  klDiv: () => [logits().logSoftmax(1), y().softmax(1)],
  marginRankingLoss: () => [vector(0), vector(0.3), signs()],
  hingeEmbeddingLoss: () => [vector(0), signs()],
  cosineEmbeddingLoss: () => [x(), y(), tensor([1, -1])],
  tripletMarginLoss: triplet,
  softMarginLoss: () => [vector(0), signs()],
  multilabelSoftMarginLoss: () => [
    logits(),
    tensor([
      [1, 0, 1],
      [0, 0, 1],
    ]),
  ],
  multiMarginLoss: () => [logits(), labels()],
  poissonNllLoss: pair,
  gaussianNllLoss: () => [x(), y(), y()],
  multilabelMarginLoss: () => [tensor([[0.1, 0.2, 0.4, 0.8]]), tensor([[3, 0, -1, 1]], { dtype: 'int32' })],
  tripletMarginWithDistanceLoss: triplet,
  ctcLoss: ctcInputs,
};

/** Each loss module's constructor and the inputs of its forward. */
const modules: Record<string, { create: () => nn.Module; inputs: () => unknown[] }> = {
  MSELoss: { create: () => new nn.MSELoss(), inputs: pair },
  L1Loss: { create: () => new nn.L1Loss(), inputs: pair },
  SmoothL1Loss: { create: () => new nn.SmoothL1Loss(), inputs: pair },
  HuberLoss: { create: () => new nn.HuberLoss(), inputs: pair },
  BCELoss: { create: () => new nn.BCELoss(), inputs: pair },
  BCEWithLogitsLoss: { create: () => new nn.BCEWithLogitsLoss(), inputs: inputs.binaryCrossEntropyWithLogits! },
  NLLLoss: { create: () => new nn.NLLLoss(), inputs: inputs.nllLoss! },
  CrossEntropyLoss: { create: () => new nn.CrossEntropyLoss(), inputs: inputs.crossEntropy! },
  KLDivLoss: { create: () => new nn.KLDivLoss(), inputs: inputs.klDiv! },
  MarginRankingLoss: { create: () => new nn.MarginRankingLoss(), inputs: inputs.marginRankingLoss! },
  HingeEmbeddingLoss: { create: () => new nn.HingeEmbeddingLoss(), inputs: inputs.hingeEmbeddingLoss! },
  CosineEmbeddingLoss: { create: () => new nn.CosineEmbeddingLoss(), inputs: inputs.cosineEmbeddingLoss! },
  TripletMarginLoss: { create: () => new nn.TripletMarginLoss(), inputs: triplet },
  SoftMarginLoss: { create: () => new nn.SoftMarginLoss(), inputs: inputs.softMarginLoss! },
  MultiLabelSoftMarginLoss: { create: () => new nn.MultiLabelSoftMarginLoss(), inputs: inputs.multilabelSoftMarginLoss! },
  MultiMarginLoss: { create: () => new nn.MultiMarginLoss(), inputs: inputs.multiMarginLoss! },
  PoissonNLLLoss: { create: () => new nn.PoissonNLLLoss(), inputs: pair },
  GaussianNLLLoss: { create: () => new nn.GaussianNLLLoss(), inputs: inputs.gaussianNllLoss! },
  MultiLabelMarginLoss: { create: () => new nn.MultiLabelMarginLoss(), inputs: inputs.multilabelMarginLoss! },
  TripletMarginWithDistanceLoss: { create: () => new nn.TripletMarginWithDistanceLoss(), inputs: triplet },
  CTCLoss: { create: () => new nn.CTCLoss(), inputs: ctcInputs },
  AdaptiveLogSoftmaxWithLoss: {
    create: () => new nn.AdaptiveLogSoftmaxWithLoss(3, 6, [2, 4]),
    inputs: () => [x(), tensor([1, 5], { dtype: 'int32' })],
  },
};

const classNames = Object.entries(nn)
  .filter(([name, value]) => name.endsWith('Loss') && typeof value === 'function')
  .map(([name]) => name);
const functionNames = Object.entries(nn.F)
  .filter(([name, value]) => /Loss$|Entropy(WithLogits)?$|^klDiv$/.test(name) && typeof value === 'function')
  .map(([name]) => name);

describe('loss modules refuse arguments after their inputs', () => {
  it('covers every export whose name ends in Loss', () => {
    expect(classNames.length).toBeGreaterThanOrEqual(22);
    expect(classNames.filter((name) => !(name in modules))).toEqual([]);
  });

  it.each(classNames)('%s', (name) => {
    const entry = modules[name]!;
    const criterion = callOf(entry.create());
    expect(() => criterion(...entry.inputs(), { reduction: 'sum' })).toThrow(`${name}.forward: takes (`);
    expect(() => criterion(...entry.inputs(), undefined, 'sum')).toThrow(`${name}.forward: `);
    expect(() => criterion(...entry.inputs(), undefined, undefined)).not.toThrow();
  });

  it('names what forward takes and where the options go', () => {
    const criterion = new nn.CrossEntropyLoss();
    // @ts-expect-error: forward takes (input, target); TypeScript refuses the options here too
    expect(() => criterion.call(logits(), labels(), { reduction: 'sum' })).toThrow(
      "CrossEntropyLoss.forward: takes (input, target), got 3 arguments; the reduction and other options belong to the constructor: new CrossEntropyLoss({ reduction: 'sum' })",
    );
    expect(() => callOf(new nn.MSELoss())(x(), y(), tensor([1, 2, 3]))).toThrow('MSELoss.forward: takes (input, target), got 3 arguments');
    expect(() => callOf(new nn.CTCLoss())(...ctcInputs(), 'sum')).toThrow(
      'CTCLoss.forward: takes (logProbs, targets, inputLengths, targetLengths), got 5 arguments',
    );
  });

  it('computes what it did with a trailing undefined', () => {
    const criterion = new nn.CrossEntropyLoss();
    const expected = criterion.call(logits(), labels()).dataSync()[0];
    expect((callOf(criterion)(logits(), labels(), undefined) as Tensor).dataSync()[0]).toBe(expected);
  });
});

describe('functional losses refuse arguments after their options', () => {
  it('covers every functional loss', () => {
    expect(functionNames.length).toBeGreaterThanOrEqual(21);
    expect(functionNames.filter((name) => !(name in inputs))).toEqual([]);
  });

  it.each(functionNames)('F.%s', (name) => {
    const fn = loose((nn.F as Record<string, unknown>)[name]);
    expect(() => fn(...inputs[name]!(), {}, { reduction: 'sum' })).toThrow(`${name}: `);
    expect(() => fn(...inputs[name]!(), undefined, undefined, 'sum')).toThrow(`${name}: `);
    expect(() => fn(...inputs[name]!(), undefined, undefined)).not.toThrow();
  });

  it("names what the function takes and that the options go in the options object (torch's positional reduction)", () => {
    expect(() => loose(nn.F.mseLoss)(x(), y(), undefined, undefined, 'sum')).toThrow(
      "mseLoss: takes (input, target, options), got 5 arguments; the options (reduction) go in the options object: mseLoss(input, target, { reduction: 'sum' })",
    );
    // @ts-expect-error: binaryCrossEntropy takes (input, target, options)
    expect(() => nn.F.binaryCrossEntropy(x(), y(), {}, 'sum')).toThrow(
      "binaryCrossEntropy: takes (input, target, options), got 4 arguments; the options (weight, reduction) go in the options object: binaryCrossEntropy(input, target, { reduction: 'sum' })",
    );
    expect(() => loose(nn.F.gaussianNllLoss)(x(), y(), y(), {}, 'sum')).toThrow(
      'gaussianNllLoss: takes (input, target, variance, options), got 5 arguments',
    );
    // tripletMarginLoss reads torch's positional (margin, p, eps, swap), so the options object must come last
    expect(() => loose(nn.F.tripletMarginLoss)(...triplet(), {}, 'sum')).toThrow(
      'tripletMarginLoss: the options object must come last; got an object for positional argument `margin`',
    );
  });

  it('computes what it did with a trailing undefined', () => {
    const expected = nn.F.mseLoss(x(), y(), { reduction: 'sum' }).dataSync()[0];
    expect((loose(nn.F.mseLoss)(x(), y(), { reduction: 'sum' }, undefined) as Tensor).dataSync()[0]).toBe(expected);
  });
});
