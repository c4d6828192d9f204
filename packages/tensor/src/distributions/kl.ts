import { composite } from '../core/scope.js';
import { broadcastShapes, formatShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { softplus } from '../ops/activation.js';
import { fullLike } from '../ops/creation.js';
import { where } from '../ops/elementwise.js';
import { Bernoulli } from './bernoulli.js';
import { Beta } from './beta.js';
import { Binomial } from './binomial.js';
import { Categorical } from './categorical.js';
import { Dirichlet } from './dirichlet.js';
import { allHold, type Distribution, readsSync, sumRightmost } from './distribution.js';
import { Exponential } from './exponential.js';
import { Gamma } from './gamma.js';
import { Geometric } from './geometric.js';
import { Independent } from './independent.js';
import { registerContinuousPairs } from './kl-continuous.js';
import { registerMixedPairs } from './kl-mixed.js';
import { registerContinuousBernoulliPairs } from './continuous-bernoulli.js';
import { registerLowRankPairs } from './low-rank-multivariate-normal.js';
import { Laplace } from './laplace.js';
import { LogNormal } from './log-normal.js';
import { diagonalOf, MultivariateNormal, solveLowerTriangular } from './multivariate-normal.js';
import { Normal } from './normal.js';
import { OneHotCategorical } from './one-hot-categorical.js';
import { Poisson } from './poisson.js';
import { Uniform } from './uniform.js';

// biome-ignore lint/suspicious/noExplicitAny: a constructor of any distribution, matched with instanceof
type DistributionClass<T extends Distribution> = abstract new (...args: any[]) => T;
interface Rule {
  p: DistributionClass<Distribution>;
  q: DistributionClass<Distribution>;
  kl: (p: Distribution, q: Distribution) => Tensor;
}
const rules: Rule[] = [];

function register<P extends Distribution, Q extends Distribution>(
  p: DistributionClass<P>,
  q: DistributionClass<Q>,
  kl: (p: P, q: Q) => Tensor,
): void {
  rules.push({ p, q, kl: kl as Rule['kl'] });
}

const INFINITY = Number.POSITIVE_INFINITY;
// the Euler–Mascheroni constant γ = −ψ(1)
const EULER_GAMMA = 0.5772156649015329;

// The registrations run on the first call, so that importing the package runs no code for them (a
// bundle that never computes a KL keeps none of this).
function registerAll(): void {
  // Cauchy, HalfNormal, HalfCauchy, Gumbel and Pareto, with their kind and torch's mixed pairs
  registerContinuousPairs(register, klDivergence);
  // LowRankMultivariateNormal with itself and MultivariateNormal; ContinuousBernoulli's pairs
  registerLowRankPairs(register);
  registerContinuousBernoulliPairs(register);
  // torch's remaining pairs of different families, TransformedDistribution's and Wishart's
  registerMixedPairs(register, klDivergence);

  // ½(σp²/σq² + ((μp − μq)/σq)² − 1 − log(σp²/σq²))
  register(Normal, Normal, (p, q) => {
    const varianceRatio = p.scale.div(q.scale).square();
    const term = p.loc.sub(q.loc).div(q.scale).square();
    return varianceRatio.add(term).sub(1).sub(varianceRatio.log()).mul(0.5);
  });

  // −log(bp/bq) + |μp − μq|/bq + (bp/bq)·e^(−|μp − μq|/bp) − 1
  register(Laplace, Laplace, (p, q) => {
    const scaleRatio = p.scale.div(q.scale);
    const distance = p.loc.sub(q.loc).abs();
    return scaleRatio
      .log()
      .neg()
      .add(distance.div(q.scale))
      .add(scaleRatio.mul(distance.div(p.scale).neg().exp()))
      .sub(1);
  });

  // −log(λq/λp) + λq/λp − 1
  register(Exponential, Exponential, (p, q) => {
    const rateRatio = q.rate.div(p.rate);
    return rateRatio.log().neg().add(rateRatio).sub(1);
  });

  // αq·log(βp/βq) + log Γ(αq) − log Γ(αp) + (αp − αq)·ψ(αp) + (βq − βp)·αp/βp (also Chi2, a Gamma)
  register(Gamma, Gamma, (p, q) =>
    q.concentration
      .mul(p.rate.div(q.rate).log())
      .add(q.concentration.lgamma().sub(p.concentration.lgamma()))
      .add(p.concentration.sub(q.concentration).mul(p.concentration.digamma()))
      .add(q.rate.sub(p.rate).mul(p.concentration.div(p.rate))),
  );

  // −αq·log(βq/λp) + βq/λp + log Γ(αq) + αq·γ − (1 + γ), γ the Euler–Mascheroni constant
  register(Exponential, Gamma, (p, q) => {
    const ratio = q.rate.div(p.rate);
    return q.concentration
      .neg()
      .mul(ratio.log())
      .add(ratio)
      .add(q.concentration.lgamma())
      .add(q.concentration.mul(EULER_GAMMA))
      .sub(1 + EULER_GAMMA);
  });

  // −H(p) − log λq + λq·αp/βp
  register(Gamma, Exponential, (p, q) => p.entropy().neg().sub(q.rate.log()).add(q.rate.mul(p.concentration).div(p.rate)));

  // log B(aq, bq) − log B(ap, bp) + (ap − aq)ψ(ap) + (bp − bq)ψ(bp) + (aq + bq − ap − bp)ψ(ap + bp)
  register(Beta, Beta, (p, q) => {
    const [totalP, totalQ] = [p.concentration1.add(p.concentration0), q.concentration1.add(q.concentration0)];
    const logBetaQ = q.concentration1.lgamma().add(q.concentration0.lgamma()).sub(totalQ.lgamma());
    const logBetaP = p.concentration1.lgamma().add(p.concentration0.lgamma()).sub(totalP.lgamma());
    return logBetaQ
      .sub(logBetaP)
      .add(p.concentration1.sub(q.concentration1).mul(p.concentration1.digamma()))
      .add(p.concentration0.sub(q.concentration0).mul(p.concentration0.digamma()))
      .add(totalQ.sub(totalP).mul(totalP.digamma()));
  });

  // log Γ(Σαp) − log Γ(Σαq) − Σ(log Γ(αp) − log Γ(αq)) + Σ(αp − αq)·(ψ(αp) − ψ(Σαp))
  register(Dirichlet, Dirichlet, (p, q) => {
    const [totalP, totalQ] = [p.concentration.sum(-1), q.concentration.sum(-1)];
    const expectedLogs = p.concentration.digamma().sub(totalP.digamma().unsqueeze(-1));
    return totalP
      .lgamma()
      .sub(totalQ.lgamma())
      .sub(p.concentration.lgamma().sub(q.concentration.lgamma()).sum(-1))
      .add(p.concentration.sub(q.concentration).mul(expectedLogs).sum(-1));
  });

  // the KL of the normals of log X (exp is the same bijection for both)
  register(LogNormal, LogNormal, (p, q) => klDivergence(p.baseDist, q.baseDist));

  // p·(softplus(−lq) − softplus(−lp)) + (1 − p)·(softplus(lq) − softplus(lp)); ∞ where q puts 0 on what p
  // does not, 0 for the terms p gives probability 0
  register(Bernoulli, Bernoulli, (p, q) => {
    const ones = where(q.probs.eq(0), INFINITY, p.probs.mul(softplus(q.logits.neg()).sub(softplus(p.logits.neg()))));
    const zeros = where(
      q.probs.eq(1),
      INFINITY,
      p.probs
        .neg()
        .add(1)
        .mul(softplus(q.logits).sub(softplus(p.logits))),
    );
    return where(p.probs.eq(0), 0, ones).add(where(p.probs.eq(1), 0, zeros));
  });

  // Σ p·(log p − log q), ∞ where q is 0, with 0·log 0 = 0
  register(Categorical, Categorical, (p, q) => {
    const terms = p.probs.mul(p.logits.sub(q.logits));
    return where(p.probs.eq(0), 0, where(q.probs.eq(0), INFINITY, terms)).sum(-1);
  });

  register(OneHotCategorical, OneHotCategorical, (p, q) => klDivergence(p.categorical, q.categorical));

  // log((bq − aq)/(bp − ap)), ∞ unless [ap, bp] ⊆ [aq, bq]
  register(Uniform, Uniform, (p, q) => {
    const result = q.high.sub(q.low).div(p.high.sub(p.low)).log();
    return where(q.low.gt(p.low).logicalOr(q.high.lt(p.high)), INFINITY, result);
  });

  // Σ log Lq,ii − Σ log Lp,ii + ½(‖Lq⁻¹Lp‖²_F + ‖Lq⁻¹(μq − μp)‖² − n)
  register(MultivariateNormal, MultivariateNormal, (p, q) => {
    if (!shapesEqual(p.eventShape, q.eventShape))
      throw new Error(
        `klDivergence: KL-divergence between two Multivariate Normals with different event shapes cannot be computed (${formatShape(p.eventShape)} vs ${formatShape(q.eventShape)})`,
      );
    const size = p.eventShape[0]!;
    const [lowerP, lowerQ] = [p.unbroadcastedScaleTril, q.unbroadcastedScaleTril];
    const halfTerm = diagonalOf(lowerQ).log().sum(-1).sub(diagonalOf(lowerP).log().sum(-1));
    const batch = broadcastShapes('klDivergence', lowerQ.shape.slice(0, -2), lowerP.shape.slice(0, -2));
    const matrices = [...batch, size, size];
    const trace = solveLowerTriangular(lowerQ.expand(matrices), lowerP.expand(matrices)).square().sum([-2, -1]);
    const distance = solveLowerTriangular(lowerQ, q.loc.sub(p.loc).unsqueeze(-1)).squeeze(-1).square().sum(-1);
    return halfTerm.add(trace.add(distance).sub(size).mul(0.5));
  });

  // λp·(log λp − log λq) − (λp − λq)
  register(Poisson, Poisson, (p, q) => p.rate.mul(p.rate.log().sub(q.rate.log())).sub(p.rate.sub(q.rate)));

  // np·(pp·(lp − lq) + log(1 − pp) − log(1 − pq)); ∞ where np > nq; np < nq is refused as torch
  register(Binomial, Binomial, (p, q) => {
    const [countP, countQ] = [p.totalCount, q.totalCount];
    if (readsSync(countP) && readsSync(countQ) && !allHold(countP.ge(countQ)))
      throw new Error(
        'klDivergence: KL between Binomials where q.total_count > p.total_count is not implemented (torch raises NotImplementedError)',
      );
    const kl = countP.mul(p.probs.mul(p.logits.sub(q.logits)).add(p.probs.neg().log1p()).sub(q.probs.neg().log1p()));
    return where(countP.gt(countQ), INFINITY, kl);
  });

  // −H(p) − log(1 − pq)/pp − lq
  register(Geometric, Geometric, (p, q) => p.entropy().neg().sub(q.probs.neg().log1p().div(p.probs)).sub(q.logits));

  // −H(p) − (p·log λ − λ)
  register(Bernoulli, Poisson, (p, q) => p.entropy().neg().sub(p.probs.mul(q.rate.log()).sub(q.rate)));

  // ∞: a Poisson puts mass on counts a Bernoulli or a Binomial cannot take (torch's _kl_poisson_infinity)
  register(Poisson, Bernoulli, (p) => fullLike(p.rate, INFINITY));
  register(Poisson, Binomial, (p) => fullLike(p.rate, INFINITY));

  // the base pair's KL, summed over the reinterpreted dims
  register(Independent, Independent, (p, q) => {
    if (p.reinterpretedBatchNdims !== q.reinterpretedBatchNdims)
      throw new Error(
        `klDivergence: no KL(p || q) is implemented for Independent distributions reinterpreting ${p.reinterpretedBatchNdims} and ${q.reinterpretedBatchNdims} batch dims (torch raises NotImplementedError)`,
      );
    return sumRightmost(klDivergence(p.baseDist, q.baseDist), p.reinterpretedBatchNdims);
  });
}

/**
 * KL(p ‖ q) = E_p[log p(x) − log q(x)] for each batch member (torch.distributions.kl_divergence), for
 * the pairs torch registers among the distributions here: Normal, Laplace, Exponential, LogNormal,
 * Bernoulli, Categorical, OneHotCategorical, Uniform, MultivariateNormal, Gamma (and Chi2), Beta and
 * Dirichlet each with its own kind, Exponential with Gamma and Gamma with Exponential, Poisson,
 * Binomial (p's totalCount at least q's) and Geometric each with its own kind, Bernoulli with Poisson,
 * Poisson with Bernoulli or Binomial (∞), and Independent with Independent (same reinterpreted dims).
 * Cauchy, HalfNormal, HalfCauchy, Gumbel and Pareto each with its own kind, and torch's mixed pairs of
 * Gumbel and Pareto with Exponential, Gamma, Normal, Uniform, Laplace and Beta (see kl-continuous.ts).
 * LowRankMultivariateNormal with itself and MultivariateNormal (either way round), and ContinuousBernoulli
 * with its own kind, Exponential, Normal, Uniform and Pareto (∞), and Beta, Uniform, Exponential, Gamma,
 * Gumbel, Laplace, Normal and Pareto with ContinuousBernoulli (see low-rank-multivariate-normal.ts and
 * continuous-bernoulli.ts).
 * Beta with Exponential, Gamma, Normal, Uniform and Pareto (∞); Exponential, Gamma, Laplace with Normal;
 * Normal with Laplace; Uniform with Beta, Exponential, Gamma and Normal; Exponential, Gamma, Laplace and
 * Normal with the families whose support misses some of theirs (∞); TransformedDistribution (such as
 * LogisticNormal) with TransformedDistribution of equal transforms; Wishart with Wishart (see kl-mixed.ts).
 * Other pairs throw, naming both (torch raises NotImplementedError). Parameters
 * broadcast; gradients flow to both distributions' parameters.
 * @example
 * klDivergence(new distributions.Normal(0, 1), new distributions.Normal(1, 2)); // 0.4431
 */
export function klDivergence(p: Distribution, q: Distribution): Tensor {
  if (rules.length === 0) registerAll();
  const rule = rules.find((candidate) => p instanceof candidate.p && q instanceof candidate.q);
  if (!rule)
    throw new Error(
      `klDivergence: No KL(p || q) is implemented for p type ${p.name} and q type ${q.name} (torch raises NotImplementedError)`,
    );
  return composite(() => rule.kl(p, q));
}
