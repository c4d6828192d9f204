import { describe, expect, it } from 'vitest';
import * as dl from '@dl/tensor';
import { isTensor, type Tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';

// A PyTorch user frees what an op returned and expects nothing else to stay behind: `y = op(x)`,
// `y.dispose()`. An op built from other ops creates intermediates the caller never sees; unless the op
// releases them itself they wait for the garbage collector, and in a synchronous loop (which never
// lets the collector's callbacks run) they pile up: a loop of `layerNorm(x).dispose()` on [256, 1024]
// held 351 MiB and ran 5× slower than the same loop in a scope (bench/intermediates.mjs). So every
// op, outside any scope, must leave the live handles and bytes in use exactly as it found them once its
// outputs are disposed; the counters below change synchronously, without the collector.

dl.manualSeed(0);
const images = dl.randn([2, 3, 8, 8]);
const matrix = dl.randn([6, 8]);
const other = dl.randn([6, 8]);
const square = dl.randn([8, 8]);
const batch = dl.randn([2, 6, 8]);
const vector = dl.randn([8]);
const kernel = dl.randn([4, 3, 3, 3]);
const bias = dl.randn([4]);
const sequence = dl.randn([2, 3, 10]);
const sequenceKernel = dl.randn([4, 3, 3]);
const classes = dl.tensor([1, 0, 3, 2, 1, 0], { dtype: 'int32' });
const mask = matrix.gt(0);
const probabilities = dl.rand([3, 5]);
const zerosLikeOther = dl.zerosLike(other);
const transposedMatrix = matrix.transpose(0, 1);
const permutedImages = images.permute([0, 2, 3, 1]);
const columns = dl.unfold(images, 3);
const columnIndex = dl.zeros([6, 2], { dtype: 'int32' });
const rowIndex = dl.tensor([0, 2], { dtype: 'int32' });
const otherColumns = other.narrow(1, 0, 2);
const logProbabilities = dl.logSoftmax(matrix, 1);
const image = images.select(0, 0);
const batchRight = dl.randn([2, 8, 3]);
const transposeKernel = dl.randn([3, 2, 3, 3]);

const operations: Record<string, () => unknown> = {
  abs: () => dl.abs(matrix),
  exp: () => dl.exp(matrix),
  sigmoid: () => dl.sigmoid(matrix),
  silu: () => dl.silu(matrix),
  gelu: () => dl.gelu(matrix),
  'gelu tanh': () => dl.gelu(matrix, 'tanh'),
  elu: () => dl.elu(matrix),
  leakyRelu: () => dl.leakyRelu(matrix, 0.2),
  softplus: () => dl.softplus(matrix),
  tanh: () => dl.tanh(matrix),
  relu: () => dl.relu(matrix),
  clamp: () => dl.clamp(matrix, -0.5, 0.5),
  'clamp by tensors': () => dl.clamp(matrix, zerosLikeOther, 1),
  pow: () => dl.pow(matrix, 3),
  remainder: () => dl.remainder(matrix, 0.7),
  where: () => dl.where(mask, matrix, 0),
  maskedFill: () => dl.maskedFill(matrix, mask, 0),
  add: () => dl.add(matrix, other, 2),
  'add with { alpha }': () => dl.add(matrix, other, { alpha: 2 }),
  'add_ with { alpha } (of a copy)': () => matrix.clone().add_(other, { alpha: 2 }),
  'sub_ with { alpha } (of a copy)': () => matrix.clone().sub_(other, { alpha: -1 }),
  'add broadcast': () => dl.add(matrix, vector),
  div: () => dl.div(matrix, other),
  maximum: () => dl.maximum(matrix, other),
  sum: () => dl.sum(matrix),
  'sum keepdim': () => dl.sum(matrix, 1, true),
  mean: () => dl.mean(matrix),
  'mean dim': () => dl.mean(matrix, 1),
  'mean keepdim': () => dl.mean(matrix, [0, 1], true),
  prod: () => dl.prod(matrix, 1),
  amax: () => dl.amax(matrix, 1, true),
  max: () => dl.max(matrix, 1),
  'max all': () => dl.max(matrix),
  min: () => dl.min(matrix, 0, true),
  argmax: () => dl.argmax(matrix, 1, true),
  any: () => dl.any(mask, 1),
  all: () => dl.all(mask),
  logsumexp: () => dl.logsumexp(matrix, 1),
  norm: () => dl.norm(matrix),
  'norm dim': () => dl.norm(matrix, 1, 1, true),
  var: () => dl.var(matrix, 1),
  std: () => dl.std(matrix, 1, { keepdim: true }),
  cumsum: () => dl.cumsum(matrix, 1),
  softmax: () => dl.softmax(matrix, 1),
  logSoftmax: () => dl.logSoftmax(matrix, 1),
  'softmax dim 0': () => dl.softmax(matrix, 0),
  matmul: () => dl.matmul(matrix, square),
  'matmul vector': () => dl.matmul(matrix, vector),
  'matmul batched': () => dl.matmul(batch, square),
  mm: () => dl.mm(matrix, square),
  bmm: () => dl.bmm(batch, batchRight),
  dot: () => dl.dot(vector, vector),
  outer: () => dl.outer(vector, vector),
  einsum: () => dl.einsum('ij,jk->ik', matrix, square),
  conv1d: () => dl.conv1d(sequence, sequenceKernel, bias, { padding: 1 }),
  conv2d: () => dl.conv2d(images, kernel, bias, { padding: 1 }),
  'conv2d strided': () => dl.conv2d(images, kernel, null, { stride: 2 }),
  convTranspose2d: () => dl.convTranspose2d(images, transposeKernel, null, { stride: 2 }),
  maxPool2d: () => dl.maxPool2d(images, 2),
  'maxPool2d indices': () => dl.maxPool2d(images, 2, { returnIndices: true }),
  'maxPool2d unbatched': () => dl.maxPool2d(image, 2),
  avgPool2d: () => dl.avgPool2d(images, 2),
  'avgPool2d padded': () => dl.avgPool2d(images, 3, { padding: 1, countIncludePad: false }),
  adaptiveAvgPool2d: () => dl.adaptiveAvgPool2d(images, [3, 3]),
  unfold: () => dl.unfold(images, 3),
  fold: () => dl.fold(columns, [8, 8], 3),
  pad: () => dl.pad(images, [1, 1, 2, 0]),
  'pad with a value': () => dl.pad(images, [1, 1, 1, 1], 2.5),
  cat: () => dl.cat([matrix, other], 1),
  stack: () => dl.stack([matrix, other]),
  split: () => dl.split(matrix, 2, 1),
  chunk: () => dl.chunk(matrix, 3, 0),
  unbind: () => dl.unbind(matrix, 0),
  flatten: () => dl.flatten(images, 1),
  transpose: () => dl.transpose(matrix, 0, 1),
  permute: () => dl.permute(images, [0, 2, 3, 1]),
  'contiguous of a permutation': () => dl.contiguous(permutedImages),
  reshape: () => dl.reshape(transposedMatrix, [48]),
  expand: () => dl.expand(vector, [3, 8]),
  repeat: () => dl.repeat(matrix, [2, 1]),
  flip: () => dl.flip(matrix, [0, 1]),
  narrow: () => dl.narrow(matrix, 1, 2, 3),
  select: () => dl.select(matrix, 0, 2),
  tril: () => dl.tril(square),
  triu: () => dl.triu(square, 1),
  gather: () => dl.gather(matrix, 1, columnIndex),
  indexSelect: () => dl.indexSelect(matrix, 0, rowIndex),
  scatterAdd: () => dl.scatterAdd(matrix, 1, columnIndex, otherColumns),
  oneHot: () => dl.oneHot(classes, 4),
  sort: () => dl.sort(matrix, 1),
  argsort: () => dl.argsort(matrix, 1, true),
  topk: () => dl.topk(matrix, 3, 1),
  nonzero: () => dl.nonzero(mask),
  nllLossUnweighted: () => dl.nllLossUnweighted(logProbabilities, classes, 'mean'),
  multinomial: () => dl.multinomial(probabilities, 2),
  clone: () => dl.clone(matrix),
  cast: () => dl.cast(matrix, 'float64'),
  isnan: () => dl.isnan(matrix),
};

describe('ops release the intermediates they create', () => {
  it.each(Object.keys(operations))('%s: once its outputs are disposed, the live handles and bytes are as before', (name) => {
    const run = operations[name]!;
    run(); // a first call may create shared constants (cached for the process) and warm the pools
    expect(leftBehind(() => dl.noGrad(run))).toEqual({ handles: 0, bytes: 0 });
    // grad mode on, but these inputs need no gradient: no graph is recorded (the next block records one)
    expect(leftBehind(run)).toEqual({ handles: 0, bytes: 0 });
  });
});

// With a graph: a training step through the op (forward, backward, the gradient taken and dropped)
// leaves nothing once its outputs are disposed. The intermediates the op released at its end stay
// alive through the graph's own references until backward() is done with them.
const leaf = dl.randn([6, 8], { requiresGrad: true });
const differentiable: Record<string, (x: Tensor) => unknown> = {
  sigmoid: (x) => dl.sigmoid(x),
  gelu: (x) => dl.gelu(x),
  softplus: (x) => dl.softplus(x),
  clamp: (x) => dl.clamp(x, -0.5, 0.5),
  'add with alpha': (x) => dl.add(x, x, 2),
  'add with { alpha }': (x) => dl.add(x, x, { alpha: 2 }),
  'mul_ of a copy': (x) => x.clone().mul_(2),
  'add_ with { alpha } of a copy': (x) => x.clone().add_(x, { alpha: 2 }),
  'clamp_ of a copy': (x) => x.clone().clamp_(-0.5, 0.5),
  'mean keepdim': (x) => dl.mean(x, 1, true),
  amax: (x) => dl.amax(x, 1),
  'max along a dim': (x) => dl.max(x, 1),
  var: (x) => dl.var(x, 1),
  norm: (x) => dl.norm(x),
  logsumexp: (x) => dl.logsumexp(x, 1),
  softmax: (x) => dl.softmax(x, 1),
  'reshape to the same shape': (x) => x.reshape(6, 8),
  'matmul with a vector': (x) => dl.matmul(x, vector),
  // the reshape is the caller's own intermediate: composite() releases it, as a user's function would
  maxPool2d: (x) => dl.composite(() => dl.maxPool2d(x.reshape(1, 1, 6, 8), 2)),
};

describe('ops release their intermediates in a training step too', () => {
  it.each(Object.keys(differentiable))('%s: forward and backward leave the live handles and bytes as before', (name) => {
    const step = () => {
      const outputs = differentiable[name]!(leaf);
      const first = (isTensor(outputs) ? outputs : (outputs as { values: Tensor }).values) as Tensor;
      const loss = first.sum();
      loss.backward();
      const gradient = leaf.grad!;
      leaf.grad = null;
      return [outputs, loss, gradient];
    };
    leftBehind(step, [leaf]); // the first step creates the constants it caches
    expect(leftBehind(step, [leaf])).toEqual({ handles: 0, bytes: 0 });
  });
});

// Reading a strided tensor packs it first: that copy is released once its values are out.
describe('reads release the packed copy of a strided tensor', () => {
  const transposed = matrix.t();
  const element = matrix.narrow(1, 3, 1).narrow(0, 2, 1); // [1, 1], not contiguous in its storage's terms
  it.each([
    ['dataSync', () => transposed.dataSync()],
    ['toArraySync', () => transposed.toArraySync()],
    ['itemSync of a one-element view', () => element.itemSync()],
  ])('%s', (_, read) => {
    expect(leftBehind(read, [transposed, element])).toEqual({ handles: 0, bytes: 0 });
  });

  it('data() and toArray(), once awaited', async () => {
    const before = { ...dl.memory().cpu! };
    await transposed.data();
    await transposed.toArray();
    const after = dl.memory().cpu!;
    expect([after.liveTensors - before.liveTensors, after.bytesInUse - before.bytesInUse]).toEqual([0, 0]);
  });
});
