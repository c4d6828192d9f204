import { checkInteger, checkNumber, checkOptions, empty, noGrad, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { embeddingBag, type BagMode } from '../functional/embedding-bag.js';
import { paddingRow } from '../functional/padding-row.js';
import { normal } from '../init/init.js';
import { Module } from '../module/module.js';
import { parameter } from '../module/parameter.js';
import { factoryKeys, type FactoryOptions } from './shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface EmbeddingBagLayerOptions extends FactoryOptions {
  /** Default 'mean'. */
  mode?: BagMode;
  /** `offsets` has one entry more than there are bags. Default false. */
  includeLastOffset?: boolean;
  /** This row starts at zero and is left out of every bag. Default null. */
  paddingIdx?: number | null;
  /** Each call first rescales, in place, the rows it reads whose `normType`-norm exceeds this. Default null (never). */
  maxNorm?: number | null;
  /** The p of `maxNorm`'s norm. Default 2. */
  normType?: number;
}

/**
 * Bags of indices → one vector each (torch.nn.EmbeddingBag), as the text-classification tutorial's
 * model uses it: `call(tokens, offsets)` for a 1-D input of concatenated bags, `call(tokens)` for
 * [B, N]; an optional third argument holds per-index weights (mode 'sum'). weight
 * [numEmbeddings, embeddingDim] ~ N(0, 1).
 * @example
 * const bag = new EmbeddingBag(vocabSize, 64, { mode: 'mean' });
 * bag.call(tokens, offsets).shape; // [bags, 64]
 */
export class EmbeddingBag extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  weight: Tensor;
  readonly mode: BagMode;
  readonly includeLastOffset: boolean;
  readonly paddingIdx: number | null;
  readonly maxNorm: number | null;
  readonly normType: number;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    options: EmbeddingBagLayerOptions = {},
    ...extra: never[]
  ) {
    super();
    if (extra.length > 0) refuseExtraArguments('EmbeddingBag', ['numEmbeddings', 'embeddingDim', 'options'], extra);
    checkInteger('EmbeddingBag', 'numEmbeddings', numEmbeddings, 1);
    checkInteger('EmbeddingBag', 'embeddingDim', embeddingDim, 1);
    checkOptions('EmbeddingBag', options, ['mode', 'includeLastOffset', 'paddingIdx', 'maxNorm', 'normType', ...factoryKeys]);
    this.maxNorm = options.maxNorm == null ? null : checkNumber('EmbeddingBag', 'maxNorm', options.maxNorm);
    this.normType = checkNumber('EmbeddingBag', 'normType', options.normType ?? 2, true);
    this.mode = options.mode ?? 'mean';
    this.includeLastOffset = options.includeLastOffset ?? false;
    const padding = options.paddingIdx ?? null;
    this.paddingIdx = padding === null ? null : paddingRow('EmbeddingBag', padding, numEmbeddings);
    this.weight = parameter(empty([numEmbeddings, embeddingDim], { device: options.device, dtype: options.dtype }));
    this.resetParameters();
  }

  resetParameters(): void {
    normal(this.weight);
    const row = this.paddingIdx;
    if (row !== null) noGrad(() => this.weight.narrow(0, row, 1).fill_(0));
  }

  forward(input: Tensor, offsets?: Tensor | readonly number[] | null, perSampleWeights?: Tensor | null): Tensor {
    return embeddingBag(input, this.weight, {
      offsets: offsets ?? null,
      mode: this.mode,
      perSampleWeights: perSampleWeights ?? null,
      includeLastOffset: this.includeLastOffset,
      paddingIdx: this.paddingIdx,
      maxNorm: this.maxNorm,
      normType: this.normType,
    });
  }

  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}, mode='${this.mode}'${this.paddingIdx !== null ? `, paddingIdx=${this.paddingIdx}` : ''}`;
  }
}
