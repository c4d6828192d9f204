import { describe, expect, it } from 'vitest';
import { randn, zeros } from '@dl/tensor';
import { Adam, BatchNorm2d, Embedding, F, GroupNorm, init, Linear, OneCycleLR, ReduceLROnPlateau, SGD } from '../src/index.js';

// Messages that used to be PyTorch's bare texts ("optimizer got an empty parameter list", "Factor
// should be < 1.0.") now name the operation and the offending values, as every other error does.

describe('errors name the operation and the values', () => {
  const weight = new Linear(3, 2).weight;

  it('optimizers and schedulers', () => {
    expect(() => new Adam([])).toThrow('Adam: got an empty parameter list');
    expect(() => new SGD([weight.mul(2)], { lr: 0.1 })).toThrow("SGD parameter group: can't optimize a non-leaf tensor [2, 3]");
    expect(() => new SGD([weight], { lr: 0.1, nesterov: true })).toThrow(
      'SGD: Nesterov momentum requires a momentum > 0 and zero dampening, got momentum 0 and dampening 0',
    );
    expect(() => new Adam([weight], { lr: -1 })).toThrow('Adam: invalid learning rate: -1');
    expect(() => new Adam([weight], { eps: -1 })).toThrow('Adam: invalid epsilon value: -1');
    const optimizer = new SGD([weight], { lr: 0.1 });
    expect(() => new OneCycleLR(optimizer, { maxLr: 1 })).toThrow('OneCycleLR: give either totalSteps or both epochs and stepsPerEpoch');
    expect(() => new OneCycleLR(optimizer, { maxLr: 1, totalSteps: 10, pctStart: 2 })).toThrow(
      'OneCycleLR: pctStart must be between 0 and 1, got 2',
    );
    expect(() => new ReduceLROnPlateau(optimizer, { factor: 1.5 })).toThrow('ReduceLROnPlateau: factor must be < 1, got 1.5');
  });

  it('layers, initialisers and losses', () => {
    expect(() => new GroupNorm(3, 8)).toThrow('GroupNorm: numChannels (8) must be divisible by numGroups (3)');
    expect(() => new Embedding(4, 2, { paddingIdx: 4 })).toThrow('Embedding: paddingIdx 4 must be within numEmbeddings (4)');
    expect(() => Embedding.fromPretrained(zeros([4]))).toThrow(
      'Embedding.fromPretrained: embeddings must be 2-D [numEmbeddings, dim], got [4]',
    );
    expect(() => new BatchNorm2d(3).call(randn([2, 3, 4]))).toThrow('BatchNorm2d: expected 4D input [N, C, H, W] (got 3D input [2, 3, 4])');
    expect(() => init.orthogonal(zeros([3]))).toThrow('orthogonal: only tensors with 2 or more dimensions are supported, got [3]');
    expect(() => init.xavierUniform(zeros([3]))).toThrow(
      'init: fan in and fan out can not be computed for a tensor with fewer than 2 dimensions, got [3]',
    );
    expect(() => F.huberLoss(randn([2]), randn([2]), { delta: 0 })).toThrow('huberLoss: delta must be > 0, got 0');
    expect(() => F.dropout(randn([2]), 1.5)).toThrow('dropout: probability has to be between 0 and 1, but got 1.5');
  });
});
