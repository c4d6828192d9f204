import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { poisson } from '../ops/poisson.js';
import { xlogy } from '../ops/xlogy.js';
import { type Constraint, nonnegative, nonnegativeInteger } from './constraints.js';
import { floatingCounts } from './count-values.js';
import { broadcastParameters, Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';

/**
 * The Poisson distribution of counts k = 0, 1, 2, … with P(k) = λ^k·e^(−λ)/k! for a `rate` λ ≥ 0
 * (torch.distributions.Poisson): mean and variance λ, mode ⌊λ⌋. logProb is
 * xlogy(k, λ) − λ − log Γ(k + 1), so λ = 0 gives 0 at k = 0 and −∞ above. Samples are counts in the
 * rate's dtype drawn by the `poisson` op (on the CPU), without a graph (no rsample, as torch). torch
 * 1.13 has no Poisson entropy (its exponential-family entropy lacks the carrier measure), so
 * `entropy()` throws as torch's NotImplementedError.
 * @example
 * const d = new distributions.Poisson(tensor([4]));
 * d.logProb(tensor([2])); // [-1.9206]
 * d.sample([3]); // e.g. [[3], [6], [4]]
 */
export class Poisson extends Distribution {
  /** The rate λ (≥ 0), broadcast to batchShape. */
  readonly rate: Tensor;

  constructor(rate: Tensor | number, options?: DistributionOptions) {
    const [value] = broadcastParameters('Poisson', [rate]) as [Tensor];
    super('Poisson', value.shape, [], readValidateArgs('Poisson', options, optionKeys));
    this.rate = value;
    this.checkParameters({ rate: [value, nonnegative] });
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ rate: this.rate.expand(batch) }));
  }

  get support(): Constraint {
    return nonnegativeInteger;
  }
  get mean(): Tensor {
    return this.rate;
  }
  // ⌊λ⌋ (gradient 0, as torch's floor)
  override get mode(): Tensor {
    return this.rate.floor();
  }
  get variance(): Tensor {
    return this.rate;
  }

  override sample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() => noGrad(() => poisson(this.rate.detach().expand(shape).contiguous())));
  }

  // k·log λ − λ − log Γ(k + 1), with 0·log 0 = 0
  logProb(value: Tensor | number): Tensor {
    const x = floatingCounts(this.checkValue('logProb', value, this.rate), this.rate);
    return composite(() => xlogy(x, this.rate).sub(this.rate).sub(x.add(1).lgamma()));
  }

  entropy(): Tensor {
    throw new Error('Poisson.entropy is not implemented: torch 1.13 has no closed form for it (torch raises NotImplementedError)');
  }
}
