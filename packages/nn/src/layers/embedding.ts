import { checkInteger, empty, noGrad, readArguments, type Tensor } from '@dl/tensor';
import { embedding } from '../functional/embedding.js';
import { normal } from '../init/init.js';
import { Module } from '../module/module.js';
import { parameter } from '../module/parameter.js';
import { factoryKeys, type FactoryOptions } from './shared.js';

export interface EmbeddingOptions extends FactoryOptions {
  /** This row starts at zero and receives no gradient (a padding token). Negative counts from the end. Default null (no padding row). */
  paddingIdx?: number | null;
}

/**
 * A lookup table: int32 indices of any shape [*] → [*, embeddingDim]. weight [numEmbeddings,
 * embeddingDim] ~ N(0, 1), with the paddingIdx row zeroed.
 * @example
 * const embed = new Embedding(10_000, 128, { paddingIdx: 0 });
 * embed.call(tensor([[1, 2, 0]], { dtype: 'int32' })).shape; // [1, 3, 128]
 */
export class Embedding extends Module {
  weight: Tensor;
  readonly paddingIdx: number | null;

  constructor(numEmbeddings: number, embeddingDim: number, options?: EmbeddingOptions);
  /** PyTorch's order: `Embedding(num_embeddings, embedding_dim, padding_idx)`. */
  constructor(numEmbeddings: number, embeddingDim: number, paddingIdx: number | null, options?: FactoryOptions);
  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    ...rest: unknown[]
  ) {
    super();
    checkInteger('Embedding', 'numEmbeddings', numEmbeddings, 0);
    checkInteger('Embedding', 'embeddingDim', embeddingDim, 0);
    const options = readArguments<EmbeddingOptions>('Embedding', rest, ['paddingIdx'], ['paddingIdx', ...factoryKeys]);
    const paddingIdx = options.paddingIdx ?? null;
    if (paddingIdx !== null && (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings))
      throw new Error(`Embedding: paddingIdx ${paddingIdx} must be within numEmbeddings (${numEmbeddings})`);
    this.paddingIdx = paddingIdx === null ? null : paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
    this.weight = parameter(empty([numEmbeddings, embeddingDim], { device: options.device, dtype: options.dtype }));
    this.resetParameters();
  }

  /**
   * An Embedding holding a copy of `embeddings` [numEmbeddings, dim], frozen unless `freeze: false`.
   * @example
   * const glove = Embedding.fromPretrained(vectors, { freeze: true });
   */
  static fromPretrained(embeddings: Tensor, options: { freeze?: boolean; paddingIdx?: number | null } = {}): Embedding {
    if (embeddings.ndim !== 2)
      throw new Error(`Embedding.fromPretrained: embeddings must be 2-D [numEmbeddings, dim], got [${embeddings.shape.join(', ')}]`);
    const [rows, columns] = embeddings.shape as [number, number];
    const layer = new Embedding(rows, columns, { paddingIdx: options.paddingIdx, device: embeddings.device, dtype: embeddings.dtype });
    noGrad(() => layer.weight.copy_(embeddings));
    layer.weight.requiresGrad = !(options.freeze ?? true);
    return layer;
  }

  resetParameters(): void {
    normal(this.weight);
    if (this.paddingIdx !== null) {
      const row = this.paddingIdx;
      noGrad(() => this.weight.narrow(0, row, 1).fill_(0));
    }
  }

  forward(input: Tensor): Tensor {
    return embedding(input, this.weight, this.paddingIdx);
  }

  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx !== null ? `, paddingIdx=${this.paddingIdx}` : ''}`;
  }
}
