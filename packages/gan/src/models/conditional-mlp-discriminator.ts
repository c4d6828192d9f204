import { Embedding, LeakyReLU, Linear, Module, Sequential } from '@dl/nn';
import { cat, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { checkOptions, formatShape } from '../options.js';
import { checkLabels } from './check-labels.js';
import { checkSizes, linearStack } from './mlp-layers.js';
import { refuseExtraInputs } from '@dl/nn';

export interface ConditionalMlpDiscriminatorOptions {
  numClasses?: number;
  /** Input features; default 784. */
  inFeatures?: number;
  /** Size of the label embedding; default numClasses. */
  embeddingDim?: number;
  /** Hidden widths; default [512, 256]. */
  hiddenSizes?: number[];
  negativeSlope?: number;
}

/**
 * Conditional GAN discriminator: [x, e(y)] (the flattened image and the label's embedding) →
 * Linear 512 → LeakyReLU(0.2) → Linear 256 → LeakyReLU(0.2) → Linear 1: a logit per sample, [B].
 * @example
 * const discriminator = new ConditionalMlpDiscriminator();
 * discriminator.call(images, labels).shape; // [B]
 */
export class ConditionalMlpDiscriminator extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly inFeatures: number;
  labelEmbedding: Embedding;
  body: Sequential;
  head: Linear;

  constructor(options: ConditionalMlpDiscriminatorOptions = {}, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('ConditionalMlpDiscriminator', ['options'], extra);
    checkOptions('ConditionalMlpDiscriminator', options, ['numClasses', 'inFeatures', 'embeddingDim', 'hiddenSizes', 'negativeSlope']);
    const { numClasses = 10, inFeatures = 784, hiddenSizes = [512, 256], negativeSlope = 0.2 } = options;
    const embeddingDim = options.embeddingDim ?? numClasses;
    checkSizes('ConditionalMlpDiscriminator', { numClasses, inFeatures, embeddingDim, hiddenSizes });
    this.inFeatures = inFeatures;
    this.labelEmbedding = new Embedding(numClasses, embeddingDim);
    const sizes = [inFeatures + embeddingDim, ...hiddenSizes];
    this.body = new Sequential(...linearStack(sizes, () => new LeakyReLU(negativeSlope)));
    this.head = new Linear(sizes.at(-1)!, 1);
  }

  /** The last hidden activations [B, hidden]. */
  features(input: Tensor, labels: Tensor): Tensor {
    const batch = input.shape[0] ?? 0;
    if (input.ndim < 2 || input.numel() !== batch * this.inFeatures)
      throw new Error(
        `ConditionalMlpDiscriminator: expects [batch, ...] with ${this.inFeatures} features per sample, got ${formatShape(input.shape)}`,
      );
    checkLabels('ConditionalMlpDiscriminator', input, labels);
    return this.body.call(cat([input.reshape([batch, this.inFeatures]), this.labelEmbedding.call(labels)], 1));
  }

  forward(input: Tensor, labels: Tensor): Tensor {
    return this.head.call(this.features(input, labels)).reshape([-1]);
  }
}
