import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { finfo } from '../core/type-info.js';
import { where } from '../ops/elementwise.js';
import { igamma } from '../ops/incomplete-gamma.js';
import { standardGamma } from '../ops/standard-gamma.js';
import { xlogy } from '../ops/xlogy.js';
import { type Constraint, nonnegative, positive } from './constraints.js';
import { broadcastParameters, Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';

/**
 * The gamma distribution with shape α (`concentration`) and `rate` β: density
 * β^α·x^(α−1)·e^(−βx)/Γ(α) on x ≥ 0 (torch.distributions.Gamma); the parameters broadcast.
 * Reparameterised: rsample = standardGamma(α)/β, whose gradient in α is the implicit
 * reparameterisation gradient of {@link standardGamma}. mean α/β, variance α/β², mode max(α − 1, 0)/β;
 * cdf P(α, βx) by igamma (torch 2's Gamma.cdf; torch 1.13 has none), differentiable in rate and value
 * only (the derivative of igamma in α is not implemented, as torch's). Samples run on the CPU.
 * @example
 * const d = new distributions.Gamma(tensor([2, 0.5]), tensor([1, 3]));
 * d.mean; // [2, 0.1667]
 * d.logProb(tensor([1, 1])); // [-1, -3.0231]
 * d.rsample([1000]).shape; // [1000, 2]
 */
export class Gamma extends Distribution {
  /** The shape α (> 0), broadcast to batchShape. */
  readonly concentration: Tensor;
  /** The rate β (> 0) = 1/scale, broadcast to batchShape. */
  readonly rate: Tensor;

  constructor(concentration: Tensor | number, rate: Tensor | number, options?: DistributionOptions) {
    // a subclass (Chi2) names itself and its parameters in messages and toString
    const name = (new.target as { distributionName?: string }).distributionName ?? 'Gamma';
    const [shape, inverseScale] = broadcastParameters(name, [concentration, rate]) as [Tensor, Tensor];
    super(name, shape.shape, [], readValidateArgs(name, options, optionKeys));
    this.concentration = shape;
    this.rate = inverseScale;
    this.checkParameters(this.constrainedParameters());
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ concentration: this.concentration.expand(batch), rate: this.rate.expand(batch) }));
  }

  /** The parameters and constraints validated and shown by toString (a subclass shows its own). */
  protected constrainedParameters(): Record<string, [Tensor, Constraint]> {
    return { concentration: [this.concentration, positive], rate: [this.rate, positive] };
  }

  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return nonnegative;
  }
  // α/β
  get mean(): Tensor {
    return composite(() => this.concentration.div(this.rate));
  }
  // max((α − 1)/β, 0)
  override get mode(): Tensor {
    return composite(() => this.concentration.sub(1).div(this.rate).clamp({ min: 0 }));
  }
  // α/β²
  get variance(): Tensor {
    return composite(() => this.concentration.div(this.rate.pow(2)));
  }

  // standardGamma(α)/β, raised to the smallest normal number as torch does in place on a detached
  // view: the value changes there, the gradient passes unchanged (+ a constant)
  override rsample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() => {
      const value = standardGamma(this.concentration.expand(shape)).div(this.rate.expand(shape));
      const tiny = finfo(value.dtype).tiny;
      // tiny − v is exact for 0 ≤ v < tiny (both are multiples of the smallest subnormal), so v + (tiny − v) = tiny
      const raise = noGrad(() => where(value.lt(tiny), value.neg().add(tiny), 0));
      return value.add(raise);
    });
  }

  // α·log β + (α − 1)·log x − βx − log Γ(α), with 0·log 0 = 0 as torch's xlogy
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.rate);
    return composite(() =>
      xlogy(this.concentration, this.rate)
        .add(xlogy(this.concentration.sub(1), x))
        .sub(this.rate.mul(x))
        .sub(this.concentration.lgamma()),
    );
  }

  // P(α, βx)
  override cdf(value: Tensor | number): Tensor {
    const x = this.checkValue('cdf', value, this.rate);
    return composite(() => igamma(this.concentration, this.rate.mul(x)));
  }

  // α − log β + log Γ(α) + (1 − α)·ψ(α)
  entropy(): Tensor {
    return composite(() =>
      this.concentration
        .sub(this.rate.log())
        .add(this.concentration.lgamma())
        .add(this.concentration.neg().add(1).mul(this.concentration.digamma())),
    );
  }
}
