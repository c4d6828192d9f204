import type { Tensor } from '../core/tensor.js';
import { full } from '../ops/creation.js';
import { Cauchy } from './cauchy.js';
import { broadcastParameters, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';
import { HalfDistribution } from './half-distribution.js';

/**
 * The half-Cauchy distribution: |X| for X ~ Cauchy(0, scale) (torch.distributions.HalfCauchy), with
 * density 2/(π·scale·(1 + (x/scale)²)) on x ≥ 0: median scale, cdf (2/π)·atan(x/scale), mode 0, and
 * no moments (mean and variance +∞, as torch). Reparameterised: rsample = |scale·tan(π(u − ½))| with u
 * uniform on [0, 1).
 * @example
 * const d = new distributions.HalfCauchy(2);
 * d.cdf(tensor([2])); // [0.5]
 * d.logProb(tensor([0])); // [-1.1447]
 */
export class HalfCauchy extends HalfDistribution<Cauchy> {
  constructor(scale: Tensor | number, options?: DistributionOptions) {
    const validateArgs = readValidateArgs('HalfCauchy', options, optionKeys);
    const [spread] = broadcastParameters('HalfCauchy', [scale]) as [Tensor];
    // validated here, naming HalfCauchy (as torch, whose base Cauchy does not validate)
    super('HalfCauchy', new Cauchy(0, spread, { validateArgs: false }), validateArgs);
  }
  // +∞, as torch
  get mean(): Tensor {
    return full(this.extendedShape(), Number.POSITIVE_INFINITY, { dtype: this.scale.dtype, device: this.scale.device });
  }
  // the Cauchy's: +∞
  get variance(): Tensor {
    return this.baseDist.variance;
  }
}
