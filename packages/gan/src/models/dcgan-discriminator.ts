import { BatchNorm2d, Conv2d, LeakyReLU, Module, Sequential } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { checkOptions, formatShape } from '../options.js';
import { dcganGeometry } from './dcgan-geometry.js';
import { checkSizes } from './mlp-layers.js';

export interface DcganDiscriminatorOptions {
  /** Image channels; default 1. */
  channels?: number;
  /** Width f of the first convolution (then 2f, 4f, …); default 64. */
  features?: number;
  /** Input height and width; default 28. */
  imageSize?: number;
  /** LeakyReLU slope; default 0.2. */
  negativeSlope?: number;
  /** Put BatchNorm2d after the inner convolutions (DCGAN); false for a WGAN-GP critic, where the per-sample gradient penalty forbids batch coupling. Default true. */
  batchNorm?: boolean;
}

/**
 * DCGAN's discriminator: Conv2d(channels, f, 4, 2, 1) → LeakyReLU(0.2), then k − 1 times
 * Conv2d(c, 2c, 4, 2, 1) → BatchNorm2d → LeakyReLU(0.2), then Conv2d(f·2ᵏ⁻¹, 1, base): one logit per
 * image, [B]. For 28 × 28: 1·28² → f·14² → 2f·7² → 1. `features(x)` is the map before the last
 * convolution, flattened [B, 2f·49].
 * @example
 * const discriminator = new DcganDiscriminator({ features: 32 }).apply(dcganWeightsInit);
 * discriminator.call(randn([16, 1, 28, 28])).shape; // [16]
 */
export class DcganDiscriminator extends Module {
  readonly channels: number;
  readonly imageSize: number;
  body: Sequential;
  head: Conv2d;

  constructor(options: DcganDiscriminatorOptions = {}) {
    super();
    checkOptions('DcganDiscriminator', options, ['channels', 'features', 'imageSize', 'negativeSlope', 'batchNorm']);
    const { channels = 1, features = 64, imageSize = 28, negativeSlope = 0.2, batchNorm = true } = options;
    checkSizes('DcganDiscriminator', { channels, features });
    const { base, upsamplings } = dcganGeometry('DcganDiscriminator', imageSize);
    this.channels = channels;
    this.imageSize = imageSize;
    let width = features;
    const layers: Module[] = [new Conv2d(channels, width, 4, { stride: 2, padding: 1, bias: false }), new LeakyReLU(negativeSlope)];
    for (let step = 1; step < upsamplings; step++) {
      layers.push(new Conv2d(width, width * 2, 4, { stride: 2, padding: 1, bias: !batchNorm }));
      if (batchNorm) layers.push(new BatchNorm2d(width * 2));
      layers.push(new LeakyReLU(negativeSlope));
      width *= 2;
    }
    this.body = new Sequential(...layers);
    this.head = new Conv2d(width, 1, base, { bias: false });
  }

  /** The activations before the last convolution, flattened [B, features]. */
  features(images: Tensor): Tensor {
    return this.body.call(this.checked(images)).flatten(1);
  }

  forward(images: Tensor): Tensor {
    return this.head.call(this.body.call(this.checked(images))).reshape([-1]);
  }

  private checked(images: Tensor): Tensor {
    const expected = [this.channels, this.imageSize, this.imageSize];
    if (images.ndim !== 4 || expected.some((extent, axis) => images.shape[axis + 1] !== extent))
      throw new Error(`DcganDiscriminator: expects images [batch, ${expected.join(', ')}], got ${formatShape(images.shape)}`);
    return images;
  }
}
