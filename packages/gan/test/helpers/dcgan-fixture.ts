import type { Tensor } from '@dl/tensor';
import { DcganDiscriminator } from '../../src/models/dcgan-discriminator.js';
import { DcganGenerator } from '../../src/models/dcgan-generator.js';
import { renameLegacyKeys } from '../../src/models/legacy-state-names.js';
import { fromFixture, readFixture, stateFromFixture, type FixtureTensor } from './fixtures.js';

/** tools/fixtures/gan_reference.py's 10 DCGAN iterations (PyTorch, float32). */
export interface DcganFixture {
  latentDim: number;
  features: number;
  batch: number;
  generator: Record<string, FixtureTensor>;
  discriminator: Record<string, FixtureTensor>;
  reals: FixtureTensor[];
  noises: FixtureTensor[];
  discriminatorLosses: number[];
  generatorLosses: number[];
  finalGenerator: Record<string, FixtureTensor>;
  finalDiscriminator: Record<string, FixtureTensor>;
}

export const dcganFixture = readFixture<DcganFixture>('gan_dcgan_iterations.json');

/**
 * The fixture's final weights under the models' names. tools/fixtures/gan_reference.py writes the
 * names the models had before they followed PyTorch's DCGAN tutorial (`net.*`; `body.*` and `head.*`,
 * the last convolution, 5 for 28 × 28), so loading its initial weights also checks that such
 * checkpoints still load.
 */
export const finalDcganStates = {
  generator: renameLegacyKeys('DcganGenerator', dcganFixture.finalGenerator, [['net.', 'main.']]),
  discriminator: renameLegacyKeys('DcganDiscriminator', dcganFixture.finalDiscriminator, [
    ['body.', 'main.'],
    ['head.', 'main.5.'],
  ]),
};

/** The fixture's models with its initial weights, and its batches and noise, in float32. */
export function dcganFromFixture(): { generator: DcganGenerator; discriminator: DcganDiscriminator; reals: Tensor[]; noises: Tensor[] } {
  const generator = new DcganGenerator({ latentDim: dcganFixture.latentDim, features: dcganFixture.features });
  const discriminator = new DcganDiscriminator({ features: dcganFixture.features });
  // the fixture leaves out the integer num_batches_tracked (0 at the start); every other name, read
  // from the names before the rename, must match
  for (const [module, state] of [
    [generator, dcganFixture.generator],
    [discriminator, dcganFixture.discriminator],
  ] as const) {
    const { missingKeys, unexpectedKeys } = module.loadStateDict(stateFromFixture(state, 'float32'), { strict: false });
    if (unexpectedKeys.length > 0 || missingKeys.some((key) => !key.endsWith('num_batches_tracked')))
      throw new Error(`DCGAN fixture does not match the model: missing ${missingKeys.join(', ')}; unexpected ${unexpectedKeys.join(', ')}`);
  }
  return {
    generator,
    discriminator,
    reals: dcganFixture.reals.map((value) => fromFixture(value, 'float32')),
    noises: dcganFixture.noises.map((value) => fromFixture(value, 'float32')),
  };
}
