import { describe, expect, it } from 'vitest';
import { manualSeed, noGrad, randn, type Tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import {
  bceDiscriminatorLoss,
  hingeDiscriminatorLoss,
  hingeGeneratorLoss,
  leastSquaresDiscriminatorLoss,
  leastSquaresGeneratorLoss,
  minimaxGeneratorLoss,
  nonSaturatingGeneratorLoss,
  wassersteinCriticLoss,
  wassersteinGeneratorLoss,
} from '../src/index.js';

// As @dl/tensor's ops and @dl/nn's functional calls: a loss whose value the caller disposes (an
// evaluation loop under noGrad, say) leaves no live handle or byte behind, without the collector.
manualSeed(0);
const real = randn([8, 1]);
const fake = randn([8, 1]);

const losses: Record<string, () => Tensor> = {
  bceDiscriminatorLoss: () => bceDiscriminatorLoss(real, fake),
  'bceDiscriminatorLoss smoothed': () => bceDiscriminatorLoss(real, fake, { realLabel: 0.9 }),
  minimaxGeneratorLoss: () => minimaxGeneratorLoss(fake),
  nonSaturatingGeneratorLoss: () => nonSaturatingGeneratorLoss(fake),
  wassersteinCriticLoss: () => wassersteinCriticLoss(real, fake),
  wassersteinGeneratorLoss: () => wassersteinGeneratorLoss(fake),
  hingeDiscriminatorLoss: () => hingeDiscriminatorLoss(real, fake),
  hingeGeneratorLoss: () => hingeGeneratorLoss(fake),
  leastSquaresDiscriminatorLoss: () => leastSquaresDiscriminatorLoss(real, fake),
  leastSquaresGeneratorLoss: () => leastSquaresGeneratorLoss(fake),
};

describe('GAN losses release their intermediates', () => {
  it.each(Object.keys(losses))('%s: once its value is disposed, the live handles and bytes are as before', (name) => {
    const loss = losses[name]!;
    loss().dispose(); // a first call may create shared constants (cached for the process)
    expect(leftBehind(() => noGrad(loss))).toEqual({ handles: 0, bytes: 0 });
    expect(leftBehind(loss)).toEqual({ handles: 0, bytes: 0 });
  });
});
