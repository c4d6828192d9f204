import { refuseExtraArguments } from '@dl/tensor';
import {
  BatchNorm2d,
  ConvTranspose2d,
  type IncompatibleKeys,
  type LoadStateDictOptions,
  Module,
  ReLU,
  Sequential,
  type StateDict,
  Tanh,
} from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { checkOptions, formatShape } from '../options.js';
import { dcganGeometry } from './dcgan-geometry.js';
import { renameLegacyKeys } from './legacy-state-names.js';
import { checkSizes } from './mlp-layers.js';
import { refuseExtraInputs } from '@dl/nn';

export interface DcganGeneratorOptions {
  /** Size of z; default 100. */
  latentDim?: number;
  /** Image channels; default 1. */
  channels?: number;
  /** Width f of the last hidden layer (the layers before it have 2f, 4f, …); default 64. */
  features?: number;
  /** Output height and width; default 28 (also 32, 64, …). */
  imageSize?: number;
}

/**
 * DCGAN's generator (Radford et al. 2016): z [B, latentDim] (or [B, latentDim, 1, 1]) →
 * ConvTranspose2d(latentDim, f·2ᵏ⁻¹, base) → BatchNorm2d → ReLU, then k − 1 times
 * ConvTranspose2d(c, c/2, 4, 2, 1) → BatchNorm2d → ReLU, then ConvTranspose2d(f, channels, 4, 2, 1) →
 * Tanh: images [B, channels, size, size] in [−1, 1]. No biases before BatchNorm. For 28 × 28:
 * 100 → 2f·7×7 → f·14×14 → 1·28×28. Initialise with `generator.apply(dcganWeightsInit)`.
 * The layers are one Sequential `main`, as the `Generator` of PyTorch's DCGAN tutorial, so for
 * imageSize 64 the state dict is the tutorial's, key for key (`main.0.weight`, `main.1.running_mean`, …,
 * `main.12.weight`): its checkpoints load, and ours load into it. State dicts saved before the
 * rename (`net.*`) still load.
 * @example
 * const generator = new DcganGenerator({ features: 32 }).apply(dcganWeightsInit);
 * generator.call(randn([16, 100])).shape; // [16, 1, 28, 28]
 */
export class DcganGenerator extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly latentDim: number;
  main: Sequential;

  constructor(options: DcganGeneratorOptions = {}, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('DcganGenerator', ['options'], extra);
    checkOptions('DcganGenerator', options, ['latentDim', 'channels', 'features', 'imageSize']);
    const { latentDim = 100, channels = 1, features = 64, imageSize = 28 } = options;
    checkSizes('DcganGenerator', { latentDim, channels, features });
    const { base, upsamplings } = dcganGeometry('DcganGenerator', imageSize);
    this.latentDim = latentDim;
    let width = features * 2 ** (upsamplings - 1);
    const layers: Module[] = [new ConvTranspose2d(latentDim, width, base, { bias: false }), new BatchNorm2d(width), new ReLU()];
    for (let step = 1; step < upsamplings; step++) {
      layers.push(new ConvTranspose2d(width, width / 2, 4, { stride: 2, padding: 1, bias: false }), new BatchNorm2d(width / 2), new ReLU());
      width /= 2;
    }
    layers.push(new ConvTranspose2d(width, channels, 4, { stride: 2, padding: 1, bias: false }), new Tanh());
    this.main = new Sequential(...layers);
  }

  forward(noise: Tensor): Tensor {
    const batch = noise.shape[0] ?? 0;
    if (noise.ndim < 2 || noise.numel() !== batch * this.latentDim)
      throw new Error(
        `DcganGenerator: expects noise [batch, ${this.latentDim}] or [batch, ${this.latentDim}, 1, 1], got ${formatShape(noise.shape)}`,
      );
    return this.main.call(noise.reshape([batch, this.latentDim, 1, 1]));
  }

  /** Also loads state dicts saved before the rename: their `net.*` keys are read as `main.*`. */
  override loadStateDict(
    stateDict: StateDict | Map<string, Tensor>,
    ...rest: [strict?: boolean] | [options?: LoadStateDictOptions]
  ): IncompatibleKeys {
    return super.loadStateDict(renameLegacyKeys('DcganGenerator', stateDict, [['net.', 'main.']]), ...rest);
  }
}
