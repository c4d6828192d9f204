import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { fullLike } from '../ops/creation.js';
import { where } from '../ops/elementwise.js';
import { randn } from '../ops/random.js';
import { Chi2 } from './chi2.js';
import { type Constraint, positive, real } from './constraints.js';
import { broadcastParameters, Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';

// log Γ(½) = log √π
const LOG_GAMMA_HALF = 0.5 * Math.log(Math.PI);

/**
 * Student's t distribution with `df` degrees of freedom, location `loc` and scale `scale`
 * (torch.distributions.StudentT): density Γ((ν + 1)/2)/(Γ(ν/2)·√(νπ)·σ)·(1 + y²/ν)^(−(ν + 1)/2) with
 * y = (x − μ)/σ; the parameters broadcast (`loc` defaults to 0, `scale` to 1, as torch). mean μ (NaN
 * where ν ≤ 1), mode μ, variance σ²ν/(ν − 2) (+∞ where 1 < ν ≤ 2, NaN where ν ≤ 1). Reparameterised as torch: rsample = μ + σ·X/√(Z/ν) with
 * X ~ N(0, 1) and Z ~ Chi2(ν) drawn by the chi-squared's rsample, so the gradient in ν includes the
 * implicit reparameterisation gradient of {@link standardGamma}. Samples run on the CPU.
 * @example
 * const d = new distributions.StudentT(tensor([1, 5]));
 * d.logProb(tensor([0, 0])); // [-1.1447, -0.9686]
 * d.variance; // [NaN, 1.6667]
 */
export class StudentT extends Distribution {
  /** The degrees of freedom ν (> 0), broadcast to batchShape. */
  readonly df: Tensor;
  /** The location μ, broadcast to batchShape. */
  readonly loc: Tensor;
  /** The scale σ (> 0), broadcast to batchShape. */
  readonly scale: Tensor;
  /** Chi2(ν), the distribution of Z in the sampler. */
  private readonly chi2: Chi2;

  constructor(df: Tensor | number, loc: Tensor | number = 0, scale: Tensor | number = 1, options?: DistributionOptions) {
    const validateArgs = readValidateArgs('StudentT', options, optionKeys);
    const [degrees, location, spread] = broadcastParameters('StudentT', [df, loc, scale]) as [Tensor, Tensor, Tensor];
    super('StudentT', degrees.shape, [], validateArgs);
    this.df = degrees;
    this.loc = location;
    this.scale = spread;
    // validated here, naming StudentT (torch's inner Chi2 reports an invalid df as its own)
    this.checkParameters({ df: [degrees, positive], loc: [location, real], scale: [spread, positive] });
    this.chi2 = new Chi2(degrees, { validateArgs: false });
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({
      df: this.df.expand(batch),
      loc: this.loc.expand(batch),
      scale: this.scale.expand(batch),
      chi2: this.chi2.expand(batch),
    }));
  }

  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return real;
  }
  // μ where ν > 1, NaN elsewhere
  get mean(): Tensor {
    return composite(() => where(this.df.le(1), Number.NaN, this.loc));
  }
  override get mode(): Tensor {
    return this.loc;
  }
  // σ²ν/(ν − 2) where ν > 2, +∞ where 1 < ν ≤ 2, NaN where ν ≤ 1 (the formula is evaluated at ν = 3
  // where it is not used, so that no 0·∞ reaches the gradient)
  get variance(): Tensor {
    return composite(() => {
      const finite = this.df.gt(2);
      const degrees = where(finite, this.df, 3);
      const formula = this.scale.pow(2).mul(degrees).div(degrees.sub(2));
      return where(finite, formula, where(this.df.gt(1), fullLike(this.df, Number.POSITIVE_INFINITY), Number.NaN));
    });
  }

  // μ + σ·X·(Z/ν)^(−½), X ~ N(0, 1) drawn first, then Z ~ Chi2(ν)
  override rsample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() => {
      const x = randn(shape, { dtype: this.df.dtype, device: this.df.device });
      const z = this.chi2.rsample(sampleShape);
      return this.loc.add(this.scale.mul(x.mul(z.div(this.df).rsqrt())));
    });
  }

  // −((ν + 1)/2)·log(1 + y²/ν) − log σ − ½·log ν − ½·log π − log Γ(ν/2) + log Γ((ν + 1)/2)
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.df);
    return composite(() => {
      const y = x.sub(this.loc).div(this.scale);
      const normaliser = this.scale
        .log()
        .add(this.df.log().mul(0.5))
        .add(0.5 * Math.log(Math.PI))
        .add(this.df.mul(0.5).lgamma())
        .sub(this.df.add(1).mul(0.5).lgamma());
      return this.df.add(1).mul(-0.5).mul(y.pow(2).div(this.df).log1p()).sub(normaliser);
    });
  }

  // log σ + ((ν + 1)/2)·(ψ((ν + 1)/2) − ψ(ν/2)) + ½·log ν + log B(ν/2, ½)
  entropy(): Tensor {
    return composite(() => {
      const half = this.df.mul(0.5);
      const halfPlus = this.df.add(1).mul(0.5);
      const logBeta = half.lgamma().add(LOG_GAMMA_HALF).sub(halfPlus.lgamma());
      return this.scale
        .log()
        .add(this.df.add(1).mul(0.5).mul(halfPlus.digamma().sub(half.digamma())))
        .add(this.df.log().mul(0.5))
        .add(logBeta);
    });
  }
}
