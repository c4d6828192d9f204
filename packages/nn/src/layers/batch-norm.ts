import { cast, checkInteger, empty, noGrad, ones, readArguments, scope, type Tensor, zeros } from '@dl/tensor';
import { batchNorm } from '../functional/normalization.js';
import { ones as fillOnes, zeros as fillZeros } from '../init/init.js';
import { Module } from '../module/module.js';
import { parameter } from '../module/parameter.js';
import { factoryKeys, type FactoryOptions } from './shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface BatchNormOptions extends FactoryOptions {
  /** Added to the variance; default 1e-5. */
  eps?: number;
  /** running ← (1 − m)·running + m·batch; default 0.1. `null`: cumulative average 1/numBatchesTracked. */
  momentum?: number | null;
  /** Learn γ (weight) and β (bias); default true (false for instance norm). */
  affine?: boolean;
  /** Keep running_mean / running_var / num_batches_tracked buffers; default true (false for instance norm). */
  trackRunningStats?: boolean;
}

/**
 * Shared body of BatchNorm1d / BatchNorm2d: y = (x − μ)/√(σ² + ε)·γ + β per channel (dim 1).
 * Training uses the batch's μ and biased σ² and updates the running statistics (the running
 * variance with the unbiased estimate, as PyTorch); eval mode uses the running statistics.
 * γ = 1, β = 0; running_mean = 0, running_var = 1, num_batches_tracked = 0 (int32).
 */
export abstract class BatchNormBase extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  /** The defaults of `affine` and `trackRunningStats`: true for batch norm; instance norm's are false (torch's _NormBase). */
  protected static readonly affineByDefault: boolean = true;
  protected static readonly trackingByDefault: boolean = true;
  /** Set by the lazy subclasses (LazyBatchNorm2d, ...): numFeatures starts at 0, inferred from the first input. */
  protected static readonly infersNumFeatures: boolean = false;

  weight: Tensor | null;
  bias: Tensor | null;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;

  // the subclasses (BatchNorm1d/2d/3d, InstanceNorm1d/2d/3d) declare no constructor: they inherit these
  constructor(numFeatures: number, options?: BatchNormOptions);
  /** PyTorch's order: `BatchNorm2d(num_features, eps, momentum, affine, track_running_stats)`, the same for every subclass. */
  constructor(
    numFeatures: number,
    eps: number,
    momentum?: number | null,
    affine?: boolean,
    trackRunningStats?: boolean,
    options?: FactoryOptions,
  );
  constructor(
    readonly numFeatures: number,
    ...rest: unknown[]
  ) {
    super();
    const owner = this.constructor.name;
    const positionals = ['eps', 'momentum', 'affine', 'trackRunningStats'];
    const options = readArguments<BatchNormOptions>(owner, rest, positionals, [...positionals, ...factoryKeys]);
    const defaults = this.constructor as typeof BatchNormBase;
    checkInteger(owner, 'numFeatures', numFeatures, defaults.infersNumFeatures ? 0 : 1);
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    this.affine = options.affine ?? defaults.affineByDefault;
    this.trackRunningStats = options.trackRunningStats ?? defaults.trackingByDefault;
    const factory = { device: options.device, dtype: options.dtype };
    this.weight = this.affine ? parameter(empty([numFeatures], factory)) : null;
    this.bias = this.affine ? parameter(empty([numFeatures], factory)) : null;
    if (this.trackRunningStats) {
      this.registerBuffer('running_mean', zeros([numFeatures], factory));
      this.registerBuffer('running_var', ones([numFeatures], factory));
      this.registerBuffer('num_batches_tracked', zeros([], { dtype: 'int32', device: options.device }));
    }
    this.resetParameters();
  }

  /**
   * A state dict without `num_batches_tracked` loads (strictly too) and leaves the count as it is, as
   * PyTorch's batch norm does: checkpoints from before the buffer existed, and many converted ones, lack it.
   */
  protected override optionalStateNames(): readonly string[] {
    return this.trackRunningStats ? ['num_batches_tracked'] : [];
  }

  /** Running mean per channel (state-dict name `running_mean`), or null without trackRunningStats. */
  get runningMean(): Tensor | null {
    return (this.getField('running_mean') as Tensor | undefined) ?? null;
  }
  /** Running (unbiased) variance per channel (`running_var`). */
  get runningVar(): Tensor | null {
    return (this.getField('running_var') as Tensor | undefined) ?? null;
  }
  /** Training batches seen (`num_batches_tracked`). */
  get numBatchesTracked(): Tensor | null {
    return (this.getField('num_batches_tracked') as Tensor | undefined) ?? null;
  }

  resetRunningStats(): void {
    noGrad(() => {
      this.runningMean?.fill_(0);
      this.runningVar?.fill_(1);
      this.numBatchesTracked?.fill_(0);
    });
  }

  resetParameters(): void {
    this.resetRunningStats();
    if (this.weight) fillOnes(this.weight);
    if (this.bias) fillZeros(this.bias);
  }

  protected abstract checkInput(input: Tensor): void;

  forward(input: Tensor): Tensor {
    this.checkInput(input);
    const tracked = this.numBatchesTracked;
    if (this.training && tracked) {
      noGrad(() => tracked.add_(1));
      if (this.momentum === null && this.runningMean && this.runningVar)
        return this.cumulativeAverageForward(input, tracked, this.runningMean, this.runningVar);
    }
    const factor = this.momentum ?? 0;
    // batch statistics in training, or whenever there are no running statistics
    const useBatchStats = this.training || !this.runningMean;
    return batchNorm(
      input,
      !this.training || this.trackRunningStats ? this.runningMean : null,
      !this.training || this.trackRunningStats ? this.runningVar : null,
      this.weight,
      this.bias,
      { training: useBatchStats, momentum: factor, eps: this.eps },
    );
  }

  /**
   * Training with momentum null: the running statistics become the cumulative average of the batches'
   * (torch's 1/num_batches_tracked factor), running ← (1 − f)·running + f·batch with f = 1/n and the
   * batch variance unbiased. f is computed on the device from num_batches_tracked, so nothing is read
   * back and a device that reads asynchronously (webgpu, for updateBn) runs it as the CPU does.
   */
  private cumulativeAverageForward(input: Tensor, tracked: Tensor, runningMean: Tensor, runningVar: Tensor): Tensor {
    const output = batchNorm(input, null, null, this.weight, this.bias, { training: true, eps: this.eps });
    noGrad(() =>
      scope(() => {
        const axes = input.shape.map((_, axis) => axis).filter((axis) => axis !== 1);
        const count = input.numel() / input.shape[1]!;
        const mean = input.mean(axes);
        const channelShape = input.shape.map((size, axis) => (axis === 1 ? size : 1));
        const unbiasedVariance = input
          .sub(mean.reshape(channelShape))
          .square()
          .sum(axes)
          .div(count - 1);
        const factor = cast(tracked, runningMean.dtype).reciprocal();
        const keep = factor.neg().add(1);
        runningMean.mul_(keep).add_(mean.mul(factor));
        runningVar.mul_(keep).add_(unbiasedVariance.mul(factor));
      }),
    );
    return output;
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.affine}, trackRunningStats=${this.trackRunningStats}`;
  }
}
