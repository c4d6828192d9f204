import { sigmoid } from './activation.js';
import { erf } from './elementwise.js';
import { erfc, erfinv } from './error-functions.js';
import { digamma, lgamma } from './gamma-functions.js';
import { i0, i0e, i1, i1e } from './bessel-functions.js';
import { igamma, igammac } from './incomplete-gamma.js';
import { logit } from './logit.js';
import { mvlgamma } from './multivariate-gamma.js';
import { polygamma } from './polygamma.js';
import { logsumexp } from './reduce.js';
import { sinc } from './sinc.js';
import { xlogy } from './xlogy.js';

/**
 * torch.special's functions under their torch names, composed of tensor ops (so every device runs
 * them and gradients flow): `gammaln` (= lgamma), `digamma` and `psi`, `erf`, `erfc`, `erfinv`,
 * `logit`, `expit` (= sigmoid), `sinc`, `xlogy`, `logsumexp`, `polygamma`, `multigammaln` (= mvlgamma),
 * the modified Bessel functions `i0`, `i0e`, `i1`, `i1e`, and the regularized incomplete gamma
 * functions `gammainc` (= igamma) and `gammaincc` (= igammac).
 * @example
 * special.gammaln(tensor([4])); // [1.7918] (ln 3!)
 * special.expit(tensor([0])); // [0.5]
 */
export const special = {
  gammaln: lgamma,
  digamma,
  psi: digamma,
  erf,
  erfc,
  erfinv,
  logit,
  expit: sigmoid,
  sinc,
  xlogy,
  logsumexp,
  polygamma,
  multigammaln: mvlgamma,
  i0,
  i0e,
  i1,
  i1e,
  gammainc: igamma,
  gammaincc: igammac,
} as const;
