import { tensor, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, expectNumberClose, fromFixture, readFixture, type FixtureTensor } from '../../test/helpers/fixtures.js';
import { bceDiscriminatorLoss, minimaxGeneratorLoss, nonSaturatingGeneratorLoss } from './bce-losses.js';
import {
  hingeDiscriminatorLoss,
  hingeGeneratorLoss,
  leastSquaresDiscriminatorLoss,
  leastSquaresGeneratorLoss,
  wassersteinCriticLoss,
  wassersteinGeneratorLoss,
} from './wasserstein-losses.js';

interface LossFixture {
  real: FixtureTensor;
  fake: FixtureTensor;
  discriminator: Record<string, { value: number; realGrad: FixtureTensor; fakeGrad: FixtureTensor }>;
  generator: Record<string, { value: number; fakeGrad: FixtureTensor }>;
}
const fixture = readFixture<LossFixture>('gan_losses.json');

const discriminatorLosses: Record<string, (real: Tensor, fake: Tensor) => Tensor> = {
  bce: (real, fake) => bceDiscriminatorLoss(real, fake),
  bceSmoothed: (real, fake) => bceDiscriminatorLoss(real, fake, { realLabel: 0.9 }),
  wasserstein: wassersteinCriticLoss,
  hinge: hingeDiscriminatorLoss,
  leastSquares: leastSquaresDiscriminatorLoss,
};
const generatorLosses: Record<string, (fake: Tensor) => Tensor> = {
  minimax: minimaxGeneratorLoss,
  nonSaturating: nonSaturatingGeneratorLoss,
  wasserstein: wassersteinGeneratorLoss,
  hinge: hingeGeneratorLoss,
  leastSquares: leastSquaresGeneratorLoss,
};

describe('GAN losses against PyTorch (logits up to ±750)', () => {
  it('covers every loss of the fixture', () => {
    expect(Object.keys(discriminatorLosses).sort()).toEqual(Object.keys(fixture.discriminator).sort());
    expect(Object.keys(generatorLosses).sort()).toEqual(Object.keys(fixture.generator).sort());
  });

  for (const [name, loss] of Object.entries(discriminatorLosses))
    it(`discriminator loss '${name}': value and gradients (float64)`, () => {
      const real = fromFixture(fixture.real).requiresGrad_();
      const fake = fromFixture(fixture.fake).requiresGrad_();
      const value = loss(real, fake);
      value.backward();
      expectNumberClose(value.itemSync(), fixture.discriminator[name]!.value, `${name} value`, 1e-12);
      expectClose(real.grad, fixture.discriminator[name]!.realGrad, `${name} d/dreal`);
      expectClose(fake.grad, fixture.discriminator[name]!.fakeGrad, `${name} d/dfake`);
    });

  for (const [name, loss] of Object.entries(generatorLosses))
    it(`generator loss '${name}': value and gradient (float64)`, () => {
      const fake = fromFixture(fixture.fake).requiresGrad_();
      const value = loss(fake);
      value.backward();
      expectNumberClose(value.itemSync(), fixture.generator[name]!.value, `${name} value`, 1e-12);
      expectClose(fake.grad, fixture.generator[name]!.fakeGrad, `${name} d/dfake`);
    });

  it('stays finite in float32 at ±750 (values and gradients)', () => {
    const real = tensor([-750, 750, 0]).requiresGrad_();
    const fake = tensor([750, -750, 0]).requiresGrad_();
    const total = bceDiscriminatorLoss(real, fake, { realLabel: 0.9 })
      .add(minimaxGeneratorLoss(fake))
      .add(nonSaturatingGeneratorLoss(fake));
    total.backward();
    expect(Number.isFinite(total.itemSync())).toBe(true);
    for (const value of [...real.grad!.dataSync(), ...fake.grad!.dataSync()]) expect(Number.isFinite(value)).toBe(true);
    // −log σ(−750) = 750 exactly, not ∞
    expect(nonSaturatingGeneratorLoss(tensor([-750])).itemSync()).toBe(750);
  });

  it('rejects bad input with the function and the offending value', () => {
    expect(() => bceDiscriminatorLoss(tensor([1]), tensor([1]), { realLabel: 1.5 })).toThrow(
      /bceDiscriminatorLoss: realLabel must be in \(0, 1\], got 1.5/,
    );
    expect(() => bceDiscriminatorLoss(tensor([1]), tensor([1]), { smoothing: 0.1 } as never)).toThrow(
      /unknown option `smoothing`. Accepted options: realLabel/,
    );
    expect(() => wassersteinCriticLoss(tensor([1], { dtype: 'int32' }), tensor([1]))).toThrow(
      /wassersteinCriticLoss: realScores must be a float32 or float64 tensor.*int32 with shape \[1\]/,
    );
    expect(() => hingeGeneratorLoss(tensor([]))).toThrow(/hingeGeneratorLoss: fakeScores is empty/);
  });
});

describe('arguments the losses and penalties do not take', () => {
  // a JavaScript call drops them silently: `hingeGeneratorLoss(scores, { reduction: 'sum' })` gave the mean
  it('throw, naming the function, instead of being dropped', () => {
    const scores = tensor([0.5, -1, 2]);
    const loose = (callable: unknown) => callable as (...values: unknown[]) => unknown;
    expect(() => loose(hingeGeneratorLoss)(scores, { reduction: 'sum' })).toThrow(
      'hingeGeneratorLoss: takes (fakeScores), got 2 arguments; the GAN losses take no options (each is a mean: scale the result for another weighting)',
    );
    expect(() => loose(wassersteinCriticLoss)(scores, scores, { zz: 1 })).toThrow(
      'wassersteinCriticLoss: takes (realScores, fakeScores), got 3 arguments',
    );
    expect(() => loose(nonSaturatingGeneratorLoss)(scores, 2)).toThrow('nonSaturatingGeneratorLoss: takes (fakeLogits), got 2 arguments');
    expect(() => loose(bceDiscriminatorLoss)(scores, scores, {}, 0.9)).toThrow(
      'bceDiscriminatorLoss: takes (realLogits, fakeLogits, options), got 4 arguments',
    );
    expect(loose(leastSquaresGeneratorLoss)(scores, undefined)).toBeDefined();
  });
});
