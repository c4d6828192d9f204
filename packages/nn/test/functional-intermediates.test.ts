import { describe, expect, it } from 'vitest';
import * as dl from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import { functional as F } from '../src/index.js';

// As @dl/tensor's ops (its test/intermediates-released.test.ts): a functional call whose outputs the
// caller disposes leaves no live handle or byte behind, outside any scope or module call, without the
// garbage collector. Before, F.layerNorm left 11 intermediates per call for the collector, and a loop
// of them held hundreds of MiB until it yielded.

dl.manualSeed(0);
const features = dl.randn([6, 8]);
const images = dl.randn([2, 4, 5, 5]);
const weight = dl.randn([3, 8]);
const bias = dl.randn([3]);
const classes = dl.tensor([1, 0, 2, 1, 0, 2], { dtype: 'int32' });
const logits = dl.randn([6, 3]);
const targets = dl.rand([6, 3]);
const probabilities = dl.sigmoid(logits);
const logProbabilities = dl.logSoftmax(logits, 1);
const classWeights = dl.tensor([0.2, 0.3, 0.5]);
const runningMean = dl.zeros([4]);
const runningVar = dl.ones([4]);
const channelWeight = dl.ones([4]);
const channelBias = dl.zeros([4]);
const table = dl.randn([10, 4]);
const tokens = dl.tensor([1, 3, 0, 9], { dtype: 'int32' });
const kernel = dl.randn([2, 4, 3, 3]);

const calls: Record<string, () => unknown> = {
  linear: () => F.linear(features, weight, bias),
  'linear without bias': () => F.linear(features, weight),
  relu: () => F.relu(features),
  gelu: () => F.gelu(features),
  silu: () => F.silu(features),
  sigmoid: () => F.sigmoid(features),
  tanh: () => F.tanh(features),
  softplus: () => F.softplus(features),
  elu: () => F.elu(features),
  leakyRelu: () => F.leakyRelu(features, 0.1),
  softmax: () => F.softmax(features, 1),
  logSoftmax: () => F.logSoftmax(features, 1),
  dropout: () => F.dropout(features, 0.5, true),
  'dropout in evaluation': () => F.dropout(features, 0.5, false),
  dropout2d: () => F.dropout2d(images, 0.5, true),
  conv2d: () => F.conv2d(images, kernel, null, { padding: 1 }),
  maxPool2d: () => F.maxPool2d(images, 2),
  avgPool2d: () => F.avgPool2d(images, 2),
  adaptiveAvgPool2d: () => F.adaptiveAvgPool2d(images, [1, 1]),
  pad: () => F.pad(images, [1, 1, 1, 1]),
  embedding: () => F.embedding(tokens, table),
  'embedding with padding': () => F.embedding(tokens, table, 0),
  oneHot: () => F.oneHot(classes, 3),
  'batchNorm training': () => F.batchNorm(images, runningMean, runningVar, channelWeight, channelBias, true, 0.1, 1e-5),
  'batchNorm evaluation': () => F.batchNorm(images, runningMean, runningVar, channelWeight, channelBias, false),
  layerNorm: () => F.layerNorm(features, [8]),
  groupNorm: () => F.groupNorm(images, 2, channelWeight, channelBias),
  mseLoss: () => F.mseLoss(logits, targets),
  'mseLoss sum': () => F.mseLoss(logits, targets, { reduction: 'sum' }),
  l1Loss: () => F.l1Loss(logits, targets),
  smoothL1Loss: () => F.smoothL1Loss(logits, targets, { beta: 0.5 }),
  huberLoss: () => F.huberLoss(logits, targets),
  nllLoss: () => F.nllLoss(logProbabilities, classes),
  'nllLoss weighted': () => F.nllLoss(logProbabilities, classes, { weight: classWeights }),
  crossEntropy: () => F.crossEntropy(logits, classes),
  'crossEntropy smoothed': () => F.crossEntropy(logits, classes, { labelSmoothing: 0.1 }),
  'crossEntropy probabilities': () => F.crossEntropy(logits, targets),
  binaryCrossEntropy: () => F.binaryCrossEntropy(probabilities, targets),
  binaryCrossEntropyWithLogits: () => F.binaryCrossEntropyWithLogits(logits, targets),
  'binaryCrossEntropyWithLogits posWeight': () => F.binaryCrossEntropyWithLogits(logits, targets, { posWeight: classWeights }),
  klDiv: () => F.klDiv(logProbabilities, targets, { reduction: 'batchmean' }),
};

/** The inputs above: an op may return one of them as it is (dropout in evaluation, as torch's), which is not the caller's to dispose. */
const inputs = [
  features,
  images,
  weight,
  bias,
  classes,
  logits,
  targets,
  probabilities,
  logProbabilities,
  classWeights,
  runningMean,
  runningVar,
  channelWeight,
  channelBias,
  table,
  tokens,
  kernel,
];

describe('functional calls release the intermediates they create', () => {
  it.each(Object.keys(calls))('%s: once its outputs are disposed, the live handles and bytes are as before', (name) => {
    const call = calls[name]!;
    call(); // a first call may create shared constants (cached for the process)
    expect(leftBehind(() => dl.noGrad(call), inputs)).toEqual({ handles: 0, bytes: 0 });
    expect(leftBehind(call, inputs)).toEqual({ handles: 0, bytes: 0 });
  });
});
