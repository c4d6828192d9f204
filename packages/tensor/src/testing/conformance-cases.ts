import type { Tensor } from '../core/tensor.js';
import * as ops from '../index.js';
import type { InputSpec } from './conformance-inputs.js';

/**
 * One entry of the backend conformance suite: inputs, the function under test, and which group of
 * kernels it exercises (so a partial backend can run the groups it implements).
 */
export interface ConformanceCase {
  name: string;
  group: 'elementwise' | 'reduce' | 'matmul' | 'movement' | 'indexing' | 'convolution' | 'composite';
  inputs: InputSpec[];
  run: (...inputs: Tensor[]) => Tensor;
  /** Skip the second-order check (functions that are piecewise linear have zero second derivatives anyway). */
  firstOrderOnly?: boolean;
  /** Not differentiable at all (comparisons, argmax). */
  forwardOnly?: boolean;
}

const n = (...shape: number[]): InputSpec => ({ shape });
const pos = (...shape: number[]): InputSpec => ({ shape, kind: 'positive' });
const strided = (...shape: number[]): InputSpec => ({ shape, nonContiguous: true });
const unit = (...shape: number[]): InputSpec => ({ shape, kind: 'unit' });

const unaryCases: [string, (x: Tensor) => Tensor, InputSpec?][] = [
  ['neg', (x) => x.neg()],
  ['abs', (x) => x.abs()],
  ['exp', (x) => x.exp()],
  ['log', (x) => x.log(), pos(2, 3)],
  ['log1p', (x) => x.log1p(), pos(2, 3)],
  ['expm1', (x) => x.expm1()],
  ['sqrt', (x) => x.sqrt(), pos(2, 3)],
  ['rsqrt', (x) => x.rsqrt(), pos(2, 3)],
  ['square', (x) => x.square()],
  ['reciprocal', (x) => x.reciprocal()],
  ['sin', (x) => x.sin()],
  ['cos', (x) => x.cos()],
  ['tanh', (x) => x.tanh()],
  ['erf', (x) => x.erf()],
  ['tan', (x) => x.tan(), unit(2, 3)],
  ['asin', (x) => x.asin(), unit(2, 3)],
  ['acos', (x) => x.acos(), unit(2, 3)],
  ['atan', (x) => x.atan()],
  ['sinh', (x) => x.sinh()],
  ['cosh', (x) => x.cosh()],
  ['asinh', (x) => x.asinh()],
  ['acosh', (x) => x.add(1).acosh(), pos(2, 3)],
  ['atanh', (x) => x.atanh(), unit(2, 3)],
  ['log2', (x) => x.log2(), pos(2, 3)],
  ['log10', (x) => x.log10(), pos(2, 3)],
  ['exp2', (x) => x.exp2()],
  ['sigmoid', (x) => x.sigmoid()],
  ['relu', (x) => x.relu()],
  ['leakyRelu', (x) => x.leakyRelu(0.1)],
  ['elu', (x) => x.elu(1.5)],
  ['gelu', (x) => x.gelu()],
  ['gelu tanh', (x) => x.gelu('tanh')],
  ['silu', (x) => x.silu()],
  ['softplus', (x) => x.softplus(2, 3)],
  ['clamp', (x) => x.clamp(-0.5, 0.7)],
  ['pow scalar', (x) => x.pow(3)],
  ['sign times x', (x) => x.sign().mul(x)],
  ['floor + x', (x) => x.floor().add(x)],
];

const binaryCases: [string, (a: Tensor, b: Tensor) => Tensor, InputSpec[]][] = [
  ['add', (a, b) => a.add(b), [n(2, 3), n(2, 3)]],
  ['add alpha', (a, b) => a.add(b, 2.5), [n(2, 3), n(2, 3)]],
  ['sub broadcast', (a, b) => a.sub(b), [n(2, 3), n(3)]],
  ['mul broadcast size-1', (a, b) => a.mul(b), [n(2, 1, 3), n(4, 1)]],
  ['div', (a, b) => a.div(b), [n(2, 3), pos(2, 3)]],
  ['pow tensor', (a, b) => a.pow(b), [pos(2, 3), n(2, 3)]],
  ['maximum', (a, b) => a.maximum(b), [n(2, 3), n(2, 3)]],
  ['atan2 broadcast', (a, b) => a.atan2(b), [n(2, 3), n(3)]],
  ['minimum', (a, b) => a.minimum(b), [n(2, 3), n(3)]],
  ['where', (a, b) => ops.where(a.gt(b), a, b.mul(2)), [n(2, 3), n(2, 3)]],
  ['mul non-contiguous', (a, b) => a.mul(b), [strided(3, 4), strided(3, 4)]],
  ['add scalar-shaped', (a, b) => a.add(b), [n(2, 3), n()]],
];

export const conformanceCases: ConformanceCase[] = [
  ...unaryCases.map(([name, run, spec]) => ({
    name,
    group: 'elementwise' as const,
    inputs: [spec ?? n(2, 3)],
    run,
    firstOrderOnly: ['relu', 'leakyRelu', 'clamp', 'abs', 'neg', 'sign times x', 'floor + x'].includes(name),
  })),
  { name: 'exp of scalar', group: 'elementwise', inputs: [n()], run: (x) => x.exp() },
  { name: 'tanh of empty', group: 'elementwise', inputs: [n(0, 3)], run: (x) => x.tanh() },
  { name: 'sin of non-contiguous', group: 'elementwise', inputs: [strided(3, 2)], run: (x) => x.sin() },
  { name: 'exp of strided vector', group: 'elementwise', inputs: [strided(5)], run: (x) => x.exp() },
  ...binaryCases.map(([name, run, inputs]) => ({
    name,
    group: 'elementwise' as const,
    inputs,
    run: run as (...inputs: Tensor[]) => Tensor,
    firstOrderOnly: ['add', 'add alpha', 'sub broadcast', 'maximum', 'minimum', 'where', 'add scalar-shaped'].includes(name),
  })),
  { name: 'gt (forward)', group: 'elementwise', inputs: [n(2, 3), n(2, 3)], run: (a, b) => a.gt(b), forwardOnly: true },
  { name: 'isfinite (forward)', group: 'elementwise', inputs: [n(4)], run: (a) => a.div(a.sub(a)).isfinite(), forwardOnly: true },

  { name: 'sum all', group: 'reduce', inputs: [n(2, 3)], run: (x) => x.sum(), firstOrderOnly: true },
  { name: 'sum dim keepdim', group: 'reduce', inputs: [n(2, 3, 4)], run: (x) => x.sum(1, true).square() },
  { name: 'sum dims', group: 'reduce', inputs: [strided(3, 4)], run: (x) => x.sum([0, 1]).square() },
  { name: 'sum of empty', group: 'reduce', inputs: [n(0, 3)], run: (x) => x.sum(0) },
  { name: 'mean', group: 'reduce', inputs: [n(3, 4)], run: (x) => x.mean(-1).square() },
  { name: 'prod', group: 'reduce', inputs: [n(2, 3)], run: (x) => x.prod(1) },
  { name: 'amax', group: 'reduce', inputs: [n(3, 4)], run: (x) => x.amax(1).square() },
  { name: 'max dim values', group: 'reduce', inputs: [n(3, 4)], run: (x) => x.max(0).values.square() },
  { name: 'min all', group: 'reduce', inputs: [n(3, 4)], run: (x) => x.min().square() },
  { name: 'argmax (forward)', group: 'reduce', inputs: [n(3, 4)], run: (x) => x.argmax(1), forwardOnly: true },
  { name: 'var', group: 'reduce', inputs: [n(3, 4)], run: (x) => x.var(1) },
  { name: 'std', group: 'reduce', inputs: [n(3, 4)], run: (x) => x.std(0, { correction: 0 }) },
  { name: 'norm', group: 'reduce', inputs: [n(3, 4)], run: (x) => x.norm(2, 1) },
  { name: 'norm p=3', group: 'reduce', inputs: [n(3, 4)], run: (x) => x.norm(3) },
  { name: 'logsumexp', group: 'reduce', inputs: [n(3, 4)], run: (x) => x.logsumexp(1) },
  { name: 'softmax', group: 'reduce', inputs: [n(3, 4)], run: (x) => x.softmax(1) },
  { name: 'logSoftmax', group: 'reduce', inputs: [strided(3, 4)], run: (x) => x.logSoftmax(0) },
  { name: 'cumsum', group: 'reduce', inputs: [n(3, 4)], run: (x) => x.cumsum(1).square() },
  { name: 'sort values', group: 'reduce', inputs: [n(3, 5)], run: (x) => x.sort(1).values.square() },
  { name: 'sort descending indices (forward)', group: 'reduce', inputs: [n(4, 3)], run: (x) => x.argsort(0, true), forwardOnly: true },
  { name: 'topk', group: 'reduce', inputs: [strided(3, 5)], run: (x) => x.topk(2, 0).values.square() },
  {
    name: 'any / all (forward)',
    group: 'reduce',
    inputs: [n(3, 4)],
    run: (x) => x.gt(0).any(1).logicalAnd(x.gt(-3).all(1)),
    forwardOnly: true,
  },
  {
    name: 'multinomial (forward)',
    group: 'composite',
    inputs: [pos(3, 5)],
    forwardOnly: true,
    run: (x) => {
      ops.manualSeed(5);
      return ops.multinomial(x, 3, false).add(ops.multinomial(x, 4, true).sum(1, true));
    },
  },
  { name: 'tril / triu', group: 'composite', inputs: [n(2, 3, 4)], run: (x) => x.tril(1).square().add(x.triu(2)) },

  { name: 'matmul 2-D', group: 'matmul', inputs: [n(3, 4), n(4, 5)], run: (a, b) => a.matmul(b) },
  { name: 'matmul transposed operands', group: 'matmul', inputs: [strided(3, 4), strided(4, 2)], run: (a, b) => a.matmul(b) },
  { name: 'matmul batched broadcast', group: 'matmul', inputs: [n(2, 1, 3, 4), n(3, 4, 2)], run: (a, b) => a.matmul(b) },
  { name: 'matmul batch × matrix', group: 'matmul', inputs: [n(2, 3, 4), n(4, 2)], run: (a, b) => a.matmul(b) },
  { name: 'matmul vector-matrix', group: 'matmul', inputs: [n(4), n(4, 3)], run: (a, b) => a.matmul(b) },
  { name: 'matmul matrix-vector', group: 'matmul', inputs: [n(3, 4), n(4)], run: (a, b) => a.matmul(b) },
  { name: 'dot', group: 'matmul', inputs: [n(5), n(5)], run: (a, b) => a.dot(b) },
  { name: 'outer', group: 'matmul', inputs: [n(3), n(2)], run: (a, b) => a.outer(b) },
  { name: 'bmm', group: 'matmul', inputs: [n(2, 2, 3), n(2, 3, 2)], run: (a, b) => a.bmm(b) },
  { name: 'linear with bias', group: 'matmul', inputs: [n(3, 4), n(5, 4), n(5)], run: (x, w, b) => ops.linear(x, w!, b) },
  { name: 'linear transposed input, no bias', group: 'matmul', inputs: [strided(3, 4), n(2, 4)], run: (x, w) => ops.linear(x, w!) },
  { name: 'einsum bij,bkj->bik', group: 'matmul', inputs: [n(2, 2, 3), n(2, 4, 3)], run: (a, b) => ops.einsum('bij,bkj->bik', a, b) },

  { name: 'reshape', group: 'movement', inputs: [n(2, 6)], run: (x) => x.reshape(3, 4).square() },
  { name: 'reshape of non-contiguous', group: 'movement', inputs: [strided(3, 4)], run: (x) => x.reshape(-1).square() },
  { name: 'permute', group: 'movement', inputs: [n(2, 3, 4)], run: (x) => x.permute(2, 0, 1).square() },
  { name: 'expand', group: 'movement', inputs: [n(3, 1)], run: (x) => x.expand(2, 3, 4).square() },
  { name: 'slice with step', group: 'movement', inputs: [n(4, 5)], run: (x) => x.slice(1, 1, 5, 2).square() },
  { name: 'slice negative indices', group: 'movement', inputs: [n(6)], run: (x) => x.slice(0, -4, -1).square() },
  {
    name: 'flip',
    group: 'movement',
    inputs: [n(3, 4)],
    run: (x) => x.flip([0, 1]).mul(ops.arange(4, undefined, 1, { dtype: x.dtype, device: x.device })),
  },
  { name: 'squeeze unsqueeze', group: 'movement', inputs: [n(3, 1, 2)], run: (x) => x.squeeze(1).unsqueeze(0).square() },
  { name: 'cat', group: 'movement', inputs: [n(2, 3), n(1, 3)], run: (a, b) => ops.cat([a, b.square()], 0) },
  { name: 'stack', group: 'movement', inputs: [n(2, 3), n(2, 3)], run: (a, b) => ops.stack([a, b.exp()], 1) },
  { name: 'split + chunk', group: 'movement', inputs: [n(5, 2)], run: (x) => x.split(2)[1]!.mul(x.chunk(3)[0]!) },
  { name: 'pad', group: 'movement', inputs: [n(2, 3)], run: (x) => ops.pad(x.square(), [1, 2, 0, 1], 0.5) },
  { name: 'repeat', group: 'movement', inputs: [n(2, 3)], run: (x) => x.repeat(2, 1, 2).square() },
  { name: 'transpose contiguous', group: 'movement', inputs: [n(2, 3)], run: (x) => x.t().contiguous().square() },

  {
    name: 'gather',
    group: 'indexing',
    inputs: [n(3, 4), { shape: [3, 2], kind: 'index', high: 4 }],
    run: (x, i) => x.gather(1, i!).square(),
  },
  {
    name: 'scatterAdd',
    group: 'indexing',
    inputs: [n(3, 4), { shape: [2, 4], kind: 'index', high: 3 }, n(2, 4)],
    run: (x, i, s) => x.scatterAdd(0, i!, s!).square(),
  },
  {
    name: 'scatter',
    group: 'indexing',
    inputs: [n(2, 4), n(2, 2)],
    run: (x, s) =>
      x
        .scatter(
          1,
          ops.tensor(
            [
              [0, 3],
              [2, 1],
            ],
            { dtype: 'int32', device: x.device },
          ),
          s!,
        )
        .square(),
  },
  {
    name: 'indexSelect',
    group: 'indexing',
    inputs: [n(4, 3), { shape: [5], kind: 'index', high: 4 }],
    run: (x, i) => x.indexSelect(0, i!).square(),
  },
  {
    name: 'maskedFill',
    group: 'indexing',
    inputs: [n(3, 4), { shape: [3, 4], kind: 'mask' }],
    run: (x, m) => x.maskedFill(m!, 2).square(),
  },

  {
    name: 'conv2d',
    group: 'convolution',
    inputs: [n(2, 2, 5, 5), n(3, 2, 3, 3), n(3)],
    run: (x, w, b) => ops.conv2d(x, w!, b, { padding: 1 }),
  },
  {
    name: 'conv2d stride dilation groups',
    group: 'convolution',
    inputs: [n(1, 4, 7, 6), n(4, 2, 2, 3)],
    run: (x, w) => ops.conv2d(x, w!, null, { stride: [2, 1], dilation: [1, 2], groups: 2, padding: [1, 0] }),
  },
  {
    name: 'conv2d same',
    group: 'convolution',
    inputs: [n(1, 1, 4, 4), n(2, 1, 2, 2)],
    run: (x, w) => ops.conv2d(x, w!, null, { padding: 'same' }),
  },
  {
    name: 'conv1d',
    group: 'convolution',
    inputs: [n(2, 2, 6), n(3, 2, 3)],
    run: (x, w) => ops.conv1d(x, w!, null, { stride: 2, padding: 1 }),
  },
  {
    name: 'convTranspose2d',
    group: 'convolution',
    inputs: [n(1, 2, 3, 3), n(2, 3, 3, 3), n(3)],
    run: (x, w, b) => ops.convTranspose2d(x, w!, b, { stride: 2, padding: 1, outputPadding: 1 }),
  },
  {
    name: 'convTranspose2d groups',
    group: 'convolution',
    inputs: [n(1, 4, 2, 3), n(4, 1, 2, 2)],
    run: (x, w) => ops.convTranspose2d(x, w!, null, { groups: 2, dilation: 2 }),
  },
  {
    name: 'maxPool2d',
    group: 'convolution',
    inputs: [n(1, 2, 5, 5)],
    run: (x) => ops.maxPool2d(x, 2, { stride: 2, ceilMode: true }).square(),
  },
  {
    name: 'maxPool2d padding',
    group: 'convolution',
    inputs: [n(2, 1, 4, 4)],
    run: (x) => ops.maxPool2d(x, 3, { stride: 1, padding: 1 }).square(),
  },
  { name: 'avgPool2d', group: 'convolution', inputs: [n(1, 2, 5, 5)], run: (x) => ops.avgPool2d(x, 3, { stride: 2, padding: 1 }).square() },
  {
    name: 'avgPool2d exclude pad',
    group: 'convolution',
    inputs: [n(1, 1, 4, 4)],
    run: (x) => ops.avgPool2d(x, 2, { stride: 2, padding: 1, countIncludePad: false }).square(),
  },
  { name: 'adaptiveAvgPool2d', group: 'convolution', inputs: [n(1, 2, 5, 7)], run: (x) => ops.adaptiveAvgPool2d(x, [2, 3]).square() },
  {
    name: 'unfold + fold',
    group: 'convolution',
    inputs: [n(1, 2, 4, 4)],
    run: (x) => ops.fold(ops.unfold(x.square(), 2, { stride: 1 }), 4, 2),
  },

  {
    name: 'mlp layer',
    group: 'composite',
    inputs: [n(4, 3), n(5, 3), n(5)],
    run: (x, w, b) => x.matmul(w!.t()).add(b!).tanh().logSoftmax(1),
  },
  {
    name: 'cross-entropy',
    group: 'composite',
    inputs: [n(4, 3)],
    run: (x) =>
      x
        .logSoftmax(1)
        .gather(1, ops.tensor([[0], [2], [1], [2]], { dtype: 'int32', device: x.device }))
        .mean()
        .neg(),
  },
  {
    name: 'layer norm',
    group: 'composite',
    inputs: [n(2, 5)],
    run: (x) => x.sub(x.mean(-1, true)).div(x.var(-1, { keepdim: true, correction: 0 }).add(1e-5).sqrt()),
  },
];
