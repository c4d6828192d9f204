import { describe, expect, it } from 'vitest';
import { ones, rand, randn, tensor, type ValuesAndIndices, zeros } from '@dl/tensor';
import { F } from '../src/index.js';
import { errorMessageOf } from '../../../tools/testing/extra-inputs.js';

// JavaScript drops the arguments a function does not declare, so `F.conv2d(x, w, b, { stride: 2 }, 1)`
// ran as `F.conv2d(x, w, b, { stride: 2 })` and `F.linear(x, w, b, 1)` as `F.linear(x, w, b)`, where
// torch.nn.functional raises "TypeError: ... takes from 2 to 3 positional arguments but 4 were given".
// Each function of F is called here the fullest way it accepts (every positional, torch's order
// included where it has one, then the options object where it takes one), which must work, and then with one argument more, which must throw,
// naming the function. The functions are read from the namespace, so one added later fails here until
// it has a call below.

type Arguments = () => unknown[];

const rows = () => randn([4, 5]);
const signal = () => randn([2, 3, 8]); // [N, C, L]
const image = () => randn([2, 3, 8, 8]); // [N, C, H, W]
const volume = () => randn([1, 2, 4, 4, 4]); // [N, C, D, H, W]
const labels = () => tensor([0, 1, 2, 4], { dtype: 'int32' });
const signs = (shape: number[]) => rand(shape).gt(0.5).to('float32').mul(2).sub(1);
const probabilities = () => rand([4, 5]).mul(0.8).add(0.1);
const pooledWithIndices = ({ values, indices }: ValuesAndIndices, kernelSize: number): unknown[] => [values, indices, kernelSize, {}];

/** The fullest call each function of F accepts. */
const fullest: Record<string, Arguments> = {
  adaptiveAvgPool1d: () => [signal(), 2],
  adaptiveAvgPool2d: () => [image(), 2],
  adaptiveAvgPool3d: () => [volume(), 2],
  adaptiveMaxPool1d: () => [signal(), 2, false],
  adaptiveMaxPool1dWithIndices: () => [signal(), 2],
  adaptiveMaxPool2d: () => [image(), 2, false],
  adaptiveMaxPool2dWithIndices: () => [image(), 2],
  adaptiveMaxPool3d: () => [volume(), 2, false],
  adaptiveMaxPool3dWithIndices: () => [volume(), 2],
  affineGrid: () => [randn([1, 2, 3]), [1, 1, 4, 4], false, {}],
  alphaDropout: () => [rows(), 0.5, false, false],
  avgPool1d: () => [signal(), 2, 2, 0, false, true, {}],
  avgPool2d: () => [image(), 2, 2, 0, false, true, 3, {}],
  avgPool3d: () => [volume(), 2, 2, 0, false, true, 3, {}],
  batchNorm: () => [rows(), zeros([5]), ones([5]), ones([5]), zeros([5]), false, 0.1, 1e-5],
  bilinear: () => [randn([2, 3]), randn([2, 4]), randn([5, 3, 4]), randn([5])],
  binaryCrossEntropy: () => [probabilities(), probabilities(), rand([4, 5]), {}],
  binaryCrossEntropyWithLogits: () => [rows(), probabilities(), rand([4, 5]), {}],
  celu: () => [rows(), 1, false],
  channelShuffle: () => [image(), 3],
  conv1d: () => [signal(), randn([4, 3, 3]), randn([4]), 1, 0, 1, 1, {}],
  conv2d: () => [image(), randn([4, 3, 3, 3]), randn([4]), 1, 0, 1, 1, {}],
  conv3d: () => [volume(), randn([3, 2, 3, 3, 3]), randn([3]), 1, 0, 1, 1, {}],
  convTranspose1d: () => [signal(), randn([3, 4, 3]), randn([4]), 1, 0, 0, 1, 1, {}],
  convTranspose2d: () => [image(), randn([3, 4, 3, 3]), randn([4]), 1, 0, 0, 1, 1, {}],
  convTranspose3d: () => [volume(), randn([2, 3, 3, 3, 3]), randn([3]), 1, 0, 0, 1, 1, {}],
  cosineEmbeddingLoss: () => [rows(), rows(), signs([4]), 0, {}],
  cosineSimilarity: () => [rows(), rows(), 1, 1e-8, {}],
  crossEntropy: () => [rows(), labels(), ones([5]), {}],
  ctcLoss: () => [randn([6, 1, 3]).logSoftmax(2), tensor([[1, 2]], { dtype: 'int32' }), [6], [2], 0, 'mean', false],
  dropout: () => [rows(), 0.5, false, false],
  dropout1d: () => [signal(), 0.5, false, false],
  dropout2d: () => [image(), 0.5, false, false],
  dropout3d: () => [volume(), 0.5, false, false],
  elu: () => [rows(), 1, false],
  embedding: () => [labels(), randn([5, 3]), null, null, 2, false, false],
  embeddingBag: () => [
    tensor(
      [
        [0, 1],
        [2, 4],
      ],
      { dtype: 'int32' },
    ),
    randn([5, 3]),
    {},
  ],
  featureAlphaDropout: () => [image(), 0.5, false, false],
  fold: () => [randn([1, 12, 9]), [4, 4], 2, {}],
  fractionalMaxPool2d: () => [image(), 2, { outputSize: [4, 4] }],
  fractionalMaxPool2dWithIndices: () => [image(), 2, { outputSize: [4, 4] }],
  fractionalMaxPool3d: () => [volume(), 2, { outputSize: [2, 2, 2] }],
  fractionalMaxPool3dWithIndices: () => [volume(), 2, { outputSize: [2, 2, 2] }],
  gaussianNllLoss: () => [rows(), rows(), probabilities(), {}],
  gelu: () => [rows(), 'none'],
  glu: () => [randn([4, 6]), -1],
  gridSample: () => [image(), rand([2, 4, 4, 2]).mul(2).sub(1), 'bilinear', 'zeros', false, {}],
  groupNorm: () => [image(), 3, ones([3]), zeros([3]), 1e-5],
  gumbelSoftmax: () => [rows(), 1, false, { dim: -1 }],
  hardshrink: () => [rows(), 0.5],
  hardsigmoid: () => [rows(), false],
  hardswish: () => [rows(), false],
  hardtanh: () => [rows(), -1, 1, false],
  hingeEmbeddingLoss: () => [rows(), signs([4, 5]), 1, {}],
  huberLoss: () => [rows(), rows(), {}],
  instanceNorm: () => [image(), {}],
  interpolate: () => [image(), null, 2, 'bilinear', false, false, {}],
  klDiv: () => [rows().logSoftmax(1), rows().softmax(1), {}],
  l1Loss: () => [rows(), rows(), {}],
  layerNorm: () => [rows(), [5], ones([5]), zeros([5]), 1e-5],
  leakyRelu: () => [rows(), 0.01, false],
  linear: () => [rows(), randn([3, 5]), randn([3])],
  localResponseNorm: () => [image(), 2, 1e-4, 0.75, 1],
  logSigmoid: () => [rows()],
  logSoftmax: () => [rows(), 1, {}],
  logsigmoid: () => [rows()],
  lpPool1d: () => [signal(), 2, 2, 2, false, {}],
  lpPool2d: () => [image(), 2, 2, 2, false, {}],
  marginRankingLoss: () => [rand([4]), rand([4]), signs([4]), 0.5, {}],
  maxPool1d: () => [signal(), 2, 2, 0, 1, false, false, {}],
  maxPool1dWithIndices: () => [signal(), 2, {}],
  maxPool2d: () => [image(), 2, 2, 0, 1, false, false, {}],
  maxPool2dWithIndices: () => [image(), 2, {}],
  maxPool3d: () => [volume(), 2, 2, 0, 1, false, false, {}],
  maxPool3dWithIndices: () => [volume(), 2, {}],
  maxUnpool1d: () => pooledWithIndices(F.maxPool1dWithIndices(signal(), 2), 2),
  maxUnpool2d: () => pooledWithIndices(F.maxPool2dWithIndices(image(), 2), 2),
  maxUnpool3d: () => pooledWithIndices(F.maxPool3dWithIndices(volume(), 2), 2),
  mish: () => [rows(), false],
  mseLoss: () => [rows(), rows(), {}],
  multiHeadAttentionForward: () => {
    const embedding = () => randn([3, 1, 4]); // [L, N, E]
    const projections = {
      embedDimToCheck: 4,
      numHeads: 2,
      inProjWeight: randn([12, 4]),
      inProjBias: randn([12]),
      outProjWeight: randn([4, 4]),
      outProjBias: randn([4]),
    };
    return [embedding(), embedding(), embedding(), projections];
  },
  multiMarginLoss: () => [rows(), labels(), 1, 1, ones([5]), {}],
  multilabelMarginLoss: () => [
    rows(),
    tensor(
      [
        [0, 1, -1, 0, 0],
        [2, -1, 0, 0, 0],
        [4, 3, -1, 0, 0],
        [-1, 0, 0, 0, 0],
      ],
      { dtype: 'int32' },
    ),
    {},
  ],
  multilabelSoftMarginLoss: () => [rows(), rand([4, 5]).round(), ones([5]), {}],
  nllLoss: () => [rows().logSoftmax(1), labels(), ones([5]), {}],
  normalize: () => [rows(), 2, 1, 1e-12, {}],
  oneHot: () => [labels(), 5],
  pad: () => [rows(), [1, 1], 'constant', 0],
  pairwiseDistance: () => [rows(), rows(), 2, 1e-6, false, {}],
  pdist: () => [rows(), 2],
  pixelShuffle: () => [randn([1, 4, 2, 2]), 2],
  pixelUnshuffle: () => [randn([1, 1, 4, 4]), 2],
  poissonNllLoss: () => [rows(), probabilities(), {}],
  prelu: () => [rows(), ones([1]).mul(0.25)],
  relu: () => [rows(), false],
  relu6: () => [rows(), false],
  rrelu: () => [rows(), 1 / 8, 1 / 3, false, false],
  scaledDotProductAttention: () => [randn([1, 3, 4]), randn([1, 3, 4]), randn([1, 3, 4]), null, 0, false, null],
  selu: () => [rows(), false],
  sigmoid: () => [rows()],
  silu: () => [rows(), false],
  smoothL1Loss: () => [rows(), rows(), {}],
  softMarginLoss: () => [rows(), signs([4, 5]), {}],
  softmax: () => [rows(), 1, {}],
  softmin: () => [rows(), 1, {}],
  softplus: () => [rows(), 1, 20],
  softshrink: () => [rows(), 0.5],
  softsign: () => [rows()],
  tanh: () => [rows()],
  tanhshrink: () => [rows()],
  threshold: () => [rows(), 0.1, 20, false],
  tripletMarginLoss: () => [rows(), rows(), rows(), 1, 2, 1e-6, false, {}],
  tripletMarginWithDistanceLoss: () => [rows(), rows(), rows(), {}],
  unfold: () => [image(), 2, 1, 0, 1, {}],
  upsample: () => [image(), { scaleFactor: 2 }],
  upsampleBilinear: () => [image(), { scaleFactor: 2 }],
  upsampleNearest: () => [image(), { scaleFactor: 2 }],
};

type Loose = (...values: unknown[]) => unknown;
const functions = Object.entries(F as Record<string, unknown>).filter((entry): entry is [string, Loose] => typeof entry[1] === 'function');
/** `f` as JavaScript would call it: any arguments, which TypeScript would refuse to compile. */
const loose = (f: unknown) => f as Loose;

describe('the functions of F refuse arguments they do not take', () => {
  it('every function of F has its fullest call listed here', () => {
    expect(functions.map(([name]) => name).filter((name) => !(name in fullest))).toEqual([]);
  });

  it('each works called the fullest way', () => {
    const failing = functions.flatMap(([name, f]) => {
      const message = errorMessageOf(() => f(...fullest[name]!()));
      return message === null ? [] : [`${name}: ${message}`];
    });
    expect(failing).toEqual([]);
  });

  it('each throws, naming itself, given one argument more', () => {
    // the alias names the function it stands for in its message
    const named = (name: string) => (name === 'logsigmoid' ? 'logSigmoid' : name);
    const loose = functions.flatMap(([name, f]) => {
      const message = errorMessageOf(() => f(...fullest[name]!(), 1));
      if (message === null) return [`${name}: returned`];
      return message.startsWith(`${named(name)}:`) ? [] : [`${name}: ${message}`];
    });
    expect(loose).toEqual([]);
  });

  it('the message gives the parameters and the count, as torch’s TypeError does', () => {
    // torch's positional order is read (stride after the bias), so an options object must come last
    expect(() => loose(F.conv2d)(randn([1, 1, 5, 5]), randn([1, 1, 3, 3]), null, { stride: 2 }, 1)).toThrow(
      'conv2d: the options object must come last; got an object for positional argument `stride`',
    );
    expect(() => loose(F.conv2d)(randn([1, 1, 5, 5]), randn([1, 1, 3, 3]), null, 1, 0, 1, 1, 1)).toThrow(
      'conv2d: too many positional arguments: got 6 after the required ones, expected at most 5 (bias, stride, padding, dilation, groups) and then an options object',
    );
    expect(() => loose(F.linear)(randn([2, 3]), randn([4, 3]), null, 1)).toThrow('linear: takes (input, weight, bias), got 4 arguments');
    // as PyTorch's `F.interpolate(x, None, 2, 'bilinear')` habit: the mode after the options object is not dropped
    expect(() => loose(F.interpolate)(randn([1, 1, 2, 2]), { scaleFactor: 2 }, 'bilinear')).toThrow(
      'interpolate: the options object must come last; got an object for positional argument `size`',
    );
    // trailing undefined values are what wrappers forward for optional parameters they were not given
    expect(loose(F.linear)(randn([2, 3]), randn([4, 3]), null, undefined)).toBeDefined();
  });
});
