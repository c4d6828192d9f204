import { isTensor } from '../core/brand.js';
import { isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import { broadcastShapes, formatShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { cholesky } from '../ops/cholesky.js';
import { eye } from '../ops/creation.js';
import { diagEmbed } from '../ops/diagonal-embed.js';
import { randn } from '../ops/random.js';
import { type Constraint, independent, positive, real } from './constraints.js';
import { Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';
import type { RegisterKl } from './kl-continuous.js';
import { diagonalOf, MultivariateNormal, mahalanobis, solveLowerTriangular } from './multivariate-normal.js';

const LOG_TWO_PI = Math.log(2 * Math.PI);

/**
 * The lower Cholesky factor of the capacitance matrix C = I + Wᵀ·D⁻¹·W [*, m, m] of a covariance
 * W·Wᵀ + diag(D) with W [*, n, m] and D [*, n] (torch's _batch_capacitance_tril).
 * @example
 * capacitanceTril(tensor([[1], [0]]), tensor([1, 1])); // [[1.4142]]
 */
export function capacitanceTril(factor: Tensor, diagonal: Tensor): Tensor {
  return composite(() => {
    const rank = factor.shape[factor.ndim - 1]!;
    const scaled = factor.transpose(-2, -1).div(diagonal.unsqueeze(-2));
    const identity = eye(rank, rank, { dtype: factor.dtype, device: factor.device });
    return cholesky(scaled.matmul(factor).add(identity));
  });
}

/**
 * log det(W·Wᵀ + diag(D)) = log det C + Σ log D by the matrix determinant lemma, C the capacitance
 * matrix with lower Cholesky factor `capacitance` (torch's _batch_lowrank_logdet).
 * @example
 * lowRankLogDet(tensor([1, 1]), capacitanceTril(tensor([[1], [0]]), tensor([1, 1]))); // log 2
 */
export function lowRankLogDet(diagonal: Tensor, capacitance: Tensor): Tensor {
  return composite(() => diagonalOf(capacitance).log().sum(-1).mul(2).add(diagonal.log().sum(-1)));
}

/**
 * xᵀ(W·Wᵀ + diag(D))⁻¹x for x [*, n] by the Woodbury identity:
 * Σ x²/D − ‖C_L⁻¹·Wᵀ·D⁻¹·x‖², C_L the capacitance factor (torch's _batch_lowrank_mahalanobis).
 * @example
 * lowRankMahalanobis(w, d, x, capacitanceTril(w, d));
 */
export function lowRankMahalanobis(factor: Tensor, diagonal: Tensor, x: Tensor, capacitance: Tensor): Tensor {
  return composite(() => {
    const scaled = factor.transpose(-2, -1).div(diagonal.unsqueeze(-2));
    const projected = scaled.matmul(x.unsqueeze(-1)).squeeze(-1);
    return x.square().div(diagonal).sum(-1).sub(mahalanobis(capacitance, projected));
  });
}

/** Σ of the squares over the last two dims: trace(X·Xᵀ) (torch's _batch_trace_XXT). */
const traceXXT = (x: Tensor): Tensor => x.square().sum([-2, -1]);

/**
 * A = C_L⁻¹·Wᵀ·D⁻¹ [*, m, n], so that (W·Wᵀ + diag(D))⁻¹ = diag(D)⁻¹ − Aᵀ·A (the Woodbury identity).
 */
function woodburyFactor(d: LowRankMultivariateNormal): Tensor {
  const scaled = d.unbroadcastedCovFactor.transpose(-2, -1).div(d.unbroadcastedCovDiag.unsqueeze(-2));
  return solveLowerTriangular(d.capacitanceTril, scaled);
}

/**
 * The multivariate normal over vectors of length n with the low-rank-plus-diagonal covariance
 * Σ = W·Wᵀ + diag(D) (torch.distributions.LowRankMultivariateNormal), from loc [*, n], the factor
 * W = `covFactor` [*, n, m] and D = `covDiag` [*, n] (> 0); their batch dims broadcast. As torch, the
 * n × n covariance is never factored for the density: everything goes through the m × m capacitance
 * matrix C = I + Wᵀ·D⁻¹·W and its Cholesky factor (`capacitanceTril`), logProb by the Woodbury identity
 * and the matrix determinant lemma, log det Σ = log det C + Σ log D. Reparameterised:
 * rsample = loc + W·ε₁ + √D·ε₂ with ε₁ [m] and ε₂ [n] standard normal (drawn in that order).
 * `covarianceMatrix`, `precisionMatrix` (Woodbury) and `scaleTril` (√D·chol(I + D^(−½)·W·Wᵀ·D^(−½)), as
 * torch) build the n × n matrices on demand.
 * @example
 * const d = new distributions.LowRankMultivariateNormal(zeros([2]), tensor([[1], [0]]), tensor([1, 1]));
 * d.covarianceMatrix; // [[2, 0], [0, 1]]
 * d.logProb(tensor([1, 0])); // -2.4345
 */
export class LowRankMultivariateNormal extends Distribution {
  /** The mean [...batchShape, n]. */
  readonly loc: Tensor;
  /** The covariance factor W broadcast to [...batchShape, n, m]. */
  readonly covFactor: Tensor;
  /** The diagonal part D broadcast to [...batchShape, n]. */
  readonly covDiag: Tensor;
  /** W as given, before broadcasting. */
  readonly unbroadcastedCovFactor: Tensor;
  /** D as given, before broadcasting. */
  readonly unbroadcastedCovDiag: Tensor;
  /** The lower Cholesky factor of the capacitance matrix I + Wᵀ·D⁻¹·W [*, m, m] (torch's _capacitance_tril). */
  readonly capacitanceTril: Tensor;

  constructor(loc: Tensor, covFactor: Tensor, covDiag: Tensor, options?: DistributionOptions) {
    const name = 'LowRankMultivariateNormal';
    const validateArgs = readValidateArgs(name, options, optionKeys);
    for (const [key, value] of [
      ['loc', loc],
      ['covFactor', covFactor],
      ['covDiag', covDiag],
    ] as const) {
      if (!isTensor(value)) throw new Error(`${name}: ${key} must be a tensor`);
      value.assertAlive(name);
      if (!isFloating(value.dtype)) throw new Error(`${name}: expects floating-point parameters, got ${value.dtype}`);
    }
    if (loc.ndim < 1) throw new Error(`${name}: loc must be at least one-dimensional.`);
    const size = loc.shape[loc.ndim - 1]!;
    if (covFactor.ndim < 2) throw new Error(`${name}: covFactor must be at least two-dimensional, with optional leading batch dimensions`);
    if (covFactor.shape[covFactor.ndim - 2] !== size)
      throw new Error(`${name}: covFactor must be a batch of matrices with shape ${size} x m`);
    if (covDiag.ndim < 1 || covDiag.shape[covDiag.ndim - 1] !== size)
      throw new Error(`${name}: covDiag must be a batch of vectors with shape ${formatShape([size])}`);
    const rank = covFactor.shape[covFactor.ndim - 1]!;
    let shape: number[];
    try {
      shape = broadcastShapes(name, [...loc.shape, 1], covFactor.shape, [...covDiag.shape, 1]);
    } catch {
      throw new Error(
        `${name}: Incompatible batch shapes: loc ${formatShape(loc.shape)}, covFactor ${formatShape(covFactor.shape)}, covDiag ${formatShape(covDiag.shape)}`,
      );
    }
    const batchShape = shape.slice(0, -2);
    super(name, batchShape, [size], validateArgs);
    this.loc = loc.expand([...batchShape, size]);
    this.covFactor = covFactor.expand([...batchShape, size, rank]);
    this.covDiag = covDiag.expand([...batchShape, size]);
    this.unbroadcastedCovFactor = covFactor;
    this.unbroadcastedCovDiag = covDiag;
    this.checkParameters({
      loc: [this.loc, independent(real, 1)],
      covFactor: [this.covFactor, independent(real, 2)],
      covDiag: [this.covDiag, independent(positive, 1)],
    });
    this.capacitanceTril = capacitanceTril(covFactor, covDiag);
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({
      loc: this.loc.expand([...batch, ...this.eventShape]),
      covFactor: this.covFactor.expand([...batch, ...this.covFactor.shape.slice(-2)]),
      covDiag: this.covDiag.expand([...batch, ...this.eventShape]),
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
  // diag(Σ) = Σⱼ W[i, j]² + D[i]
  get variance(): Tensor {
    return composite(() => this.unbroadcastedCovFactor.square().sum(-1).add(this.unbroadcastedCovDiag).expand(this.extendedShape()));
  }
  /**
   * The lower Cholesky factor of Σ [...batchShape, n, n], as torch: √D·chol(I + D^(−½)·W·Wᵀ·D^(−½)) (the
   * inner matrix has eigenvalues ≥ 1, so its factorisation is well conditioned).
   */
  get scaleTril(): Tensor {
    const size = this.eventShape[0]!;
    return composite(() => {
      const root = this.unbroadcastedCovDiag.sqrt().unsqueeze(-1);
      const scaled = this.unbroadcastedCovFactor.div(root);
      const identity = eye(size, size, { dtype: root.dtype, device: root.device });
      const inner = scaled.matmul(scaled.transpose(-2, -1)).add(identity);
      return root.mul(cholesky(inner)).expand([...this.batchShape, size, size]);
    });
  }
  /** Σ = W·Wᵀ + diag(D) [...batchShape, n, n]. */
  get covarianceMatrix(): Tensor {
    const size = this.eventShape[0]!;
    return composite(() => {
      const factor = this.unbroadcastedCovFactor;
      return factor
        .matmul(factor.transpose(-2, -1))
        .add(diagEmbed(this.unbroadcastedCovDiag))
        .expand([...this.batchShape, size, size]);
    });
  }
  /** Σ⁻¹ = diag(D)⁻¹ − Aᵀ·A with A = C_L⁻¹·Wᵀ·D⁻¹ (the Woodbury identity, as torch) [...batchShape, n, n]. */
  get precisionMatrix(): Tensor {
    const size = this.eventShape[0]!;
    return composite(() => {
      const a = woodburyFactor(this);
      return diagEmbed(this.unbroadcastedCovDiag.reciprocal())
        .sub(a.transpose(-2, -1).matmul(a))
        .expand([...this.batchShape, size, size]);
    });
  }

  override rsample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const rank = this.covFactor.shape[this.covFactor.ndim - 1]!;
    return composite(() => {
      const options = { dtype: this.loc.dtype, device: this.loc.device };
      const factorNoise = randn([...shape.slice(0, -1), rank], options);
      const diagonalNoise = randn(shape, options);
      return this.loc
        .add(this.unbroadcastedCovFactor.matmul(factorNoise.unsqueeze(-1)).squeeze(-1))
        .add(this.unbroadcastedCovDiag.sqrt().mul(diagonalNoise));
    });
  }

  // −½(n·log 2π + log det Σ + (x − loc)ᵀΣ⁻¹(x − loc))
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.loc);
    const size = this.eventShape[0]!;
    return composite(() => {
      const distance = lowRankMahalanobis(this.unbroadcastedCovFactor, this.unbroadcastedCovDiag, x.sub(this.loc), this.capacitanceTril);
      const logDet = lowRankLogDet(this.unbroadcastedCovDiag, this.capacitanceTril);
      return distance
        .add(logDet)
        .add(size * LOG_TWO_PI)
        .mul(-0.5);
    });
  }

  // ½(n·(1 + log 2π) + log det Σ)
  entropy(): Tensor {
    const size = this.eventShape[0]!;
    return composite(() =>
      lowRankLogDet(this.unbroadcastedCovDiag, this.capacitanceTril)
        .add(size * (1 + LOG_TWO_PI))
        .mul(0.5)
        .expand(this.batchShape),
    );
  }
}

/** torch's refusal of a KL between normals of different event shapes. */
function checkEventShapes(p: Distribution, q: Distribution, kinds: string): void {
  if (!shapesEqual(p.eventShape, q.eventShape))
    throw new Error(
      `klDivergence: KL-divergence between two ${kinds} with different event shapes cannot be computed (${formatShape(p.eventShape)} vs ${formatShape(q.eventShape)})`,
    );
}

/**
 * Registers torch 1.13's KL rules between LowRankMultivariateNormal and itself or MultivariateNormal
 * (either way round): ½(log det Σq − log det Σp + tr(Σq⁻¹Σp) + (μq − μp)ᵀΣq⁻¹(μq − μp) − n), with the
 * low-rank sides through their capacitance matrices as torch writes them. Called once by klDivergence's
 * registration.
 * @example
 * registerLowRankPairs(register);
 */
export function registerLowRankPairs(register: RegisterKl): void {
  register(LowRankMultivariateNormal, LowRankMultivariateNormal, (p, q) => {
    checkEventShapes(p, q, 'Low Rank Multivariate Normals');
    const logDets = lowRankLogDet(q.unbroadcastedCovDiag, q.capacitanceTril).sub(lowRankLogDet(p.unbroadcastedCovDiag, p.capacitanceTril));
    const distance = lowRankMahalanobis(q.unbroadcastedCovFactor, q.unbroadcastedCovDiag, q.loc.sub(p.loc), q.capacitanceTril);
    // tr(Σq⁻¹Σp) with Σq⁻¹ = diag(Dq)⁻¹ − AᵀA and Σp = diag(Dp) + Wp·Wpᵀ
    const a = woodburyFactor(q);
    const [diagonalP, diagonalQ, factorP] = [p.unbroadcastedCovDiag, q.unbroadcastedCovDiag, p.unbroadcastedCovFactor];
    const trace = diagonalP
      .div(diagonalQ)
      .sum(-1)
      .add(traceXXT(factorP.mul(diagonalQ.rsqrt().unsqueeze(-1))))
      .sub(traceXXT(a.mul(diagonalP.sqrt().unsqueeze(-2))))
      .sub(traceXXT(a.matmul(factorP)));
    return logDets.add(trace).add(distance).sub(p.eventShape[0]!).mul(0.5);
  });

  register(MultivariateNormal, LowRankMultivariateNormal, (p, q) => {
    checkEventShapes(p, q, '(Low Rank) Multivariate Normals');
    const lowerP = p.unbroadcastedScaleTril;
    const logDets = lowRankLogDet(q.unbroadcastedCovDiag, q.capacitanceTril).sub(diagonalOf(lowerP).log().sum(-1).mul(2));
    const distance = lowRankMahalanobis(q.unbroadcastedCovFactor, q.unbroadcastedCovDiag, q.loc.sub(p.loc), q.capacitanceTril);
    // tr(Σq⁻¹·Lp·Lpᵀ) with Σq⁻¹ = diag(Dq)⁻¹ − AᵀA
    const a = woodburyFactor(q);
    const trace = traceXXT(lowerP.mul(q.unbroadcastedCovDiag.rsqrt().unsqueeze(-1))).sub(traceXXT(a.matmul(lowerP)));
    return logDets.add(trace).add(distance).sub(p.eventShape[0]!).mul(0.5);
  });

  register(LowRankMultivariateNormal, MultivariateNormal, (p, q) => {
    checkEventShapes(p, q, '(Low Rank) Multivariate Normals');
    const lowerQ = q.unbroadcastedScaleTril;
    const logDets = diagonalOf(lowerQ).log().sum(-1).mul(2).sub(lowRankLogDet(p.unbroadcastedCovDiag, p.capacitanceTril));
    const distance = mahalanobis(lowerQ, q.loc.sub(p.loc));
    // tr(Lq⁻ᵀLq⁻¹·(Wp·Wpᵀ + diag(Dp))) = ‖Lq⁻¹Wp‖² + ‖Lq⁻¹·diag(√Dp)‖²
    const size = p.eventShape[0]!;
    const factorP = p.unbroadcastedCovFactor;
    const batch = broadcastShapes('klDivergence', lowerQ.shape.slice(0, -2), factorP.shape.slice(0, -2));
    const rank = factorP.shape[factorP.ndim - 1]!;
    const lower = lowerQ.expand([...batch, size, size]);
    const trace = traceXXT(solveLowerTriangular(lower, factorP.expand([...batch, size, rank]))).add(
      traceXXT(solveLowerTriangular(lower, diagEmbed(p.unbroadcastedCovDiag.sqrt()).expand([...batch, size, size]))),
    );
    return logDets.add(trace).add(distance).sub(size).mul(0.5);
  });
}
