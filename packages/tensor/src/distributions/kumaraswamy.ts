import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { where } from '../ops/elementwise.js';
import { rand } from '../ops/random.js';
import { type Constraint, positive, unitInterval } from './constraints.js';
import { broadcastParameters, Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';
import { EULER_GAMMA } from './gumbel.js';

/** E[Xⁿ] = b·B(1 + n/a, b) = b·e^(log Γ(1 + n/a) + log Γ(b) − log Γ(1 + n/a + b)) (torch's _moments). */
function moment(a: Tensor, b: Tensor, n: number): Tensor {
  const shifted = a.reciprocal().mul(n).add(1);
  return b.mul(shifted.lgamma().add(b.lgamma()).sub(shifted.add(b).lgamma()).exp());
}

/**
 * The Kumaraswamy distribution on [0, 1] with density a·b·x^(a−1)·(1 − x^a)^(b−1) and cdf
 * 1 − (1 − x^a)^b, a = `concentration1`, b = `concentration0` (torch.distributions.Kumaraswamy, there a
 * uniform variable carried through the transforms u ↦ u^(1/b) ↦ 1 − · ↦ ·^(1/a); the same formulas are
 * written here directly); the parameters broadcast. Reparameterised: rsample = (1 − u^(1/b))^(1/a) with
 * u uniform on [0, 1), torch's map of its uniform draw, so gradients reach both concentrations;
 * icdf(p) maps u = 1 − p the same way. cdf and logProb use log1p/expm1 where torch composes 1 − ·.
 * mean b·B(1 + 1/a, b) and variance b·B(1 + 2/a, b) − mean² through lgamma, as torch; entropy
 * (1 − 1/b) + (1 − 1/a)(ψ(b + 1) + γ) − log a − log b. The mode is ((a − 1)/(ab − 1))^(1/a) for
 * a, b ≥ 1 (NaN where a < 1 or b < 1, as torch masks it); torch 1.13's mode is NaN everywhere (it
 * takes log1p(−b) and log1p(−ab), logs of negative numbers).
 * @example
 * const d = new distributions.Kumaraswamy(tensor([2, 0.5]), tensor([3, 2]));
 * d.mean; // [0.4571, 0.1667]
 * d.logProb(tensor([0.5, 0.5])); // [0.5232, -0.8814]
 */
export class Kumaraswamy extends Distribution {
  /** The exponent a (> 0) of x, broadcast to batchShape. */
  readonly concentration1: Tensor;
  /** The exponent b (> 0) of 1 − x^a, broadcast to batchShape. */
  readonly concentration0: Tensor;

  constructor(concentration1: Tensor | number, concentration0: Tensor | number, options?: DistributionOptions) {
    const validateArgs = readValidateArgs('Kumaraswamy', options, optionKeys);
    const [a, b] = broadcastParameters('Kumaraswamy', [concentration1, concentration0]) as [Tensor, Tensor];
    super('Kumaraswamy', a.shape, [], validateArgs);
    this.concentration1 = a;
    this.concentration0 = b;
    this.checkParameters({ concentration1: [a, positive], concentration0: [b, positive] });
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({
      concentration1: this.concentration1.expand(batch),
      concentration0: this.concentration0.expand(batch),
    }));
  }

  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return unitInterval;
  }
  // b·B(1 + 1/a, b)
  get mean(): Tensor {
    return composite(() => moment(this.concentration1, this.concentration0, 1));
  }
  // ((a − 1)/(ab − 1))^(1/a) in log space; NaN where a < 1 or b < 1
  override get mode(): Tensor {
    return composite(() => {
      const [a, b] = [this.concentration1, this.concentration0];
      const logMode = a.sub(1).log().sub(a.mul(b).sub(1).log()).div(a);
      return where(a.lt(1).logicalOr(b.lt(1)), Number.NaN, logMode.exp());
    });
  }
  // b·B(1 + 2/a, b) − mean²
  get variance(): Tensor {
    return composite(() => moment(this.concentration1, this.concentration0, 2).sub(this.mean.pow(2)));
  }

  /** torch's transforms of a uniform u: u ↦ u^(1/b) ↦ 1 − · ↦ ·^(1/a). */
  private fromUniform(u: Tensor): Tensor {
    return u.pow(this.concentration0.reciprocal()).neg().add(1).pow(this.concentration1.reciprocal());
  }

  // (1 − u^(1/b))^(1/a)
  override rsample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() => this.fromUniform(rand(shape, { dtype: this.concentration1.dtype, device: this.concentration1.device })));
  }

  // log a + log b + (a − 1)·log x + (b − 1)·log(1 − x^a)
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.concentration1);
    return composite(() => {
      const [a, b] = [this.concentration1, this.concentration0];
      return a
        .log()
        .add(b.log())
        .add(a.sub(1).mul(x.log()))
        .add(b.sub(1).mul(x.pow(a).neg().log1p()));
    });
  }

  // 1 − (1 − x^a)^b = −expm1(b·log(1 − x^a))
  override cdf(value: Tensor | number): Tensor {
    const x = this.checkValue('cdf', value, this.concentration1);
    return composite(() => x.pow(this.concentration1).neg().log1p().mul(this.concentration0).expm1().neg());
  }

  // (1 − (1 − p)^(1/b))^(1/a): the transforms of u = 1 − p (they decrease, so torch flips p)
  override icdf(value: Tensor | number): Tensor {
    const p = this.asValue('icdf', value, this.concentration1);
    return composite(() => this.fromUniform(p.neg().add(1)));
  }

  // (1 − 1/b) + (1 − 1/a)·(ψ(b + 1) + γ) − log a − log b
  entropy(): Tensor {
    return composite(() => {
      const [a, b] = [this.concentration1, this.concentration0];
      const harmonic = b.add(1).digamma().add(EULER_GAMMA);
      return b.reciprocal().neg().add(1).add(a.reciprocal().neg().add(1).mul(harmonic)).sub(a.log()).sub(b.log());
    });
  }
}
