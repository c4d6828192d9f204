import type { Tensor } from '@dl/tensor';
import { bceDiscriminatorLoss, minimaxGeneratorLoss, nonSaturatingGeneratorLoss } from '../losses/bce-losses.js';
import {
  hingeDiscriminatorLoss,
  hingeGeneratorLoss,
  leastSquaresDiscriminatorLoss,
  leastSquaresGeneratorLoss,
  wassersteinCriticLoss,
  wassersteinGeneratorLoss,
} from '../losses/wasserstein-losses.js';

/** The adversarial objectives `GanTrainer` knows, by name. */
export type GanLossName = 'nonSaturating' | 'minimax' | 'wasserstein' | 'hinge' | 'leastSquares';

export interface GanLossPair {
  discriminator(realScores: Tensor, fakeScores: Tensor, realLabel: number): Tensor;
  generator(fakeScores: Tensor): Tensor;
  /** Whether the discriminator loss is BCE (where one-sided label smoothing applies). */
  usesLabels: boolean;
}

const bce = (realScores: Tensor, fakeScores: Tensor, realLabel: number) => bceDiscriminatorLoss(realScores, fakeScores, { realLabel });

export const ganLosses: Record<GanLossName, GanLossPair> = {
  nonSaturating: { discriminator: bce, generator: nonSaturatingGeneratorLoss, usesLabels: true },
  minimax: { discriminator: bce, generator: minimaxGeneratorLoss, usesLabels: true },
  wasserstein: { discriminator: (real, fake) => wassersteinCriticLoss(real, fake), generator: wassersteinGeneratorLoss, usesLabels: false },
  hinge: { discriminator: (real, fake) => hingeDiscriminatorLoss(real, fake), generator: hingeGeneratorLoss, usesLabels: false },
  leastSquares: {
    discriminator: (real, fake) => leastSquaresDiscriminatorLoss(real, fake),
    generator: leastSquaresGeneratorLoss,
    usesLabels: false,
  },
};
