import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { type Constraint, interval, real } from './constraints.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

const minusOneToOne = /* @__PURE__ */ interval(-1, 1);

/**
 * y = tanh(x), from the reals to [−1, 1] (torch's TanhTransform); the inverse atanh(y) is not clamped,
 * so a draw that rounded to ±1 inverts to ±∞ unless the transform caches (`{ cacheSize: 1 }`), as in
 * torch. log |dy/dx| = 2·(log 2 − x − softplus(−2x)), which stays finite for large |x|.
 * @example
 * new distributions.transforms.TanhTransform().logAbsDetJacobian(tensor([0]), tensor([0])); // [0]
 */
export class TanhTransform extends Transform {
  constructor(options?: TransformOptions) {
    super('TanhTransform', readCacheSize('TanhTransform', options));
  }
  get domain(): Constraint {
    return real;
  }
  get codomain(): Constraint {
    return minusOneToOne;
  }
  override get bijective(): boolean {
    return true;
  }
  override get sign(): number {
    return 1;
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof TanhTransform)({ cacheSize });
  }
  protected override forward(x: Tensor): Tensor {
    return x.tanh();
  }
  protected override inverse(y: Tensor): Tensor {
    return y.atanh();
  }
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    void y;
    return composite(() => x.neg().add(Math.LN2).sub(x.mul(-2).softplus()).mul(2));
  }
}
