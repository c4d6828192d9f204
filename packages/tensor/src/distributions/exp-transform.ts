import type { Tensor } from '../core/tensor.js';
import { type Constraint, positive, real } from './constraints.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

/**
 * y = eˣ, from the reals to the positive numbers (torch's ExpTransform); log |dy/dx| = x.
 * @example
 * new distributions.transforms.ExpTransform().call(tensor([0, 1])); // [1, 2.7183]
 */
export class ExpTransform extends Transform {
  constructor(options?: TransformOptions) {
    super('ExpTransform', readCacheSize('ExpTransform', options));
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
    return new (this.constructor as typeof ExpTransform)({ cacheSize });
  }
  protected override forward(x: Tensor): Tensor {
    return x.exp();
  }
  protected override inverse(y: Tensor): Tensor {
    return y.log();
  }
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    void y;
    return x;
  }
}
