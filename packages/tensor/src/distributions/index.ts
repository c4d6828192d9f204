import { Bernoulli } from './bernoulli.js';
import { Beta } from './beta.js';
import { Binomial } from './binomial.js';
import { Categorical } from './categorical.js';
import { Cauchy } from './cauchy.js';
import { Chi2 } from './chi2.js';
import { ContinuousBernoulli } from './continuous-bernoulli.js';
import * as constraints from './constraints.js';
import { Dirichlet } from './dirichlet.js';
import { Distribution } from './distribution.js';
import { Exponential } from './exponential.js';
import { FisherSnedecor } from './fisher-snedecor.js';
import { Gamma } from './gamma.js';
import { Geometric } from './geometric.js';
import { Gumbel } from './gumbel.js';
import { HalfCauchy } from './half-cauchy.js';
import { HalfNormal } from './half-normal.js';
import { Independent } from './independent.js';
import { klDivergence } from './kl.js';
import { Kumaraswamy } from './kumaraswamy.js';
import { LKJCholesky } from './lkj-cholesky.js';
import { Laplace } from './laplace.js';
import { LogNormal } from './log-normal.js';
import { LowRankMultivariateNormal } from './low-rank-multivariate-normal.js';
import { Multinomial } from './multinomial.js';
import { MultivariateNormal } from './multivariate-normal.js';
import { NegativeBinomial } from './negative-binomial.js';
import { Normal } from './normal.js';
import { OneHotCategorical } from './one-hot-categorical.js';
import { Pareto } from './pareto.js';
import { Poisson } from './poisson.js';
import { RelaxedBernoulli } from './relaxed-bernoulli.js';
import { RelaxedOneHotCategorical } from './relaxed-one-hot-categorical.js';
import { StudentT } from './student-t.js';
import { Uniform } from './uniform.js';
import { VonMises } from './von-mises.js';
import { Weibull } from './weibull.js';
import { Wishart } from './wishart.js';
import { LogisticNormal } from './logistic-normal.js';
import { bijectTo, transformTo } from './constraint-registry.js';
import { MixtureSameFamily } from './mixture-same-family.js';
import { TransformedDistribution } from './transformed-distribution.js';
import { transforms } from './transforms.js';

export type { Distribution, DistributionOptions } from './distribution.js';
export type { Constraint } from './constraints.js';
export type { ProbabilitiesOrLogits } from './probabilities.js';
export type { MultivariateNormalParameters } from './multivariate-normal.js';
export type { Transform, TransformOptions } from './transform.js';
export type { AffineTransformOptions } from './affine-transform.js';
export type { CatTransformOptions } from './cat-transform.js';
export type { StackTransformOptions } from './stack-transform.js';
export type { WishartParameters } from './wishart.js';

/**
 * torch.distributions under its torch names, composed of tensor ops (so every device runs them and
 * gradients flow): `Normal`, `LogNormal`, `Laplace`, `Exponential`, `Gamma`, `Chi2`, `Beta`,
 * `Dirichlet`, `Uniform`, `Bernoulli`, `Categorical`, `OneHotCategorical`, `MultivariateNormal`,
 * `Independent`, the discrete `Poisson`, `Binomial`, `Geometric`, `NegativeBinomial` and
 * `Multinomial`, the continuous `Cauchy`, `HalfNormal`, `HalfCauchy`, `Gumbel`, `StudentT`, `Pareto`,
 * `Weibull` and `FisherSnedecor`, the relaxed (Concrete) `RelaxedBernoulli` and
 * `RelaxedOneHotCategorical`, `LowRankMultivariateNormal`, `Kumaraswamy`, `ContinuousBernoulli`,
 * `VonMises`, `LKJCholesky`, `Wishart`, `LogisticNormal`, `TransformedDistribution` (a base pushed through the `transforms`,
 * torch.distributions.transforms), `MixtureSameFamily`, the base `Distribution`, `klDivergence` (torch's
 * kl_divergence), the `constraints` the supports use and `bijectTo`/`transformTo` (torch's biject_to and
 * transform_to: the transform from the reals onto a constraint). (The samplers of Gamma, Chi2, Beta, Dirichlet, Poisson, Binomial,
 * NegativeBinomial, StudentT, FisherSnedecor, VonMises, LKJCholesky and Wishart draw on the CPU, as standardGamma, poisson and
 * binomial do; their densities and moments run on every device.)
 * Each has sample, rsample (where torch has it), logProb, entropy, mean, variance, stddev, mode,
 * batchShape, eventShape, expand (torch's: the same distribution over a broadcast batch), and cdf/icdf where torch has them; parameters and values are validated by
 * default, as torch 1.13 (`{ validateArgs: false }` turns it off).
 * @example
 * const d = new distributions.Normal(tensor([0, 1]), tensor([1, 2]));
 * d.logProb(tensor([0.5, 0.5])).sum(); // -2.6872
 * distributions.klDivergence(d, new distributions.Normal(0, 1)); // [0, 1.3069]
 */
export const distributions = {
  Distribution,
  Normal,
  LogNormal,
  Laplace,
  Exponential,
  Gamma,
  Chi2,
  Beta,
  Dirichlet,
  Uniform,
  Bernoulli,
  Categorical,
  OneHotCategorical,
  MultivariateNormal,
  Independent,
  Poisson,
  Binomial,
  Geometric,
  NegativeBinomial,
  Multinomial,
  Cauchy,
  HalfNormal,
  HalfCauchy,
  Gumbel,
  StudentT,
  Pareto,
  Weibull,
  FisherSnedecor,
  RelaxedBernoulli,
  RelaxedOneHotCategorical,
  LowRankMultivariateNormal,
  Kumaraswamy,
  ContinuousBernoulli,
  VonMises,
  LKJCholesky,
  Wishart,
  LogisticNormal,
  TransformedDistribution,
  MixtureSameFamily,
  transforms,
  klDivergence,
  constraints,
  bijectTo,
  transformTo,
} as const;
