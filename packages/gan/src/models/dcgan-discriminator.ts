import {
  BatchNorm2d,
  Conv2d,
  type IncompatibleKeys,
  type LoadStateDictOptions,
  LeakyReLU,
  Module,
  Sequential,
  type StateDict,
} from '@dl/nn';
import { refuseExtraArguments, scope, type Tensor } from '@dl/tensor';
import { checkOptions, formatShape } from '../options.js';
import { dcganGeometry } from './dcgan-geometry.js';
import { renameLegacyKeys } from './legacy-state-names.js';
import { checkSizes } from './mlp-layers.js';
import { refuseExtraInputs } from '@dl/nn';

/** Every layer of `main` maps one tensor to one tensor (convolutions, BatchNorm2d, LeakyReLU). */
type TensorLayer = Module & { call(input: Tensor): Tensor };

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
 *
 * Every layer, the last convolution included, is in one Sequential `main`, as the `Discriminator` of
 * PyTorch's DCGAN tutorial: for imageSize 64 the state dict is the tutorial's, key for key
 * (`main.0.weight`, `main.3.running_mean`, …, `main.11.weight`), so its checkpoints load, and ours
 * load into it. The tutorial ends with a Sigmoid (no parameters, so no keys); here it is left out and
 * `forward` returns the logit, because the BCE losses take logits (BCEWithLogits: stable where
 * Sigmoid then BCE saturates), which also suits the WGAN and hinge losses: sigmoid(logit) is the
 * tutorial's output. State dicts saved before the rename (`body.*`, and `head.*` for the last
 * convolution) still load.
 * @example
 * const discriminator = new DcganDiscriminator({ features: 32 }).apply(dcganWeightsInit);
 * discriminator.call(randn([16, 1, 28, 28])).shape; // [16]
 */
export class DcganDiscriminator extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly channels: number;
  readonly imageSize: number;
  main: Sequential;

  constructor(options: DcganDiscriminatorOptions = {}, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('DcganDiscriminator', ['options'], extra);
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
    layers.push(new Conv2d(width, 1, base, { bias: false }));
    this.main = new Sequential(...layers);
  }

  /** The activations before the last convolution, flattened [B, features]. */
  features(images: Tensor): Tensor {
    const checked = this.checked(images);
    // a scope frees the maps between the layers; what autograd saved stays alive for backward
    return scope(() => {
      let output = checked;
      for (let index = 0; index < this.main.length - 1; index++) output = (this.main.at(index) as TensorLayer).call(output);
      return output.flatten(1);
    }, 'the end of DcganDiscriminator.features');
  }

  forward(images: Tensor): Tensor {
    return this.main.call(this.checked(images)).reshape([-1]);
  }

  /**
   * Also loads state dicts saved before the rename: their `body.*` keys are read as `main.*`, and
   * `head.*`, the last convolution, as `main.<its index>.*`.
   */
  override loadStateDict(
    stateDict: StateDict | Map<string, Tensor>,
    ...rest: [strict?: boolean] | [options?: LoadStateDictOptions]
  ): IncompatibleKeys {
    const lastConvolution = this.main.length - 1;
    return super.loadStateDict(
      renameLegacyKeys('DcganDiscriminator', stateDict, [
        ['body.', 'main.'],
        ['head.', `main.${lastConvolution}.`],
      ]),
      ...rest,
    );
  }

  private checked(images: Tensor): Tensor {
    const expected = [this.channels, this.imageSize, this.imageSize];
    if (images.ndim !== 4 || expected.some((extent, axis) => images.shape[axis + 1] !== extent))
      throw new Error(`DcganDiscriminator: expects images [batch, ${expected.join(', ')}], got ${formatShape(images.shape)}`);
    return images;
  }
}
