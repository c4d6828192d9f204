import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { type Constraint, nonnegative, positive } from './constraints.js';
import { Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';
import { Normal } from './normal.js';

/**
 * The log-normal distribution: X = e^Y with Y ~ N(loc, scale²) (torch.distributions.LogNormal, a
 * transformed normal). Reparameterised through the normal's rsample; cdf and icdf go through the
 * normal's (exp is increasing).
 * @example
 * new distributions.LogNormal(0, 1).mean; // 1.6487 (e^½)
 */
export class LogNormal extends Distribution {
  /** The normal distribution of log X. */
  readonly baseDist: Normal;

  constructor(loc: Tensor | number, scale: Tensor | number, options?: DistributionOptions) {
    const validateArgs = readValidateArgs('LogNormal', options, optionKeys);
    const base = new Normal(loc, scale, { validateArgs });
    super('LogNormal', base.batchShape, [], validateArgs);
    this.baseDist = base;
    this.checkParameters({});
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ baseDist: this.baseDist.expand(batch) }));
  }

  /** The mean of log X. */
  get loc(): Tensor {
    return this.baseDist.loc;
  }
  /** The standard deviation of log X. */
  get scale(): Tensor {
    return this.baseDist.scale;
  }
  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return positive;
  }
  // e^(μ + σ²/2)
  get mean(): Tensor {
    return composite(() => this.loc.add(this.scale.square().div(2)).exp());
  }
  // e^(μ − σ²)
  override get mode(): Tensor {
    return composite(() => this.loc.sub(this.scale.square()).exp());
  }
  // (e^(σ²) − 1)·e^(2μ + σ²)
  get variance(): Tensor {
    return composite(() => {
      const square = this.scale.square();
      return square.expm1().mul(this.loc.mul(2).add(square).exp());
    });
  }

  override rsample(sampleShape: readonly number[] = []): Tensor {
    return composite(() => this.baseDist.rsample(sampleShape).exp());
  }

  // log p(x) = log N(log x; μ, σ²) − log x
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.loc);
    return composite(() => {
      const y = x.log();
      return this.baseDist.logProb(y).sub(y);
    });
  }

  // Φ(log x); x = 0 is allowed (0, as torch, which checks log x against the normal's real support)
  override cdf(value: Tensor | number): Tensor {
    const x = this.checkValue('cdf', value, this.loc, nonnegative);
    return composite(() => this.baseDist.cdf(x.log()));
  }

  override icdf(value: Tensor | number): Tensor {
    const p = this.asValue('icdf', value, this.loc);
    return composite(() => this.baseDist.icdf(p).exp());
  }

  // H(N(μ, σ²)) + μ
  entropy(): Tensor {
    return composite(() => this.baseDist.entropy().add(this.loc));
  }
}
