import { Embedding, LeakyReLU, Linear, Module, Sequential, Tanh } from '@dl/nn';
import { cat, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { checkOptions, formatShape } from '../options.js';
import { checkLabels } from './check-labels.js';
import { checkSizes, linearStack } from './mlp-layers.js';
import { refuseExtraInputs } from '@dl/nn';

export interface ConditionalMlpGeneratorOptions {
  /** Number of classes; default 10. */
  numClasses?: number;
  /** Size of z; default 100. */
  latentDim?: number;
  /** Size of the label embedding; default numClasses. */
  embeddingDim?: number;
  /** Hidden widths; default [256, 512]. */
  hiddenSizes?: number[];
  /** Slope of the hidden LeakyReLUs; default 0.2 (0 gives ReLU, which collapses to one mode far more often on MNIST). */
  negativeSlope?: number;
  /** Output features; default 784. */
  outFeatures?: number;
}

/**
 * Conditional GAN generator (Mirza & Osindero 2014): the label's learned embedding is concatenated
 * to the noise, [z, e(y)] → the MLP generator's layers → Tanh, [B, 784].
 * @example
 * const generator = new ConditionalMlpGenerator();
 * generator.call(randn([8, 100]), tensor([0, 1, 2, 3, 4, 5, 6, 7], { dtype: 'int32' })).shape; // [8, 784]
 */
export class ConditionalMlpGenerator extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly latentDim: number;
  readonly numClasses: number;
  labelEmbedding: Embedding;
  net: Sequential;

  constructor(options: ConditionalMlpGeneratorOptions = {}, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('ConditionalMlpGenerator', ['options'], extra);
    checkOptions('ConditionalMlpGenerator', options, [
      'numClasses',
      'latentDim',
      'embeddingDim',
      'hiddenSizes',
      'outFeatures',
      'negativeSlope',
    ]);
    const { numClasses = 10, latentDim = 100, hiddenSizes = [256, 512], outFeatures = 784 } = options;
    const embeddingDim = options.embeddingDim ?? numClasses;
    checkSizes('ConditionalMlpGenerator', { numClasses, latentDim, embeddingDim, hiddenSizes, outFeatures });
    this.latentDim = latentDim;
    this.numClasses = numClasses;
    this.labelEmbedding = new Embedding(numClasses, embeddingDim);
    const sizes = [latentDim + embeddingDim, ...hiddenSizes];
    this.net = new Sequential(
      ...linearStack(sizes, () => new LeakyReLU(options.negativeSlope ?? 0.2)),
      new Linear(sizes.at(-1)!, outFeatures),
      new Tanh(),
    );
  }

  forward(noise: Tensor, labels: Tensor): Tensor {
    if (noise.ndim !== 2 || noise.shape[1] !== this.latentDim)
      throw new Error(`ConditionalMlpGenerator: expects noise [batch, ${this.latentDim}], got ${formatShape(noise.shape)}`);
    checkLabels('ConditionalMlpGenerator', noise, labels);
    return this.net.call(cat([noise, this.labelEmbedding.call(labels)], 1));
  }
}
