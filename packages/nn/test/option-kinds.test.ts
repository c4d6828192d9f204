import { describe, expect, it } from 'vitest';
import { randn, tensor } from '@dl/tensor';
import * as nn from '../src/index.js';

// Flags and numbers given as text, as a command line or a form gives them. The string 'false' is
// truthy, so each of these switched on what it meant to switch off, without a word: KLDivLoss
// computed the loss of a log target, TripletMarginLoss swapped, GaussianNLLLoss added its constant,
// Conv2d and Linear made a bias, LeakyReLU wrote into its input; CrossEntropyLoss's ignoreIndex '1'
// ignored nothing. torch raises for each (its argument parser takes a bool or an int, not a str).

/** A class as JavaScript calls it: any arguments. */
const loose = (Class: unknown) => Class as new (...values: unknown[]) => unknown;

const refused: [string, () => unknown, string][] = [
  ['LeakyReLU', () => new (loose(nn.LeakyReLU))(0.01, 'false'), "LeakyReLU: inplace must be true or false, got 'false'"],
  ['ELU', () => new (loose(nn.ELU))(1, 'false'), "ELU: inplace must be true or false, got 'false'"],
  ['Hardtanh', () => new (loose(nn.Hardtanh))(-1, 1, 'false'), "Hardtanh: inplace must be true or false, got 'false'"],
  ['Linear', () => new (loose(nn.Linear))(4, 2, 'false'), "Linear: bias must be true or false, got 'false'"],
  ['Conv2d', () => new (loose(nn.Conv2d))(4, 2, 3, { bias: 'false' }), "Conv2d: bias must be true or false, got 'false'"],
  ['BatchNorm2d', () => new (loose(nn.BatchNorm2d))(4, { affine: 'false' }), "BatchNorm2d: affine must be true or false, got 'false'"],
  ['AvgPool2d', () => new (loose(nn.AvgPool2d))(2, { ceilMode: 'false' }), "AvgPool2d: ceilMode must be true or false, got 'false'"],
  [
    'AvgPool2d',
    () => new (loose(nn.AvgPool2d))(2, { countIncludePad: 'false' }),
    "AvgPool2d: countIncludePad must be true or false, got 'false'",
  ],
  ['KLDivLoss', () => new (loose(nn.KLDivLoss))({ logTarget: 'false' }), "KLDivLoss: logTarget must be true or false, got 'false'"],
  [
    'TripletMarginLoss',
    () => new (loose(nn.TripletMarginLoss))({ swap: 'false' }),
    "TripletMarginLoss: swap must be true or false, got 'false'",
  ],
  ['GaussianNLLLoss', () => new (loose(nn.GaussianNLLLoss))({ full: 'false' }), "GaussianNLLLoss: full must be true or false, got 'false'"],
  [
    'PoissonNLLLoss',
    () => new (loose(nn.PoissonNLLLoss))({ logInput: 'false' }),
    "PoissonNLLLoss: logInput must be true or false, got 'false'",
  ],
  [
    'CrossEntropyLoss',
    () => new (loose(nn.CrossEntropyLoss))({ ignoreIndex: '1' }),
    "CrossEntropyLoss: ignoreIndex must be a number, got '1'",
  ],
  [
    'CrossEntropyLoss',
    () => new (loose(nn.CrossEntropyLoss))({ labelSmoothing: '0.1' }),
    "CrossEntropyLoss: labelSmoothing must be a number, got '0.1'",
  ],
  ['Embedding', () => new (loose(nn.Embedding))(5, 3, { paddingIdx: '0' }), "Embedding: paddingIdx must be a number, got '0'"],
  ['EarlyStopping', () => new (loose(nn.EarlyStopping))({ patience: '3' }), "EarlyStopping: patience must be an integer ≥ 0, got '3'"],
  [
    'EarlyStopping',
    () => new (loose(nn.EarlyStopping))({ restoreBestWeights: 'false' }),
    "EarlyStopping: restoreBestWeights must be true or false, got 'false'",
  ],
  [
    'F.avgPool2d',
    () => nn.F.avgPool2d(randn([1, 1, 4, 4]), 2, { ceilMode: 'false' as never }),
    "ceilMode must be true or false, got 'false'",
  ],
  // these reached an inner op first, which named itself ("lt: expected a tensor or a number, got '1'")
  [
    'F.smoothL1Loss',
    () => nn.F.smoothL1Loss(randn([3]), randn([3]), { beta: '1' as never }),
    "smoothL1Loss: beta must be a number, got '1'",
  ],
  [
    'F.pairwiseDistance',
    () => nn.F.pairwiseDistance(randn([2, 3]), randn([2, 3]), { eps: '1e-6' as never }),
    "pairwiseDistance: eps must be a finite number, got '1e-6'",
  ],
];

describe('flags and numbers given as text', () => {
  for (const [name, build, message] of refused)
    it(`${name}: ${message.split(': ').slice(1).join(': ')}`, () => expect(build).toThrow(message));

  it("the same options as booleans, numbers and null (torch's None) still work", () => {
    expect(() => new nn.Linear(4, 2, false)).not.toThrow();
    expect(new nn.BatchNorm2d(4, { affine: false, momentum: null }).weight).toBeNull();
    expect(new nn.Embedding(5, 3, { paddingIdx: 0, maxNorm: null }).paddingIdx).toBe(0);
    const loss = new nn.CrossEntropyLoss({ ignoreIndex: 1, labelSmoothing: 0 });
    const logits = randn([3, 4]);
    const target = tensor([0, 1, 2], { dtype: 'int32' });
    // ignoring class 1 drops the second row: the mean over the first and third
    const rows = new nn.CrossEntropyLoss({ reduction: 'none' }).call(logits, target).dataSync();
    expect(loss.call(logits, target).itemSync()).toBeCloseTo((rows[0]! + rows[2]!) / 2, 5);
  });
});
