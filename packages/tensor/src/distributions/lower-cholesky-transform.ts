import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { type Constraint, independent, lowerCholesky, real } from './constraints.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

const realMatrix = /* @__PURE__ */ independent(real, 2);

/**
 * From square matrices to lower-triangular ones with a positive diagonal (torch's
 * LowerCholeskyTransform): the strictly lower part is kept and the diagonal exponentiated; the upper
 * part is dropped, so it is not bijective and has no log-Jacobian. transformTo(lowerCholesky) gives it,
 * to parameterise a Cholesky factor (and so a covariance) by an unconstrained matrix.
 * @example
 * new distributions.transforms.LowerCholeskyTransform().call(tensor([[0, 5], [2, 0]])); // [[1, 0], [2, 1]]
 */
export class LowerCholeskyTransform extends Transform {
  constructor(options?: TransformOptions) {
    super('LowerCholeskyTransform', readCacheSize('LowerCholeskyTransform', options));
  }
  get domain(): Constraint {
    return realMatrix;
  }
  get codomain(): Constraint {
    return lowerCholesky;
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof LowerCholeskyTransform)({ cacheSize });
  }
  // tril(x, −1) + diag(e^diag(x))
  protected override forward(x: Tensor): Tensor {
    return composite(() => x.tril(-1).add(x.diagonal(0, -2, -1).exp().diagEmbed()));
  }
  // tril(y, −1) + diag(log diag(y))
  protected override inverse(y: Tensor): Tensor {
    return composite(() => y.tril(-1).add(y.diagonal(0, -2, -1).log().diagEmbed()));
  }
}
