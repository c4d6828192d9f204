import type { Tensor } from '../core/tensor.js';
import { fullLike } from '../ops/creation.js';
import { where } from '../ops/elementwise.js';
import { Beta } from './beta.js';
import { Cauchy } from './cauchy.js';
import type { Distribution } from './distribution.js';
import { Exponential } from './exponential.js';
import { Gamma } from './gamma.js';
import { EULER_GAMMA, Gumbel } from './gumbel.js';
import { HalfCauchy } from './half-cauchy.js';
import { HalfNormal } from './half-normal.js';
import { Laplace } from './laplace.js';
import { Normal } from './normal.js';
import { Pareto } from './pareto.js';
import { Uniform } from './uniform.js';

// biome-ignore lint/suspicious/noExplicitAny: a constructor of any distribution, matched with instanceof
type DistributionClass<T extends Distribution> = abstract new (...args: any[]) => T;

/**
 * kl.ts's `register`: adds the rule for the pair (p's class, q's class).
 * @example
 * registerContinuousPairs(register, klDivergence);
 */
export type RegisterKl = <P extends Distribution, Q extends Distribution>(
  p: DistributionClass<P>,
  q: DistributionClass<Q>,
  kl: (p: P, q: Q) => Tensor,
) => void;

const INFINITY = Number.POSITIVE_INFINITY;

/** x·log x (torch's _x_log_x: NaN at 0). */
const xLogX = (x: Tensor): Tensor => x.mul(x.log());

/**
 * Registers torch 1.13's KL rules for Cauchy, HalfNormal, HalfCauchy, Gumbel and Pareto: each with its
 * own kind (HalfCauchy through its base Cauchy, as torch's TransformedDistribution pair), Exponential,
 * Gamma, Normal and Uniform with Gumbel, Gumbel with Normal, Pareto with Exponential, Gamma and Normal,
 * Uniform with Pareto, and the pairs torch sets to +∞ (p puts mass where q has none): Gumbel with Beta,
 * Exponential, Gamma, Pareto or Uniform; Exponential, Gamma, Normal or Laplace with Pareto; Pareto with
 * Beta or Uniform. Called once by klDivergence's registration.
 * @example
 * registerContinuousPairs(register, klDivergence);
 */
export function registerContinuousPairs(register: RegisterKl, klDivergence: (p: Distribution, q: Distribution) => Tensor): void {
  // log((σp + σq)² + (μp − μq)²) − log(4σpσq)
  register(Cauchy, Cauchy, (p, q) => p.scale.add(q.scale).pow(2).add(p.loc.sub(q.loc).pow(2)).log().sub(p.scale.mul(4).mul(q.scale).log()));

  // the KL of the base distributions (|x| is the same map for both)
  register(HalfNormal, HalfNormal, (p, q) => klDivergence(p.baseDist, q.baseDist));
  register(HalfCauchy, HalfCauchy, (p, q) => klDivergence(p.baseDist, q.baseDist));

  // with r = βp/βq: −log r − μq/βq + μp/βq + rγ + e^(μq/βq + log Γ(1 + r) − μp/βq) − (1 + γ)
  register(Gumbel, Gumbel, (p, q) => {
    const ratio = p.scale.div(q.scale);
    const [locQ, locP] = [q.loc.div(q.scale), p.loc.div(q.scale)];
    const t1 = ratio.log().neg().sub(locQ).add(locP);
    const t3 = locQ.add(ratio.add(1).lgamma()).sub(locP).exp();
    return t1
      .add(ratio.mul(EULER_GAMMA))
      .add(t3)
      .sub(1 + EULER_GAMMA);
  });

  // with s = σp/σq: α_q·log s − log(α_q/α_p) + α_q/α_p − 1; ∞ where σp < σq
  register(Pareto, Pareto, (p, q) => {
    const alphaRatio = q.alpha.div(p.alpha);
    const result = q.alpha.mul(p.scale.div(q.scale).log()).sub(alphaRatio.log()).add(alphaRatio).sub(1);
    return where(p.scale.lt(q.scale), INFINITY, result);
  });

  // with c = λβq and m = μq/βq: log c − 1 − m + e^m·c/(c + 1) + 1/c
  register(Exponential, Gumbel, (p, q) => {
    const product = p.rate.mul(q.scale);
    const ratio = q.loc.div(q.scale);
    return product
      .log()
      .sub(1)
      .sub(ratio)
      .add(ratio.exp().mul(product).div(product.add(1)))
      .add(product.reciprocal());
  });

  // with c = βp·βq and m = μq/βq: (α − 1)ψ(α) − log Γ(α) − α + log c + α/c + e^m·(1 + 1/c)^(−α) − m
  register(Gamma, Gumbel, (p, q) => {
    const product = p.rate.mul(q.scale);
    const ratio = q.loc.div(q.scale);
    const t1 = p.concentration.sub(1).mul(p.concentration.digamma()).sub(p.concentration.lgamma()).sub(p.concentration);
    const t2 = product.log().add(p.concentration.div(product));
    const t3 = ratio.exp().mul(product.reciprocal().add(1).pow(p.concentration.neg())).sub(ratio);
    return t1.add(t2).add(t3);
  });

  // with r = βp/σq: −log(r/√(2π)) + (πr/2)²/3 + ½((μp + βpγ − μq)/σq)² − (γ + 1)
  register(Gumbel, Normal, (p, q) => {
    const ratio = p.scale.div(q.scale);
    const t1 = ratio.div(Math.sqrt(2 * Math.PI)).log();
    const t2 = ratio
      .mul(Math.PI * 0.5)
      .pow(2)
      .div(3);
    const t3 = p.loc.add(p.scale.mul(EULER_GAMMA)).sub(q.loc).div(q.scale).pow(2).mul(0.5);
    return t1
      .neg()
      .add(t2)
      .add(t3)
      .sub(EULER_GAMMA + 1);
  });

  // with a = μp/βq, v = (σp/βq)², m = μq/βq: −½·log v + a − m + e^(−a + v/2 + m) − ½(1 + log 2π)
  register(Normal, Gumbel, (p, q) => {
    const meanRatio = p.loc.div(q.scale);
    const varianceRatio = p.scale.div(q.scale).pow(2);
    const locRatio = q.loc.div(q.scale);
    const t3 = meanRatio.neg().add(varianceRatio.mul(0.5)).add(locRatio).exp();
    return varianceRatio
      .log()
      .mul(0.5)
      .neg()
      .add(meanRatio.sub(locRatio))
      .add(t3)
      .sub(0.5 * (1 + Math.log(2 * Math.PI)));
  });

  // with c = βq/(b − a), h = (b − μq)/βq, l = (a − μq)/βq: log c + (h + l)/2 − c·(e^(−h) − e^(−l))
  register(Uniform, Gumbel, (p, q) => {
    const common = q.scale.div(p.high.sub(p.low));
    const high = p.high.sub(q.loc).div(q.scale);
    const low = p.low.sub(q.loc).div(q.scale);
    return common
      .log()
      .add(high.add(low).mul(0.5))
      .sub(common.mul(high.neg().exp().sub(low.neg().exp())));
  });

  // with c = σλ: log(α/c) − 1/α + αc/(α − 1) − 1; ∞ where α ≤ 1
  register(Pareto, Exponential, (p, q) => {
    const product = p.scale.mul(q.rate);
    const result = p.alpha
      .div(product)
      .log()
      .sub(p.alpha.reciprocal())
      .add(p.alpha.mul(product).div(p.alpha.sub(1)))
      .sub(1);
    return where(p.alpha.le(1), INFINITY, result);
  });

  // with c = log σ + 1/α: log α − c + log Γ(k) − k·log β + (1 − k)c + βασ/(α − 1) − 1; ∞ where α ≤ 1
  register(Pareto, Gamma, (p, q) => {
    const common = p.scale.log().add(p.alpha.reciprocal());
    const t1 = p.alpha.log().sub(common);
    const t2 = q.concentration.lgamma().sub(q.concentration.mul(q.rate.log()));
    const t3 = q.concentration.neg().add(1).mul(common);
    const t4 = q.rate.mul(p.alpha).mul(p.scale).div(p.alpha.sub(1));
    return where(p.alpha.le(1), INFINITY, t1.add(t2).add(t3).add(t4).sub(1));
  });

  // with c = σ/(α − 1): log(√(2π)·σq·α/σ) − 1/α + (αc²/(α − 2) + (αc − μq)²)/(2σq²) − 1; ∞ where α ≤ 2
  register(Pareto, Normal, (p, q) => {
    const variance = q.scale.pow(2).mul(2);
    const common = p.scale.div(p.alpha.sub(1));
    const t1 = q.scale
      .mul(Math.sqrt(2 * Math.PI))
      .mul(p.alpha)
      .div(p.scale)
      .log();
    const t3 = p.alpha.mul(common.pow(2)).div(p.alpha.sub(2));
    const t4 = p.alpha.mul(common).sub(q.loc).pow(2);
    const result = t1.sub(p.alpha.reciprocal()).add(t3.add(t4).div(variance)).sub(1);
    return where(p.alpha.le(2), INFINITY, result);
  });

  // with w = b − a: (α + 1)·(b·log b − a·log a − w)/w − log(α·σ^α·w); ∞ where a < σ
  register(Uniform, Pareto, (p, q) => {
    const width = p.high.sub(p.low);
    const t1 = q.alpha.mul(q.scale.pow(q.alpha)).mul(width).log();
    const t2 = xLogX(p.high).sub(xLogX(p.low)).sub(width).div(width);
    return where(p.low.lt(q.scale), INFINITY, t2.mul(q.alpha.add(1)).sub(t1));
  });

  // +∞: p puts mass where q has none (torch's _kl_*_infinity), shaped as p's parameter
  const supportsBoundedBelow: DistributionClass<Distribution>[] = [Beta, Exponential, Gamma, Pareto, Uniform];
  for (const q of supportsBoundedBelow) register(Gumbel, q, (p) => fullLike(p.loc, INFINITY));
  register(Exponential, Pareto, (p) => fullLike(p.rate, INFINITY));
  register(Gamma, Pareto, (p) => fullLike(p.concentration, INFINITY));
  register(Normal, Pareto, (p) => fullLike(p.loc, INFINITY));
  register(Laplace, Pareto, (p) => fullLike(p.loc, INFINITY));
  const supportsBoundedAbove: DistributionClass<Distribution>[] = [Beta, Uniform];
  for (const q of supportsBoundedAbove) register(Pareto, q, (p) => fullLike(p.scale, INFINITY));
}
