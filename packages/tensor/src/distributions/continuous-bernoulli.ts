import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { sigmoid } from '../ops/activation.js';
import { fullLike } from '../ops/creation.js';
import { where } from '../ops/elementwise.js';
import { rand } from '../ops/random.js';
import { binaryCrossEntropyWithLogits } from './bernoulli.js';
import { Beta } from './beta.js';
import { type Constraint, real, unitInterval } from './constraints.js';
import { broadcastParameters, Distribution, epsilonOf, readValidateArgs } from './distribution.js';
import { Exponential } from './exponential.js';
import { Gamma } from './gamma.js';
import { Gumbel } from './gumbel.js';
import type { RegisterKl } from './kl-continuous.js';
import { Laplace } from './laplace.js';
import { Normal } from './normal.js';
import { Pareto } from './pareto.js';
import { chosenParameter, type ProbabilitiesOrLogits, probabilityKeys } from './probabilities.js';
import { Uniform } from './uniform.js';

const LOG_TWO = Math.log(2);
const INFINITY = Number.POSITIVE_INFINITY;

/**
 * The continuous Bernoulli distribution on [0, 1] with density C(λ)·λ^x·(1 − λ)^(1−x)
 * (torch.distributions.ContinuousBernoulli; Loaiza-Ganem and Cunningham, NeurIPS 2019), from
 * `{ probs }` (λ in [0, 1]; not a probability) or `{ logits }` (log(λ/(1 − λ))); the normalising
 * constant is C(λ) = 2·artanh(1 − 2λ)/(1 − 2λ), 2 at λ = ½. As torch: probs are clamped to [ε, 1 − ε]
 * (ε the dtype's machine epsilon; probs given as logits are σ(logits) clamped), and for λ in
 * (l₀, l₁] (`lims`, default [0.499, 0.501]), where the closed forms lose their digits, log C, the mean
 * and the variance are Taylor expansions about ½ and the cdf and the icdf the identity (the closed
 * forms are evaluated at λ = l₀ there, so that their unused branch stays finite). Probs validate
 * before the clamp (torch checks them only with an explicit validate_args=True). logProb =
 * −BCE(logits, x) + log C; mean λ/(2λ − 1) + 1/(2·artanh(1 − 2λ)); cdf
 * (λ^x(1 − λ)^(1−x) + λ − 1)/(2λ − 1), 0 below 0 and 1 above 1. Reparameterised: rsample = icdf(u) with
 * u uniform on [0, 1). No mode (torch has none).
 * @example
 * const d = new distributions.ContinuousBernoulli({ probs: tensor([0.2, 0.5]) });
 * d.mean; // [0.3880, 0.5]
 * d.logProb(tensor([0.3, 0.3])); // [0.1984, 0]
 */
export class ContinuousBernoulli extends Distribution {
  /** λ clamped to [ε, 1 − ε], broadcast to batchShape (torch's clamp_probs). */
  readonly probs: Tensor;
  /** log(λ/(1 − λ)): as given, or from the clamped probs. */
  readonly logits: Tensor;
  /** [l₀, l₁]: λ in (l₀, l₁] uses the Taylor expansions about ½. */
  readonly lims: readonly [number, number];

  /**
   * @param lims - [l₀, l₁], the interval about ½ where the Taylor expansions replace the closed forms
   * @example
   * new distributions.ContinuousBernoulli({ logits: tensor([0, 2]) }, [0.49, 0.51]);
   */
  constructor(parameters: ProbabilitiesOrLogits, lims: readonly [number, number] = [0.499, 0.501]) {
    const name = 'ContinuousBernoulli';
    const [key, given] = chosenParameter(name, parameters);
    const validateArgs = readValidateArgs(name, parameters, probabilityKeys);
    if (!Array.isArray(lims) || lims.length !== 2 || !lims.every((limit) => typeof limit === 'number' && limit >= 0 && limit <= 1))
      throw new Error(`${name}: lims must be a pair of numbers in [0, 1], got ${String(lims)}`);
    if (lims[0] > lims[1]) throw new Error(`${name}: lims must be increasing, got [${lims.join(', ')}]`);
    const [value] = broadcastParameters(name, [given]) as [Tensor];
    super(name, value.shape, [], validateArgs);
    this.lims = [lims[0], lims[1]];
    // validated before the clamp, which would make any probs valid
    this.checkParameters(key === 'probs' ? { probs: [value, unitInterval] } : { logits: [value, real] });
    const epsilon = epsilonOf(value.dtype);
    if (key === 'probs') {
      this.probs = value.clamp(epsilon, 1 - epsilon);
      this.logits = composite(() => this.probs.log().sub(this.probs.neg().log1p()));
    } else {
      this.logits = value;
      this.probs = composite(() => sigmoid(value).clamp(epsilon, 1 - epsilon));
    }
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ probs: this.probs.expand(batch), logits: this.logits.expand(batch) }));
  }

  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return unitInterval;
  }

  /** Where λ ≤ l₀ or λ > l₁: the closed forms hold. */
  private outsideUnstableRegion(): Tensor {
    return this.probs.le(this.lims[0]).logicalOr(this.probs.gt(this.lims[1]));
  }
  /** λ where the closed forms hold, l₀ elsewhere (so that their unused branch stays finite). */
  private cutProbs(): Tensor {
    return where(this.outsideUnstableRegion(), this.probs, this.lims[0]);
  }

  /**
   * log C(λ), the log of the normalising constant (torch's _cont_bern_log_norm):
   * log|log(1 − λ) − log λ| − log|1 − 2λ|, log 2 + (4/3 + 104/45·(λ − ½)²)·(λ − ½)² inside lims.
   * @example
   * new distributions.ContinuousBernoulli({ probs: 0.5 }).logNormalizer(); // 0.6931
   */
  logNormalizer(): Tensor {
    return composite(() => {
      const cut = this.cutProbs();
      const below = cut.le(0.5);
      const cutBelow = where(below, cut, 0);
      const cutAbove = where(cut.ge(0.5), cut, 1);
      const logNorm = cut
        .neg()
        .log1p()
        .sub(cut.log())
        .abs()
        .log()
        .sub(where(below, cutBelow.mul(-2).log1p(), cutAbove.mul(2).sub(1).log()));
      const x = this.probs.sub(0.5).pow(2);
      const taylor = x
        .mul(104 / 45)
        .add(4 / 3)
        .mul(x)
        .add(LOG_TWO);
      return where(this.outsideUnstableRegion(), logNorm, taylor);
    });
  }

  // λ/(2λ − 1) + 1/(log(1 − λ) − log λ); ½ + (1/3 + 16/45·(λ − ½)²)(λ − ½) inside lims
  get mean(): Tensor {
    return composite(() => {
      const cut = this.cutProbs();
      const mus = cut.div(cut.mul(2).sub(1)).add(cut.neg().log1p().sub(cut.log()).reciprocal());
      const x = this.probs.sub(0.5);
      const taylor = x
        .pow(2)
        .mul(16 / 45)
        .add(1 / 3)
        .mul(x)
        .add(0.5);
      return where(this.outsideUnstableRegion(), mus, taylor);
    });
  }
  // λ(λ − 1)/(1 − 2λ)² + 1/(log(1 − λ) − log λ)²; 1/12 − (1/15 − 128/945·(λ − ½)²)(λ − ½)² inside lims
  get variance(): Tensor {
    return composite(() => {
      const cut = this.cutProbs();
      const variances = cut.mul(cut.sub(1)).div(cut.mul(-2).add(1).pow(2)).add(cut.neg().log1p().sub(cut.log()).pow(2).reciprocal());
      const x = this.probs.sub(0.5).pow(2);
      const taylor = x
        .mul(128 / 945)
        .neg()
        .add(1 / 15)
        .mul(x)
        .neg()
        .add(1 / 12);
      return where(this.outsideUnstableRegion(), variances, taylor);
    });
  }

  override rsample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() => this.icdf(rand(shape, { dtype: this.probs.dtype, device: this.probs.device })));
  }

  // −BCE(logits, x) + log C
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.probs);
    return composite(() => binaryCrossEntropyWithLogits(this.logits, x).neg().add(this.logNormalizer()));
  }

  // (λ^x(1 − λ)^(1−x) + λ − 1)/(2λ − 1), x inside lims; 0 for x ≤ 0, 1 for x ≥ 1
  override cdf(value: Tensor | number): Tensor {
    const x = this.checkValue('cdf', value, this.probs);
    return composite(() => {
      const cut = this.cutProbs();
      const cdfs = cut
        .pow(x)
        .mul(cut.neg().add(1).pow(x.neg().add(1)))
        .add(cut)
        .sub(1)
        .div(cut.mul(2).sub(1));
      const unbounded = where(this.outsideUnstableRegion(), cdfs, x);
      return where(x.le(0), 0, where(x.ge(1), 1, unbounded));
    });
  }

  // (log(1 − λ + p(2λ − 1)) − log(1 − λ))/(log λ − log(1 − λ)); p inside lims
  override icdf(value: Tensor | number): Tensor {
    const p = this.asValue('icdf', value, this.probs);
    return composite(() => {
      const cut = this.cutProbs();
      const logComplement = cut.neg().log1p();
      const inverse = p.mul(cut.mul(2).sub(1)).sub(cut).log1p().sub(logComplement).div(cut.log().sub(logComplement));
      return where(this.outsideUnstableRegion(), inverse, p);
    });
  }

  // mean·(log(1 − λ) − log λ) − log C − log(1 − λ)
  entropy(): Tensor {
    return composite(() => {
      const logComplement = this.probs.neg().log1p();
      return this.mean.mul(logComplement.sub(this.probs.log())).sub(this.logNormalizer()).sub(logComplement);
    });
  }
}

/**
 * Registers torch 1.13's KL rules with ContinuousBernoulli: with its own kind; with Exponential, Normal
 * and Uniform as q (+∞ where q.low ≥ 0 or q.high ≤ 1: torch's masks include the bounds, so
 * Uniform(0, 1) gives +∞); Beta and Uniform as p (Uniform: +∞ where p.low ≤ 0 or p.high ≥ 1, bounds
 * included as torch); and the pairs torch sets to +∞: ContinuousBernoulli with Pareto, and Exponential,
 * Gamma, Gumbel, Laplace, Normal and Pareto with ContinuousBernoulli. Called once by klDivergence's
 * registration.
 * @example
 * registerContinuousBernoulliPairs(register);
 */
export function registerContinuousBernoulliPairs(register: RegisterKl): void {
  // mean_p·(lp − lq) + log Cp + log(1 − λp) − log Cq − log(1 − λq)
  register(ContinuousBernoulli, ContinuousBernoulli, (p, q) =>
    p.mean.mul(p.logits.sub(q.logits)).add(p.logNormalizer()).add(p.probs.neg().log1p()).sub(q.logNormalizer()).sub(q.probs.neg().log1p()),
  );

  // −H(p) − E_p[x]·lq − log(1 − λq) − log Cq
  const towardsContinuousBernoulli = (p: Distribution, q: ContinuousBernoulli): Tensor =>
    p.entropy().neg().sub(p.mean.mul(q.logits)).sub(q.probs.neg().log1p()).sub(q.logNormalizer());
  register(Beta, ContinuousBernoulli, towardsContinuousBernoulli);
  register(Uniform, ContinuousBernoulli, (p, q) => where(p.high.ge(1).logicalOr(p.low.le(0)), INFINITY, towardsContinuousBernoulli(p, q)));

  // −H(p) − log λ + λ·mean
  register(ContinuousBernoulli, Exponential, (p, q) => p.entropy().neg().sub(q.rate.log()).add(q.rate.mul(p.mean)));

  // −H(p) + ½(log 2π + (μ/σ)²) + log σ + (var_p + mean_p² − 2μ·mean_p)/(2σ²)
  register(ContinuousBernoulli, Normal, (p, q) => {
    const t2 = q.loc
      .div(q.scale)
      .square()
      .add(Math.log(2 * Math.PI))
      .mul(0.5)
      .add(q.scale.log());
    const t3 = p.variance.add(p.mean.square()).sub(q.loc.mul(p.mean).mul(2)).div(q.scale.square().mul(2));
    return p.entropy().neg().add(t2).add(t3);
  });

  // −H(p) + log(high − low), +∞ where low ≥ 0 or high ≤ 1
  register(ContinuousBernoulli, Uniform, (p, q) => {
    const result = p.entropy().neg().add(q.high.sub(q.low).log());
    return where(q.low.ge(0).logicalOr(q.high.le(1)), INFINITY, result);
  });

  // +∞: p puts mass where q has none (torch's _kl_*_infinity), shaped as p's parameter
  register(ContinuousBernoulli, Pareto, (p) => fullLike(p.probs, INFINITY));
  register(Exponential, ContinuousBernoulli, (p) => fullLike(p.rate, INFINITY));
  register(Gamma, ContinuousBernoulli, (p) => fullLike(p.concentration, INFINITY));
  register(Gumbel, ContinuousBernoulli, (p) => fullLike(p.loc, INFINITY));
  register(Laplace, ContinuousBernoulli, (p) => fullLike(p.loc, INFINITY));
  register(Normal, ContinuousBernoulli, (p) => fullLike(p.loc, INFINITY));
  register(Pareto, ContinuousBernoulli, (p) => fullLike(p.scale, INFINITY));
}
