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
import { exp2, expm1, log1p } from './elementwise.js';
import { logSoftmax, softmax } from './log-softmax.js';
import { roundDecimals } from './round-decimals.js';
import { entr, xlog1py } from './entropy-terms.js';
import { logNdtr, ndtr, ndtri } from './normal-distribution-functions.js';
import { erfcx } from './erfcx.js';
import { zeta } from './hurwitz-zeta.js';
import { besselJ0, besselJ1, besselY0, besselY1, sphericalBesselJ0 } from './bessel-first-second-kind.js';
import {
  modifiedBesselI0,
  modifiedBesselI1,
  modifiedBesselK0,
  modifiedBesselK1,
  scaledModifiedBesselK0,
  scaledModifiedBesselK1,
} from './modified-bessel.js';
import { airyAi } from './airy.js';
import {
  chebyshevPolynomialT,
  chebyshevPolynomialU,
  chebyshevPolynomialV,
  chebyshevPolynomialW,
  shiftedChebyshevPolynomialT,
  shiftedChebyshevPolynomialU,
  shiftedChebyshevPolynomialV,
  shiftedChebyshevPolynomialW,
} from './chebyshev-polynomials.js';
import { hermitePolynomialH, hermitePolynomialHe, laguerrePolynomialL, legendrePolynomialP } from './orthogonal-polynomials.js';

/**
 * torch.special's functions under their torch names, composed of tensor ops (so every device runs
 * them and gradients flow): `gammaln` (= lgamma), `digamma` and `psi`, `erf`, `erfc`, `erfinv`,
 * `logit`, `expit` (= sigmoid), `sinc`, `xlogy`, `logsumexp`, `polygamma`, `multigammaln` (= mvlgamma),
 * the modified Bessel functions `i0`, `i0e`, `i1`, `i1e`, and the regularized incomplete gamma
 * functions `gammainc` (= igamma) and `gammaincc` (= igammac); the aliases `exp2`, `expm1`, `log1p`,
 * `round` (with torch's `{ decimals }`), `softmax` and `logSoftmax` (torch's log_softmax); the entropy
 * terms `entr` (−x·ln x) and `xlog1py` (x·log1p(y)); the standard normal `ndtr` (Φ), its inverse
 * `ndtri` and `logNdtr` (torch's log_ndtr, log Φ accurate in the far left tail); `erfcx` (e^(x²)·erfc(x))
 * and the Hurwitz zeta function `zeta(x, q)`. torch 1.13's Bessel, Airy and orthogonal-polynomial
 * functions have no derivative (torch 1.13 defines none; a backward through them throws) and, but for
 * the modified I₀ and I₁, are computed on the host (the CPU): `besselJ0`, `besselJ1`, `besselY0`,
 * `besselY1`, `modifiedBesselI0`, `modifiedBesselI1`, `modifiedBesselK0`, `modifiedBesselK1`,
 * `scaledModifiedBesselK0`, `scaledModifiedBesselK1`,
 * `sphericalBesselJ0`, `airyAi`, and of x and a degree n, `chebyshevPolynomialT`/`U`/`V`/`W`,
 * `shiftedChebyshevPolynomialT`/`U`/`V`/`W`, `hermitePolynomialH`, `hermitePolynomialHe`,
 * `laguerrePolynomialL` and `legendrePolynomialP`.
 * @example
 * special.gammaln(tensor([4])); // [1.7918] (ln 3!)
 * special.expit(tensor([0])); // [0.5]
 * special.logNdtr(tensor([-40])); // [-804.6084]
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
  exp2,
  expm1,
  log1p,
  round: roundDecimals,
  softmax,
  logSoftmax,
  entr,
  xlog1py,
  ndtr,
  ndtri,
  logNdtr,
  erfcx,
  zeta,
  besselJ0,
  besselJ1,
  besselY0,
  besselY1,
  modifiedBesselI0,
  modifiedBesselI1,
  modifiedBesselK0,
  modifiedBesselK1,
  scaledModifiedBesselK0,
  scaledModifiedBesselK1,
  sphericalBesselJ0,
  airyAi,
  chebyshevPolynomialT,
  chebyshevPolynomialU,
  chebyshevPolynomialV,
  chebyshevPolynomialW,
  shiftedChebyshevPolynomialT,
  shiftedChebyshevPolynomialU,
  shiftedChebyshevPolynomialV,
  shiftedChebyshevPolynomialW,
  hermitePolynomialH,
  hermitePolynomialHe,
  laguerrePolynomialL,
  legendrePolynomialP,
} as const;
