import { composite, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { checkScores, noOptions } from './check-scores.js';

/**
 * WGAN critic loss (Arjovsky et al. 2017): mean C(G(z)) − mean C(x), the negated estimate of the
 * Wasserstein-1 distance when C is 1-Lipschitz (enforce it by `clipWeights` or `gradientPenalty`).
 * @example
 * const loss = wassersteinCriticLoss(critic.call(real), critic.call(fake.detach()));
 */
export function wassersteinCriticLoss(realScores: Tensor, fakeScores: Tensor, ...extra: never[]): Tensor {
  refuseExtraArguments('wassersteinCriticLoss', ['realScores', 'fakeScores'], extra, noOptions);
  checkScores('wassersteinCriticLoss', 'realScores', realScores);
  checkScores('wassersteinCriticLoss', 'fakeScores', fakeScores);
  return composite(() => fakeScores.mean().sub(realScores.mean()));
}

/**
 * WGAN generator loss: −mean C(G(z)). Also the generator loss of the hinge GAN.
 * @example
 * wassersteinGeneratorLoss(critic.call(fake)).backward();
 */
export function wassersteinGeneratorLoss(fakeScores: Tensor, ...extra: never[]): Tensor {
  refuseExtraArguments('wassersteinGeneratorLoss', ['fakeScores'], extra, noOptions);
  checkScores('wassersteinGeneratorLoss', 'fakeScores', fakeScores);
  return composite(() => fakeScores.mean().neg());
}

/**
 * Hinge discriminator loss (Lim & Ye 2017; SN-GAN, BigGAN): mean relu(1 − D(x)) + mean relu(1 + D(G(z))).
 * The generator side is `hingeGeneratorLoss` (−mean D(G(z))).
 * @example
 * const loss = hingeDiscriminatorLoss(discriminator.call(real), discriminator.call(fake.detach()));
 */
export function hingeDiscriminatorLoss(realScores: Tensor, fakeScores: Tensor, ...extra: never[]): Tensor {
  refuseExtraArguments('hingeDiscriminatorLoss', ['realScores', 'fakeScores'], extra, noOptions);
  checkScores('hingeDiscriminatorLoss', 'realScores', realScores);
  checkScores('hingeDiscriminatorLoss', 'fakeScores', fakeScores);
  return composite(() => realScores.neg().add(1).relu().mean().add(fakeScores.add(1).relu().mean()));
}

/**
 * Hinge generator loss: −mean D(G(z)), as WGAN's.
 * @example
 * hingeGeneratorLoss(discriminator.call(fake)).backward();
 */
export function hingeGeneratorLoss(fakeScores: Tensor, ...extra: never[]): Tensor {
  refuseExtraArguments('hingeGeneratorLoss', ['fakeScores'], extra, noOptions);
  checkScores('hingeGeneratorLoss', 'fakeScores', fakeScores);
  return composite(() => fakeScores.mean().neg());
}

/**
 * Least-squares discriminator loss (LSGAN, Mao et al. 2017, a = 0, b = c = 1):
 * ½·mean (D(x) − 1)² + ½·mean D(G(z))². Quadratic in the score, so it never saturates.
 * @example
 * const loss = leastSquaresDiscriminatorLoss(discriminator.call(real), discriminator.call(fake.detach()));
 */
export function leastSquaresDiscriminatorLoss(realScores: Tensor, fakeScores: Tensor, ...extra: never[]): Tensor {
  refuseExtraArguments('leastSquaresDiscriminatorLoss', ['realScores', 'fakeScores'], extra, noOptions);
  checkScores('leastSquaresDiscriminatorLoss', 'realScores', realScores);
  checkScores('leastSquaresDiscriminatorLoss', 'fakeScores', fakeScores);
  return composite(() => realScores.sub(1).square().mean().mul(0.5).add(fakeScores.square().mean().mul(0.5)));
}

/**
 * Least-squares generator loss: ½·mean (D(G(z)) − 1)².
 * @example
 * leastSquaresGeneratorLoss(discriminator.call(fake)).backward();
 */
export function leastSquaresGeneratorLoss(fakeScores: Tensor, ...extra: never[]): Tensor {
  refuseExtraArguments('leastSquaresGeneratorLoss', ['fakeScores'], extra, noOptions);
  checkScores('leastSquaresGeneratorLoss', 'fakeScores', fakeScores);
  return composite(() => fakeScores.sub(1).square().mean().mul(0.5));
}
