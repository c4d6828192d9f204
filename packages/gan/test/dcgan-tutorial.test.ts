// PyTorch's DCGAN tutorial (dcgan_faces_tutorial): its Generator and Discriminator keep their layers
// in one Sequential `main`. With the same names, shapes and order, a checkpoint trained with the
// tutorial loads into @dl's models as it is, and a @dl checkpoint into the tutorial's models.
import { noGrad, sigmoid } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { DcganDiscriminator } from '../src/models/dcgan-discriminator.js';
import { DcganGenerator } from '../src/models/dcgan-generator.js';
import { torchState, tutorialFixture, type TorchStateEntry } from './helpers/dcgan-tutorial-fixture.js';
import { expectClose, fromFixture } from './helpers/fixtures.js';

const { latentDim, features, channels, imageSize } = tutorialFixture;

function tutorialModels(): { generator: DcganGenerator; discriminator: DcganDiscriminator } {
  return {
    generator: new DcganGenerator({ latentDim, features, channels, imageSize }),
    discriminator: new DcganDiscriminator({ features, channels, imageSize }),
  };
}

/** [key, shape] in state-dict order: what must agree for a checkpoint to load either way. */
function layout(entries: readonly TorchStateEntry[]): [string, number[]][] {
  return entries.map((entry) => [entry.name, entry.shape]);
}

// The outputs of the tutorial's initialisation are small (generator images ~1e-4, logits ~1e-3), so
// an absolute 1e-5 alone would pass wrong weights: the relative part checks every digit float32 keeps.
const relativeTolerance = 1e-4;
const absoluteTolerance = 1e-8;

describe("PyTorch's DCGAN tutorial models (nz 8, ngf = ndf = 4, nc 3, 64 × 64)", () => {
  it("stateDict() has the tutorial's keys, in its order, with its shapes", () => {
    const { generator, discriminator } = tutorialModels();
    const keysAndShapes = (state: Record<string, { shape: readonly number[] }>) =>
      Object.entries(state).map(([key, value]): [string, number[]] => [key, [...value.shape]]);
    expect(keysAndShapes(generator.stateDict())).toEqual(layout(tutorialFixture.generator));
    // the last convolution is main.11; the tutorial's Sigmoid (main.12) has no state
    expect(keysAndShapes(discriminator.stateDict())).toEqual(layout(tutorialFixture.discriminator));
  });

  it("the generator loads the tutorial's state dict strictly and draws its eval-mode images", () => {
    const { generator } = tutorialModels();
    expect(generator.loadStateDict(torchState(tutorialFixture.generator))).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(generator.stateDict()['main.1.num_batches_tracked']!.itemSync()).toBe(1);
    generator.eval();
    const images = noGrad(() => generator.call(fromFixture(tutorialFixture.noise, 'float32')));
    expectClose(images, tutorialFixture.generatorImages, 'generator images', relativeTolerance, absoluteTolerance);
  });

  it("the discriminator loads it too and returns the logit under the tutorial's Sigmoid", () => {
    const { discriminator } = tutorialModels();
    expect(discriminator.loadStateDict(torchState(tutorialFixture.discriminator))).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(discriminator.stateDict()['main.9.num_batches_tracked']!.itemSync()).toBe(1);
    discriminator.eval();
    const logits = noGrad(() => discriminator.call(fromFixture(tutorialFixture.images, 'float32')));
    expectClose(logits, tutorialFixture.discriminatorLogits, 'discriminator logits', relativeTolerance, absoluteTolerance);
    // BCEWithLogits on the logit is the tutorial's BCELoss on Sigmoid(logit), which is its output
    expectClose(sigmoid(logits), tutorialFixture.discriminatorOutputs, 'sigmoid of the logits', 1e-6, absoluteTolerance);
  });
});
