import { Adam } from '@dl/nn';
import { describe, expect, it } from 'vitest';
import { bceDiscriminatorLoss, nonSaturatingGeneratorLoss } from '../src/losses/bce-losses.js';
import { dcganFixture, dcganFromFixture, finalDcganStates } from './helpers/dcgan-fixture.js';
import { expectClose, expectNumberClose } from './helpers/fixtures.js';

describe('10 DCGAN iterations against PyTorch (float32)', () => {
  it('gives the D and G losses of every iteration within 1e-4 relative, and the final weights', () => {
    const { generator, discriminator, reals, noises } = dcganFromFixture();
    const discriminatorOptimizer = new Adam(discriminator.parameters(), { lr: 2e-4, betas: [0.5, 0.999] });
    const generatorOptimizer = new Adam(generator.parameters(), { lr: 2e-4, betas: [0.5, 0.999] });
    reals.forEach((real, iteration) => {
      // D step: BatchNorm's running statistics update on real, then on fake
      discriminatorOptimizer.zeroGrad();
      const realLogits = discriminator.call(real);
      const fake = generator.call(noises[iteration]!);
      const discriminatorLoss = bceDiscriminatorLoss(realLogits, discriminator.call(fake.detach()));
      discriminatorLoss.backward();
      discriminatorOptimizer.step();
      // G step: the same fake batch, scored by the D just updated (a third BatchNorm update)
      generatorOptimizer.zeroGrad();
      const generatorLoss = nonSaturatingGeneratorLoss(discriminator.call(fake));
      generatorLoss.backward();
      generatorOptimizer.step();
      expectNumberClose(
        discriminatorLoss.itemSync(),
        dcganFixture.discriminatorLosses[iteration]!,
        `D loss, iteration ${iteration + 1}`,
        1e-4,
      );
      expectNumberClose(generatorLoss.itemSync(), dcganFixture.generatorLosses[iteration]!, `G loss, iteration ${iteration + 1}`, 1e-4);
    });
    for (const [name, value] of Object.entries(generator.stateDict()))
      if (value.dtype === 'float32') expectClose(value, finalDcganStates.generator.get(name)!, `final generator ${name}`, 1e-3, 1e-5);
    for (const [name, value] of Object.entries(discriminator.stateDict()))
      if (value.dtype === 'float32')
        expectClose(value, finalDcganStates.discriminator.get(name)!, `final discriminator ${name}`, 1e-3, 1e-5);
    expect(discriminator.stateDict()['main.3.num_batches_tracked']!.itemSync()).toBe(30); // 3 D forwards per iteration
  });
});
