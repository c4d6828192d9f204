import { BatchNorm2d, Conv2d, ConvTranspose2d } from '@dl/nn';
import { manualSeed, noGrad, randn, tensor, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { spectralNorm } from '../spectral-norm/spectral-norm.js';
import { ConditionalMlpDiscriminator } from './conditional-mlp-discriminator.js';
import { ConditionalMlpGenerator } from './conditional-mlp-generator.js';
import { DcganDiscriminator } from './dcgan-discriminator.js';
import { DcganGenerator } from './dcgan-generator.js';
import { dcganWeightsInit } from './dcgan-weights-init.js';
import { MlpDiscriminator } from './mlp-discriminator.js';
import { MlpGenerator } from './mlp-generator.js';
import { ProjectionDiscriminator } from './projection-discriminator.js';

const labels = tensor([0, 3, 9], { dtype: 'int32' });

function meanAndStd(values: ArrayLike<number>): [number, number] {
  const list = Array.from(values);
  const mean = list.reduce((sum, value) => sum + value, 0) / list.length;
  return [mean, Math.sqrt(list.reduce((sum, value) => sum + (value - mean) ** 2, 0) / list.length)];
}

describe('GAN models', () => {
  it("the tutorial's MLP pair: 100 → 256 → 512 → 784 (Tanh) and 784 → 512 → 256 → 1", () => {
    manualSeed(0);
    const generator = new MlpGenerator();
    const discriminator = new MlpDiscriminator();
    expect(generator.parameters().map((parameter) => parameter.shape)).toEqual([[256, 100], [256], [512, 256], [512], [784, 512], [784]]);
    expect(discriminator.parameters().map((parameter) => parameter.shape)).toEqual([[512, 784], [512], [256, 512], [256], [1, 256], [1]]);
    const images = noGrad(() => generator.call(randn([3, 100])));
    expect(images.shape).toEqual([3, 784]);
    expect(Math.max(...images.dataSync().map(Math.abs))).toBeLessThanOrEqual(1);
    expect(noGrad(() => discriminator.call(images.reshape([3, 1, 28, 28]))).shape).toEqual([3]);
    const probabilities = noGrad(() => new MlpDiscriminator({ sigmoid: true }).call(images)).dataSync();
    for (const value of probabilities) expect(value > 0 && value < 1).toBe(true);
  });

  it('DCGAN for 28 × 28 digits: 100 → 2f·7² → f·14² → 1·28² and back; for 64 × 64 RGB too', () => {
    manualSeed(1);
    const generator = new DcganGenerator({ features: 8 });
    const discriminator = new DcganDiscriminator({ features: 8 });
    expect(Object.keys(generator.stateDict()).filter((key) => key.endsWith('weight'))).toEqual([
      'main.0.weight',
      'main.1.weight',
      'main.3.weight',
      'main.4.weight',
      'main.6.weight',
    ]);
    // one Sequential `main`, the last convolution included (index 5 for 28 × 28)
    expect(Object.keys(discriminator.stateDict()).filter((key) => key.endsWith('weight'))).toEqual([
      'main.0.weight',
      'main.2.weight',
      'main.3.weight',
      'main.5.weight',
    ]);
    // a WGAN-GP critic has no BatchNorm: its inner convolutions take biases, and the indices close up
    expect(Object.keys(new DcganDiscriminator({ features: 8, batchNorm: false }).stateDict())).toEqual([
      'main.0.weight',
      'main.2.weight',
      'main.2.bias',
      'main.4.weight',
    ]);
    const images = noGrad(() => generator.call(randn([2, 100])));
    expect(images.shape).toEqual([2, 1, 28, 28]);
    expect(noGrad(() => discriminator.call(images)).shape).toEqual([2]);
    expect(noGrad(() => discriminator.features(images)).shape).toEqual([2, 16 * 49]);
    const colour = new DcganGenerator({ channels: 3, features: 4, imageSize: 64 });
    const colourImages = noGrad(() => colour.call(randn([1, 100, 1, 1])));
    expect(colourImages.shape).toEqual([1, 3, 64, 64]);
    expect(noGrad(() => new DcganDiscriminator({ channels: 3, features: 4, imageSize: 64 }).call(colourImages)).shape).toEqual([1]);
  });

  it('dcganWeightsInit: convolutions ~ N(0, 0.02); BatchNorm weight ~ N(1, 0.02), bias 0', () => {
    manualSeed(2);
    const generator = new DcganGenerator({ features: 32 }).apply(dcganWeightsInit);
    for (const module of generator.modules()) {
      if (module instanceof ConvTranspose2d || module instanceof Conv2d) {
        const [mean, std] = meanAndStd(module.weight.dataSync());
        expect(Math.abs(mean)).toBeLessThan(0.002);
        expect(std).toBeGreaterThan(0.018);
        expect(std).toBeLessThan(0.022);
      }
      if (module instanceof BatchNorm2d) {
        const [mean] = meanAndStd(module.weight!.dataSync());
        expect(Math.abs(mean - 1)).toBeLessThan(0.02);
        expect(new Set(module.bias!.dataSync())).toEqual(new Set([0]));
      }
    }
    // spectral-normalised convolutions are initialised through weight_orig
    const layer = spectralNorm(new Conv2d(64, 64, 3));
    dcganWeightsInit(layer);
    expect(meanAndStd((layer as unknown as { weight_orig: Tensor }).weight_orig.dataSync())[1]).toBeCloseTo(0.02, 2);
  });

  it('conditional generator and discriminators take labels; the projection term is e(y)·φ(x)', () => {
    manualSeed(3);
    const generator = new ConditionalMlpGenerator({ hiddenSizes: [16] });
    const images = noGrad(() => generator.call(randn([3, 100]), labels));
    expect(images.shape).toEqual([3, 784]);
    expect(noGrad(() => new ConditionalMlpDiscriminator({ hiddenSizes: [16] }).call(images, labels)).shape).toEqual([3]);
    const projection = new ProjectionDiscriminator({ hiddenSizes: [16] });
    const [withLabels, features] = noGrad(() => [projection.call(images, labels), projection.features(images)]);
    const plain = noGrad(() => projection.head.call(features!).reshape([-1]));
    const embedding = projection.classEmbedding.weight.dataSync();
    const featureValues = features!.dataSync();
    [0, 3, 9].forEach((label, row) => {
      let dot = 0;
      for (let column = 0; column < 16; column++) dot += embedding[label * 16 + column]! * featureValues[row * 16 + column]!;
      expect(withLabels!.dataSync()[row]).toBeCloseTo(plain.dataSync()[row]! + dot, 5);
    });
  });

  it('rejects wrong shapes, labels and options with the class name', () => {
    expect(() => new MlpGenerator().call(randn([2, 64]))).toThrow(/MlpGenerator: expects noise \[batch, 100\], got \[2, 64\]/);
    expect(() => new DcganDiscriminator({ features: 4 }).call(randn([2, 1, 32, 32]))).toThrow(
      /DcganDiscriminator: expects images \[batch, 1, 28, 28\], got \[2, 1, 32, 32\]/,
    );
    expect(() => new DcganGenerator({ imageSize: 30 })).toThrow(/DcganGenerator: imageSize must be 7·2ᵏ or 4·2ᵏ/);
    expect(() => new ConditionalMlpGenerator().call(randn([3, 100]), tensor([1, 2]))).toThrow(
      /ConditionalMlpGenerator: labels must be int32 \[3\].*float32 \[2\]/,
    );
    expect(() => new MlpDiscriminator({ hidden: [3] } as never)).toThrow(
      /MlpDiscriminator: unknown option `hidden`. Accepted options: inFeatures, hiddenSizes, negativeSlope, sigmoid/,
    );
    expect(() => new MlpGenerator({ latentDim: 0 })).toThrow(/MlpGenerator: latentDim must be positive integers, got 0/);
  });
});
