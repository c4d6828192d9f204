import type { Tensor } from '@dl/tensor';
import type { BatchNormBase, BatchNormOptions } from './batch-norm.js';
import { BatchNorm1d } from './batch-norm1d.js';
import { BatchNorm2d } from './batch-norm2d.js';
import { BatchNorm3d } from './batch-norm3d.js';
import { InstanceNorm1d, InstanceNorm2d, InstanceNorm3d } from './instance-norm.js';
import { canReset, initializeFromInput, type LazyLayout, makeLazy, materializeFromStateDict } from './lazy-initialization.js';
import type { FactoryOptions } from './shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/** The tensors a lazy norm makes lazily (those `affine` and `trackRunningStats` ask for). */
const lazyNames = ['weight', 'bias', 'running_mean', 'running_var'];

/**
 * The lazy layout of a norm (torch's _LazyNormBase): numFeatures is the channel dim of the first
 * input, which `channelDim` finds (throwing on an input of the wrong rank); weight, bias, running_mean
 * and running_var are [numFeatures]. num_batches_tracked is made at once, as torch.
 */
function normalizationLayout<M extends BatchNormBase>(
  becomes: LazyLayout<M>['becomes'],
  channelDim: (module: M, input: Tensor) => number,
): LazyLayout<M> {
  return {
    becomes,
    sizeField: 'numFeatures',
    sizeFromInput: (module, input) => input.shape[channelDim(module, input)]!,
    sizeFromState: (_module, _name, shape) => (shape.length === 1 ? shape[0] : undefined),
    shapes: (_module, size) => Object.fromEntries(lazyNames.map((name) => [name, [size]])),
  };
}

/** Batch norm's channel dim: 1 (torch's rule), once the layer's own rank check passed. */
function batchChannelDim(accepted: readonly number[]) {
  return (module: BatchNormBase, input: Tensor): number => {
    if (!accepted.includes(input.ndim))
      throw new Error(
        `${module.constructor.name}: expected ${accepted.map((rank) => `${rank}D`).join(' or ')} input, got input [${input.shape.join(', ')}]`,
      );
    return 1;
  };
}

/**
 * Instance norm's channel dim: 1 of a batched input, 0 of an unbatched one (torch 1.13 reads dim 1
 * of both, which mistakes an unbatched input's length for its channels).
 */
function instanceChannelDim(positionDims: number) {
  return (module: BatchNormBase, input: Tensor): number => {
    if (input.ndim !== positionDims + 1 && input.ndim !== positionDims + 2)
      throw new Error(
        `${module.constructor.name}: expected ${positionDims + 1}D (unbatched) or ${positionDims + 2}D (batched) input, got input [${input.shape.join(', ')}]`,
      );
    return input.ndim === positionDims + 2 ? 1 : 0;
  };
}

// Each class: torch's arguments without numFeatures (eps, momentum, affine, trackRunningStats, or an
// options object), the non-lazy constructor run with numFeatures 0, and three hooks into the shared
// mechanism. The constructor is BatchNormBase's, whose errors name the class it builds.

/**
 * A `BatchNorm1d` whose `numFeatures` is inferred from dim 1 of its first input
 * (torch.nn.LazyBatchNorm1d): weight, bias and the running statistics wait for it as in `LazyLinear`;
 * it becomes a `BatchNorm1d` on the first call.
 * @example
 * new LazyBatchNorm1d().call(randn([32, 64])); // numFeatures 64
 */
export class LazyBatchNorm1d extends BatchNorm1d {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  protected static override readonly infersNumFeatures = true;
  constructor(...options: LazyNormArguments) {
    super(0, ...(options as []));
    makeLazy(this, lazyNames);
  }
  override resetParameters(): void {
    if (canReset(this, batchNorm1dLayout)) super.resetParameters();
  }
  override forward(input: Tensor): Tensor {
    initializeFromInput(this, batchNorm1dLayout, input);
    return super.forward(input);
  }
  protected override prepareToLoad(stateDict: ReadonlyMap<string, Tensor>, prefix: string): void {
    materializeFromStateDict(this, batchNorm1dLayout, stateDict, prefix);
  }
}
const batchNorm1dLayout = normalizationLayout<LazyBatchNorm1d>(BatchNorm1d, batchChannelDim([2, 3]));

/**
 * A `BatchNorm2d` whose `numFeatures` is inferred from dim 1 of its first input
 * (torch.nn.LazyBatchNorm2d); it becomes a `BatchNorm2d` on the first call. See `LazyBatchNorm1d`.
 * @example
 * new LazyBatchNorm2d().call(randn([8, 16, 5, 5])); // numFeatures 16
 */
export class LazyBatchNorm2d extends BatchNorm2d {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  protected static override readonly infersNumFeatures = true;
  constructor(...options: LazyNormArguments) {
    super(0, ...(options as []));
    makeLazy(this, lazyNames);
  }
  override resetParameters(): void {
    if (canReset(this, batchNorm2dLayout)) super.resetParameters();
  }
  override forward(input: Tensor): Tensor {
    initializeFromInput(this, batchNorm2dLayout, input);
    return super.forward(input);
  }
  protected override prepareToLoad(stateDict: ReadonlyMap<string, Tensor>, prefix: string): void {
    materializeFromStateDict(this, batchNorm2dLayout, stateDict, prefix);
  }
}
const batchNorm2dLayout = normalizationLayout<LazyBatchNorm2d>(BatchNorm2d, batchChannelDim([4]));

/**
 * A `BatchNorm3d` whose `numFeatures` is inferred from dim 1 of its first input
 * (torch.nn.LazyBatchNorm3d); it becomes a `BatchNorm3d` on the first call. See `LazyBatchNorm1d`.
 * @example
 * new LazyBatchNorm3d().call(randn([2, 4, 3, 5, 5])); // numFeatures 4
 */
export class LazyBatchNorm3d extends BatchNorm3d {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  protected static override readonly infersNumFeatures = true;
  constructor(...options: LazyNormArguments) {
    super(0, ...(options as []));
    makeLazy(this, lazyNames);
  }
  override resetParameters(): void {
    if (canReset(this, batchNorm3dLayout)) super.resetParameters();
  }
  override forward(input: Tensor): Tensor {
    initializeFromInput(this, batchNorm3dLayout, input);
    return super.forward(input);
  }
  protected override prepareToLoad(stateDict: ReadonlyMap<string, Tensor>, prefix: string): void {
    materializeFromStateDict(this, batchNorm3dLayout, stateDict, prefix);
  }
}
const batchNorm3dLayout = normalizationLayout<LazyBatchNorm3d>(BatchNorm3d, batchChannelDim([5]));

/**
 * An `InstanceNorm1d` whose `numFeatures` is inferred from its first input's channel dim
 * (torch.nn.LazyInstanceNorm1d). As torch 1.13's lazy instance norms (unlike `InstanceNorm1d`),
 * `affine` and `trackRunningStats` default to true. It becomes an `InstanceNorm1d` on the first call.
 * @example
 * new LazyInstanceNorm1d().call(randn([4, 16, 100])); // numFeatures 16
 */
export class LazyInstanceNorm1d extends InstanceNorm1d {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  protected static override readonly infersNumFeatures = true;
  protected static override readonly affineByDefault = true;
  protected static override readonly trackingByDefault = true;
  constructor(...options: LazyNormArguments) {
    super(0, ...(options as []));
    makeLazy(this, lazyNames);
  }
  override resetParameters(): void {
    if (canReset(this, instanceNorm1dLayout)) super.resetParameters();
  }
  override forward(input: Tensor): Tensor {
    initializeFromInput(this, instanceNorm1dLayout, input);
    return super.forward(input);
  }
  protected override prepareToLoad(stateDict: ReadonlyMap<string, Tensor>, prefix: string): void {
    materializeFromStateDict(this, instanceNorm1dLayout, stateDict, prefix);
  }
}
const instanceNorm1dLayout = normalizationLayout<LazyInstanceNorm1d>(InstanceNorm1d, instanceChannelDim(1));

/**
 * An `InstanceNorm2d` whose `numFeatures` is inferred from its first input's channel dim
 * (torch.nn.LazyInstanceNorm2d); `affine` and `trackRunningStats` default to true, as torch 1.13's.
 * See `LazyInstanceNorm1d`.
 * @example
 * new LazyInstanceNorm2d().call(randn([1, 64, 32, 32])); // numFeatures 64
 */
export class LazyInstanceNorm2d extends InstanceNorm2d {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  protected static override readonly infersNumFeatures = true;
  protected static override readonly affineByDefault = true;
  protected static override readonly trackingByDefault = true;
  constructor(...options: LazyNormArguments) {
    super(0, ...(options as []));
    makeLazy(this, lazyNames);
  }
  override resetParameters(): void {
    if (canReset(this, instanceNorm2dLayout)) super.resetParameters();
  }
  override forward(input: Tensor): Tensor {
    initializeFromInput(this, instanceNorm2dLayout, input);
    return super.forward(input);
  }
  protected override prepareToLoad(stateDict: ReadonlyMap<string, Tensor>, prefix: string): void {
    materializeFromStateDict(this, instanceNorm2dLayout, stateDict, prefix);
  }
}
const instanceNorm2dLayout = normalizationLayout<LazyInstanceNorm2d>(InstanceNorm2d, instanceChannelDim(2));

/**
 * An `InstanceNorm3d` whose `numFeatures` is inferred from its first input's channel dim
 * (torch.nn.LazyInstanceNorm3d); `affine` and `trackRunningStats` default to true, as torch 1.13's.
 * See `LazyInstanceNorm1d`.
 * @example
 * new LazyInstanceNorm3d().call(randn([1, 32, 8, 16, 16])); // numFeatures 32
 */
export class LazyInstanceNorm3d extends InstanceNorm3d {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  protected static override readonly infersNumFeatures = true;
  protected static override readonly affineByDefault = true;
  protected static override readonly trackingByDefault = true;
  constructor(...options: LazyNormArguments) {
    super(0, ...(options as []));
    makeLazy(this, lazyNames);
  }
  override resetParameters(): void {
    if (canReset(this, instanceNorm3dLayout)) super.resetParameters();
  }
  override forward(input: Tensor): Tensor {
    initializeFromInput(this, instanceNorm3dLayout, input);
    return super.forward(input);
  }
  protected override prepareToLoad(stateDict: ReadonlyMap<string, Tensor>, prefix: string): void {
    materializeFromStateDict(this, instanceNorm3dLayout, stateDict, prefix);
  }
}
const instanceNorm3dLayout = normalizationLayout<LazyInstanceNorm3d>(InstanceNorm3d, instanceChannelDim(3));

/**
 * A lazy norm's arguments: an options object (`{ eps, momentum, affine, trackRunningStats, device,
 * dtype }`), or torch's positional order `(eps, momentum, affine, track_running_stats)` then factory
 * options.
 */
export type LazyNormArguments =
  | [options?: BatchNormOptions]
  | [eps: number, momentum?: number | null, affine?: boolean, trackRunningStats?: boolean, options?: FactoryOptions];
