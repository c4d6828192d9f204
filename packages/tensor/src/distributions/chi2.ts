import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { type Constraint, positive } from './constraints.js';
import { broadcastParameters, type DistributionOptions } from './distribution.js';
import { Gamma } from './gamma.js';

/**
 * The chi-squared distribution with `df` degrees of freedom (torch.distributions.Chi2): exactly
 * Gamma(df/2, ½), so the sum of the squares of df standard normals for integer df. Everything is the
 * gamma's (rsample, logProb, cdf, entropy, moments, and KL pairs with Gamma and Exponential); validation
 * and messages name Chi2 and df.
 * @example
 * const d = new distributions.Chi2(tensor([1, 4]));
 * d.mean; // [1, 4]
 * d.variance; // [2, 8]
 */
export class Chi2 extends Gamma {
  /** Read by Gamma's constructor: the name used in messages and toString. */
  static readonly distributionName = 'Chi2';

  constructor(df: Tensor | number, options?: DistributionOptions) {
    const [degrees] = broadcastParameters('Chi2', [df]) as [Tensor];
    super(
      composite(() => degrees.mul(0.5)),
      0.5,
      options,
    );
  }

  /** The degrees of freedom (> 0): 2·concentration. */
  get df(): Tensor {
    return composite(() => this.concentration.mul(2));
  }

  protected override constrainedParameters(): Record<string, [Tensor, Constraint]> {
    return { df: [this.df, positive] };
  }
}
