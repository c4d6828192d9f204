import { checkInteger, isTensor, readArguments, type Tensor, checkTensorArguments } from '@dl/tensor';
import { ModuleList } from '../containers/module-list.js';
import { deepCopy } from '../module/deep-copy.js';
import { isModule, Module } from '../module/module.js';
import { decoderCallKeys, type TransformerDecoderCallOptions, type TransformerDecoderLayer } from './transformer-decoder-layer.js';
import type { TransformerEncoderLayer, TransformerEncoderLayerCallOptions } from './transformer-encoder-layer.js';

export interface TransformerEncoderOptions {
  /** A module applied to the last layer's output (Transformer passes a LayerNorm). Default none. */
  norm?: Module | null;
  /** Accepted for torch's signature: torch's inference fast path packs padded batches as nested tensors, a path this library does not have. Default true. */
  enableNestedTensor?: boolean;
  /** Accepted for torch's signature, for the same fast path. Default true. */
  maskCheck?: boolean;
}

export interface TransformerEncoderCallOptions {
  /** [L, L] or [N·H, L, L]: where a position may not look. Default none. */
  mask?: Tensor | null;
  /** [N, L]: the padding positions. Default none. */
  srcKeyPaddingMask?: Tensor | null;
}

const encoderKeys = ['norm', 'enableNestedTensor', 'maskCheck'] as const;
const encoderCallKeys = ['mask', 'srcKeyPaddingMask'] as const;

/** `numLayers` independent copies of `layer` (torch's _get_clones: each starts with the layer's weights). */
function clones<M extends Module>(owner: string, layer: M, numLayers: number): ModuleList<M> {
  if (!isModule(layer)) throw new Error(`${owner}: expected a layer module first, got ${isTensor(layer) ? 'a tensor' : typeof layer}`);
  checkInteger(owner, 'numLayers', numLayers, 0);
  return new ModuleList(Array.from({ length: numLayers }, () => deepCopy(layer)));
}

function checkedNorm(owner: string, norm: unknown): Module | null {
  if (norm == null) return null;
  if (!isModule(norm)) throw new Error(`${owner}: norm must be a module or null, got ${typeof norm}`);
  return norm;
}

/**
 * A stack of `numLayers` encoder layers, each a copy of `encoderLayer` (torch.nn.TransformerEncoder),
 * then `norm` if given. State-dict names `layers.0.…`, `norm.…`. Options also positionally (norm,
 * enableNestedTensor, maskCheck); `call(src, { mask, srcKeyPaddingMask })` or positionally.
 * Unlike torch's inference fast path, padded positions keep their computed values (torch's nested-tensor
 * path returns zeros there in eval mode without gradients).
 * @example
 * const encoder = new TransformerEncoder(new TransformerEncoderLayer(512, 8), 6);
 */
export class TransformerEncoder extends Module {
  declare layers: ModuleList<TransformerEncoderLayer>;
  declare readonly numLayers: number;
  declare norm: Module | null;

  constructor(encoderLayer: TransformerEncoderLayer, numLayers: number, options?: TransformerEncoderOptions);
  /** PyTorch's order: `TransformerEncoder(encoder_layer, num_layers, norm, enable_nested_tensor, mask_check)`. */
  constructor(encoderLayer: TransformerEncoderLayer, numLayers: number, ...rest: unknown[]);
  constructor(encoderLayer: TransformerEncoderLayer, numLayers: number, ...rest: unknown[]) {
    super();
    const owner = 'TransformerEncoder';
    const options = readArguments<TransformerEncoderOptions>(owner, rest, encoderKeys, encoderKeys);
    this.layers = clones(owner, encoderLayer, numLayers);
    this.numLayers = numLayers;
    this.norm = checkedNorm(owner, options.norm);
  }

  forward(src: Tensor, options?: TransformerEncoderCallOptions): Tensor;
  /** PyTorch's order: `forward(src, mask, src_key_padding_mask)`. */
  forward(src: Tensor, ...rest: unknown[]): Tensor;
  forward(src: Tensor, ...rest: unknown[]): Tensor {
    checkTensorArguments('TransformerEncoder.forward', { src });
    const { mask = null, srcKeyPaddingMask = null } = readArguments<TransformerEncoderCallOptions>(
      'TransformerEncoder.forward',
      rest,
      encoderCallKeys,
      encoderCallKeys,
    );
    const layerOptions: TransformerEncoderLayerCallOptions = { srcMask: mask, srcKeyPaddingMask };
    let output = src;
    for (const layer of this.layers) output = layer.call(output, layerOptions);
    return this.norm ? (this.norm as Module & { call(x: Tensor): Tensor }).call(output) : output;
  }
}

/**
 * A stack of `numLayers` decoder layers, each a copy of `decoderLayer` (torch.nn.TransformerDecoder),
 * then `norm` if given. `call(tgt, memory, { tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask })`.
 * @example
 * const decoder = new TransformerDecoder(new TransformerDecoderLayer(512, 8), 6);
 */
export class TransformerDecoder extends Module {
  declare layers: ModuleList<TransformerDecoderLayer>;
  declare readonly numLayers: number;
  declare norm: Module | null;

  constructor(decoderLayer: TransformerDecoderLayer, numLayers: number, options?: { norm?: Module | null });
  /** PyTorch's order: `TransformerDecoder(decoder_layer, num_layers, norm)`. */
  constructor(decoderLayer: TransformerDecoderLayer, numLayers: number, norm?: Module | null);
  constructor(decoderLayer: TransformerDecoderLayer, numLayers: number, ...rest: unknown[]) {
    super();
    const owner = 'TransformerDecoder';
    const options = readArguments<{ norm?: Module | null }>(owner, rest, ['norm'], ['norm']);
    this.layers = clones(owner, decoderLayer, numLayers);
    this.numLayers = numLayers;
    this.norm = checkedNorm(owner, options.norm);
  }

  forward(tgt: Tensor, memory: Tensor, options?: TransformerDecoderCallOptions): Tensor;
  /** PyTorch's order: `forward(tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask)`. */
  forward(tgt: Tensor, memory: Tensor, ...rest: unknown[]): Tensor;
  forward(tgt: Tensor, memory: Tensor, ...rest: unknown[]): Tensor {
    checkTensorArguments('TransformerDecoder.forward', { tgt, memory });
    const masks = readArguments<TransformerDecoderCallOptions>('TransformerDecoder.forward', rest, decoderCallKeys, decoderCallKeys);
    let output = tgt;
    for (const layer of this.layers) output = layer.call(output, memory, masks);
    return this.norm ? (this.norm as Module & { call(x: Tensor): Tensor }).call(output) : output;
  }
}
