import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { broadcastParameters, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';
import { HalfDistribution } from './half-distribution.js';
import { Normal } from './normal.js';

/**
 * The half-normal distribution: |X| for X ~ N(0, scale²) (torch.distributions.HalfNormal), with
 * density √2/(scale·√π)·e^(−x²/(2·scale²)) on x ≥ 0. mean scale·√(2/π), variance scale²·(1 − 2/π),
 * mode 0; cdf erf(x/(scale·√2)), icdf through the normal's, entropy ½·log(πe/2) + log scale.
 * Reparameterised: rsample = |scale·ε| with ε ~ N(0, 1).
 * @example
 * const d = new distributions.HalfNormal(tensor([1, 2]));
 * d.mean; // [0.7979, 1.5958]
 * d.logProb(tensor([0, 1])); // [-0.2258, -1.0439]
 */
export class HalfNormal extends HalfDistribution<Normal> {
  constructor(scale: Tensor | number, options?: DistributionOptions) {
    const validateArgs = readValidateArgs('HalfNormal', options, optionKeys);
    const [spread] = broadcastParameters('HalfNormal', [scale]) as [Tensor];
    // validated here, naming HalfNormal (as torch, whose base normal does not validate)
    super('HalfNormal', new Normal(0, spread, { validateArgs: false }), validateArgs);
  }
  // scale·√(2/π)
  get mean(): Tensor {
    return composite(() => this.scale.mul(Math.sqrt(2 / Math.PI)));
  }
  // scale²·(1 − 2/π)
  get variance(): Tensor {
    return composite(() => this.scale.pow(2).mul(1 - 2 / Math.PI));
  }
}
