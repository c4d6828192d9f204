import { checkBoolean, checkInteger, checkNumber, checkOptions, empty, noGrad, readArguments, type Tensor } from '@dl/tensor';
import { embedding } from '../functional/embedding.js';
import { paddingRow } from '../functional/padding-row.js';
import { normal } from '../init/init.js';
import { Module } from '../module/module.js';
import { parameter } from '../module/parameter.js';
import { factoryKeys, type FactoryOptions } from './shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface EmbeddingOptions extends FactoryOptions {
  /** This row starts at zero and receives no gradient (a padding token). Negative counts from the end. Default null (no padding row). */
  paddingIdx?: number | null;
  /** Each call first rescales, in place, the rows it reads whose `normType`-norm exceeds this. Default null (never). */
  maxNorm?: number | null;
  /** The p of `maxNorm`'s norm. Default 2. */
  normType?: number;
  /** Divide each row's gradient by how often its index occurs in the mini-batch. Default false. */
  scaleGradByFreq?: boolean;
  /** Sparse gradients: only false, as there are no sparse tensors. Default false. */
  sparse?: boolean;
}

/** The options of `Embedding.fromPretrained`. */
export interface PretrainedEmbeddingOptions extends Omit<EmbeddingOptions, keyof FactoryOptions> {
  /** Keep the table fixed (no gradient). Default true. */
  freeze?: boolean;
}

const lookupKeys = ['paddingIdx', 'maxNorm', 'normType', 'scaleGradByFreq', 'sparse'] as const;

/**
 * A lookup table: int32 indices of any shape [*] → [*, embeddingDim]. weight [numEmbeddings,
 * embeddingDim] ~ N(0, 1), with the paddingIdx row zeroed. `maxNorm` renormalises the rows each call
 * reads, in place, as torch (see `F.embedding`).
 * @example
 * const embed = new Embedding(10_000, 128, { paddingIdx: 0 });
 * embed.call(tensor([[1, 2, 0]], { dtype: 'int32' })).shape; // [1, 3, 128]
 */
export class Embedding extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  weight: Tensor;
  readonly paddingIdx: number | null;
  readonly maxNorm: number | null;
  readonly normType: number;
  readonly scaleGradByFreq: boolean;
  readonly sparse: boolean;

  constructor(numEmbeddings: number, embeddingDim: number, options?: EmbeddingOptions);
  /** PyTorch's order: `Embedding(num_embeddings, embedding_dim, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse)`. */
  constructor(
    numEmbeddings: number,
    embeddingDim: number,
    paddingIdx: number | null,
    maxNorm?: number | null,
    normType?: number,
    scaleGradByFreq?: boolean,
    sparse?: boolean,
    options?: FactoryOptions,
  );
  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    ...rest: unknown[]
  ) {
    super();
    checkInteger('Embedding', 'numEmbeddings', numEmbeddings, 0);
    checkInteger('Embedding', 'embeddingDim', embeddingDim, 0);
    const options = readArguments<EmbeddingOptions>('Embedding', rest, lookupKeys, [...lookupKeys, ...factoryKeys]);
    const paddingIdx = options.paddingIdx ?? null;
    this.paddingIdx = paddingIdx === null ? null : paddingRow('Embedding', paddingIdx, numEmbeddings);
    this.maxNorm = options.maxNorm == null ? null : checkNumber('Embedding', 'maxNorm', options.maxNorm);
    this.normType = checkNumber('Embedding', 'normType', options.normType ?? 2, true);
    this.scaleGradByFreq = checkBoolean('Embedding', 'scaleGradByFreq', options.scaleGradByFreq ?? false);
    this.sparse = checkBoolean('Embedding', 'sparse', options.sparse ?? false);
    if (this.sparse) throw new Error('Embedding: sparse gradients are not supported (sparse: true)');
    this.weight = parameter(empty([numEmbeddings, embeddingDim], { device: options.device, dtype: options.dtype }));
    this.resetParameters();
  }

  /**
   * An Embedding holding a copy of `embeddings` [numEmbeddings, dim], frozen unless `freeze: false`;
   * the other options are the constructor's (the padding row keeps its pretrained values).
   * @example
   * const glove = Embedding.fromPretrained(vectors, { freeze: true });
   */
  static fromPretrained(embeddings: Tensor, options: PretrainedEmbeddingOptions = {}): Embedding {
    const { freeze, ...lookup } = checkOptions('Embedding.fromPretrained', options, ['freeze', ...lookupKeys]);
    if (embeddings.ndim !== 2)
      throw new Error(`Embedding.fromPretrained: embeddings must be 2-D [numEmbeddings, dim], got [${embeddings.shape.join(', ')}]`);
    const [rows, columns] = embeddings.shape as [number, number];
    const layer = new this(rows, columns, { ...lookup, device: embeddings.device, dtype: embeddings.dtype });
    noGrad(() => layer.weight.copy_(embeddings));
    layer.weight.requiresGrad = !(freeze ?? true);
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
    return embedding(input, this.weight, {
      paddingIdx: this.paddingIdx,
      maxNorm: this.maxNorm,
      normType: this.normType,
      scaleGradByFreq: this.scaleGradByFreq,
    });
  }

  override extraRepr(): string {
    const parts = [`${this.numEmbeddings}, ${this.embeddingDim}`];
    if (this.paddingIdx !== null) parts.push(`paddingIdx=${this.paddingIdx}`);
    if (this.maxNorm !== null) parts.push(`maxNorm=${this.maxNorm}`);
    if (this.normType !== 2) parts.push(`normType=${this.normType}`);
    if (this.scaleGradByFreq) parts.push('scaleGradByFreq=true');
    return parts.join(', ');
  }
}
