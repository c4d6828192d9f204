import { isTensor } from '../core/brand.js';
import { isFloating } from '../core/dtype.js';
import { checkOptions } from '../core/options.js';
import { composite } from '../core/scope.js';
import { broadcastShapes, formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { finfo } from '../core/type-info.js';
import { cholesky } from '../ops/cholesky.js';
import { arange, eye, tensor } from '../ops/creation.js';
import { where } from '../ops/elementwise.js';
import { mvlgamma } from '../ops/multivariate-gamma.js';
import { randn } from '../ops/random.js';
import { Chi2 } from './chi2.js';
import { type Constraint, greaterThan, lowerCholesky, positiveDefinite } from './constraints.js';
import { allHold, Distribution, readsSync, readValidateArgs } from './distribution.js';
import { diagonalOf, precisionToScaleTril } from './multivariate-normal.js';
import { vectorToLowerTriangle } from './triangular-vectors.js';

const LOG_TWO = Math.log(2);

/**
 * The scale matrix of a Wishart (exactly one of the three) and the option every distribution takes.
 * @example
 * new distributions.Wishart(4, { covarianceMatrix: eye(2) });
 */
export interface WishartParameters {
  /** The scale matrix Σ [*, p, p], symmetric positive-definite. Required unless precisionMatrix or scaleTril is given. */
  covarianceMatrix?: Tensor;
  /** Σ⁻¹ [*, p, p], symmetric positive-definite. Required unless covarianceMatrix or scaleTril is given. */
  precisionMatrix?: Tensor;
  /** The lower Cholesky factor L of Σ = L·Lᵀ [*, p, p], with a positive diagonal. Required unless covarianceMatrix or precisionMatrix is given. */
  scaleTril?: Tensor;
  /** See DistributionOptions.validateArgs. Default true. */
  validateArgs?: boolean;
}

const matrixKeys = ['covarianceMatrix', 'precisionMatrix', 'scaleTril'] as const;

/**
 * ψₚ(x) = Σⱼ₌₀^{p−1} ψ(x − j/2), the multivariate digamma (the derivative of mvlgamma).
 * @example
 * multivariateDigamma(tensor([2]), 2); // ψ(2) + ψ(1.5)
 */
export function multivariateDigamma(x: Tensor, p: number): Tensor {
  return composite(() =>
    x
      .unsqueeze(-1)
      .sub(arange(0, p, 1, { dtype: x.dtype, device: x.device }).div(2))
      .digamma()
      .sum(-1),
  );
}

/**
 * The Bartlett construction of a Wishart draw from its noise: A lower triangular with
 * Aᵢᵢ = max(√cᵢ, ε) (ε the dtype's machine epsilon, as torch) and the normals below the diagonal row by row,
 * then (L·A)(L·A)ᵀ. `chiSquares` [*, p] are χ²(ν − i) draws, `normals` [*, p(p − 1)/2] standard normal.
 * @example
 * bartlett(eye(2), tensor([4, 1]), tensor([0])); // [[4, 0], [0, 1]]
 */
export function bartlett(scaleTril: Tensor, chiSquares: Tensor, normals: Tensor): Tensor {
  const eps = finfo(chiSquares.dtype === 'float64' ? 'float64' : 'float32').eps;
  return composite(() => {
    const noise = chiSquares.sqrt().clamp({ min: eps }).diagEmbed().add(vectorToLowerTriangle(normals, -1));
    const factor = scaleTril.matmul(noise);
    return factor.matmul(factor.transpose(-2, -1));
  });
}

/**
 * The Wishart distribution W(ν, Σ) over symmetric positive-definite p×p matrices
 * (torch.distributions.Wishart): the law of Σᵢ₌₁^ν xᵢxᵢᵀ for xᵢ ~ N(0, Σ), for real ν > p − 1. Σ is given
 * as one of `{ covarianceMatrix }`, `{ precisionMatrix }` or `{ scaleTril }` [*, p, p], its batch dims
 * broadcasting with df's. Reparameterised by the Bartlett decomposition: A lower triangular with
 * Aᵢᵢ = √χ²(ν − i) and N(0, 1) below the diagonal, draw (L·A)(L·A)ᵀ; gradients reach Σ and, through
 * the χ² (gamma) draws, ν. logProb = −ν(p·log 2/2 + Σ log Lᵢᵢ) − log Γₚ(ν/2) + (ν − p − 1)/2·log|X|
 * − tr(Σ⁻¹X)/2; mean νΣ, mode (ν − p − 1)Σ (NaN where ν ≤ p + 1), variance ν(Σᵢⱼ² + ΣᵢᵢΣⱼⱼ).
 * A df of at most p − 1 is refused whatever validateArgs says (as torch). torch 1.13's rsample then
 * redraws every sample that is *not* singular once (its singular-sample check is inverted); this one
 * draws once, from the same distribution. torch's warning for ν < p is not given.
 * @example
 * const d = new distributions.Wishart(4, { covarianceMatrix: eye(2) });
 * d.mean; // [[4, 0], [0, 4]]
 * d.rsample([3]).shape; // [3, 2, 2]
 */
export class Wishart extends Distribution {
  /** The degrees of freedom ν, broadcast to batchShape. */
  readonly df: Tensor;
  /** L with Σ = L·Lᵀ, as computed from the parameter given (its batch dims not broadcast). */
  readonly unbroadcastedScaleTril: Tensor;
  /** The matrix given, broadcast to [...batchShape, p, p]. */
  private readonly given: { key: (typeof matrixKeys)[number]; matrix: Tensor };
  /** χ²(ν − i) for i = 0 … p − 1: the squares of the Bartlett factor's diagonal. */
  private readonly chi2: Chi2;

  constructor(df: Tensor | number, parameters: WishartParameters) {
    const name = 'Wishart';
    checkOptions(name, parameters, [...matrixKeys, 'validateArgs']);
    const validateArgs = readValidateArgs(name, parameters, [...matrixKeys, 'validateArgs']);
    const given = matrixKeys.filter((key) => parameters?.[key] !== undefined);
    if (given.length !== 1)
      throw new Error(`${name}: Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.`);
    const key = given[0]!;
    const matrix = parameters[key]!;
    if (!isTensor(matrix)) throw new Error(`${name}: ${key} must be a tensor`);
    matrix.assertAlive(name);
    if (!isFloating(matrix.dtype)) throw new Error(`${name}: expects floating-point parameters, got ${matrix.dtype}`);
    if (matrix.ndim < 2) throw new Error(`${name}: ${key} must be at least two-dimensional, with optional leading batch dimensions`);
    const size = matrix.shape[matrix.ndim - 1]!;
    if (matrix.shape[matrix.ndim - 2] !== size)
      throw new Error(`${name}: ${key} must be a batch of square matrices, got ${formatShape(matrix.shape)}`);
    let degrees: Tensor;
    let batchShape: number[];
    if (isTensor(df)) {
      df.assertAlive(name);
      if (!isFloating(df.dtype)) throw new Error(`${name}: expects floating-point parameters, got ${df.dtype}`);
      batchShape = broadcastShapes(name, matrix.shape.slice(0, -2), df.shape);
      degrees = df.expand(batchShape);
    } else {
      if (typeof df !== 'number') throw new Error(`${name}: df must be a number or a tensor, got ${String(df)}`);
      batchShape = matrix.shape.slice(0, -2);
      // broadcast, unlike torch 1.13's 0-dim df, whose mean, mode and variance then fail on a batch
      degrees = tensor(df, { dtype: matrix.dtype, device: matrix.device }).expand(batchShape);
    }
    // refused whatever validateArgs says, as torch's ValueError
    if (readsSync(degrees) && !composite(() => allHold(degrees.detach().gt(size - 1))))
      throw new Error(
        `${name}: Value of df=${isTensor(df) ? `tensor of shape ${formatShape(df.shape)}` : df} expected to be greater than ndim - 1 = ${size - 1}.`,
      );
    super(name, batchShape, [size, size], validateArgs);
    this.df = degrees;
    this.given = { key, matrix: matrix.expand([...batchShape, size, size]) };
    this.checkParameters({
      [key]: [this.given.matrix, key === 'scaleTril' ? lowerCholesky : positiveDefinite],
      df: [degrees, greaterThan(size - 1)],
    });
    this.unbroadcastedScaleTril =
      key === 'scaleTril' ? matrix : key === 'covarianceMatrix' ? cholesky(matrix) : precisionToScaleTril(matrix);
    this.chi2 = new Chi2(
      composite(() =>
        degrees
          .unsqueeze(-1)
          .sub(arange(0, size, 1, { dtype: this.unbroadcastedScaleTril.dtype, device: matrix.device }))
          .expand([...batchShape, size]),
      ),
      { validateArgs: false },
    );
  }

  /** torch's expand: df, the matrices and the χ² draws' degrees broadcast to `batchShape`. */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => {
      const matrices = [...batch, ...this.eventShape];
      return {
        df: this.df.expand(batch),
        unbroadcastedScaleTril: this.unbroadcastedScaleTril.expand(matrices),
        given: { key: this.given.key, matrix: this.given.matrix.expand(matrices) },
        chi2: this.chi2.expand([...batch, this.size]),
      };
    });
  }

  /** p, the number of rows. */
  private get size(): number {
    return this.eventShape[0]!;
  }
  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return positiveDefinite;
  }
  /** L with Σ = L·Lᵀ [...batchShape, p, p] (the matrix given, where it was scaleTril). */
  get scaleTril(): Tensor {
    if (this.given.key === 'scaleTril') return this.given.matrix;
    return this.unbroadcastedScaleTril.expand([...this.batchShape, ...this.eventShape]);
  }
  /**
   * Σ = L·Lᵀ [...batchShape, p, p]; the matrix given, where it was covarianceMatrix (as torch keeps it:
   * the gradient then reaches each entry as given, not symmetrised through the factorisation).
   */
  get covarianceMatrix(): Tensor {
    if (this.given.key === 'covarianceMatrix') return this.given.matrix;
    const lower = this.unbroadcastedScaleTril;
    return composite(() => lower.matmul(lower.transpose(-2, -1)).expand([...this.batchShape, ...this.eventShape]));
  }
  /** Σ⁻¹ = cholesky_solve(I, L) [...batchShape, p, p]; the matrix given, where it was precisionMatrix. */
  get precisionMatrix(): Tensor {
    if (this.given.key === 'precisionMatrix') return this.given.matrix;
    const lower = this.unbroadcastedScaleTril;
    return composite(() =>
      eye(this.size, this.size, { dtype: lower.dtype, device: lower.device })
        .choleskySolve(lower)
        .expand([...this.batchShape, ...this.eventShape]),
    );
  }
  /** ν as [...batchShape, 1, 1], to scale matrices. */
  private dfMatrix(): Tensor {
    return this.df.reshape([...this.batchShape, 1, 1]);
  }
  // νΣ
  get mean(): Tensor {
    return composite(() => this.dfMatrix().mul(this.covarianceMatrix));
  }
  // (ν − p − 1)Σ, NaN where ν − p − 1 ≤ 0
  override get mode(): Tensor {
    return composite(() => {
      const factor = this.df.sub(this.size + 1);
      return where(factor.le(0), Number.NaN, factor)
        .reshape([...this.batchShape, 1, 1])
        .mul(this.covarianceMatrix);
    });
  }
  // ν(Σᵢⱼ² + ΣᵢᵢΣⱼⱼ)
  get variance(): Tensor {
    return composite(() => {
      const covariance = this.covarianceMatrix;
      const diagonal = diagonalOf(covariance);
      return this.dfMatrix().mul(covariance.square().add(diagonal.unsqueeze(-1).mul(diagonal.unsqueeze(-2))));
    });
  }

  override rsample(sampleShape: readonly number[] = []): Tensor {
    const p = this.size;
    const lower = this.unbroadcastedScaleTril;
    return composite(() => {
      const chiSquares = this.chi2.rsample(sampleShape);
      const normals = randn([...sampleShape, ...this.batchShape, (p * (p - 1)) / 2], { dtype: lower.dtype, device: lower.device });
      return bartlett(lower, chiSquares, normals);
    });
  }

  /** ν(p·log 2/2 + Σ log Lᵢᵢ), the normaliser's part in Σ. */
  private logNormalizerTerm(): Tensor {
    return diagonalOf(this.unbroadcastedScaleTril)
      .log()
      .sum(-1)
      .add((this.size * LOG_TWO) / 2);
  }

  // −ν(p·log 2/2 + Σ log Lᵢᵢ) − log Γₚ(ν/2) + (ν − p − 1)/2·log|X| − tr(Σ⁻¹X)/2
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.df);
    const p = this.size;
    const nu = this.df;
    return composite(() =>
      nu
        .mul(this.logNormalizerTerm())
        .neg()
        .sub(mvlgamma(nu.div(2), p))
        .add(
          nu
            .sub(p + 1)
            .div(2)
            .mul(x.slogdet().logabsdet),
        )
        .sub(diagonalOf(x.choleskySolve(this.unbroadcastedScaleTril)).sum(-1).div(2)),
    );
  }

  // (p + 1)(p·log 2/2 + Σ log Lᵢᵢ) + log Γₚ(ν/2) − (ν − p − 1)/2·ψₚ(ν/2) + νp/2
  entropy(): Tensor {
    const p = this.size;
    const nu = this.df;
    return composite(() =>
      this.logNormalizerTerm()
        .mul(p + 1)
        .add(mvlgamma(nu.div(2), p))
        .sub(
          nu
            .sub(p + 1)
            .div(2)
            .mul(multivariateDigamma(nu.div(2), p)),
        )
        .add(nu.mul(p / 2)),
    );
  }
}
