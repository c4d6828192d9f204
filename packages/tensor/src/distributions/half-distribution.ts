import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { zerosLike } from '../ops/creation.js';
import { where } from '../ops/elementwise.js';
import { type Constraint, nonnegative, positive } from './constraints.js';
import { Distribution } from './distribution.js';

/** A symmetric distribution centred at 0 whose absolute value a half distribution is. */
interface SymmetricBase extends Distribution {
  readonly scale: Tensor;
  rsample(sampleShape?: readonly number[]): Tensor;
}

/**
 * What HalfNormal and HalfCauchy share: |X| for X from a base distribution symmetric about 0 with a
 * positive `scale` (torch builds them as a TransformedDistribution of the base with AbsTransform; the
 * same formulas are written here directly). Density 2·p(x) on x ≥ 0 (so log p + log 2, −∞ below 0),
 * cdf 2F(x) − 1, icdf F⁻¹((p + 1)/2), entropy H − log 2, mode 0, and rsample |base rsample|, through
 * which gradients reach the scale.
 * @example
 * class HalfNormal extends HalfDistribution<Normal> {
 *   constructor(scale: Tensor | number) { super('HalfNormal', new Normal(0, scale), true); }
 * }
 */
export abstract class HalfDistribution<Base extends SymmetricBase> extends Distribution {
  /** The base distribution (location 0) whose absolute value this is. */
  readonly baseDist: Base;

  protected constructor(name: string, baseDist: Base, validateArgs: boolean) {
    super(name, baseDist.batchShape, [], validateArgs);
    this.baseDist = baseDist;
    this.checkParameters({ scale: [baseDist.scale, positive] });
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ baseDist: this.baseDist.expand(batch) }));
  }

  /** The scale (> 0) of the base distribution, broadcast to batchShape. */
  get scale(): Tensor {
    return this.baseDist.scale;
  }
  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return nonnegative;
  }
  override get mode(): Tensor {
    return zerosLike(this.scale);
  }

  override rsample(sampleShape: readonly number[] = []): Tensor {
    return composite(() => this.baseDist.rsample(sampleShape).abs());
  }

  // log p(x) + log 2 on x ≥ 0, −∞ below (reached only without validation)
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.scale);
    return composite(() => where(x.ge(0), this.baseDist.logProb(x).add(Math.LN2), Number.NEGATIVE_INFINITY));
  }

  // 2F(x) − 1
  override cdf(value: Tensor | number): Tensor {
    const x = this.checkValue('cdf', value, this.scale);
    return composite(() => this.baseDist.cdf(x).mul(2).sub(1));
  }

  // F⁻¹((p + 1)/2)
  override icdf(value: Tensor | number): Tensor {
    const p = this.asValue('icdf', value, this.scale);
    return composite(() => this.baseDist.icdf(p.add(1).div(2)));
  }

  // H(base) − log 2
  entropy(): Tensor {
    return composite(() => this.baseDist.entropy().sub(Math.LN2));
  }
}
