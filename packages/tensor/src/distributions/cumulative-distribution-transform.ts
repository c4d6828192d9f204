import type { Tensor } from '../core/tensor.js';
import { type Constraint, unitInterval } from './constraints.js';
import { Distribution } from './distribution.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

/**
 * y = F(x), the cdf of a distribution, from its support to [0, 1] (torch's
 * CumulativeDistributionTransform); the inverse is its icdf and log |dy/dx| its logProb. With a
 * standard normal it makes a Gaussian copula of a multivariate normal.
 * @example
 * const t = new distributions.transforms.CumulativeDistributionTransform(new distributions.Normal(0, 1));
 * t.call(tensor([0])); // [0.5]
 */
export class CumulativeDistributionTransform extends Transform {
  constructor(
    /** The distribution whose cdf the transform is. */
    readonly distribution: Distribution,
    options?: TransformOptions,
  ) {
    super('CumulativeDistributionTransform', readCacheSize('CumulativeDistributionTransform', options));
    if (!(distribution instanceof Distribution)) throw new Error('CumulativeDistributionTransform: distribution must be a distribution');
  }
  get domain(): Constraint {
    return this.distribution.support;
  }
  get codomain(): Constraint {
    return unitInterval;
  }
  override get bijective(): boolean {
    return true;
  }
  override get sign(): number {
    return 1;
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof CumulativeDistributionTransform)(this.distribution, { cacheSize });
  }
  protected override forward(x: Tensor): Tensor {
    return this.distribution.cdf(x);
  }
  protected override inverse(y: Tensor): Tensor {
    return this.distribution.icdf(y);
  }
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    void y;
    return this.distribution.logProb(x);
  }
}
