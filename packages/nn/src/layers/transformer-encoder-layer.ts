import { readArguments, type Tensor, checkTensorArguments } from '@dl/tensor';
import { TransformerLayerBase } from './transformer-layer-base.js';
import type { TransformerLayerOptions } from './transformer-parts.js';
export interface TransformerEncoderLayerCallOptions {
  /** [L, L] or [N·H, L, L]: `true`, or a float added to the scores, where a position may not look. Default none. */
  srcMask?: Tensor | null;
  /** [N, L]: `true`, or a float added to the scores, for the padding positions. Default none. */
  srcKeyPaddingMask?: Tensor | null;
}

const callKeys = ['srcMask', 'srcKeyPaddingMask'] as const;

/**
 * One Transformer encoder layer (torch.nn.TransformerEncoderLayer): self-attention then a feed-forward
 * block, each with dropout and a residual connection; post-norm
 *   x ← norm1(x + selfAttention(x)),  x ← norm2(x + linear2(dropout(activation(linear1(x)))))
 * or, with `normFirst`, pre-norm x ← x + selfAttention(norm1(x)), x ← x + feedForward(norm2(x)).
 * Submodules and state-dict names as torch's: `self_attn`, `linear1`, `linear2`, `norm1`, `norm2`.
 * Options also positionally in torch's order (dimFeedforward, dropout, activation, layerNormEps,
 * batchFirst, normFirst); `call(src, { srcMask, srcKeyPaddingMask })` or positionally.
 * @example
 * const layer = new TransformerEncoderLayer(512, 8, { batchFirst: true });
 * const encoded = layer.call(tokens, { srcKeyPaddingMask }); // [N, L, 512]
 */
export class TransformerEncoderLayer extends TransformerLayerBase {
  constructor(dModel: number, nhead: number, options?: TransformerLayerOptions);
  /** PyTorch's order: `TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps, batch_first, norm_first)`. */
  constructor(dModel: number, nhead: number, ...rest: unknown[]);
  constructor(dModel: number, nhead: number, ...rest: unknown[]) {
    super('TransformerEncoderLayer', dModel, nhead, rest, ['self_attn'], 2);
  }

  forward(src: Tensor, options?: TransformerEncoderLayerCallOptions): Tensor;
  /** PyTorch's order: `forward(src, src_mask, src_key_padding_mask)`. */
  forward(src: Tensor, ...rest: unknown[]): Tensor;
  forward(src: Tensor, ...rest: unknown[]): Tensor {
    checkTensorArguments('TransformerEncoderLayer.forward', { src });
    const { srcMask = null, srcKeyPaddingMask = null } = readArguments<TransformerEncoderLayerCallOptions>(
      'TransformerEncoderLayer.forward',
      rest,
      callKeys,
      callKeys,
    );
    const x = this.residual(src, this.norm1, (input) =>
      this.attentionBlock(this.selfAttn, this.dropout1, input, input, srcMask, srcKeyPaddingMask),
    );
    return this.residual(x, this.norm2, (input) => this.feedForwardBlock(input, this.dropout2));
  }
}
