import { checkBoolean, checkNumber, composite, ones, readArguments, type Tensor, checkTensorArguments } from '@dl/tensor';
import { additiveMask } from './attention-mask.js';
import { dropout } from './dropout.js';

export interface ScaledDotProductAttentionOptions {
  /**
   * Added to the scores before the softmax, broadcast to [..., L, S]: a float mask is added as it is; in a
   * bool mask `true` marks the keys that take part (torch's convention here, the opposite of
   * MultiheadAttention's). Default none.
   */
  attnMask?: Tensor | null;
  /** Dropout probability on the attention weights, applied whenever it is > 0 (pass 0 in evaluation). Default 0. */
  dropoutP?: number;
  /** Let query i attend to keys 0…i only (the upper-left lower triangle); not with `attnMask`. Default false. */
  isCausal?: boolean;
  /** The factor of q·kᵀ. Default 1/√E, E the query's last dim. */
  scale?: number | null;
}

const positional = ['attnMask', 'dropoutP', 'isCausal', 'scale'] as const;

/**
 * softmax(q·kᵀ·scale + mask)·v (torch.nn.functional.scaled_dot_product_attention, torch 2's math
 * path): query [..., L, E], key [..., S, E], value [..., S, Ev] with broadcasting leading dims; the
 * result is [..., L, Ev]. Options by keyword, or positionally in torch's order.
 * @example
 * F.scaledDotProductAttention(q, k, v, { isCausal: true });
 */
export function scaledDotProductAttention(
  query: Tensor,
  key: Tensor,
  value: Tensor,
  ...rest:
    | [options?: ScaledDotProductAttentionOptions]
    | [attnMask?: Tensor | null, dropoutP?: number, isCausal?: boolean, scale?: number | null]
): Tensor {
  checkTensorArguments('scaledDotProductAttention', { query, key, value });
  const operation = 'scaledDotProductAttention';
  const options = readArguments<ScaledDotProductAttentionOptions>(operation, rest, positional, positional);
  const { attnMask = null, dropoutP = 0, isCausal = false, scale = null } = options;
  if (query.ndim < 2 || key.ndim < 2 || value.ndim < 2)
    throw new Error(
      `${operation}: query, key and value need at least 2 dims [..., length, features], got [${query.shape}], [${key.shape}], [${value.shape}]`,
    );
  const features = query.shape[query.ndim - 1]!;
  const sourceLength = key.shape[key.ndim - 2]!;
  if (key.shape[key.ndim - 1] !== features || value.shape[value.ndim - 2] !== sourceLength)
    throw new Error(
      `${operation}: key [..., S, E] must share the query's E and value [..., S, Ev] the key's S; got query [${query.shape}], key [${key.shape}], value [${value.shape}]`,
    );
  checkBoolean(operation, 'isCausal', isCausal);
  if (isCausal && attnMask !== null) throw new Error(`${operation}: give either attnMask or isCausal, not both`);
  const factor = scale === null ? 1 / Math.sqrt(features) : checkNumber(operation, 'scale', scale);
  return composite(() => {
    let scores = query.mul(factor).matmul(key.transpose(-2, -1));
    const length = query.shape[query.ndim - 2]!;
    if (isCausal) {
      const causal = ones([length, sourceLength], { dtype: 'bool', device: query.device }).tril();
      scores = scores.add(additiveMask(operation, 'causal mask', causal, scores.dtype, 'takes part'));
    } else if (attnMask !== null) scores = scores.add(additiveMask(operation, 'attnMask', attnMask, scores.dtype, 'takes part'));
    let weights = scores.softmax(-1);
    if (dropoutP > 0) weights = dropout(weights, dropoutP, true);
    return weights.matmul(value);
  });
}
