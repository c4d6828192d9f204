import { composite, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { checkOptions } from '../options.js';
import { checkScores, noOptions } from './check-scores.js';
import { negativeLogOneMinusSigmoid, negativeLogSigmoid } from './log-sigmoid.js';

export interface BceDiscriminatorLossOptions {
  /**
   * Target of real samples; default 1. One-sided label smoothing (Salimans et al. 2016) uses 0.9:
   * only the real label is softened, fakes stay at 0.
   */
  realLabel?: number;
}

/**
 * The discriminator's side of the original GAN (Goodfellow et al. 2014), from logits:
 *   L_D = BCE(D(x), t) + BCE(D(G(z)), 0)
 *       = mean[t·softplus(−r) + (1 − t)·softplus(r)] + mean[softplus(f)],
 * which is −mean log σ(r) − mean log(1 − σ(f)) for t = 1: the two means that PyTorch's DCGAN
 * example adds (`errD_real + errD_fake`). Computed without forming σ, so logits of ±750 stay finite.
 * @example
 * const loss = bceDiscriminatorLoss(discriminator.call(real), discriminator.call(fake.detach()), { realLabel: 0.9 });
 */
export function bceDiscriminatorLoss(
  realLogits: Tensor,
  fakeLogits: Tensor,
  options: BceDiscriminatorLossOptions = {},
  ...extra: never[]
): Tensor {
  refuseExtraArguments('bceDiscriminatorLoss', ['realLogits', 'fakeLogits', 'options'], extra);
  checkOptions('bceDiscriminatorLoss', options, ['realLabel']);
  checkScores('bceDiscriminatorLoss', 'realLogits', realLogits);
  checkScores('bceDiscriminatorLoss', 'fakeLogits', fakeLogits);
  const target = options.realLabel ?? 1;
  if (!(target > 0 && target <= 1)) throw new Error(`bceDiscriminatorLoss: realLabel must be in (0, 1], got ${target}`);
  return composite(() => {
    let realLoss = negativeLogSigmoid(realLogits).mul(target);
    if (target !== 1) realLoss = realLoss.add(negativeLogOneMinusSigmoid(realLogits).mul(1 - target));
    return realLoss.mean().add(negativeLogOneMinusSigmoid(fakeLogits).mean());
  });
}

/**
 * The generator's side of the minimax game: minimise E log(1 − D(G(z))) = −mean softplus(f).
 * Its gradient −σ(f) vanishes when D confidently rejects fakes (f ≪ 0), early in training: prefer
 * `nonSaturatingGeneratorLoss`.
 * @example
 * minimaxGeneratorLoss(discriminator.call(fake)).backward();
 */
export function minimaxGeneratorLoss(fakeLogits: Tensor, ...extra: never[]): Tensor {
  refuseExtraArguments('minimaxGeneratorLoss', ['fakeLogits'], extra, noOptions);
  checkScores('minimaxGeneratorLoss', 'fakeLogits', fakeLogits);
  return composite(() => negativeLogOneMinusSigmoid(fakeLogits).mean().neg());
}

/**
 * The non-saturating generator loss: minimise −E log D(G(z)) = mean softplus(−f) = BCE(f, 1).
 * Same fixed point as the minimax loss, but its gradient σ(f) − 1 is largest exactly when D rejects
 * the fakes.
 * @example
 * nonSaturatingGeneratorLoss(discriminator.call(fake)).backward();
 */
export function nonSaturatingGeneratorLoss(fakeLogits: Tensor, ...extra: never[]): Tensor {
  refuseExtraArguments('nonSaturatingGeneratorLoss', ['fakeLogits'], extra, noOptions);
  checkScores('nonSaturatingGeneratorLoss', 'fakeLogits', fakeLogits);
  return composite(() => negativeLogSigmoid(fakeLogits).mean());
}
