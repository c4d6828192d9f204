import type { Tensor } from '../core/tensor.js';
import { type Constraint, positive, real } from './constraints.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

/**
 * y = |x| (torch's AbsTransform): not bijective, its "inverse" returns y itself (a pseudo-inverse:
 * call(inv(y)) = y), and it has no log-Jacobian (torch raises NotImplementedError).
 * @example
 * new distributions.transforms.AbsTransform().call(tensor([-2, 3])); // [2, 3]
 */
export class AbsTransform extends Transform {
  constructor(options?: TransformOptions) {
    super('AbsTransform', readCacheSize('AbsTransform', options));
  }
  get domain(): Constraint {
    return real;
  }
  get codomain(): Constraint {
    return positive;
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof AbsTransform)({ cacheSize });
  }
  protected override forward(x: Tensor): Tensor {
    return x.abs();
  }
  protected override inverse(y: Tensor): Tensor {
    return y;
  }
}
