import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { finfo } from '../core/type-info.js';
import { softplus } from '../ops/activation.js';
import { eye } from '../ops/creation.js';
import { pad } from '../ops/join.js';
import { type Constraint, corrCholesky, independent, real } from './constraints.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';
import { lowerTriangleToVector, vectorToLowerTriangle } from './triangular-vectors.js';

const realVector = /* @__PURE__ */ independent(real, 1);

/** The size of a shape's last dim, refusing a shape with fewer than `dims` dims. */
function requireDims(operation: string, shape: readonly number[], dims: number): void {
  if (shape.length < dims) throw new Error(`${operation}: Too few dimensions on input (${shape.length}, needs ${dims})`);
}

/**
 * From real vectors of D(D − 1)/2 entries to the lower Cholesky factors of D×D correlation matrices
 * (torch's CorrCholeskyTransform, biject_to and transform_to of corrCholesky): the vector fills the
 * strictly lower triangle row by row as r = tanh(x) (clamped inside (−1, 1) by ε), and each row is made
 * of unit length by a signed stick-breaking: yᵢⱼ = rᵢⱼ·√Π_{k<j}(1 − rᵢₖ²), the diagonal
 * yᵢᵢ = √Π_{k<i}(1 − rᵢₖ²). Bijective; logAbsDetJacobian is that of x against the flattened strictly
 * lower part of y: ½Σ log(1 − Σ_{k≤j} yᵢₖ²) + Σ log(1 − tanh²x).
 * @example
 * new distributions.transforms.CorrCholeskyTransform().call(tensor([0.5])); // [[1, 0], [0.4621, 0.8868]]
 */
export class CorrCholeskyTransform extends Transform {
  constructor(options?: TransformOptions) {
    super('CorrCholeskyTransform', readCacheSize('CorrCholeskyTransform', options));
  }
  get domain(): Constraint {
    return realVector;
  }
  get codomain(): Constraint {
    return corrCholesky;
  }
  override get bijective(): boolean {
    return true;
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof CorrCholeskyTransform)({ cacheSize });
  }
  // y = (r + I)·[1, √Π(1 − r²) shifted right by one]
  protected override forward(x: Tensor): Tensor {
    const eps = finfo(x.dtype === 'float64' ? 'float64' : 'float32').eps;
    return composite(() => {
      const r = vectorToLowerTriangle(x.tanh().clamp(-1 + eps, 1 - eps), -1);
      const size = r.shape[r.ndim - 1]!;
      const remaining = r.square().neg().add(1).sqrt().cumprod(-1);
      const withDiagonal = r.add(eye(size, size, { dtype: r.dtype, device: r.device }));
      return withDiagonal.mul(pad(remaining.narrow(-1, 0, size - 1), [1, 0], 1));
    });
  }
  // tᵢⱼ = yᵢⱼ/√(1 − Σ_{k<j} yᵢₖ²), x = atanh t = ½ log((1 + t)/(1 − t))
  protected override inverse(y: Tensor): Tensor {
    return composite(() => {
      const size = y.shape[y.ndim - 1]!;
      const left = y.square().cumsum(-1).neg().add(1);
      const shifted = pad(left.narrow(-1, 0, size - 1), [1, 0], 1);
      const t = lowerTriangleToVector(y, -1).div(lowerTriangleToVector(shifted, -1).sqrt());
      return t.add(1).div(t.neg().add(1)).log().div(2);
    });
  }
  // ½Σ log(1 − Σ_{k≤j} yᵢₖ²) over the entries below the diagonal but one, − 2Σ(x + softplus(−2x) − log 2)
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    return composite(() => {
      const left = lowerTriangleToVector(y.square().cumsum(-1).neg().add(1), -2);
      const stickBreaking = left.log().sum(-1).mul(0.5);
      const tanh = x
        .add(softplus(x.mul(-2)))
        .sub(Math.LN2)
        .sum(-1)
        .mul(-2);
      return stickBreaking.add(tanh);
    });
  }
  // (…, N) → (…, D, D) with N = D(D − 1)/2
  override forwardShape(shape: readonly number[]): number[] {
    requireDims('CorrCholeskyTransform.forwardShape', shape, 1);
    const length = shape[shape.length - 1]!;
    const size = Math.round(Math.sqrt(0.25 + 2 * length) + 0.5);
    if ((size * (size - 1)) / 2 !== length)
      throw new Error(`CorrCholeskyTransform.forwardShape: Input is not a flattend lower-diagonal number (${length})`);
    return [...shape.slice(0, -1), size, size];
  }
  override inverseShape(shape: readonly number[]): number[] {
    requireDims('CorrCholeskyTransform.inverseShape', shape, 2);
    const size = shape[shape.length - 1]!;
    if (shape[shape.length - 2] !== size)
      throw new Error(`CorrCholeskyTransform.inverseShape: Input is not square (${shape.slice(-2).join('×')})`);
    return [...shape.slice(0, -2), (size * (size - 1)) / 2];
  }
}
