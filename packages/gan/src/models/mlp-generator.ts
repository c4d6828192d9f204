import { refuseExtraArguments } from '@dl/tensor';
import { LeakyReLU, Linear, Module, Sequential, Tanh } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { checkOptions, formatShape } from '../options.js';
import { checkSizes, linearStack } from './mlp-layers.js';
import { refuseExtraInputs } from '@dl/nn';

export interface MlpGeneratorOptions {
  /** Size of the noise z; default 100. */
  latentDim?: number;
  /** Hidden widths; default [256, 512]. */
  hiddenSizes?: number[];
  /** Slope of the hidden LeakyReLUs; default 0.2 (0 gives ReLU, which collapses to one mode far more often on MNIST). */
  negativeSlope?: number;
  /** Output features; default 784 (a 28 × 28 image, flattened). */
  outFeatures?: number;
}

/**
 * The tutorial's MLP generator: z [B, 100] → Linear 256 → LeakyReLU(0.2) → Linear 512 → LeakyReLU(0.2) → Linear 784 → Tanh,
 * images in [−1, 1] as [B, 784]. State-dict names `net.0.weight`, …, `net.4.bias`.
 * @example
 * const generator = new MlpGenerator();
 * generator.call(randn([64, 100])).shape; // [64, 784]
 */
export class MlpGenerator extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly latentDim: number;
  net: Sequential;

  constructor(options: MlpGeneratorOptions = {}, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('MlpGenerator', ['options'], extra);
    checkOptions('MlpGenerator', options, ['latentDim', 'hiddenSizes', 'outFeatures', 'negativeSlope']);
    const { latentDim = 100, hiddenSizes = [256, 512], outFeatures = 784 } = options;
    checkSizes('MlpGenerator', { latentDim, hiddenSizes, outFeatures });
    this.latentDim = latentDim;
    this.net = new Sequential(
      ...linearStack([latentDim, ...hiddenSizes], () => new LeakyReLU(options.negativeSlope ?? 0.2)),
      new Linear(hiddenSizes.at(-1) ?? latentDim, outFeatures),
      new Tanh(),
    );
  }

  forward(noise: Tensor): Tensor {
    if (noise.ndim !== 2 || noise.shape[1] !== this.latentDim)
      throw new Error(`MlpGenerator: expects noise [batch, ${this.latentDim}], got ${formatShape(noise.shape)}`);
    return this.net.call(noise);
  }
}
