import { composite, noGrad, readArguments, type Tensor, zeros, checkTensorArguments } from '@dl/tensor';
import { parameter, type Parameter } from '../module/parameter.js';

/** The options of `fuseConvBnWeights` and `fuseConvBnEval`. */
export interface FuseConvBnOptions {
  /**
   * The convolution is transposed (ConvTranspose*d, weight [Cin, Cout/groups, …kernel]): its output
   * channels are the weight's dim 1 instead of dim 0. Default false.
   */
  transpose?: boolean;
}

/** The batch norm's side of a fusion: its running statistics, ε and (unless affine is false) γ and β. */
export interface BatchNormStatistics {
  runningMean: Tensor;
  runningVar: Tensor;
  eps: number;
  weight: Tensor | null;
  bias: Tensor | null;
}

const shapeOf = (tensor: Tensor): string => `[${tensor.shape.join(', ')}]`;

/**
 * The weight and bias of a layer followed by a batch norm in eval mode, as one layer. Batch norm maps
 * y ↦ (y − μ)·γ/√(σ² + ε) + β per channel; with y = W∗x + b this is (s·W)∗x + ((b − μ)·s + β),
 * s = γ/√(σ² + ε). So each output channel's slice of the weight is scaled by s (the slice along
 * `channelDim`) and the bias becomes (b − μ)·s + β. A missing b, γ or β is 0, 1 or 0 (torch's zeros_like
 * and ones_like). The statistics may have one entry for all channels, which broadcasts, as in torch.
 */
export function fuseWeights(
  owner: string,
  weight: Tensor,
  bias: Tensor | null,
  statistics: BatchNormStatistics,
  channelDim: 0 | 1,
): [Parameter, Parameter] {
  checkTensorArguments(owner, { weight, runningMean: statistics.runningMean, runningVar: statistics.runningVar });
  const { runningMean, runningVar, eps, weight: gamma, bias: beta } = statistics;
  if (weight.ndim < 2) throw new Error(`${owner}: the weight must have at least 2 dimensions, got ${shapeOf(weight)}`);
  const channels = weight.shape[channelDim]!;
  if (runningMean.ndim !== 1 || (runningMean.shape[0] !== channels && runningMean.shape[0] !== 1))
    throw new Error(
      `${owner}: the running mean must have shape [${channels}] (dim ${channelDim} of the weight ${shapeOf(weight)}) or [1], got ${shapeOf(runningMean)}`,
    );
  const perChannel: [string, Tensor | null][] = [
    ['running variance', runningVar],
    ['batch norm weight', gamma],
    ['batch norm bias', beta],
  ];
  for (const [name, value] of perChannel)
    if (value && shapeOf(value) !== shapeOf(runningMean))
      throw new Error(`${owner}: the ${name} must have the running mean's shape ${shapeOf(runningMean)}, got ${shapeOf(value)}`);
  if (bias && shapeOf(bias) !== `[${channels}]`)
    throw new Error(`${owner}: the bias must have shape [${channels}] for the weight ${shapeOf(weight)}, got ${shapeOf(bias)}`);
  if (typeof eps !== 'number' || !(eps >= 0)) throw new Error(`${owner}: eps must be a number ≥ 0, got ${String(eps)}`);
  return noGrad(() =>
    composite((): [Parameter, Parameter] => {
      const inverseStd = runningVar.add(eps).rsqrt(); // 1/√(σ² + ε)
      const scale = gamma ? gamma.mul(inverseStd) : inverseStd;
      // s along the channel dim, 1 elsewhere: [C, 1, 1, …] or, transposed, [1, C, 1, …]
      const scaleShape = weight.shape.map((_, dim) => (dim === channelDim ? -1 : 1));
      const fusedWeight = weight.mul(scale.reshape(scaleShape));
      const shift = (bias ?? zeros([channels], { dtype: weight.dtype, device: weight.device })).sub(runningMean);
      // torch's order of the products: (b − μ)·(1/√(σ² + ε))·γ + β
      const scaledShift = gamma ? shift.mul(inverseStd).mul(gamma) : shift.mul(inverseStd);
      const fusedBias = beta ? scaledShift.add(beta) : scaledShift;
      return [parameter(fusedWeight), parameter(fusedBias)];
    }),
  );
}

/**
 * The weight and bias of a convolution followed by a batch norm in eval mode, as one convolution
 * (torch.nn.utils.fusion.fuse_conv_bn_weights): W' = W·s per output channel and b' = (b − μ)·s + β,
 * with s = γ/√(σ² + ε). `convBias`, `bnWeight` and `bnBias` may be null (no bias, affine false).
 * Returns new parameters; the arguments are left as they are.
 * @example
 * const [weight, bias] = fuseConvBnWeights(conv.weight, conv.bias, bn.runningMean!, bn.runningVar!, bn.eps, bn.weight, bn.bias);
 */
export function fuseConvBnWeights(
  convWeight: Tensor,
  convBias: Tensor | null,
  bnRunningMean: Tensor,
  bnRunningVar: Tensor,
  bnEps: number,
  bnWeight: Tensor | null,
  bnBias: Tensor | null,
  options?: FuseConvBnOptions,
): [Parameter, Parameter];
/** torch's positional `transpose`. */
export function fuseConvBnWeights(
  convWeight: Tensor,
  convBias: Tensor | null,
  bnRunningMean: Tensor,
  bnRunningVar: Tensor,
  bnEps: number,
  bnWeight: Tensor | null,
  bnBias: Tensor | null,
  transpose: boolean,
): [Parameter, Parameter];
export function fuseConvBnWeights(
  convWeight: Tensor,
  convBias: Tensor | null,
  runningMean: Tensor,
  runningVar: Tensor,
  eps: number,
  weight: Tensor | null,
  bias: Tensor | null,
  ...rest: unknown[]
): [Parameter, Parameter] {
  const { transpose = false } = readArguments<FuseConvBnOptions>('fuseConvBnWeights', rest, ['transpose'], ['transpose']);
  return fuseWeights('fuseConvBnWeights', convWeight, convBias, { runningMean, runningVar, eps, weight, bias }, transpose ? 1 : 0);
}

/**
 * The weight and bias of a Linear layer followed by a batch norm in eval mode, as one Linear layer
 * (torch.nn.utils.fusion.fuse_linear_bn_weights): row i of W and b_i are scaled by s_i = γ_i/√(σ²_i + ε),
 * and b' = (b − μ)·s + β. `linearBias`, `bnWeight` and `bnBias` may be null.
 * @example
 * const [weight, bias] = fuseLinearBnWeights(fc.weight, fc.bias, bn.runningMean!, bn.runningVar!, bn.eps, bn.weight, bn.bias);
 */
export function fuseLinearBnWeights(
  linearWeight: Tensor,
  linearBias: Tensor | null,
  runningMean: Tensor,
  runningVar: Tensor,
  eps: number,
  weight: Tensor | null,
  bias: Tensor | null,
): [Parameter, Parameter] {
  return fuseWeights('fuseLinearBnWeights', linearWeight, linearBias, { runningMean, runningVar, eps, weight, bias }, 0);
}
