import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { zerosLike } from '../ops/creation.js';
import { rand } from '../ops/random.js';
import { type Constraint, nonnegative, positive } from './constraints.js';
import { broadcastParameters, Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';

/**
 * The exponential distribution with density rate·e^(−rate·x) on x ≥ 0 (torch.distributions.Exponential).
 * Reparameterised: rsample = −log(1 − u)/rate with u uniform on [0, 1).
 * @example
 * new distributions.Exponential(tensor([2])).mean; // [0.5]
 */
export class Exponential extends Distribution {
  /** The rate (> 0), 1/mean. */
  readonly rate: Tensor;

  constructor(rate: Tensor | number, options?: DistributionOptions) {
    const [inverseMean] = broadcastParameters('Exponential', [rate]) as [Tensor];
    super('Exponential', inverseMean.shape, [], readValidateArgs('Exponential', options, optionKeys));
    this.rate = inverseMean;
    this.checkParameters({ rate: [inverseMean, positive] });
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ rate: this.rate.expand(batch) }));
  }

  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return nonnegative;
  }
  get mean(): Tensor {
    return this.rate.reciprocal();
  }
  override get mode(): Tensor {
    return zerosLike(this.rate);
  }
  override get stddev(): Tensor {
    return this.rate.reciprocal();
  }
  get variance(): Tensor {
    return this.rate.pow(-2);
  }

  override rsample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() => rand(shape, { dtype: this.rate.dtype, device: this.rate.device }).neg().log1p().neg().div(this.rate));
  }

  // log rate − rate·x
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.rate);
    return composite(() => this.rate.log().sub(this.rate.mul(x)));
  }

  // 1 − e^(−rate·x)
  override cdf(value: Tensor | number): Tensor {
    const x = this.checkValue('cdf', value, this.rate);
    return composite(() => this.rate.neg().mul(x).exp().neg().add(1));
  }

  // −log(1 − p)/rate
  override icdf(value: Tensor | number): Tensor {
    const p = this.asValue('icdf', value, this.rate);
    return composite(() => p.neg().log1p().neg().div(this.rate));
  }

  // 1 − log rate
  entropy(): Tensor {
    return composite(() => this.rate.log().neg().add(1));
  }
}
