import { readArguments, describeValue } from '@dl/tensor';
import type { BatchNormBase } from '../layers/batch-norm.js';
import type { ConvolutionBase } from '../layers/convolution-base.js';
import type { Linear } from '../layers/linear.js';
import { deepCopy } from '../module/deep-copy.js';
import { isModule, type Module } from '../module/module.js';
import type { Parameter } from '../module/parameter.js';
import { type BatchNormStatistics, type FuseConvBnOptions, fuseWeights } from './fuse-batch-norm-weights.js';

/** Any convolution layer: Conv1d/2d/3d, ConvTranspose1d/2d/3d and their lazy forms once initialised. */
type AnyConvolution = ConvolutionBase<number | readonly number[], number | readonly number[] | 'valid' | 'same'>;

/**
 * torch's `assert not (conv.training or bn.training), "Fusion only for eval!"`, and the batch norm's
 * statistics, which a batch norm without running statistics (trackRunningStats false) does not have.
 */
function evalStatistics(owner: string, layer: Module, bn: BatchNormBase): BatchNormStatistics {
  if (!isModule(layer) || !isModule(bn))
    throw new Error(`${owner}: expects a layer and its batch norm (two modules), got ${describeValue(layer)} and ${describeValue(bn)}`);
  if (layer.training || bn.training)
    throw new Error(
      `${owner}: Fusion only for eval! (${layer.constructor.name}.training is ${layer.training}, ${bn.constructor.name}.training is ${bn.training}; call eval() on both)`,
    );
  const { runningMean, runningVar } = bn;
  if (!runningMean || !runningVar)
    throw new Error(`${owner}: ${bn.constructor.name} has no running statistics to fuse (it was made with trackRunningStats false)`);
  return { runningMean, runningVar, eps: bn.eps, weight: bn.weight, bias: bn.bias };
}

/** A copy of `layer` whose weight and bias are `fused`; the copy's own weight and bias are freed. */
function withFusedParameters<L extends Module & { weight: Parameter; bias: Parameter | null }>(layer: L, fused: [Parameter, Parameter]): L {
  const copy = deepCopy(layer);
  copy.weight.dispose();
  copy.bias?.dispose();
  [copy.weight, copy.bias] = fused;
  return copy;
}

/**
 * A new convolution computing `bn(conv(x))` of a convolution and a batch norm in eval mode
 * (torch.nn.utils.fusion.fuse_conv_bn_eval): a deep copy of `conv` with the weights of
 * `fuseConvBnWeights`, and a bias even when `conv` had none. Both modules must be in eval mode
 * (torch's "Fusion only for eval!"); they are left as they are. Pass `transpose: true` for a
 * ConvTranspose*d (torch's transpose=True); unlike torch, a mismatch between `transpose` and the layer is
 * an error rather than a wrongly scaled weight.
 * @example
 * const fused = fuseConvBnEval(conv.eval(), bn.eval());
 * fused.call(x); // bn.call(conv.call(x)), in one convolution
 */
export function fuseConvBnEval<C extends AnyConvolution>(conv: C, bn: BatchNormBase, options?: FuseConvBnOptions): C;
/** torch's positional `transpose`. */
export function fuseConvBnEval<C extends AnyConvolution>(conv: C, bn: BatchNormBase, transpose: boolean): C;
export function fuseConvBnEval<C extends AnyConvolution>(conv: C, bn: BatchNormBase, ...rest: unknown[]): C {
  const owner = 'fuseConvBnEval';
  const { transpose = false } = readArguments<FuseConvBnOptions>(owner, rest, ['transpose'], ['transpose']);
  const statistics = evalStatistics(owner, conv, bn);
  // only transposed convolutions have an outputPadding
  const transposed = conv.outputPadding !== undefined;
  if (transpose !== transposed)
    throw new Error(
      `${owner}: transpose is ${transpose} but the layer is a ${conv.constructor.name} (weight [${conv.weight.shape.join(', ')}]); pass { transpose: ${transposed} }`,
    );
  return withFusedParameters(conv, fuseWeights(owner, conv.weight, conv.bias, statistics, transpose ? 1 : 0));
}

/**
 * A new Linear layer computing `bn(linear(x))` of a Linear layer and a batch norm in eval mode
 * (torch.nn.utils.fusion.fuse_linear_bn_eval): a deep copy of `linear` with the weights of
 * `fuseLinearBnWeights`. Both modules must be in eval mode; they are left as they are.
 * @example
 * const fused = fuseLinearBnEval(fc.eval(), bn.eval());
 */
export function fuseLinearBnEval(linear: Linear, bn: BatchNormBase): Linear {
  const owner = 'fuseLinearBnEval';
  const statistics = evalStatistics(owner, linear, bn);
  return withFusedParameters(linear, fuseWeights(owner, linear.weight, linear.bias, statistics, 0));
}
