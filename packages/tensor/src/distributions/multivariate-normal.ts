import { isTensor } from '../core/brand.js';
import { checkOptions } from '../core/options.js';
import { composite } from '../core/scope.js';
import { broadcastShapes, formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { cholesky } from '../ops/cholesky.js';
import { eye } from '../ops/creation.js';
import { inv } from '../ops/inverse.js';
import { stack } from '../ops/join.js';
import { randn } from '../ops/random.js';
import { type Constraint, independent, lowerCholesky, positiveDefinite, real } from './constraints.js';
import { Distribution, readValidateArgs } from './distribution.js';

const LOG_TWO_PI = Math.log(2 * Math.PI);

/**
 * The matrix parameter of a MultivariateNormal (exactly one of the three) and the option every
 * distribution takes.
 * @example
 * new distributions.MultivariateNormal(zeros([2]), { scaleTril: eye(2) });
 */
export interface MultivariateNormalParameters {
  /** The covariance Σ [*, n, n], symmetric positive-definite. Required unless scaleTril or precisionMatrix is given. */
  covarianceMatrix?: Tensor;
  /** The precision Σ⁻¹ [*, n, n], symmetric positive-definite. Required unless covarianceMatrix or scaleTril is given. */
  precisionMatrix?: Tensor;
  /** The lower Cholesky factor L of Σ = L·Lᵀ [*, n, n], with a positive diagonal. Required unless covarianceMatrix or precisionMatrix is given. */
  scaleTril?: Tensor;
  /** See DistributionOptions.validateArgs. Default true. */
  validateArgs?: boolean;
}

const matrixKeys = ['covarianceMatrix', 'precisionMatrix', 'scaleTril'] as const;

/**
 * X with L·X = B for lower triangular L [*, n, n] and B [*, n, k] (batch dims broadcast), by forward
 * substitution row by row: Xᵢ = (Bᵢ − L[i, :i]·X[:i]) / L[i, i]. Differentiable in L and B.
 * @example
 * solveLowerTriangular(tensor([[2, 0], [1, 1]]), tensor([[2], [3]])); // [[1], [2]]
 */
export function solveLowerTriangular(lower: Tensor, right: Tensor): Tensor {
  return composite(() => {
    const size = lower.shape[lower.ndim - 1]!;
    const rows: Tensor[] = [];
    for (let i = 0; i < size; i++) {
      const coefficients = lower.select(-2, i);
      let row = right.select(-2, i);
      if (i > 0) row = row.sub(coefficients.narrow(-1, 0, i).unsqueeze(-2).matmul(stack(rows, -2)).squeeze(-2));
      rows.push(row.div(coefficients.select(-1, i).unsqueeze(-1)));
    }
    return stack(rows, -2);
  });
}

/**
 * The diagonals of matrices [*, n, n] → [*, n] (Σⱼ A[i, j]·δᵢⱼ, so the gradient reaches the diagonal only).
 * @example
 * diagonalOf(tensor([[1, 2], [3, 4]])); // [1, 4]
 */
export function diagonalOf(matrices: Tensor): Tensor {
  const size = matrices.shape[matrices.ndim - 1]!;
  return composite(() => matrices.mul(eye(size, size, { dtype: matrices.dtype, device: matrices.device })).sum(-1));
}

/**
 * Σᵢ (L⁻¹x)ᵢ², the squared Mahalanobis distance of x [*, n] under Σ = L·Lᵀ (torch's _batch_mahalanobis).
 * @example
 * mahalanobis(eye(2).mul(2), tensor([2, 2])); // 2
 */
export function mahalanobis(lower: Tensor, x: Tensor): Tensor {
  return composite(() => solveLowerTriangular(lower, x.unsqueeze(-1)).squeeze(-1).square().sum(-1));
}

/**
 * The lower Cholesky factor of P⁻¹ without inverting P (torch's _precision_to_scale_tril): with
 * flip(P) = Lf·Lfᵀ, flip(Lf)ᵀ is the lower inverse factor, and L = (flip(Lf)ᵀ)⁻¹.
 * @example
 * precisionToScaleTril(tensor([[4, 0], [0, 1]])); // [[0.5, 0], [0, 1]]
 */
export function precisionToScaleTril(precision: Tensor): Tensor {
  return composite(() => {
    const size = precision.shape[precision.ndim - 1]!;
    const flipped = cholesky(precision.flip([-2, -1]));
    const inverse = flipped.flip([-2, -1]).transpose(-2, -1);
    return solveLowerTriangular(inverse, eye(size, size, { dtype: precision.dtype, device: precision.device }));
  });
}

/**
 * The multivariate normal N(loc, Σ) over vectors of length n (torch.distributions.MultivariateNormal),
 * from loc [*, n] and one of `{ covarianceMatrix }`, `{ scaleTril }` (L with Σ = L·Lᵀ) or
 * `{ precisionMatrix }` [*, n, n]; the batch dims of loc and the matrix broadcast. Everything goes
 * through L (from linalg.cholesky): logProb = −½(n·log 2π + ‖L⁻¹(x − loc)‖²) − Σ log Lᵢᵢ.
 * Reparameterised: rsample = loc + L·ε. On the CPU a covariance that is not positive-definite throws;
 * on devices that read asynchronously the factor (and every result) holds NaN instead.
 * @example
 * const d = new distributions.MultivariateNormal(zeros([2]), { covarianceMatrix: tensor([[2, 1], [1, 2]]) });
 * d.logProb(tensor([1, 0])); // -2.7205
 * d.rsample([5]).shape; // [5, 2]
 */
export class MultivariateNormal extends Distribution {
  /** The mean [...batchShape, n]. */
  readonly loc: Tensor;
  /** L of the matrix given, before broadcasting to batchShape. */
  readonly unbroadcastedScaleTril: Tensor;
  /** Which matrix was given, and that matrix broadcast to [...batchShape, n, n] (returned as it is, as torch). */
  private readonly given: { key: (typeof matrixKeys)[number]; matrix: Tensor };

  constructor(loc: Tensor, parameters: MultivariateNormalParameters) {
    const name = 'MultivariateNormal';
    checkOptions(name, parameters, [...matrixKeys, 'validateArgs']);
    const validateArgs = readValidateArgs(name, parameters, [...matrixKeys, 'validateArgs']);
    if (!isTensor(loc)) throw new Error(`${name}: loc must be a tensor`);
    loc.assertAlive(name);
    if (loc.ndim < 1) throw new Error(`${name}: loc must be at least one-dimensional.`);
    const given = matrixKeys.filter((key) => parameters?.[key] !== undefined);
    if (given.length !== 1)
      throw new Error(`${name}: Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.`);
    const key = given[0]!;
    const matrix = parameters[key]!;
    if (!isTensor(matrix)) throw new Error(`${name}: ${key} must be a tensor`);
    matrix.assertAlive(name);
    if (matrix.ndim < 2) throw new Error(`${name}: ${key} matrix must be at least two-dimensional, with optional leading batch dimensions`);
    const size = loc.shape[loc.ndim - 1]!;
    const [rows, columns] = matrix.shape.slice(-2) as [number, number];
    if (rows !== size || columns !== size)
      throw new Error(`${name}: ${key} must be [*, ${size}, ${size}] for loc ${formatShape(loc.shape)}, got ${formatShape(matrix.shape)}`);
    const batchShape = broadcastShapes(name, matrix.shape.slice(0, -2), loc.shape.slice(0, -1));
    super(name, batchShape, [size], validateArgs);
    this.loc = loc.expand([...batchShape, size]);
    this.given = { key, matrix: matrix.expand([...batchShape, size, size]) };
    this.checkParameters({
      loc: [this.loc, independent(real, 1)],
      [key]: [this.given.matrix, key === 'scaleTril' ? lowerCholesky : positiveDefinite],
    });
    this.unbroadcastedScaleTril =
      key === 'scaleTril' ? matrix : key === 'covarianceMatrix' ? cholesky(matrix) : precisionToScaleTril(matrix);
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({
      loc: this.loc.expand([...batch, ...this.eventShape]),
      given: { key: this.given.key, matrix: this.given.matrix.expand([...batch, ...this.given.matrix.shape.slice(-2)]) },
    }));
  }

  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return independent(real, 1);
  }
  get mean(): Tensor {
    return this.loc;
  }
  override get mode(): Tensor {
    return this.loc;
  }
  /** The lower Cholesky factor L of the covariance [...batchShape, n, n]. */
  get scaleTril(): Tensor {
    if (this.given.key === 'scaleTril') return this.given.matrix;
    const size = this.eventShape[0]!;
    return this.unbroadcastedScaleTril.expand([...this.batchShape, size, size]);
  }
  /** Σ = L·Lᵀ [...batchShape, n, n]. */
  get covarianceMatrix(): Tensor {
    if (this.given.key === 'covarianceMatrix') return this.given.matrix;
    const size = this.eventShape[0]!;
    const lower = this.unbroadcastedScaleTril;
    return composite(() => lower.matmul(lower.transpose(-2, -1)).expand([...this.batchShape, size, size]));
  }
  /**
   * Σ⁻¹ = (L·Lᵀ)⁻¹ [...batchShape, n, n] (torch's cholesky_inverse: as a function of all of L, so
   * its gradient reaches L's upper triangle too, as torch's).
   */
  get precisionMatrix(): Tensor {
    if (this.given.key === 'precisionMatrix') return this.given.matrix;
    const size = this.eventShape[0]!;
    const lower = this.unbroadcastedScaleTril;
    return composite(() => inv(lower.matmul(lower.transpose(-2, -1))).expand([...this.batchShape, size, size]));
  }
  // diag(Σ) = Σⱼ L[i, j]²
  get variance(): Tensor {
    return composite(() => this.unbroadcastedScaleTril.square().sum(-1).expand(this.extendedShape()));
  }

  override rsample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() => {
      const noise = randn(shape, { dtype: this.loc.dtype, device: this.loc.device });
      return this.loc.add(this.unbroadcastedScaleTril.matmul(noise.unsqueeze(-1)).squeeze(-1));
    });
  }

  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.loc);
    const size = this.eventShape[0]!;
    return composite(() => {
      const distance = mahalanobis(this.unbroadcastedScaleTril, x.sub(this.loc));
      const halfLogDet = diagonalOf(this.unbroadcastedScaleTril).log().sum(-1);
      return distance
        .add(size * LOG_TWO_PI)
        .mul(-0.5)
        .sub(halfLogDet);
    });
  }

  // ½·n·(1 + log 2π) + Σ log Lᵢᵢ
  entropy(): Tensor {
    const size = this.eventShape[0]!;
    return composite(() =>
      diagonalOf(this.unbroadcastedScaleTril)
        .log()
        .sum(-1)
        .add(0.5 * size * (1 + LOG_TWO_PI))
        .expand(this.batchShape),
    );
  }
}
