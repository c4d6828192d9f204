import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { finfo } from '../core/type-info.js';
import { where } from '../ops/elementwise.js';
import { type Constraint, positive } from './constraints.js';
import { broadcastParameters, Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';
import { Gamma } from './gamma.js';

/**
 * The Fisher–Snedecor (F) distribution with `df1` and `df2` degrees of freedom
 * (torch.distributions.FisherSnedecor): the ratio (X₁/d₁)/(X₂/d₂) of independent chi-squared variables,
 * with density Γ((d₁ + d₂)/2)/(Γ(d₁/2)Γ(d₂/2))·(d₁/d₂)^(d₁/2)·x^(d₁/2−1)·(1 + d₁x/d₂)^(−(d₁+d₂)/2) on
 * x > 0; the parameters broadcast. Reparameterised as torch: rsample = Y₁/Y₂ with Y₁ ~ Gamma(d₁/2, d₁)
 * and Y₂ ~ Gamma(d₂/2, d₂) drawn by the gamma's rsample (so gradients carry the implicit
 * reparameterisation gradient of {@link standardGamma}), Y₂ and the ratio raised to the smallest normal
 * number. mean d₂/(d₂ − 2) (NaN where d₂ ≤ 2), mode (d₁ − 2)/d₁·d₂/(d₂ + 2) (NaN where d₁ ≤ 2),
 * variance 2d₂²(d₁ + d₂ − 2)/(d₁(d₂ − 2)²(d₂ − 4)) (NaN where d₂ ≤ 4). No entropy, cdf or icdf (torch
 * 1.13 has none). Samples run on the CPU.
 * @example
 * const d = new distributions.FisherSnedecor(tensor([4, 10]), 12);
 * d.mean; // [1.2, 1.2]
 * d.logProb(tensor([1, 1])); // [-0.7610, -0.4402]
 */
export class FisherSnedecor extends Distribution {
  /** The numerator's degrees of freedom d₁ (> 0), broadcast to batchShape. */
  readonly df1: Tensor;
  /** The denominator's degrees of freedom d₂ (> 0), broadcast to batchShape. */
  readonly df2: Tensor;
  /** Gamma(d₁/2, d₁): the numerator's chi-squared over d₁. */
  private readonly numerator: Gamma;
  /** Gamma(d₂/2, d₂): the denominator's chi-squared over d₂. */
  private readonly denominator: Gamma;

  constructor(df1: Tensor | number, df2: Tensor | number, options?: DistributionOptions) {
    const validateArgs = readValidateArgs('FisherSnedecor', options, optionKeys);
    const [first, second] = broadcastParameters('FisherSnedecor', [df1, df2]) as [Tensor, Tensor];
    super('FisherSnedecor', first.shape, [], validateArgs);
    this.df1 = first;
    this.df2 = second;
    // validated here, naming FisherSnedecor (torch's inner gammas report an invalid df as their concentration)
    this.checkParameters({ df1: [first, positive], df2: [second, positive] });
    this.numerator = new Gamma(
      composite(() => first.mul(0.5)),
      first,
      { validateArgs: false },
    );
    this.denominator = new Gamma(
      composite(() => second.mul(0.5)),
      second,
      { validateArgs: false },
    );
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({
      df1: this.df1.expand(batch),
      df2: this.df2.expand(batch),
      numerator: this.numerator.expand(batch),
      denominator: this.denominator.expand(batch),
    }));
  }

  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return positive;
  }
  // d₂/(d₂ − 2), NaN where d₂ ≤ 2
  get mean(): Tensor {
    return composite(() => {
      const second = where(this.df2.le(2), Number.NaN, this.df2);
      return second.div(second.sub(2));
    });
  }
  // (d₁ − 2)/d₁·d₂/(d₂ + 2), NaN where d₁ ≤ 2
  override get mode(): Tensor {
    return composite(() => {
      const mode = this.df1.sub(2).div(this.df1).mul(this.df2).div(this.df2.add(2));
      return where(this.df1.le(2), Number.NaN, mode);
    });
  }
  // 2d₂²(d₁ + d₂ − 2)/(d₁(d₂ − 2)²(d₂ − 4)), NaN where d₂ ≤ 4 (d₂ replaced by NaN there, as torch, so the
  // gradient in d₁ is NaN there too)
  get variance(): Tensor {
    return composite(() => {
      const second = where(this.df2.le(4), Number.NaN, this.df2);
      return second
        .pow(2)
        .mul(2)
        .mul(this.df1.add(second).sub(2))
        .div(this.df1.mul(second.sub(2).pow(2)).mul(second.sub(4)));
    });
  }

  // Y₁/Y₂ with Y₂ and the ratio raised to the smallest normal number (their gradient is 0 where raised)
  override rsample(sampleShape: readonly number[] = []): Tensor {
    return composite(() => {
      const top = this.numerator.rsample(sampleShape);
      const bottom = this.denominator.rsample(sampleShape);
      const tiny = finfo(top.dtype === 'float64' ? 'float64' : 'float32').tiny;
      return top.div(bottom.clamp({ min: tiny })).clamp({ min: tiny });
    });
  }

  // log Γ((d₁ + d₂)/2) − log Γ(d₁/2) − log Γ(d₂/2) + (d₁/2)·log(d₁/d₂) + (d₁/2 − 1)·log x
  // − ((d₁ + d₂)/2)·log(1 + d₁x/d₂)
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.df1);
    return composite(() => {
      const [half1, half2, ratio] = [this.df1.mul(0.5), this.df2.mul(0.5), this.df1.div(this.df2)];
      const normaliser = half1.add(half2).lgamma().sub(half1.lgamma()).sub(half2.lgamma());
      const power = half1.mul(ratio.log()).add(half1.sub(1).mul(x.log()));
      return normaliser.add(power).sub(half1.add(half2).mul(ratio.mul(x).log1p()));
    });
  }

  entropy(): Tensor {
    throw new Error('FisherSnedecor.entropy is not implemented (torch raises NotImplementedError)');
  }
}
