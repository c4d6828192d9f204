import { readArguments, type Tensor, checkTensorArguments } from '@dl/tensor';
import type { Dropout } from './dropout.js';
import type { LayerNorm } from './layer-norm.js';
import type { MultiheadAttention } from './multihead-attention.js';
import { TransformerLayerBase } from './transformer-layer-base.js';
import type { TransformerLayerOptions } from './transformer-parts.js';
export interface TransformerDecoderCallOptions {
  /** [T, T] or [N·H, T, T]: where a target position may not look (a causal mask). Default none. */
  tgtMask?: Tensor | null;
  /** [T, S] or [N·H, T, S]: where a target position may not look in the memory. Default none. */
  memoryMask?: Tensor | null;
  /** [N, T]: the target's padding positions. Default none. */
  tgtKeyPaddingMask?: Tensor | null;
  /** [N, S]: the memory's padding positions. Default none. */
  memoryKeyPaddingMask?: Tensor | null;
}

export const decoderCallKeys = ['tgtMask', 'memoryMask', 'tgtKeyPaddingMask', 'memoryKeyPaddingMask'] as const;

/**
 * One Transformer decoder layer (torch.nn.TransformerDecoderLayer): self-attention over the target,
 * attention from the target to the encoder's output (the memory), then a feed-forward block, each with
 * dropout, a residual connection and a layer norm (after the sum, or before the block with
 * `normFirst`). State-dict names as torch's: `self_attn`, `multihead_attn`, `linear1`, `linear2`,
 * `norm1`–`norm3`. Options as TransformerEncoderLayer's; `call(tgt, memory, options)`, the options also
 * positionally in torch's order (tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask).
 * @example
 * const layer = new TransformerDecoderLayer(512, 8);
 * const decoded = layer.call(tgt, memory, { tgtMask: Transformer.generateSquareSubsequentMask(tgt.shape[0]!) });
 */
export class TransformerDecoderLayer extends TransformerLayerBase {
  declare norm3: LayerNorm;
  declare dropout3: Dropout;

  constructor(dModel: number, nhead: number, options?: TransformerLayerOptions);
  /** PyTorch's order: `TransformerDecoderLayer(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps, batch_first, norm_first)`. */
  constructor(dModel: number, nhead: number, ...rest: unknown[]);
  constructor(dModel: number, nhead: number, ...rest: unknown[]) {
    super('TransformerDecoderLayer', dModel, nhead, rest, ['self_attn', 'multihead_attn'], 3);
  }

  /** The attention from the target to the memory (state-dict prefix `multihead_attn`). */
  get multiheadAttn(): MultiheadAttention {
    return this.getField('multihead_attn') as MultiheadAttention;
  }

  forward(tgt: Tensor, memory: Tensor, options?: TransformerDecoderCallOptions): Tensor;
  /** PyTorch's order: `forward(tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask)`. */
  forward(tgt: Tensor, memory: Tensor, ...rest: unknown[]): Tensor;
  forward(tgt: Tensor, memory: Tensor, ...rest: unknown[]): Tensor {
    checkTensorArguments('TransformerDecoderLayer.forward', { tgt, memory });
    const masks = readArguments<TransformerDecoderCallOptions>('TransformerDecoderLayer.forward', rest, decoderCallKeys, decoderCallKeys);
    const { tgtMask = null, memoryMask = null, tgtKeyPaddingMask = null, memoryKeyPaddingMask = null } = masks;
    let x = this.residual(tgt, this.norm1, (input) =>
      this.attentionBlock(this.selfAttn, this.dropout1, input, input, tgtMask, tgtKeyPaddingMask),
    );
    x = this.residual(x, this.norm2, (input) =>
      this.attentionBlock(this.multiheadAttn, this.dropout2, input, memory, memoryMask, memoryKeyPaddingMask),
    );
    return this.residual(x, this.norm3, (input) => this.feedForwardBlock(input, this.dropout3));
  }
}
