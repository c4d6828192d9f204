import { checkInteger, full, readArguments, type DType, type Tensor, checkTensorArguments } from '@dl/tensor';
import { xavierUniform } from '../init/init.js';
import { isModule, Module } from '../module/module.js';
import { LayerNorm } from './layer-norm.js';
import { factoryKeys } from './shared.js';
import { decoderCallKeys, TransformerDecoderLayer, type TransformerDecoderCallOptions } from './transformer-decoder-layer.js';
import { TransformerEncoderLayer } from './transformer-encoder-layer.js';
import type { TransformerLayerOptions } from './transformer-parts.js';
import { TransformerDecoder, TransformerEncoder } from './transformer-stacks.js';

export interface TransformerOptions extends TransformerLayerOptions {
  /** The model width E. Default 512. */
  dModel?: number;
  /** Attention heads per layer. Default 8. */
  nhead?: number;
  /** Encoder layers. Default 6. */
  numEncoderLayers?: number;
  /** Decoder layers. Default 6. */
  numDecoderLayers?: number;
  /** An encoder module to use instead of the stack of encoder layers. Default none. */
  customEncoder?: Module | null;
  /** A decoder module to use instead of the stack of decoder layers. Default none. */
  customDecoder?: Module | null;
}

export interface TransformerCallOptions extends TransformerDecoderCallOptions {
  /** [S, S] or [N·H, S, S]: where a source position may not look. Default none. */
  srcMask?: Tensor | null;
  /** [N, S]: the source's padding positions. Default none. */
  srcKeyPaddingMask?: Tensor | null;
}

const positionals = [
  'dModel',
  'nhead',
  'numEncoderLayers',
  'numDecoderLayers',
  'dimFeedforward',
  'dropout',
  'activation',
  'customEncoder',
  'customDecoder',
  'layerNormEps',
  'batchFirst',
  'normFirst',
] as const;
const callKeys = ['srcMask', 'tgtMask', 'memoryMask', 'srcKeyPaddingMask', 'tgtKeyPaddingMask', 'memoryKeyPaddingMask'] as const;

/**
 * The encoder–decoder Transformer of "Attention Is All You Need" (torch.nn.Transformer): an encoder
 * stack over the source, a decoder stack over the target attending to the encoder's output, each ending
 * in a LayerNorm; every parameter of more than one dim re-initialised Xavier-uniform, as torch does.
 * State-dict names `encoder.layers.0.self_attn.in_proj_weight`, …, `decoder.norm.bias`. Options by
 * keyword or positionally in torch's order (dModel, nhead, numEncoderLayers, numDecoderLayers,
 * dimFeedforward, dropout, activation, customEncoder, customDecoder, layerNormEps, batchFirst, normFirst).
 * @example
 * const model = new Transformer({ dModel: 64, nhead: 4, numEncoderLayers: 2, numDecoderLayers: 2, batchFirst: true });
 * const output = model.call(src, tgt, { tgtMask: Transformer.generateSquareSubsequentMask(tgt.shape[1]!) });
 */
export class Transformer extends Module {
  declare encoder: Module;
  declare decoder: Module;
  readonly dModel: number;
  readonly nhead: number;
  readonly batchFirst: boolean;

  constructor(options?: TransformerOptions);
  constructor(...rest: unknown[]);
  constructor(...rest: unknown[]) {
    super();
    const owner = 'Transformer';
    const options = readArguments<TransformerOptions>(owner, rest, positionals, [...positionals, ...factoryKeys]);
    const { dModel = 512, nhead = 8, numEncoderLayers = 6, numDecoderLayers = 6, customEncoder = null, customDecoder = null } = options;
    checkInteger(owner, 'dModel', dModel);
    const layerOptions: TransformerLayerOptions = {
      dimFeedforward: options.dimFeedforward,
      dropout: options.dropout,
      activation: options.activation,
      layerNormEps: options.layerNormEps,
      batchFirst: options.batchFirst,
      normFirst: options.normFirst,
      device: options.device,
      dtype: options.dtype,
    };
    const finalNorm = () => new LayerNorm(dModel, { eps: options.layerNormEps ?? 1e-5, device: options.device, dtype: options.dtype });
    for (const [name, custom] of [
      ['customEncoder', customEncoder],
      ['customDecoder', customDecoder],
    ] as const)
      if (custom !== null && !isModule(custom)) throw new Error(`${owner}: ${name} must be a module or null, got ${typeof custom}`);
    this.encoder =
      customEncoder ??
      new TransformerEncoder(new TransformerEncoderLayer(dModel, nhead, layerOptions), numEncoderLayers, { norm: finalNorm() });
    this.decoder =
      customDecoder ??
      new TransformerDecoder(new TransformerDecoderLayer(dModel, nhead, layerOptions), numDecoderLayers, { norm: finalNorm() });
    for (const weight of this.parameters()) if (weight.ndim > 1) xavierUniform(weight);
    this.dModel = dModel;
    this.nhead = nhead;
    this.batchFirst = options.batchFirst ?? false;
  }

  forward(src: Tensor, tgt: Tensor, options?: TransformerCallOptions): Tensor;
  /** PyTorch's order: `forward(src, tgt, src_mask, tgt_mask, memory_mask, src_key_padding_mask, tgt_key_padding_mask, memory_key_padding_mask)`. */
  forward(src: Tensor, tgt: Tensor, ...rest: unknown[]): Tensor;
  forward(src: Tensor, tgt: Tensor, ...rest: unknown[]): Tensor {
    checkTensorArguments('Transformer.forward', { src, tgt });
    const masks = readArguments<TransformerCallOptions>('Transformer.forward', rest, callKeys, callKeys);
    const batchAxis = this.batchFirst ? 0 : 1;
    if (src.ndim === 3 && src.shape[batchAxis] !== tgt.shape[batchAxis])
      throw new Error(`Transformer: the batch number of src [${src.shape.join(', ')}] and tgt [${tgt.shape.join(', ')}] must be equal`);
    if (src.shape[src.ndim - 1] !== this.dModel || tgt.shape[tgt.ndim - 1] !== this.dModel)
      throw new Error(
        `Transformer: the feature number of src [${src.shape.join(', ')}] and tgt [${tgt.shape.join(', ')}] must be equal to dModel ${this.dModel}`,
      );
    const encoder = this.encoder as Module & { call(src: Tensor, options: object): Tensor };
    const decoder = this.decoder as Module & { call(tgt: Tensor, memory: Tensor, options: object): Tensor };
    const memory = encoder.call(src, { mask: masks.srcMask ?? null, srcKeyPaddingMask: masks.srcKeyPaddingMask ?? null });
    const decoderMasks = Object.fromEntries(decoderCallKeys.map((key) => [key, masks[key] ?? null]));
    return decoder.call(tgt, memory, decoderMasks);
  }

  /**
   * [size, size] float: 0 on and below the diagonal, −∞ above it, the causal mask of a target sequence
   * (torch's generate_square_subsequent_mask).
   * @example
   * Transformer.generateSquareSubsequentMask(3); // [[0, −∞, −∞], [0, 0, −∞], [0, 0, 0]]
   */
  static generateSquareSubsequentMask(size: number, options: { device?: string; dtype?: DType } = {}): Tensor {
    checkInteger('generateSquareSubsequentMask', 'size', size, 0);
    return full([size, size], Number.NEGATIVE_INFINITY, options).triu(1);
  }
}
