import { Conv2d, Module, Sequential, type StateDict } from '@dl/nn';
import { manualSeed, noGrad, randn, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { spectralNorm } from '../spectral-norm/spectral-norm.js';
import { DcganDiscriminator } from './dcgan-discriminator.js';
import { DcganGenerator } from './dcgan-generator.js';
import { dcganWeightsInit } from './dcgan-weights-init.js';

/** The generator's layout before the rename: the same layers in a Sequential `net`. */
class GeneratorBeforeRename extends Module {
  constructor(readonly net: Sequential) {
    super();
  }

  forward(noise: Tensor): Tensor {
    return this.net.call(noise.reshape([noise.shape[0]!, -1, 1, 1]));
  }
}

/** The discriminator's layout before the rename: every layer but the last in `body`, the last convolution in `head`. */
class DiscriminatorBeforeRename extends Module {
  constructor(
    readonly body: Sequential,
    readonly head: Conv2d,
  ) {
    super();
  }

  forward(images: Tensor): Tensor {
    return this.head.call(this.body.call(images)).reshape([-1]);
  }
}

/** A checkpoint as the old layout saves it (its names come from @dl/nn's own rules), sharing the model's layers. */
function oldGeneratorState(generator: DcganGenerator): StateDict {
  return new GeneratorBeforeRename(new Sequential(...generator.main)).stateDict();
}

function oldDiscriminatorState(discriminator: DcganDiscriminator): StateDict {
  const layers = [...discriminator.main];
  return new DiscriminatorBeforeRename(new Sequential(...layers.slice(0, -1)), layers.at(-1) as Conv2d).stateDict();
}

/** Trained-looking state: initialised, then one training forward moves BatchNorm's statistics. */
function trainedPair(options: { imageSize: number; batchNorm?: boolean }): {
  generator: DcganGenerator;
  discriminator: DcganDiscriminator;
} {
  const generator = new DcganGenerator({ latentDim: 8, features: 4, channels: 3, imageSize: options.imageSize }).apply(dcganWeightsInit);
  const discriminator = new DcganDiscriminator({
    features: 4,
    channels: 3,
    imageSize: options.imageSize,
    batchNorm: options.batchNorm ?? true,
  }).apply(dcganWeightsInit);
  noGrad(() => discriminator.call(generator.call(randn([4, 8]))));
  return { generator, discriminator };
}

function valuesOf(tensor: Tensor): number[] {
  return [...tensor.dataSync()];
}

describe('DCGAN state dicts saved before the rename (net.*, body.*, head.*) still load', () => {
  for (const imageSize of [28, 64])
    it(`${imageSize} × ${imageSize}: the old names load strictly and give the same outputs`, () => {
      manualSeed(imageSize);
      const { generator, discriminator } = trainedPair({ imageSize });
      const oldGenerator = oldGeneratorState(generator);
      const oldDiscriminator = oldDiscriminatorState(discriminator);
      expect(Object.keys(oldGenerator)[0]).toBe('net.0.weight');
      expect(Object.keys(oldDiscriminator).at(-1)).toBe('head.weight');

      const { generator: loadedGenerator, discriminator: loadedDiscriminator } = trainedPair({ imageSize });
      expect(loadedGenerator.loadStateDict(oldGenerator)).toEqual({ missingKeys: [], unexpectedKeys: [] });
      // a Map, as loadSafetensors' callers may pass, works the same
      expect(loadedDiscriminator.loadStateDict(new Map(Object.entries(oldDiscriminator)))).toEqual({ missingKeys: [], unexpectedKeys: [] });
      for (const model of [generator, discriminator, loadedGenerator, loadedDiscriminator]) model.eval();
      const noise = randn([2, 8]);
      const images = noGrad(() => generator.call(noise));
      expect(valuesOf(noGrad(() => loadedGenerator.call(noise)))).toEqual(valuesOf(images));
      expect(valuesOf(noGrad(() => loadedDiscriminator.call(images)))).toEqual(valuesOf(noGrad(() => discriminator.call(images))));
      expect(loadedDiscriminator.stateDict()['main.3.num_batches_tracked']!.itemSync()).toBe(1);
    });

  it('a WGAN-GP critic (no BatchNorm) with a spectral-normalised last convolution', () => {
    manualSeed(5);
    const { discriminator } = trainedPair({ imageSize: 28, batchNorm: false });
    const { discriminator: loaded } = trainedPair({ imageSize: 28, batchNorm: false });
    for (const critic of [discriminator, loaded]) spectralNorm(critic.main.at(critic.main.length - 1));
    const old = oldDiscriminatorState(discriminator);
    expect(Object.keys(old)).toEqual([
      'body.0.weight',
      'body.2.weight',
      'body.2.bias',
      'head.weight_orig',
      'head.weight_u',
      'head.weight_v',
    ]);
    loaded.loadStateDict(old);
    expect(Object.keys(loaded.stateDict())).toEqual([
      'main.0.weight',
      'main.2.weight',
      'main.2.bias',
      'main.4.weight_orig',
      'main.4.weight_u',
      'main.4.weight_v',
    ]);
    for (const critic of [discriminator, loaded]) critic.eval();
    const images = randn([2, 3, 28, 28]);
    expect(valuesOf(noGrad(() => loaded.call(images)))).toEqual(valuesOf(noGrad(() => discriminator.call(images))));
  });

  it('refuses a state dict that holds a key under both names, and reports the rest under the new names', () => {
    manualSeed(6);
    const { generator } = trainedPair({ imageSize: 28 });
    const state = generator.stateDict();
    expect(() => generator.loadStateDict({ ...state, 'net.0.weight': state['main.0.weight']! })).toThrow(
      /DcganGenerator\.loadStateDict: the state dict holds 'main\.0\.weight' under both its old and its new name/,
    );
    const { 'main.0.weight': _first, ...rest } = state;
    expect(generator.loadStateDict({ ...rest, 'head.weight': state['main.0.weight']! }, { strict: false })).toEqual({
      missingKeys: ['main.0.weight'],
      unexpectedKeys: ['head.weight'],
    });
  });
});

describe('DcganDiscriminator keeps every layer in main', () => {
  it('features(x) is the input of the last convolution, flattened; forward applies that convolution', () => {
    manualSeed(7);
    const discriminator = new DcganDiscriminator({ features: 4 }).apply(dcganWeightsInit).eval();
    const images = randn([3, 1, 28, 28]);
    const features = noGrad(() => discriminator.features(images));
    expect(features.shape).toEqual([3, 8 * 7 * 7]);
    const lastConvolution = discriminator.main.at(discriminator.main.length - 1);
    expect(lastConvolution).toBeInstanceOf(Conv2d);
    const logits = noGrad(() => (lastConvolution as Conv2d).call(features.reshape([3, 8, 7, 7])).reshape([-1]));
    expect(valuesOf(noGrad(() => discriminator.call(images)))).toEqual(valuesOf(logits));
  });
});
