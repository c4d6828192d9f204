import { checkInteger, readArguments, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { Dropout } from './dropout.js';
import { LayerNorm } from './layer-norm.js';
import { Linear } from './linear.js';
import { MultiheadAttention } from './multihead-attention.js';
import { factoryKeys } from './shared.js';
import { activate, layerPositionals, layerSettings, type TransformerLayerOptions } from './transformer-parts.js';

/**
 * What torch's encoder and decoder layers share: their attentions, the feed-forward block
 * linear2(dropout(activation(linear1(x)))), one LayerNorm and one Dropout per block, and the choice of
 * post- or pre-norm. The fields are made in torch's order (attentions, linear1, dropout, linear2,
 * norm1…, dropout1…, activation), which is the state dict's; `declare`d, so that class fields do not
 * come first.
 */
export abstract class TransformerLayerBase extends Module {
  declare linear1: Linear;
  declare dropout: Dropout;
  declare linear2: Linear;
  declare readonly normFirst: boolean;
  declare norm1: LayerNorm;
  declare norm2: LayerNorm;
  declare dropout1: Dropout;
  declare dropout2: Dropout;
  declare activation: ((x: Tensor) => Tensor) | Module;

  /** `attentionNames`: the MultiheadAttention children (`self_attn`, …); `blocks`: how many norms and dropouts. */
  constructor(
    owner: string,
    readonly dModel: number,
    readonly nhead: number,
    rest: readonly unknown[],
    attentionNames: readonly string[],
    blocks: number,
  ) {
    super();
    checkInteger(owner, 'dModel', dModel);
    const settings = layerSettings(
      owner,
      readArguments<TransformerLayerOptions>(owner, rest, layerPositionals, [...layerPositionals, ...factoryKeys]),
    );
    const { factory } = settings;
    for (const name of attentionNames)
      this.registerModule(
        name,
        new MultiheadAttention(dModel, nhead, { dropout: settings.dropout, batchFirst: settings.batchFirst, ...factory }),
      );
    this.linear1 = new Linear(dModel, settings.dimFeedforward, factory);
    this.dropout = new Dropout(settings.dropout);
    this.linear2 = new Linear(settings.dimFeedforward, dModel, factory);
    this.normFirst = settings.normFirst;
    for (let block = 1; block <= blocks; block++)
      this.registerModule(`norm${block}`, new LayerNorm(dModel, { eps: settings.layerNormEps, ...factory }));
    for (let block = 1; block <= blocks; block++) this.registerModule(`dropout${block}`, new Dropout(settings.dropout));
    this.activation = settings.activation;
  }

  /** The target's (or source's) self-attention (state-dict prefix `self_attn`). */
  get selfAttn(): MultiheadAttention {
    return this.getField('self_attn') as MultiheadAttention;
  }

  /** `dropout(attention(query, keys, keys))`, without the weights. */
  protected attentionBlock(
    attention: MultiheadAttention,
    dropout: Dropout,
    query: Tensor,
    keys: Tensor,
    attnMask: Tensor | null,
    keyPaddingMask: Tensor | null,
  ): Tensor {
    const [attended] = attention.call(query, keys, keys, { attnMask, keyPaddingMask, needWeights: false });
    return dropout.call(attended);
  }

  /** `dropout(linear2(dropout(activation(linear1(x)))))`, the last dropout the block's own. */
  protected feedForwardBlock(x: Tensor, dropout: Dropout): Tensor {
    return dropout.call(this.linear2.call(this.dropout.call(activate(this.activation, this.linear1.call(x)))));
  }

  /** One residual block: norm(x + block(x)) after (post-norm), or x + block(norm(x)) before (normFirst). */
  protected residual(x: Tensor, norm: LayerNorm, block: (input: Tensor) => Tensor): Tensor {
    return this.normFirst ? x.add(block(norm.call(x))) : norm.call(x.add(block(x)));
  }
}
