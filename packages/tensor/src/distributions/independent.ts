import { checkInteger } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { type Constraint, independent } from './constraints.js';
import { Distribution, type DistributionOptions, optionKeys, readValidateArgs, sumRightmost } from './distribution.js';

/**
 * Reinterprets the right-most `reinterpretedBatchNdims` batch dims of `base` as event dims
 * (torch.distributions.Independent): logProb and entropy sum over them, so e.g. a batch of n
 * normals becomes one diagonal Gaussian over [n]. Samplers, moments and rsample are the base's.
 * @example
 * const d = new distributions.Independent(new distributions.Normal(zeros([4, 3]), 1), 1);
 * d.batchShape; // [4]
 * d.eventShape; // [3]
 */
export class Independent extends Distribution {
  /** The distribution whose batch dims are reinterpreted. */
  readonly baseDist: Distribution;
  /** How many right-most batch dims become event dims. */
  readonly reinterpretedBatchNdims: number;

  constructor(baseDistribution: Distribution, reinterpretedBatchNdims: number, options?: DistributionOptions) {
    if (!(baseDistribution instanceof Distribution)) throw new Error('Independent: base_distribution must be a distribution');
    checkInteger('Independent', 'reinterpretedBatchNdims', reinterpretedBatchNdims, 0);
    const batch = baseDistribution.batchShape;
    if (reinterpretedBatchNdims > batch.length)
      throw new Error(
        `Independent: Expected reinterpreted_batch_ndims <= len(base_distribution.batch_shape), actual ${reinterpretedBatchNdims} vs ${batch.length}`,
      );
    const split = batch.length - reinterpretedBatchNdims;
    const validateArgs =
      options?.validateArgs === undefined ? baseDistribution.validateArgs : readValidateArgs('Independent', options, optionKeys);
    super('Independent', batch.slice(0, split), [...batch.slice(split), ...baseDistribution.eventShape], validateArgs);
    this.baseDist = baseDistribution;
    this.reinterpretedBatchNdims = reinterpretedBatchNdims;
  }
  /**
   * torch's expand: the base expanded to `batchShape` followed by the dims it reinterprets as events.
   * @example
   * new distributions.Independent(new distributions.Normal(zeros([2]), 1), 1).expand([3]).batchShape; // [3]
   */
  override expand(batchShape: readonly number[]): this {
    const kept = this.baseDist.batchShape.slice(this.baseDist.batchShape.length - this.reinterpretedBatchNdims);
    return this.expandInstance(batchShape, (batch) => ({ baseDist: this.baseDist.expand([...batch, ...kept]) }));
  }

  override get hasRsample(): boolean {
    return this.baseDist.hasRsample;
  }
  get support(): Constraint {
    return independent(this.baseDist.support, this.reinterpretedBatchNdims);
  }
  get mean(): Tensor {
    return this.baseDist.mean;
  }
  override get mode(): Tensor {
    return this.baseDist.mode;
  }
  get variance(): Tensor {
    return this.baseDist.variance;
  }
  override get stddev(): Tensor {
    return this.baseDist.stddev;
  }

  override sample(sampleShape: readonly number[] = []): Tensor {
    return this.baseDist.sample(sampleShape);
  }
  override rsample(sampleShape: readonly number[] = []): Tensor {
    return this.baseDist.rsample(sampleShape);
  }

  // Σ over the reinterpreted dims of the base's logProb
  logProb(value: Tensor | number): Tensor {
    return composite(() => sumRightmost(this.baseDist.logProb(value), this.reinterpretedBatchNdims));
  }

  entropy(): Tensor {
    return composite(() => sumRightmost(this.baseDist.entropy(), this.reinterpretedBatchNdims));
  }

  override toString(): string {
    return `Independent(${this.baseDist}, ${this.reinterpretedBatchNdims})`;
  }
}
