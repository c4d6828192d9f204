import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { erfinv } from '../ops/error-functions.js';
import { randn } from '../ops/random.js';
import type { DistributionOptions } from './distribution.js';
import { LocationScale } from './location-scale.js';

const LOG_SQRT_TWO_PI = Math.log(Math.sqrt(2 * Math.PI));

/**
 * The normal (Gaussian) distribution N(loc, scale²) (torch.distributions.Normal); loc and scale
 * (tensors or numbers) broadcast to the batch shape. Reparameterised: rsample = loc + scale·ε with
 * ε ~ N(0, 1), so gradients reach loc (1) and scale (ε).
 * @example
 * const d = new distributions.Normal(tensor([0, 1]), 2);
 * d.logProb(tensor([0, 0])); // [-1.6121, -1.7371]
 * d.rsample([10]).shape; // [10, 2]
 */
export class Normal extends LocationScale {
  constructor(loc: Tensor | number, scale: Tensor | number, options?: DistributionOptions) {
    super('Normal', loc, scale, options);
  }
  override get stddev(): Tensor {
    return this.scale;
  }
  get variance(): Tensor {
    return this.scale.square();
  }

  override rsample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() => this.loc.add(randn(shape, { dtype: this.loc.dtype, device: this.loc.device }).mul(this.scale)));
  }

  // log p(x) = −(x − μ)²/(2σ²) − log σ − log √(2π)
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.loc);
    return composite(() => x.sub(this.loc).square().div(this.scale.square().mul(2)).neg().sub(this.scale.log()).sub(LOG_SQRT_TWO_PI));
  }

  // Φ((x − μ)/σ) = ½(1 + erf((x − μ)/(σ√2)))
  override cdf(value: Tensor | number): Tensor {
    const x = this.checkValue('cdf', value, this.loc);
    return composite(() => x.sub(this.loc).mul(this.scale.reciprocal()).div(Math.SQRT2).erf().add(1).mul(0.5));
  }

  // μ + σ·√2·erfinv(2p − 1)
  override icdf(value: Tensor | number): Tensor {
    const p = this.asValue('icdf', value, this.loc);
    return composite(() => this.loc.add(this.scale.mul(erfinv(p.mul(2).sub(1))).mul(Math.SQRT2)));
  }

  // ½ + ½·log(2π) + log σ
  entropy(): Tensor {
    return composite(() => this.scale.log().add(0.5 + 0.5 * Math.log(2 * Math.PI)));
  }
}
