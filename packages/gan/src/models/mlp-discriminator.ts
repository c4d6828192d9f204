import { refuseExtraArguments } from '@dl/tensor';
import { LeakyReLU, Linear, Module, Sequential, Sigmoid } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { checkOptions, formatShape } from '../options.js';
import { checkSizes, linearStack } from './mlp-layers.js';
import { refuseExtraInputs } from '@dl/nn';

export interface MlpDiscriminatorOptions {
  /** Input features (images are flattened); default 784. */
  inFeatures?: number;
  /** Hidden widths; default [512, 256]. */
  hiddenSizes?: number[];
  /** LeakyReLU slope; default 0.2. */
  negativeSlope?: number;
  /** End with a Sigmoid (probabilities, for BCELoss) instead of returning logits; default false. */
  sigmoid?: boolean;
}

/**
 * The tutorial's MLP discriminator: x [B, …] flattened to [B, 784] → Linear 512 → LeakyReLU(0.2) →
 * Linear 256 → LeakyReLU(0.2) → Linear 1: one logit per sample, [B] (σ of it with `sigmoid: true`).
 * `features(x)` is the last hidden layer [B, 256] (for feature matching).
 * @example
 * const discriminator = new MlpDiscriminator();
 * discriminator.call(randn([64, 784])).shape; // [64]
 */
export class MlpDiscriminator extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly inFeatures: number;
  body: Sequential;
  head: Linear;
  sigmoid: Sigmoid | null;

  constructor(options: MlpDiscriminatorOptions = {}, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('MlpDiscriminator', ['options'], extra);
    checkOptions('MlpDiscriminator', options, ['inFeatures', 'hiddenSizes', 'negativeSlope', 'sigmoid']);
    const { inFeatures = 784, hiddenSizes = [512, 256], negativeSlope = 0.2 } = options;
    checkSizes('MlpDiscriminator', { inFeatures, hiddenSizes });
    this.inFeatures = inFeatures;
    this.body = new Sequential(...linearStack([inFeatures, ...hiddenSizes], () => new LeakyReLU(negativeSlope)));
    this.head = new Linear(hiddenSizes.at(-1) ?? inFeatures, 1);
    this.sigmoid = options.sigmoid ? new Sigmoid() : null;
  }

  /** The last hidden activations [B, hidden]. */
  features(input: Tensor): Tensor {
    const batch = input.shape[0] ?? 0;
    if (input.ndim < 2 || input.numel() !== batch * this.inFeatures)
      throw new Error(
        `MlpDiscriminator: expects [batch, ...] with ${this.inFeatures} features per sample, got ${formatShape(input.shape)}`,
      );
    return this.body.call(input.reshape([batch, this.inFeatures]));
  }

  forward(input: Tensor): Tensor {
    const logits = this.head.call(this.features(input)).reshape([-1]);
    return this.sigmoid ? this.sigmoid.call(logits) : logits;
  }
}
