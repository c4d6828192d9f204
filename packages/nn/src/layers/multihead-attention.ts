import { checkBoolean, checkInteger, checkNumber, empty, readArguments, type Tensor, checkTensorArguments } from '@dl/tensor';
import { multiHeadAttentionForward } from '../functional/multi-head-attention.js';
import { constant, xavierNormal, xavierUniform } from '../init/init.js';
import { Module } from '../module/module.js';
import { Linear } from './linear.js';
import { factoryKeys, type FactoryOptions } from './shared.js';

export interface MultiheadAttentionOptions extends FactoryOptions {
  /** Dropout probability on the attention weights in training. Default 0. */
  dropout?: number;
  /** Biases on the input and output projections. Default true. */
  bias?: boolean;
  /** Learn one extra key and value appended to every sequence (`bias_k`, `bias_v`). Default false. */
  addBiasKv?: boolean;
  /** Append a zero key and value to every head. Default false. */
  addZeroAttn?: boolean;
  /** Size of the keys. Default embedDim. */
  kdim?: number | null;
  /** Size of the values. Default embedDim. */
  vdim?: number | null;
  /** Inputs and output are [N, L, E] rather than [L, N, E]. Default false. */
  batchFirst?: boolean;
}

export interface MultiheadAttentionCallOptions {
  /** [N, S] (or [S] unbatched): `true`, or a float added to the scores, for the keys to ignore. Default none. */
  keyPaddingMask?: Tensor | null;
  /** Return the attention weights as well. Default true. */
  needWeights?: boolean;
  /** [L, S] or [N·H, L, S]: `true`, or a float added to the scores, where a query may not look. Default none. */
  attnMask?: Tensor | null;
  /** Average the returned weights over the heads. Default true. */
  averageAttnWeights?: boolean;
}

const constructorKeys = ['dropout', 'bias', 'addBiasKv', 'addZeroAttn', 'kdim', 'vdim', 'batchFirst'] as const;
const callKeys = ['keyPaddingMask', 'needWeights', 'attnMask', 'averageAttnWeights'] as const;

/**
 * Multi-head attention (torch.nn.MultiheadAttention): H heads of size E/H attend from the queries to
 * the keys, softmax(q·kᵀ/√(E/H) + mask)·v per head, then one output projection. Parameters and
 * state-dict names as torch's: `in_proj_weight` [3E, E] (or `q_proj_weight`, `k_proj_weight`,
 * `v_proj_weight` when kdim or vdim differ from E), `in_proj_bias` [3E], `bias_k`, `bias_v` [1, 1, E],
 * `out_proj.weight` / `out_proj.bias`; initialised as torch does (Xavier-uniform projections, zero
 * biases). `call(query, key, value, options)` returns [output, weights or null]; options also
 * positionally in torch's order (keyPaddingMask, needWeights, attnMask, averageAttnWeights).
 * @example
 * const attention = new MultiheadAttention(64, 8, { batchFirst: true });
 * const [output, weights] = attention.call(x, x, x, { keyPaddingMask }); // x [N, L, 64]
 */
export class MultiheadAttention extends Module {
  readonly kdim: number;
  readonly vdim: number;
  readonly headDim: number;
  readonly dropout: number;
  readonly addZeroAttn: boolean;
  readonly batchFirst: boolean;
  /** Whether keys and values have the query's size, so the three projections are packed in `in_proj_weight`. */
  readonly qkvSameEmbedDim: boolean;

  constructor(embedDim: number, numHeads: number, options?: MultiheadAttentionOptions);
  /** PyTorch's order: `MultiheadAttention(embed_dim, num_heads, dropout, bias, add_bias_kv, add_zero_attn, kdim, vdim, batch_first)`. */
  constructor(embedDim: number, numHeads: number, ...rest: unknown[]);
  constructor(
    readonly embedDim: number,
    readonly numHeads: number,
    ...rest: unknown[]
  ) {
    super();
    const owner = 'MultiheadAttention';
    checkInteger(owner, 'embedDim', embedDim);
    checkInteger(owner, 'numHeads', numHeads);
    const options = readArguments<MultiheadAttentionOptions>(owner, rest, constructorKeys, [...constructorKeys, ...factoryKeys]);
    this.headDim = Math.floor(embedDim / numHeads);
    if (this.headDim * numHeads !== embedDim) throw new Error(`${owner}: embedDim ${embedDim} must be divisible by numHeads ${numHeads}`);
    this.kdim = options.kdim == null ? embedDim : checkInteger(owner, 'kdim', options.kdim);
    this.vdim = options.vdim == null ? embedDim : checkInteger(owner, 'vdim', options.vdim);
    this.dropout = checkNumber(owner, 'dropout', options.dropout ?? 0);
    if (this.dropout < 0 || this.dropout > 1) throw new Error(`${owner}: dropout must be between 0 and 1, got ${this.dropout}`);
    const bias = checkBoolean(owner, 'bias', options.bias ?? true);
    const addBiasKv = checkBoolean(owner, 'addBiasKv', options.addBiasKv ?? false);
    this.addZeroAttn = checkBoolean(owner, 'addZeroAttn', options.addZeroAttn ?? false);
    this.batchFirst = checkBoolean(owner, 'batchFirst', options.batchFirst ?? false);
    this.qkvSameEmbedDim = this.kdim === embedDim && this.vdim === embedDim;
    const factory = { device: options.device, dtype: options.dtype };
    // own parameters first, then out_proj: torch's state-dict order
    if (this.qkvSameEmbedDim) this.registerParameter('in_proj_weight', empty([3 * embedDim, embedDim], factory));
    else {
      this.registerParameter('q_proj_weight', empty([embedDim, embedDim], factory));
      this.registerParameter('k_proj_weight', empty([embedDim, this.kdim], factory));
      this.registerParameter('v_proj_weight', empty([embedDim, this.vdim], factory));
    }
    if (bias) this.registerParameter('in_proj_bias', empty([3 * embedDim], factory));
    if (addBiasKv) {
      this.registerParameter('bias_k', empty([1, 1, embedDim], factory));
      this.registerParameter('bias_v', empty([1, 1, embedDim], factory));
    }
    this.registerModule('out_proj', new Linear(embedDim, embedDim, { bias, ...factory }));
    this.resetParameters();
  }

  /** [3E, E]: the packed query, key and value projections (null when kdim or vdim differ). */
  get inProjWeight(): Tensor | null {
    return this.tensorField('in_proj_weight');
  }
  get qProjWeight(): Tensor | null {
    return this.tensorField('q_proj_weight');
  }
  get kProjWeight(): Tensor | null {
    return this.tensorField('k_proj_weight');
  }
  get vProjWeight(): Tensor | null {
    return this.tensorField('v_proj_weight');
  }
  get inProjBias(): Tensor | null {
    return this.tensorField('in_proj_bias');
  }
  get biasK(): Tensor | null {
    return this.tensorField('bias_k');
  }
  get biasV(): Tensor | null {
    return this.tensorField('bias_v');
  }
  /** The output projection, a Linear(E, E) (state-dict prefix `out_proj`). */
  get outProj(): Linear {
    return this.getField('out_proj') as Linear;
  }

  private tensorField(name: string): Tensor | null {
    return (this.getField(name) as Tensor | undefined) ?? null;
  }

  /** torch's _reset_parameters: Xavier-uniform projections, zero biases, Xavier-normal bias_k and bias_v. */
  resetParameters(): void {
    for (const weight of [this.inProjWeight, this.qProjWeight, this.kProjWeight, this.vProjWeight]) if (weight) xavierUniform(weight);
    if (this.inProjBias) {
      constant(this.inProjBias, 0);
      constant(this.outProj.bias!, 0);
    }
    for (const extra of [this.biasK, this.biasV]) if (extra) xavierNormal(extra);
  }

  forward(query: Tensor, key: Tensor, value: Tensor, options?: MultiheadAttentionCallOptions): [Tensor, Tensor | null];
  /** PyTorch's order: `forward(query, key, value, key_padding_mask, need_weights, attn_mask, average_attn_weights)`. */
  forward(query: Tensor, key: Tensor, value: Tensor, ...rest: unknown[]): [Tensor, Tensor | null];
  forward(query: Tensor, key: Tensor, value: Tensor, ...rest: unknown[]): [Tensor, Tensor | null] {
    checkTensorArguments('MultiheadAttention.forward', { query, key, value });
    const options = readArguments<MultiheadAttentionCallOptions>('MultiheadAttention.forward', rest, callKeys, callKeys);
    const batchFirst = this.batchFirst && query.ndim === 3;
    if (batchFirst) {
      // [N, L, E] → [L, N, E], keeping which inputs are one tensor (self-attention projects them once)
      const transposedQuery = query.transpose(0, 1);
      const transposedKey = key === query ? transposedQuery : key.transpose(0, 1);
      value = value === key ? transposedKey : value === query ? transposedQuery : value.transpose(0, 1);
      [query, key] = [transposedQuery, transposedKey];
    }
    const [output, weights] = multiHeadAttentionForward(query, key, value, {
      embedDimToCheck: this.embedDim,
      numHeads: this.numHeads,
      inProjWeight: this.inProjWeight,
      inProjBias: this.inProjBias,
      biasK: this.biasK,
      biasV: this.biasV,
      addZeroAttn: this.addZeroAttn,
      dropoutP: this.dropout,
      outProjWeight: this.outProj.weight,
      outProjBias: this.outProj.bias,
      training: this.training,
      keyPaddingMask: options.keyPaddingMask ?? null,
      needWeights: options.needWeights ?? true,
      attnMask: options.attnMask ?? null,
      useSeparateProjWeight: !this.qkvSameEmbedDim,
      qProjWeight: this.qProjWeight,
      kProjWeight: this.kProjWeight,
      vProjWeight: this.vProjWeight,
      averageAttnWeights: options.averageAttnWeights ?? true,
    });
    return [batchFirst ? output.transpose(0, 1) : output, weights];
  }
}
