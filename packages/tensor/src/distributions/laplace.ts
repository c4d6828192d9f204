import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { rand } from '../ops/random.js';
import { type Constraint, positive, real } from './constraints.js';
import { broadcastParameters, Distribution, type DistributionOptions, epsilonOf, optionKeys, readValidateArgs } from './distribution.js';

/**
 * The Laplace distribution with density e^(−|x − loc|/scale)/(2·scale) (torch.distributions.Laplace);
 * loc and scale broadcast. Reparameterised: rsample = loc − scale·sign(u)·log(1 − |u|) with u
 * uniform on [ε − 1, 1), as torch.
 * @example
 * new distributions.Laplace(0, 1).logProb(tensor([1])); // [-1.6931]
 */
export class Laplace extends Distribution {
  /** The location (mean, median and mode), broadcast to batchShape. */
  readonly loc: Tensor;
  /** The scale (> 0), broadcast to batchShape. */
  readonly scale: Tensor;

  constructor(loc: Tensor | number, scale: Tensor | number, options?: DistributionOptions) {
    const [location, spread] = broadcastParameters('Laplace', [loc, scale]) as [Tensor, Tensor];
    super('Laplace', location.shape, [], readValidateArgs('Laplace', options, optionKeys));
    this.loc = location;
    this.scale = spread;
    this.checkParameters({ loc: [location, real], scale: [spread, positive] });
  }

  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return real;
  }
  get mean(): Tensor {
    return this.loc;
  }
  override get mode(): Tensor {
    return this.loc;
  }
  // √2·scale
  override get stddev(): Tensor {
    return this.scale.mul(Math.SQRT2);
  }
  // 2·scale²
  get variance(): Tensor {
    return composite(() => this.scale.square().mul(2));
  }

  override rsample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const epsilon = epsilonOf(this.loc.dtype);
    return composite(() => {
      // u uniform on [ε − 1, 1): 1 − |u| stays positive
      const u = rand(shape, { dtype: this.loc.dtype, device: this.loc.device })
        .mul(2 - epsilon)
        .add(epsilon - 1);
      return this.loc.sub(this.scale.mul(u.sign()).mul(u.abs().neg().log1p()));
    });
  }

  // −log(2·scale) − |x − loc|/scale
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.loc);
    return composite(() => this.scale.mul(2).log().neg().sub(x.sub(this.loc).abs().div(this.scale)));
  }

  // ½ − ½·sign(x − loc)·expm1(−|x − loc|/scale)
  override cdf(value: Tensor | number): Tensor {
    const x = this.checkValue('cdf', value, this.loc);
    return composite(() => {
      const difference = x.sub(this.loc);
      return difference.sign().mul(difference.abs().neg().div(this.scale).expm1()).mul(-0.5).add(0.5);
    });
  }

  // loc − scale·sign(p − ½)·log1p(−2|p − ½|)
  override icdf(value: Tensor | number): Tensor {
    const p = this.asValue('icdf', value, this.loc);
    return composite(() => {
      const term = p.sub(0.5);
      return this.loc.sub(this.scale.mul(term.sign()).mul(term.abs().mul(-2).log1p()));
    });
  }

  // 1 + log(2·scale)
  entropy(): Tensor {
    return composite(() => this.scale.mul(2).log().add(1));
  }
}
