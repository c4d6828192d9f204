import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { softplus } from '../ops/activation.js';
import { type Constraint, positive, real } from './constraints.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

/**
 * y = softplus(x) = log(1 + eˣ), linear above x = 20 as torch's softplus (torch's SoftplusTransform):
 * from the reals onto the positive numbers, increasing, bijective. A gentler alternative to exp for a
 * positive parameter (it grows linearly, not exponentially).
 * @example
 * const t = new distributions.transforms.SoftplusTransform();
 * t.call(tensor([0])); // [0.6931]
 * t.inv.call(tensor([0.6931])); // [0]
 */
export class SoftplusTransform extends Transform {
  constructor(options?: TransformOptions) {
    super('SoftplusTransform', readCacheSize('SoftplusTransform', options));
  }
  get domain(): Constraint {
    return real;
  }
  get codomain(): Constraint {
    return positive;
  }
  override get bijective(): boolean {
    return true;
  }
  override get sign(): number {
    return 1;
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof SoftplusTransform)({ cacheSize });
  }
  protected override forward(x: Tensor): Tensor {
    return softplus(x);
  }
  // x = log(eʸ − 1) = log(1 − e⁻ʸ) + y, which does not overflow for large y
  protected override inverse(y: Tensor): Tensor {
    return composite(() => y.neg().expm1().neg().log().add(y));
  }
  // dy/dx = σ(x), log σ(x) = −softplus(−x)
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    void y;
    return composite(() => softplus(x.neg()).neg());
  }
}
