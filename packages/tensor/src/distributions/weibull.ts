import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { onesLike } from '../ops/creation.js';
import { type Constraint, nonnegative, positive } from './constraints.js';
import { broadcastParameters, Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';
import { Exponential } from './exponential.js';
import { EULER_GAMMA } from './gumbel.js';

/**
 * The two-parameter Weibull distribution with scale λ and shape k (`concentration`): density
 * (k/λ)·(x/λ)^(k−1)·e^(−(x/λ)^k) on x > 0 (torch.distributions.Weibull); the parameters broadcast. As
 * torch, X = λ·E^(1/k) with E ~ Exponential(1) (torch's TransformedDistribution with PowerTransform and
 * AffineTransform; the same formulas are written here directly): rsample, cdf 1 − e^(−(x/λ)^k) and icdf
 * go through the exponential's. mean λ·Γ(1 + 1/k), variance λ²·(Γ(1 + 2/k) − Γ(1 + 1/k)²), mode
 * λ·((k − 1)/k)^(1/k) (for k < 1 a negative number to the power 1/k: NaN unless 1/k is an integer, as
 * torch's), entropy γ·(1 − 1/k) + log(λ/k) + 1.
 * @example
 * const d = new distributions.Weibull(2, tensor([1, 3]));
 * d.mean; // [2, 1.7860]
 * d.cdf(tensor([2, 2])); // [0.6321, 0.6321]
 */
export class Weibull extends Distribution {
  /** The scale λ (> 0), broadcast to batchShape. */
  readonly scale: Tensor;
  /** The shape k (> 0), broadcast to batchShape. */
  readonly concentration: Tensor;
  /** Exponential(1), the distribution of (X/λ)^k. */
  readonly baseDist: Exponential;

  constructor(scale: Tensor | number, concentration: Tensor | number, options?: DistributionOptions) {
    const validateArgs = readValidateArgs('Weibull', options, optionKeys);
    const [spread, shape] = broadcastParameters('Weibull', [scale, concentration]) as [Tensor, Tensor];
    super('Weibull', spread.shape, [], validateArgs);
    this.scale = spread;
    this.concentration = shape;
    this.checkParameters({ scale: [spread, positive], concentration: [shape, positive] });
    this.baseDist = new Exponential(onesLike(spread), { validateArgs: false });
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({
      scale: this.scale.expand(batch),
      concentration: this.concentration.expand(batch),
      baseDist: this.baseDist.expand(batch),
    }));
  }

  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return positive;
  }
  // λ·Γ(1 + 1/k)
  get mean(): Tensor {
    return composite(() => this.concentration.reciprocal().add(1).lgamma().exp().mul(this.scale));
  }
  // λ·((k − 1)/k)^(1/k)
  override get mode(): Tensor {
    return composite(() => this.concentration.sub(1).div(this.concentration).pow(this.concentration.reciprocal()).mul(this.scale));
  }
  // λ²·(Γ(1 + 2/k) − Γ(1 + 1/k)²)
  get variance(): Tensor {
    return composite(() => {
      const reciprocal = this.concentration.reciprocal();
      const second = reciprocal.mul(2).add(1).lgamma().exp();
      const first = reciprocal.add(1).lgamma().mul(2).exp();
      return this.scale.pow(2).mul(second.sub(first));
    });
  }

  // λ·E^(1/k), E the exponential's rsample
  override rsample(sampleShape: readonly number[] = []): Tensor {
    return composite(() => this.baseDist.rsample(sampleShape).pow(this.concentration.reciprocal()).mul(this.scale));
  }

  // log p_E((x/λ)^k) + log k − log λ + (k − 1)·log(x/λ)
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.scale);
    return composite(() => {
      const ratio = x.div(this.scale);
      return this.baseDist
        .logProb(ratio.pow(this.concentration))
        .add(this.concentration.log())
        .sub(this.scale.log())
        .add(this.concentration.sub(1).mul(ratio.log()));
    });
  }

  // the exponential's cdf at (x/λ)^k: 1 − e^(−(x/λ)^k); x = 0 is allowed (0, as torch, which checks (x/λ)^k against the exponential's support)
  override cdf(value: Tensor | number): Tensor {
    const x = this.checkValue('cdf', value, this.scale, nonnegative);
    return composite(() => this.baseDist.cdf(x.div(this.scale).pow(this.concentration)));
  }

  // λ·(−log(1 − p))^(1/k)
  override icdf(value: Tensor | number): Tensor {
    const p = this.asValue('icdf', value, this.scale);
    return composite(() => this.baseDist.icdf(p).pow(this.concentration.reciprocal()).mul(this.scale));
  }

  // γ·(1 − 1/k) + log(λ/k) + 1
  entropy(): Tensor {
    return composite(() => {
      const reciprocal = this.concentration.reciprocal();
      return reciprocal.neg().add(1).mul(EULER_GAMMA).add(this.scale.mul(reciprocal).log()).add(1);
    });
  }
}
