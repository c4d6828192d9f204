import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { full } from '../ops/creation.js';
import { rand } from '../ops/random.js';
import type { DistributionOptions } from './distribution.js';
import { LocationScale } from './location-scale.js';

/**
 * The Cauchy (Lorentz) distribution with density 1/(π·scale·(1 + ((x − loc)/scale)²))
 * (torch.distributions.Cauchy); loc (the median and mode) and scale (the half width at half maximum)
 * broadcast. It has no moments: mean is NaN and variance +∞, as torch. Reparameterised:
 * rsample = loc + scale·tan(π(u − ½)) with u uniform on [0, 1) (torch's cauchy_), so it equals
 * icdf(u) and gradients reach loc (1) and scale (tan(π(u − ½))).
 * @example
 * const d = new distributions.Cauchy(tensor([0, 1]), 2);
 * d.logProb(tensor([0, 0])); // [-1.8379, -2.0610]
 * d.cdf(tensor([2, 3])); // [0.75, 0.75]
 */
export class Cauchy extends LocationScale {
  constructor(loc: Tensor | number, scale: Tensor | number, options?: DistributionOptions) {
    super('Cauchy', loc, scale, options);
  }
  // undefined: NaN, as torch
  override get mean(): Tensor {
    return full(this.extendedShape(), Number.NaN, { dtype: this.loc.dtype, device: this.loc.device });
  }
  // +∞, as torch
  get variance(): Tensor {
    return full(this.extendedShape(), Number.POSITIVE_INFINITY, { dtype: this.loc.dtype, device: this.loc.device });
  }

  override rsample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() => {
      const u = rand(shape, { dtype: this.loc.dtype, device: this.loc.device });
      return this.loc.add(u.sub(0.5).mul(Math.PI).tan().mul(this.scale));
    });
  }

  // −log π − log scale − log(1 + ((x − loc)/scale)²)
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.loc);
    return composite(() => this.scale.log().neg().sub(Math.log(Math.PI)).sub(x.sub(this.loc).div(this.scale).square().add(1).log()));
  }

  // atan((x − loc)/scale)/π + ½
  override cdf(value: Tensor | number): Tensor {
    const x = this.checkValue('cdf', value, this.loc);
    return composite(() => x.sub(this.loc).div(this.scale).atan().div(Math.PI).add(0.5));
  }

  // loc + scale·tan(π(p − ½))
  override icdf(value: Tensor | number): Tensor {
    const p = this.asValue('icdf', value, this.loc);
    return composite(() => p.sub(0.5).mul(Math.PI).tan().mul(this.scale).add(this.loc));
  }

  // log(4π) + log scale
  entropy(): Tensor {
    return composite(() => this.scale.log().add(Math.log(4 * Math.PI)));
  }
}
