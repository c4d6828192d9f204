import { formatShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { fullLike } from '../ops/creation.js';
import { where } from '../ops/elementwise.js';
import { Beta } from './beta.js';
import type { Distribution } from './distribution.js';
import { Exponential } from './exponential.js';
import { Gamma } from './gamma.js';
import type { RegisterKl } from './kl-continuous.js';
import { Laplace } from './laplace.js';
import { Normal } from './normal.js';
import { Pareto } from './pareto.js';
import { sameTransforms } from './transform-equality.js';
import { TransformedDistribution } from './transformed-distribution.js';
import { Uniform } from './uniform.js';
import { mvlgamma } from '../ops/multivariate-gamma.js';
import { diagonalOf } from './multivariate-normal.js';
import { multivariateDigamma, Wishart } from './wishart.js';

// biome-ignore lint/suspicious/noExplicitAny: a constructor of any distribution, matched with instanceof
type DistributionClass = abstract new (...args: any[]) => Distribution;

const INFINITY = Number.POSITIVE_INFINITY;

/** x·log x (torch's _x_log_x: NaN at 0). */
const xLogX = (x: Tensor): Tensor => x.mul(x.log());

/** E[X] = α/(α + β) of a Beta. */
const betaMean = (p: Beta): Tensor => p.concentration1.div(p.concentration1.add(p.concentration0));

/**
 * Registers torch 1.13's KL rules between families that kl.ts and kl-continuous.ts leave out: Beta
 * with Exponential, Gamma, Normal and Uniform; Exponential, Gamma and Laplace with Normal; Normal with
 * Laplace; Uniform with Beta, Exponential, Gamma and Normal; the pairs torch sets to +∞ because p puts
 * mass where q has none (Beta with Pareto; Exponential and Gamma with Beta and Uniform; Laplace and
 * Normal with Beta, Exponential, Gamma and Uniform); TransformedDistribution with
 * TransformedDistribution (equal transforms and event shapes: the bases' KL); and Wishart with Wishart
 * (torch's exponential-family Bregman divergence, here in closed form). Called once by klDivergence's
 * registration.
 * @example
 * registerMixedPairs(register, klDivergence);
 */
export function registerMixedPairs(register: RegisterKl, klDivergence: (p: Distribution, q: Distribution) => Tensor): void {
  // −H(p) − log λ + λ·E[X]
  register(Beta, Exponential, (p, q) =>
    p
      .entropy()
      .neg()
      .sub(q.rate.log())
      .add(q.rate.mul(betaMean(p))),
  );

  // −H(p) + log Γ(k) − k·log β − (k − 1)(ψ(a) − ψ(a + b)) + β·E[X]
  register(Beta, Gamma, (p, q) => {
    const t2 = q.concentration.lgamma().sub(q.concentration.mul(q.rate.log()));
    const t3 = q.concentration.sub(1).mul(p.concentration1.digamma().sub(p.concentration1.add(p.concentration0).digamma()));
    return p
      .entropy()
      .neg()
      .add(t2)
      .sub(t3)
      .add(q.rate.mul(betaMean(p)));
  });

  // −H(p) + ½log(2πσ²) + (E[X²]/2 − μE[X] + μ²/2)/σ², E[X²] = m(1 − m)/(a + b + 1) + m²
  register(Beta, Normal, (p, q) => {
    const mean = betaMean(p);
    const variance = q.scale.pow(2);
    const t2 = variance
      .mul(2 * Math.PI)
      .log()
      .mul(0.5);
    const t3 = mean.mul(mean.neg().add(1)).div(p.concentration1.add(p.concentration0).add(1)).add(mean.pow(2)).mul(0.5);
    const t5 = q.loc.pow(2).mul(0.5);
    return p
      .entropy()
      .neg()
      .add(t2)
      .add(t3.sub(q.loc.mul(mean)).add(t5).div(variance));
  });

  // −H(p) + log(b − a); ∞ unless [0, 1] ⊆ [a, b]
  register(Beta, Uniform, (p, q) => {
    const result = p.entropy().neg().add(q.high.sub(q.low).log());
    return where(q.low.gt(0).logicalOr(q.high.lt(1)), INFINITY, result);
  });

  // ½log(λ²σ²2π) − 1 + (1/λ² − μ/λ + μ²/2)/σ²
  register(Exponential, Normal, (p, q) => {
    const variance = q.scale.pow(2);
    const rateSquared = p.rate.pow(2);
    const t1 = rateSquared
      .mul(variance)
      .mul(2 * Math.PI)
      .log()
      .mul(0.5);
    const t2 = rateSquared.reciprocal();
    const t3 = q.loc.div(p.rate);
    const t4 = q.loc.pow(2).mul(0.5);
    return t1.sub(1).add(t2.sub(t3).add(t4).div(variance));
  });

  // ½log(β²σ²2π) − k − log Γ(k) + (k − 1)ψ(k) + (½(k² + k)/β² − μk/β + μ²/2)/σ²
  register(Gamma, Normal, (p, q) => {
    const variance = q.scale.pow(2);
    const rateSquared = p.rate.pow(2);
    const k = p.concentration;
    const t1 = rateSquared
      .mul(variance)
      .mul(2 * Math.PI)
      .log()
      .mul(0.5)
      .sub(k)
      .sub(k.lgamma());
    const t2 = k.pow(2).add(k).mul(0.5).div(rateSquared);
    const t3 = q.loc.mul(k).div(p.rate);
    const t4 = q.loc.pow(2).mul(0.5);
    return t1.add(k.sub(1).mul(k.digamma())).add(t2.sub(t3).add(t4).div(variance));
  });

  // with r = b²/σ²: −½log(2r/π) + r + (μp²/2 − μpμq + μq²/2)/σ² − 1
  register(Laplace, Normal, (p, q) => {
    const variance = q.scale.pow(2);
    const ratio = p.scale.pow(2).div(variance);
    const t1 = ratio
      .mul(2 / Math.PI)
      .log()
      .mul(0.5);
    const t2 = p.loc.pow(2).mul(0.5);
    const t3 = p.loc.mul(q.loc);
    const t4 = q.loc.pow(2).mul(0.5);
    return t1.neg().add(ratio).add(t2.sub(t3).add(t4).div(variance)).sub(1);
  });

  // with d = μp − μq: −log(σ/b) + (√(2/π)σ·e^(−d²/2σ²) + d·erf(d/(σ√2)))/b − ½(1 + log(π/2))
  register(Normal, Laplace, (p, q) => {
    const difference = p.loc.sub(q.loc);
    const standardised = difference.div(p.scale);
    const t1 = p.scale.div(q.scale).log();
    const t2 = p.scale.mul(Math.sqrt(2 / Math.PI)).mul(standardised.pow(2).mul(-0.5).exp());
    const t3 = difference.mul(standardised.mul(Math.SQRT1_2).erf());
    return t1
      .neg()
      .add(t2.add(t3).div(q.scale))
      .sub(0.5 * (1 + Math.log(0.5 * Math.PI)));
  });

  // with w = h − l: log B(a, b) − log w − (a − 1)(h log h − l log l − w)/w
  //   + (b − 1)((1 − h)log(1 − h) − (1 − l)log(1 − l) + w)/w; ∞ unless [l, h] ⊆ [0, 1]
  register(Uniform, Beta, (p, q) => {
    const width = p.high.sub(p.low);
    const t1 = width.log();
    const t2 = q.concentration1
      .sub(1)
      .mul(xLogX(p.high).sub(xLogX(p.low)).sub(width))
      .div(width);
    const t3 = q.concentration0
      .sub(1)
      .mul(
        xLogX(p.high.neg().add(1))
          .sub(xLogX(p.low.neg().add(1)))
          .add(width),
      )
      .div(width);
    const t4 = q.concentration1.lgamma().add(q.concentration0.lgamma()).sub(q.concentration1.add(q.concentration0).lgamma());
    return where(p.high.gt(1).logicalOr(p.low.lt(0)), INFINITY, t3.add(t4).sub(t1).sub(t2));
  });

  // λ(h + l)/2 − log(λ(h − l)); ∞ where l < 0
  register(Uniform, Exponential, (p, q) => {
    const result = q.rate.mul(p.high.add(p.low)).div(2).sub(p.high.sub(p.low).mul(q.rate).log());
    return where(p.low.lt(0), INFINITY, result);
  });

  // with w = h − l: −log w + log Γ(k) − k·log β + (1 − k)(h log h − l log l − w)/w + β(h + l)/2; ∞ where l < 0
  register(Uniform, Gamma, (p, q) => {
    const width = p.high.sub(p.low);
    const t2 = q.concentration.lgamma().sub(q.concentration.mul(q.rate.log()));
    const t3 = q.concentration
      .neg()
      .add(1)
      .mul(xLogX(p.high).sub(xLogX(p.low)).sub(width))
      .div(width);
    const t4 = q.rate.mul(p.high.add(p.low)).div(2);
    return where(p.low.lt(0), INFINITY, width.log().neg().add(t2).add(t3).add(t4));
  });

  // log(√(2π)σ/w) + ½(w²/12 + ((h + l − 2μ)/2)²)/σ²
  register(Uniform, Normal, (p, q) => {
    const width = p.high.sub(p.low);
    const t1 = q.scale
      .mul(Math.sqrt(2 * Math.PI))
      .div(width)
      .log();
    const t2 = width.pow(2).div(12);
    const t3 = p.high.add(p.low).sub(q.loc.mul(2)).div(2).pow(2);
    return t1.add(t2.add(t3).mul(0.5).div(q.scale.pow(2)));
  });

  // +∞: p puts mass where q has none (torch's _kl_*_infinity), shaped as p's first parameter
  register(Beta, Pareto, (p) => fullLike(p.concentration1, INFINITY));
  const boundedSupports: DistributionClass[] = [Beta, Uniform];
  for (const q of boundedSupports) {
    register(Exponential, q, (p) => fullLike(p.rate, INFINITY));
    register(Gamma, q, (p) => fullLike(p.concentration, INFINITY));
  }
  const boundedBelow: DistributionClass[] = [Beta, Exponential, Gamma, Uniform];
  for (const q of boundedBelow) {
    register(Laplace, q, (p) => fullLike(p.loc, INFINITY));
    register(Normal, q, (p) => fullLike(p.loc, INFINITY));
  }

  // the same transforms map both bases, so KL(p ‖ q) is the bases' KL (torch refuses other transforms)
  register(TransformedDistribution, TransformedDistribution, (p, q) => {
    if (!sameTransforms(p.transforms, q.transforms))
      throw new Error(
        `klDivergence: no KL(p || q) is implemented for ${p.name} and ${q.name} with different transforms (torch raises NotImplementedError)`,
      );
    if (!shapesEqual(p.eventShape, q.eventShape))
      throw new Error(
        `klDivergence: no KL(p || q) is implemented for ${p.name} and ${q.name} with event shapes ${formatShape(p.eventShape)} and ${formatShape(q.eventShape)} (torch raises NotImplementedError)`,
      );
    return klDivergence(p.baseDist, q.baseDist);
  });

  // νq(Σ log Lq,ii − Σ log Lp,ii) + νp(tr(Σq⁻¹Σp) − p)/2 + log Γₚ(νq/2) − log Γₚ(νp/2) + (νp − νq)ψₚ(νp/2)/2
  register(Wishart, Wishart, (p, q) => {
    if (!shapesEqual(p.eventShape, q.eventShape))
      throw new Error(
        `klDivergence: Wisharts of different event shapes ${formatShape(p.eventShape)} and ${formatShape(q.eventShape)} have no KL divergence`,
      );
    const size = p.eventShape[0]!;
    const [lowerP, lowerQ] = [p.unbroadcastedScaleTril, q.unbroadcastedScaleTril];
    const logDeterminants = diagonalOf(lowerQ).log().sum(-1).sub(diagonalOf(lowerP).log().sum(-1));
    const trace = diagonalOf(lowerP.matmul(lowerP.transpose(-2, -1)).choleskySolve(lowerQ)).sum(-1);
    const [halfP, halfQ] = [p.df.div(2), q.df.div(2)];
    return q.df
      .mul(logDeterminants)
      .add(p.df.mul(trace.sub(size)).div(2))
      .add(mvlgamma(halfQ, size))
      .sub(mvlgamma(halfP, size))
      .add(p.df.sub(q.df).mul(multivariateDigamma(halfP, size)).div(2));
  });
}
