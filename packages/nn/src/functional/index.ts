/**
 * Stateless counterparts of the layers (torch.nn.functional), imported as `F` or `functional`.
 * @example
 * import { F } from '@dl/nn';
 * const loss = F.crossEntropy(F.linear(x, weight, bias), labels);
 */
export { relu, leakyRelu, sigmoid, tanh, gelu, elu, silu, softplus, softmax, logSoftmax } from './activation.js';
export {
  hardtanh,
  relu6,
  selu,
  celu,
  logSigmoid,
  softmin,
  softsign,
  tanhshrink,
  mish,
  hardsigmoid,
  hardswish,
  threshold,
  glu,
  prelu,
} from './composed-activations.js';
export { linear } from './linear.js';
export { conv1d, conv2d, convTranspose1d, convTranspose2d, type Conv2dOptions } from './convolution.js';
export { maxPool2d, avgPool2d, adaptiveAvgPool2d, type PoolOptions } from './pooling.js';
export { maxPool1d, avgPool1d, adaptiveAvgPool1d, type MaxPool1dOptions, type AvgPool1dOptions } from './pooling1d.js';
export { conv3d, type Conv3dOptions } from './convolution3d.js';
export { convTranspose3d, type ConvTranspose3dOptions } from './conv-transpose3d.js';
export {
  maxPool3d,
  avgPool3d,
  adaptiveAvgPool3d,
  type MaxPool3dOptions,
  type AvgPool3dOptions,
  type AdaptiveSize3d,
} from './pooling3d.js';
export type { Triple } from './volumetric-geometry.js';
export { dropout, dropout1d, dropout2d, dropout3d, alphaDropout, featureAlphaDropout } from './dropout.js';
export {
  batchNorm,
  layerNorm,
  groupNorm,
  instanceNorm,
  type AffineOptions,
  type BatchNormOptions,
  type InstanceNormOptions,
} from './normalization.js';
export { embedding, type EmbeddingFunctionOptions } from './embedding.js';
export {
  mseLoss,
  l1Loss,
  smoothL1Loss,
  huberLoss,
  nllLoss,
  crossEntropy,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  klDiv,
  type Reduction,
  type LossOptions,
  type NllLossOptions,
  type CrossEntropyOptions,
  type WeightedLossOptions,
} from './loss.js';
export { pad, type PaddingMode, type PadOptions } from './padding.js';
export { pixelShuffle, pixelUnshuffle } from './pixel-shuffle.js';
export { bilinear } from './bilinear.js';
export { adaptiveMaxPool1d, adaptiveMaxPool2d } from './adaptive-max-pool.js';
export {
  lpPool1d,
  lpPool2d,
  maxUnpool1d,
  maxUnpool2d,
  maxUnpool3d,
  adaptiveMaxPool3d,
  type LpPoolOptions,
  type MaxUnpoolOptions,
} from './more-pooling.js';
export {
  marginRankingLoss,
  hingeEmbeddingLoss,
  cosineEmbeddingLoss,
  tripletMarginLoss,
  softMarginLoss,
  multilabelSoftMarginLoss,
  multiMarginLoss,
} from './margin-losses.js';
export { poissonNllLoss, gaussianNllLoss } from './likelihood-losses.js';
export {
  multilabelMarginLoss,
  tripletMarginWithDistanceLoss,
  type TripletWithDistanceOptions,
} from './multilabel-triplet-losses.js';
export { embeddingBag, type BagMode, type EmbeddingBagOptions } from './embedding-bag.js';
export { normalize, cosineSimilarity, pairwiseDistance } from './distance.js';
export { interpolate, type InterpolateOptions, type InterpolationMode } from './interpolate.js';
export { affineGrid, type AffineGridOptions } from './affine-grid.js';
export { gridSample, type GridSampleOptions, type GridSampleMode, type GridSamplePaddingMode } from './grid-sample.js';
export { oneHot } from '@dl/tensor';
export { scaledDotProductAttention, type ScaledDotProductAttentionOptions } from './scaled-dot-product-attention.js';
export { multiHeadAttentionForward, type MultiHeadAttentionOptions } from './multi-head-attention.js';
export { ctcLoss, type CtcLossOptions, type CtcLengths } from './ctc-loss.js';
export { localResponseNorm, type LocalResponseNormOptions } from './local-response-norm.js';
export { softshrink, hardshrink, rrelu, type RReLUOptions } from './shrink-activations.js';
export { gumbelSoftmax, type GumbelSoftmaxOptions } from './gumbel-softmax.js';
export {
  fractionalMaxPool2d,
  fractionalMaxPool3d,
  fractionalMaxPool2dWithIndices,
  fractionalMaxPool3dWithIndices,
  type FractionalMaxPoolOptions,
  type FractionalMaxPool2dOptions,
  type FractionalMaxPool3dOptions,
} from './fractional-max-pool.js';
export {
  maxPool1dWithIndices,
  maxPool2dWithIndices,
  maxPool3dWithIndices,
  adaptiveMaxPool1dWithIndices,
  adaptiveMaxPool2dWithIndices,
  adaptiveMaxPool3dWithIndices,
} from './pooling-with-indices.js';
export {
  upsample,
  upsampleNearest,
  upsampleBilinear,
  type UpsampleFunctionOptions,
  type UpsampleSizeOptions,
} from './upsample-aliases.js';
export { channelShuffle } from './channel-shuffle.js';
export { logsigmoid } from './torch-spellings.js';
export { unfold, fold } from '@dl/tensor';
export { pdist } from '@dl/tensor';
