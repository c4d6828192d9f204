import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { finfo } from '../core/type-info.js';
import { rand } from '../ops/random.js';
import type { DistributionOptions } from './distribution.js';
import { LocationScale } from './location-scale.js';

/** The Euler–Mascheroni constant γ = −ψ(1), the mean of the standard Gumbel distribution. */
export const EULER_GAMMA = 0.5772156649015329;

/**
 * The Gumbel (type-I extreme value) distribution with cdf e^(−e^(−(x − loc)/scale))
 * (torch.distributions.Gumbel); loc (the mode) and scale broadcast. mean loc + γ·scale (γ the
 * Euler–Mascheroni constant), stddev π·scale/√6, entropy log scale + 1 + γ. As torch, it is the image
 * of a uniform variable on [tiny, 1 − ε] (tiny the smallest normal number, ε the machine epsilon of the
 * dtype) under u ↦ loc − scale·log(−log u): rsample takes u = tiny + v·(1 − ε − tiny) with v uniform on
 * [0, 1) (reparameterised: gradients reach loc and scale), icdf(p) maps p onto that interval the same
 * way (so icdf(0) and icdf(1) are finite, as torch's), and cdf divides back and clamps to [0, 1].
 * @example
 * const d = new distributions.Gumbel(tensor([0, 1]), 2);
 * d.mean; // [1.1544, 2.1544]
 * d.logProb(tensor([0, 0])); // [-1.6931, -1.8419]
 */
export class Gumbel extends LocationScale {
  constructor(loc: Tensor | number, scale: Tensor | number, options?: DistributionOptions) {
    super('Gumbel', loc, scale, options);
  }
  // loc + γ·scale
  override get mean(): Tensor {
    return composite(() => this.loc.add(this.scale.mul(EULER_GAMMA)));
  }
  // π·scale/√6
  override get stddev(): Tensor {
    return composite(() => this.scale.mul(Math.PI / Math.sqrt(6)));
  }
  // (π·scale/√6)²
  get variance(): Tensor {
    return composite(() => this.stddev.pow(2));
  }

  /** p ∈ [0, 1] onto the base uniform's [tiny, 1 − ε], then loc − scale·log(−log u). */
  private fromUniform(p: Tensor): Tensor {
    const { tiny, eps } = finfo(this.loc.dtype === 'float64' ? 'float64' : 'float32');
    const u = p.mul(1 - eps - tiny).add(tiny);
    return this.loc.sub(this.scale.mul(u.log().neg().log()));
  }

  override rsample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() => this.fromUniform(rand(shape, { dtype: this.loc.dtype, device: this.loc.device })));
  }

  // z − e^z − log scale with z = (loc − x)/scale
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.loc);
    return composite(() => {
      const z = this.loc.sub(x).div(this.scale);
      return z.sub(z.exp()).sub(this.scale.log());
    });
  }

  // e^(−e^(−(x − loc)/scale)), mapped back from the base uniform's [tiny, 1 − ε] and clamped to [0, 1]
  override cdf(value: Tensor | number): Tensor {
    const x = this.checkValue('cdf', value, this.loc);
    const { tiny, eps } = finfo(this.loc.dtype === 'float64' ? 'float64' : 'float32');
    return composite(() =>
      x
        .sub(this.loc)
        .div(this.scale)
        .neg()
        .exp()
        .neg()
        .exp()
        .sub(tiny)
        .div(1 - eps - tiny)
        .clamp(0, 1),
    );
  }

  // loc − scale·log(−log(tiny + p·(1 − ε − tiny)))
  override icdf(value: Tensor | number): Tensor {
    const p = this.asValue('icdf', value, this.loc);
    return composite(() => this.fromUniform(p));
  }

  // log scale + 1 + γ
  entropy(): Tensor {
    return composite(() => this.scale.log().add(1 + EULER_GAMMA));
  }
}
