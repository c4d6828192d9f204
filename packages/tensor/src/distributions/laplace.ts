import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { rand } from '../ops/random.js';
import { type DistributionOptions, epsilonOf } from './distribution.js';
import { LocationScale } from './location-scale.js';

/**
 * The Laplace distribution with density e^(−|x − loc|/scale)/(2·scale) (torch.distributions.Laplace);
 * loc and scale broadcast. Reparameterised: rsample = loc − scale·sign(u)·log(1 − |u|) with u
 * uniform on [ε − 1, 1), as torch.
 * @example
 * new distributions.Laplace(0, 1).logProb(tensor([1])); // [-1.6931]
 */
export class Laplace extends LocationScale {
  constructor(loc: Tensor | number, scale: Tensor | number, options?: DistributionOptions) {
    super('Laplace', loc, scale, options);
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
