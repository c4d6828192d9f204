import type { Tensor } from '../core/tensor.js';
import { type Constraint, positive, real, simplex } from './constraints.js';
import { broadcastParameters, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';
import type { Independent } from './independent.js';
import { Normal } from './normal.js';
import { StickBreakingTransform } from './stick-breaking-transform.js';
import { TransformedDistribution } from './transformed-distribution.js';

/**
 * The logistic-normal distribution on the simplex (torch.distributions.LogisticNormal): X ~ N(loc,
 * scale²) over K reals pushed through the StickBreakingTransform onto K + 1 probabilities that sum to
 * 1; loc and scale broadcast, their last dim is the event (a scalar pair is made a vector of one, as
 * torch). logProb(y) = Σ log N(x; loc, scale) − log |det ∂y/∂x| at x = stick-breaking⁻¹(y);
 * reparameterised (gradients reach loc and scale). mean, variance, mode and entropy have no closed form
 * (torch raises NotImplementedError). Parameters are validated under LogisticNormal's name.
 * @example
 * const d = new distributions.LogisticNormal(zeros([2]), ones([2]));
 * d.eventShape; // [3]
 * d.sample([4]).sum(-1); // [1, 1, 1, 1]
 */
export class LogisticNormal extends TransformedDistribution {
  static readonly distributionName = 'LogisticNormal';

  constructor(loc: Tensor | number, scale: Tensor | number, options?: DistributionOptions) {
    const validateArgs = readValidateArgs('LogisticNormal', options, optionKeys);
    const [location, spread] = broadcastParameters('LogisticNormal', [loc, scale]) as [Tensor, Tensor];
    // checked below under LogisticNormal's name
    let base = new Normal(location, spread, { validateArgs: false });
    if (base.batchShape.length === 0) base = base.expand([1]);
    super(base, new StickBreakingTransform(), { validateArgs });
    this.checkParameters({ loc: [location, real], scale: [spread, positive] });
  }

  /** The normal over the reals that the stick-breaking maps (inside the Independent over its last dim). */
  private get normal(): Normal {
    return (this.baseDist as Independent).baseDist as Normal;
  }
  /** The location of the normal, [...batchShape, K]. */
  get loc(): Tensor {
    return this.normal.loc;
  }
  /** The scale of the normal, [...batchShape, K]. */
  get scale(): Tensor {
    return this.normal.scale;
  }
  override get support(): Constraint {
    return simplex;
  }
}
