import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { type Constraint, greaterThanEq, positive } from './constraints.js';
import { broadcastParameters, Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';
import { Exponential } from './exponential.js';

/**
 * The Pareto (type I) distribution with density α·scale^α/x^(α+1) on x ≥ scale
 * (torch.distributions.Pareto); `scale` and `alpha` broadcast. As torch, X = scale·e^E with
 * E ~ Exponential(α) (torch's TransformedDistribution with ExpTransform and AffineTransform; the same
 * formulas are written here directly): rsample, cdf 1 − (scale/x)^α and icdf go through the
 * exponential's. mean α·scale/(α − 1) (+∞ where α ≤ 1), variance scale²·α/((α − 1)²(α − 2)) (+∞ where
 * α ≤ 2), mode scale, entropy log(scale/α) + 1 + 1/α. Values must be ≥ scale.
 * @example
 * const d = new distributions.Pareto(1, tensor([0.5, 3]));
 * d.mean; // [Infinity, 1.5]
 * d.logProb(tensor([2, 2])); // [-1.7329, -1.6740]
 */
export class Pareto extends Distribution {
  /** The scale (> 0), the least value, broadcast to batchShape. */
  readonly scale: Tensor;
  /** The shape α (> 0), broadcast to batchShape. */
  readonly alpha: Tensor;
  /** Exponential(α), the distribution of log(X/scale). */
  readonly baseDist: Exponential;

  constructor(scale: Tensor | number, alpha: Tensor | number, options?: DistributionOptions) {
    const validateArgs = readValidateArgs('Pareto', options, optionKeys);
    const [least, shape] = broadcastParameters('Pareto', [scale, alpha]) as [Tensor, Tensor];
    super('Pareto', least.shape, [], validateArgs);
    this.scale = least;
    this.alpha = shape;
    // validated here, naming Pareto (torch's base Exponential reports an invalid alpha as its rate)
    this.checkParameters({ alpha: [shape, positive], scale: [least, positive] });
    this.baseDist = new Exponential(shape, { validateArgs: false });
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({
      scale: this.scale.expand(batch),
      alpha: this.alpha.expand(batch),
      baseDist: this.baseDist.expand(batch),
    }));
  }

  override get hasRsample(): boolean {
    return true;
  }
  // x ≥ scale
  get support(): Constraint {
    return greaterThanEq(this.scale);
  }
  // a·scale/(a − 1) with a = max(α, 1): +∞ where α ≤ 1
  get mean(): Tensor {
    return composite(() => {
      const a = this.alpha.clamp({ min: 1 });
      return a.mul(this.scale).div(a.sub(1));
    });
  }
  override get mode(): Tensor {
    return this.scale;
  }
  // scale²·a/((a − 1)²(a − 2)) with a = max(α, 2): +∞ where α ≤ 2
  get variance(): Tensor {
    return composite(() => {
      const a = this.alpha.clamp({ min: 2 });
      return this.scale
        .pow(2)
        .mul(a)
        .div(a.sub(1).pow(2).mul(a.sub(2)));
    });
  }

  // scale·e^E, E the exponential's rsample
  override rsample(sampleShape: readonly number[] = []): Tensor {
    return composite(() => this.baseDist.rsample(sampleShape).exp().mul(this.scale));
  }

  // log p_E(e) − log scale − e with e = log(x/scale): log α − log scale − (α + 1)·log(x/scale)
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.scale);
    return composite(() => {
      const e = x.div(this.scale).log();
      return this.baseDist.logProb(e).sub(this.scale.log()).sub(e);
    });
  }

  // the exponential's cdf at log(x/scale): 1 − (scale/x)^α
  override cdf(value: Tensor | number): Tensor {
    const x = this.checkValue('cdf', value, this.scale);
    return composite(() => this.baseDist.cdf(x.div(this.scale).log()));
  }

  // scale·e^(−log(1 − p)/α)
  override icdf(value: Tensor | number): Tensor {
    const p = this.asValue('icdf', value, this.scale);
    return composite(() => this.baseDist.icdf(p).exp().mul(this.scale));
  }

  // log(scale/α) + 1 + 1/α
  entropy(): Tensor {
    return composite(() => this.scale.div(this.alpha).log().add(this.alpha.reciprocal().add(1)));
  }
}
