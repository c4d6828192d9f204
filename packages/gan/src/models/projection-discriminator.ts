import { refuseExtraArguments } from '@dl/tensor';
import { Embedding, LeakyReLU, Linear, Module, Sequential } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { checkOptions, formatShape } from '../options.js';
import { checkLabels } from './check-labels.js';
import { checkSizes, linearStack } from './mlp-layers.js';
import { refuseExtraInputs } from '@dl/nn';

export interface ProjectionDiscriminatorOptions {
  numClasses?: number;
  /** Input features; default 784. */
  inFeatures?: number;
  /** Hidden widths; default [512, 256]. */
  hiddenSizes?: number[];
  negativeSlope?: number;
}

/**
 * Projection discriminator (Miyato & Koyama 2018): D(x, y) = ψ(φ(x)) + e(y)·φ(x), where φ is the MLP
 * body, ψ a Linear to one logit and e(y) a learned class embedding of φ's width. The inner product
 * replaces concatenation: the label enters where the logit is formed. Output [B].
 * @example
 * const discriminator = new ProjectionDiscriminator({ numClasses: 10 });
 * discriminator.call(images, labels).shape; // [B]
 */
export class ProjectionDiscriminator extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly inFeatures: number;
  body: Sequential;
  head: Linear;
  classEmbedding: Embedding;

  constructor(options: ProjectionDiscriminatorOptions = {}, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('ProjectionDiscriminator', ['options'], extra);
    checkOptions('ProjectionDiscriminator', options, ['numClasses', 'inFeatures', 'hiddenSizes', 'negativeSlope']);
    const { numClasses = 10, inFeatures = 784, hiddenSizes = [512, 256], negativeSlope = 0.2 } = options;
    checkSizes('ProjectionDiscriminator', { numClasses, inFeatures, hiddenSizes });
    this.inFeatures = inFeatures;
    const width = hiddenSizes.at(-1) ?? inFeatures;
    this.body = new Sequential(...linearStack([inFeatures, ...hiddenSizes], () => new LeakyReLU(negativeSlope)));
    this.head = new Linear(width, 1);
    this.classEmbedding = new Embedding(numClasses, width);
  }

  /** φ(x) [B, hidden]. */
  features(input: Tensor): Tensor {
    const batch = input.shape[0] ?? 0;
    if (input.ndim < 2 || input.numel() !== batch * this.inFeatures)
      throw new Error(
        `ProjectionDiscriminator: expects [batch, ...] with ${this.inFeatures} features per sample, got ${formatShape(input.shape)}`,
      );
    return this.body.call(input.reshape([batch, this.inFeatures]));
  }

  forward(input: Tensor, labels: Tensor): Tensor {
    checkLabels('ProjectionDiscriminator', input, labels);
    const features = this.features(input);
    const projection = this.classEmbedding.call(labels).mul(features).sum(1);
    return this.head.call(features).reshape([-1]).add(projection);
  }
}
