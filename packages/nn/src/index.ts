/**
 * @dl/nn: modules, layers, losses, initialisers and a model zoo, on @dl/tensor (PyTorch's torch.nn).
 * @example
 * import { tensor, randn } from '@dl/tensor';
 * import { Sequential, Linear, ReLU, CrossEntropyLoss } from '@dl/nn';
 * const model = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2));
 * const loss = new CrossEntropyLoss().call(model.call(randn([8, 2])), tensor([0, 1, 0, 1, 0, 1, 0, 1], { dtype: 'int32' }));
 * loss.backward();
 * @module @dl/nn
 */
export { Module, isModule, type StateDict, type IncompatibleKeys, type ForwardHook, type ForwardPreHook } from './module/module.js';
export type { LoadStateDictOptions, NamedModulesOptions, StateDictOptions } from './module/module-arguments.js';
export { parameter, isParameter, buffer, isBuffer, type Parameter } from './module/parameter.js';
export { deepCopy } from './module/deep-copy.js';
export { refuseExtraInputs, type RefuseExtraInputsOptions } from './module/forward-inputs.js';
export { weightNorm, removeWeightNorm, type WeightNormOptions, type RemoveWeightNormOptions } from './module/weight-norm.js';
export * as prune from './prune/index.js';
export * as parametrize from './parametrize/index.js';
export * as parametrizations from './parametrize/parametrizations.js';
export { functionalCall } from './module/functional-call.js';
export { fuseConvBnWeights, fuseConvBnEval, fuseLinearBnWeights, fuseLinearBnEval, type FuseConvBnOptions } from './fusion/index.js';

export { Sequential } from './containers/sequential.js';
export { ModuleList } from './containers/module-list.js';
export { ModulePositions } from './containers/module-positions.js';
export { ModuleDict } from './containers/module-dict.js';
export { ParameterList } from './containers/parameter-list.js';
export { ParameterDict } from './containers/parameter-dict.js';
export { MultiLabelMarginLoss, TripletMarginWithDistanceLoss, type DistanceModule } from './losses/multilabel-triplet-losses.js';

export type { Pair, FactoryOptions } from './layers/shared.js';
export { Linear, type LinearOptions } from './layers/linear.js';
export { Conv1d, type Conv1dOptions } from './layers/conv1d.js';
export { Conv2d, type Conv2dOptions } from './layers/conv2d.js';
export { ConvTranspose2d, type ConvTranspose2dOptions } from './layers/conv-transpose2d.js';
export { ConvTranspose1d, type ConvTranspose1dOptions } from './layers/conv-transpose1d.js';
export { Conv3d, type Conv3dOptions } from './layers/conv3d.js';
export { ConvTranspose3d, type ConvTranspose3dOptions } from './layers/conv-transpose3d.js';
export { ConvolutionBase, type ConvolutionOptions, type ConvolutionLayout } from './layers/convolution-base.js';
export { MaxPool3d, AvgPool3d, AdaptiveAvgPool3d } from './layers/pooling3d.js';
export type { MaxPool3dOptions, AvgPool3dOptions, AdaptiveSize3d } from './functional/pooling3d.js';
export type { Triple } from './functional/volumetric-geometry.js';
export { MaxPool2d, type MaxPool2dOptions } from './layers/max-pool2d.js';
export { AvgPool2d, type AvgPool2dOptions } from './layers/avg-pool2d.js';
export { AdaptiveAvgPool2d } from './layers/adaptive-avg-pool2d.js';
export { MaxPool1d, AvgPool1d, AdaptiveAvgPool1d } from './layers/pooling1d.js';
export { AdaptiveMaxPool1d, AdaptiveMaxPool2d } from './layers/adaptive-max-pool.js';
export { LPPool1d, LPPool2d, MaxUnpool1d, MaxUnpool2d, MaxUnpool3d, AdaptiveMaxPool3d } from './layers/more-pooling.js';
export type { LpPoolOptions, MaxUnpoolOptions } from './functional/more-pooling.js';
export { FractionalMaxPool2d, FractionalMaxPool3d } from './layers/fractional-max-pool.js';
export type {
  FractionalMaxPoolOptions,
  FractionalMaxPool2dOptions,
  FractionalMaxPool3dOptions,
} from './functional/fractional-max-pool.js';
export type { MaxPool1dOptions, AvgPool1dOptions } from './functional/pooling1d.js';
export { Flatten } from './layers/flatten.js';
export { Unflatten } from './layers/unflatten.js';
export { Dropout } from './layers/dropout.js';
export { Dropout2d } from './layers/dropout2d.js';
export { Dropout1d, Dropout3d, AlphaDropout, FeatureAlphaDropout } from './layers/dropout-variants.js';
export type { DropoutOptions, DropoutVariantOptions } from './layers/dropout-base.js';
export { BatchNormBase, type BatchNormOptions } from './layers/batch-norm.js';
export { BatchNorm1d } from './layers/batch-norm1d.js';
export { BatchNorm2d } from './layers/batch-norm2d.js';
export { BatchNorm3d } from './layers/batch-norm3d.js';
export { InstanceNorm1d, InstanceNorm2d, InstanceNorm3d } from './layers/instance-norm.js';
export { LazyLinear } from './layers/lazy-linear.js';
export {
  LazyConv1d,
  LazyConv2d,
  LazyConv3d,
  LazyConvTranspose1d,
  LazyConvTranspose2d,
  LazyConvTranspose3d,
} from './layers/lazy-convolutions.js';
export {
  LazyBatchNorm1d,
  LazyBatchNorm2d,
  LazyBatchNorm3d,
  LazyInstanceNorm1d,
  LazyInstanceNorm2d,
  LazyInstanceNorm3d,
  type LazyNormArguments,
} from './layers/lazy-normalizations.js';
export { isUninitialized } from './module/uninitialized-parameter.js';
export { PixelShuffle, PixelUnshuffle } from './layers/pixel-shuffle.js';
export { CosineSimilarity, PairwiseDistance } from './layers/distance.js';
export { LayerNorm, type LayerNormOptions } from './layers/layer-norm.js';
export { GroupNorm, type GroupNormOptions } from './layers/group-norm.js';
export { Embedding, type EmbeddingOptions, type PretrainedEmbeddingOptions } from './layers/embedding.js';
export type { EmbeddingFunctionOptions } from './functional/embedding.js';
export { EmbeddingBag, type EmbeddingBagLayerOptions } from './layers/embedding-bag.js';
export type { BagMode, EmbeddingBagOptions } from './functional/embedding-bag.js';
export { Identity } from './layers/identity.js';
export { Bilinear, type BilinearOptions } from './layers/bilinear.js';
export { LocalResponseNorm } from './layers/local-response-norm.js';
export { ChannelShuffle, Softmax2d } from './layers/channel-shuffle.js';
export { Unfold, Fold } from './layers/fold.js';
export { Softshrink, Hardshrink, RReLU } from './activations/shrink-activations.js';
export { MultiheadAttention, type MultiheadAttentionOptions, type MultiheadAttentionCallOptions } from './layers/multihead-attention.js';
export { TransformerEncoderLayer, type TransformerEncoderLayerCallOptions } from './layers/transformer-encoder-layer.js';
export { TransformerDecoderLayer, type TransformerDecoderCallOptions } from './layers/transformer-decoder-layer.js';
export {
  TransformerEncoder,
  TransformerDecoder,
  type TransformerEncoderOptions,
  type TransformerEncoderCallOptions,
} from './layers/transformer-stacks.js';
export { Transformer, type TransformerOptions, type TransformerCallOptions } from './layers/transformer.js';
export type { TransformerLayerOptions, TransformerActivation } from './layers/transformer-parts.js';
export {
  PaddingLayer,
  ReflectionPad1d,
  ReflectionPad2d,
  ReplicationPad1d,
  ReplicationPad2d,
  ConstantPad1d,
  ConstantPad2d,
  ZeroPad2d,
  ZeroPad1d,
  ZeroPad3d,
  ConstantPad3d,
  ReflectionPad3d,
  ReplicationPad3d,
} from './layers/padding.js';
export type { PaddingMode, PadOptions } from './functional/padding.js';
export { Upsample, UpsamplingNearest2d, UpsamplingBilinear2d, type UpsampleOptions } from './layers/upsample.js';
export type { InterpolateOptions, InterpolationMode } from './functional/interpolate.js';
export type { AffineGridOptions } from './functional/affine-grid.js';
export type { GridSampleOptions, GridSampleMode, GridSamplePaddingMode } from './functional/grid-sample.js';

export { ReLU } from './activations/relu.js';
export { LeakyReLU } from './activations/leaky-relu.js';
export { Sigmoid } from './activations/sigmoid.js';
export { Tanh } from './activations/tanh.js';
export { Softmax } from './activations/softmax.js';
export { LogSoftmax } from './activations/log-softmax.js';
export { GELU } from './activations/gelu.js';
export { ReLU6, SELU, LogSigmoid, Softsign, Tanhshrink, Mish, Hardsigmoid, Hardswish } from './activations/pointwise-activations.js';
export type { InplaceArgument } from './activations/inplace-flag.js';
export { Hardtanh, CELU, Softmin, Threshold, GLU } from './activations/parameterized-activations.js';
export { PReLU } from './activations/prelu.js';
export { ELU } from './activations/elu.js';
export { SiLU } from './activations/silu.js';
export { Softplus } from './activations/softplus.js';

export { MSELoss } from './losses/mse-loss.js';
export { L1Loss } from './losses/l1-loss.js';
export { SmoothL1Loss, type SmoothL1LossOptions } from './losses/smooth-l1-loss.js';
export { HuberLoss, type HuberLossOptions } from './losses/huber-loss.js';
export {
  MarginRankingLoss,
  HingeEmbeddingLoss,
  CosineEmbeddingLoss,
  TripletMarginLoss,
  SoftMarginLoss,
  MultiLabelSoftMarginLoss,
  MultiMarginLoss,
  PoissonNLLLoss,
  GaussianNLLLoss,
} from './losses/margin-losses.js';
export { NLLLoss } from './losses/nll-loss.js';
export { CTCLoss } from './losses/ctc-loss.js';
export { CrossEntropyLoss } from './losses/cross-entropy-loss.js';
export { BCELoss } from './losses/bce-loss.js';
export { BCEWithLogitsLoss, type BCEWithLogitsLossOptions } from './losses/bce-with-logits-loss.js';
export { KLDivLoss } from './losses/kl-div-loss.js';
export {
  AdaptiveLogSoftmaxWithLoss,
  type AdaptiveLogSoftmaxWithLossOptions,
  type OutputAndLoss,
} from './layers/adaptive-log-softmax-with-loss.js';

export * as functional from './functional/index.js';
export * as F from './functional/index.js';
export * as init from './init/index.js';
export { skipInit } from './init/skip-init.js';
export { calculateGain } from './init/gain.js';

export * from './zoo/index.js';
export { summary, type SummaryResult } from './summary.js';

export * from './training-exports.js';
