import { cat, checkBoolean, checkInteger, composite, readArguments, zeros, type Tensor } from '@dl/tensor';
import { additiveMask } from './attention-mask.js';
import { dropout } from './dropout.js';
import { linear } from './linear.js';
import { pad } from './padding.js';

/** The weights and switches of one multi-head attention call (torch.nn.functional.multi_head_attention_forward's arguments). */
export interface MultiHeadAttentionOptions {
  /** The query's embedding size E, checked against its last dim. Required. */
  embedDimToCheck: number;
  /** H, the number of heads; E must be a multiple of it. Required. */
  numHeads: number;
  /** [3E, E]: the packed query, key and value projections, unless `useSeparateProjWeight`. Required without it. */
  inProjWeight?: Tensor | null;
  /** [3E]: the packed projection biases. Default none. */
  inProjBias?: Tensor | null;
  /** [1, 1, E]: a learnt key appended to every sequence (with `biasV`). Default none. */
  biasK?: Tensor | null;
  /** [1, 1, E]: the learnt value of that key. Default none. */
  biasV?: Tensor | null;
  /** Append a zero key and value to every head. Default false. */
  addZeroAttn?: boolean;
  /** Dropout probability on the attention weights, in training only. Default 0. */
  dropoutP?: number;
  /** [E, E]: the output projection. Required. */
  outProjWeight: Tensor;
  /** [E]: its bias. Default none. */
  outProjBias?: Tensor | null;
  /** Apply dropout. Default true. */
  training?: boolean;
  /** [N, S] (or [S] unbatched; S′ with `staticK`): `true` (or a float added to the scores) for the keys each batch element ignores. Default none. */
  keyPaddingMask?: Tensor | null;
  /** Return the attention weights as well. Default true. */
  needWeights?: boolean;
  /** [L, S] or [N·H, L, S]: `true` (or a float added to the scores) where a query may not look. Default none. */
  attnMask?: Tensor | null;
  /** Project with `qProjWeight`, `kProjWeight` and `vProjWeight` (keys and values of other sizes). Default false. */
  useSeparateProjWeight?: boolean;
  /** [E, E]: the query projection when separate. Default none. */
  qProjWeight?: Tensor | null;
  /** [E, kdim]: the key projection when separate. Default none. */
  kProjWeight?: Tensor | null;
  /** [E, vdim]: the value projection when separate. Default none. */
  vProjWeight?: Tensor | null;
  /** [N·H, S′, E/H]: projected keys to use as they are, of any length S′ (incremental decoding). Default none. */
  staticK?: Tensor | null;
  /** [N·H, S′, E/H]: projected values to use as they are. Default none. */
  staticV?: Tensor | null;
  /** Average the returned weights over the heads ([N, L, S]) rather than [N, H, L, S]. Default true. */
  averageAttnWeights?: boolean;
}

// torch's positional order after (query, key, value)
const positional = [
  'embedDimToCheck',
  'numHeads',
  'inProjWeight',
  'inProjBias',
  'biasK',
  'biasV',
  'addZeroAttn',
  'dropoutP',
  'outProjWeight',
  'outProjBias',
  'training',
  'keyPaddingMask',
  'needWeights',
  'attnMask',
  'useSeparateProjWeight',
  'qProjWeight',
  'kProjWeight',
  'vProjWeight',
  'staticK',
  'staticV',
  'averageAttnWeights',
] as const;

const operation = 'multiHeadAttentionForward';

function shapeError(what: string, expected: readonly number[], tensor: Tensor): Error {
  return new Error(`${operation}: ${what} must be [${expected.join(', ')}], got [${tensor.shape.join(', ')}]`);
}

/** q, k, v after their input projections, each [length, N, E]. */
function project(
  query: Tensor,
  key: Tensor,
  value: Tensor,
  options: MultiHeadAttentionOptions,
  embed: number,
  selfAttention: boolean,
): [Tensor, Tensor, Tensor] {
  const bias = options.inProjBias ?? null;
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== 3 * embed)) throw shapeError('inProjBias', [3 * embed], bias);
  const [biasQ, biasK, biasV] = bias ? (bias.chunk(3) as [Tensor, Tensor, Tensor]) : [null, null, null];
  if (options.useSeparateProjWeight) {
    const { qProjWeight, kProjWeight, vProjWeight } = options;
    if (!qProjWeight || !kProjWeight || !vProjWeight)
      throw new Error(`${operation}: useSeparateProjWeight needs qProjWeight, kProjWeight and vProjWeight`);
    if (qProjWeight.shape.join() !== `${embed},${embed}`) throw shapeError('qProjWeight', [embed, embed], qProjWeight);
    if (kProjWeight.shape.join() !== `${embed},${key.shape[2]}`) throw shapeError('kProjWeight', [embed, key.shape[2]!], kProjWeight);
    if (vProjWeight.shape.join() !== `${embed},${value.shape[2]}`) throw shapeError('vProjWeight', [embed, value.shape[2]!], vProjWeight);
    return [linear(query, qProjWeight, biasQ), linear(key, kProjWeight, biasK), linear(value, vProjWeight, biasV)];
  }
  const weight = options.inProjWeight;
  if (!weight) throw new Error(`${operation}: inProjWeight is required unless useSeparateProjWeight`);
  if (weight.shape.join() !== `${3 * embed},${embed}`) throw shapeError('inProjWeight', [3 * embed, embed], weight);
  if (key.shape[2] !== embed || value.shape[2] !== embed)
    throw new Error(`${operation}: packed projections need keys and values of size ${embed}, got [${key.shape}] and [${value.shape}]`);
  // self-attention projects once and splits, as torch's _in_projection_packed (same values either way)
  if (selfAttention) return linear(query, weight, bias).chunk(3, -1) as [Tensor, Tensor, Tensor];
  const [weightQ, weightK, weightV] = weight.chunk(3) as [Tensor, Tensor, Tensor];
  return [linear(query, weightQ, biasQ), linear(key, weightK, biasK), linear(value, weightV, biasV)];
}

/** [N, length, E] → [N, H, length, E/H]: the heads as a batch axis after N. */
function splitHeads(projected: Tensor, heads: number, headDim: number): Tensor {
  const [batch, length] = projected.shape as [number, number];
  return projected.reshape([batch, length, heads, headDim]).permute(0, 2, 1, 3);
}

/** torch's [N·H, S′, E/H] static keys or values as [N, H, S′, E/H]; null when not given. */
function staticHeads(name: string, tensor: Tensor | null | undefined, batch: number, heads: number, headDim: number): Tensor | null {
  if (!tensor) return null;
  if (tensor.ndim !== 3 || tensor.shape[0] !== batch * heads || tensor.shape[2] !== headDim)
    throw shapeError(name, [batch * heads, tensor.shape[1] ?? 0, headDim], tensor);
  return tensor.reshape([batch, heads, tensor.shape[1]!, headDim]);
}

/**
 * Multi-head attention (torch.nn.functional.multi_head_attention_forward, the math of
 * nn.MultiheadAttention): with q, k, v projected and split into H heads of size d = E/H,
 *   weights = softmax(q·kᵀ/√d + mask),  output = concat_h(weights_h·v_h)·W_outᵀ + b_out.
 * query [L, N, E], key [S, N, kdim], value [S, N, vdim] (or without N, unbatched). Returns
 * [output [L, N, E], weights [N, L, S] (per head [N, H, L, S]) or null]. Masks are merged as torch 2
 * does: each is made additive (a bool `true` → −∞) and the two are summed.
 * @example
 * const [output, weights] = F.multiHeadAttentionForward(x, x, x, { embedDimToCheck: 8, numHeads: 2,
 *   inProjWeight, inProjBias, outProjWeight, outProjBias });
 */
export function multiHeadAttentionForward(
  query: Tensor,
  key: Tensor,
  value: Tensor,
  ...rest: [options: MultiHeadAttentionOptions] | unknown[]
): [Tensor, Tensor | null] {
  const options = readArguments<MultiHeadAttentionOptions>(operation, rest, positional, positional);
  const heads = checkInteger(operation, 'numHeads', options.numHeads);
  const { addZeroAttn = false, dropoutP = 0, training = true, needWeights = true, averageAttnWeights = true } = options;
  for (const [name, flag] of Object.entries({ addZeroAttn, training, needWeights, averageAttnWeights }))
    checkBoolean(operation, name, flag);
  if (!options.outProjWeight) throw new Error(`${operation}: outProjWeight is required`);
  const batched = query.ndim === 3;
  if (!batched && query.ndim !== 2)
    throw new Error(`${operation}: query must be [L, N, E] (batched) or [L, E] (unbatched), got [${query.shape.join(', ')}]`);
  if (key.ndim !== query.ndim || value.ndim !== query.ndim)
    throw new Error(
      `${operation}: key and value must have the query's ${query.ndim} dims, got [${key.shape.join(', ')}] and [${value.shape.join(', ')}]`,
    );
  let keyPaddingMask = options.keyPaddingMask ?? null;
  if (keyPaddingMask && keyPaddingMask.ndim !== query.ndim - 1)
    throw new Error(
      `${operation}: keyPaddingMask must have ${query.ndim - 1} dims for a ${query.ndim}-D query, got [${keyPaddingMask.shape.join(', ')}]`,
    );
  const selfAttention = query === key && key === value;
  return composite(() => {
    if (!batched) {
      [query, key, value] = [query.unsqueeze(1), key.unsqueeze(1), value.unsqueeze(1)];
      if (keyPaddingMask) keyPaddingMask = keyPaddingMask.unsqueeze(0);
    }
    const [targetLength, batch, embed] = query.shape as [number, number, number];
    if (embed !== options.embedDimToCheck)
      throw new Error(`${operation}: expected embedding size ${options.embedDimToCheck}, got ${embed}`);
    const headDim = Math.floor(embed / heads);
    if (headDim * heads !== embed) throw new Error(`${operation}: embedding size ${embed} is not divisible by numHeads ${heads}`);
    if (key.shape[0] !== value.shape[0] || key.shape[1] !== batch || value.shape[1] !== batch)
      throw new Error(
        `${operation}: key and value must be [S, ${batch}, *] with one S, got [${key.shape.join(', ')}] and [${value.shape.join(', ')}]`,
      );
    const dtype = query.dtype;
    // From here on the batch is the leading axis, [N, length, features] and [N, H, length, E/H]: the
    // same arithmetic as torch's [length, N·H, E/H], without merging N into another axis (an ONNX export
    // with a dynamic batch can then follow every reshape). For batchFirst callers the transposes cancel.
    const [batchQuery, batchKey, batchValue] = [query.transpose(0, 1), key.transpose(0, 1), value.transpose(0, 1)];
    let [q, k, v] = project(batchQuery, batchKey, batchValue, options, embed, selfAttention);
    const staticKeys = staticHeads('staticK', options.staticK, batch, heads, headDim);
    const staticValues = staticHeads('staticV', options.staticV, batch, heads, headDim);
    // as torch: attnMask is checked against the keys passed in, keyPaddingMask against the keys the
    // scores see, which are the static keys when given (their S′ may differ from S)
    let sourceLength = key.shape[0]!;
    let attnMask = options.attnMask ? additiveMask(operation, 'attnMask', options.attnMask, dtype, 'left out') : null;
    if (attnMask) {
      if (attnMask.ndim === 2) {
        if (attnMask.shape[0] !== targetLength || attnMask.shape[1] !== sourceLength)
          throw shapeError('a 2-D attnMask', [targetLength, sourceLength], attnMask);
      } else if (attnMask.ndim === 3 && attnMask.shape.join() === `${batch * heads},${targetLength},${sourceLength}`)
        attnMask = attnMask.reshape([batch, heads, targetLength, sourceLength]);
      else throw shapeError('a 3-D attnMask', [batch * heads, targetLength, sourceLength], attnMask);
    }
    const keyLength = staticKeys ? staticKeys.shape[2]! : sourceLength;
    let padding = keyPaddingMask ? additiveMask(operation, 'keyPaddingMask', keyPaddingMask, dtype, 'left out') : null;
    if (padding && (padding.shape[0] !== batch || padding.shape[1] !== keyLength))
      throw shapeError('keyPaddingMask', batched ? [batch, keyLength] : [keyLength], options.keyPaddingMask!);
    // one more key (and a zero column in every mask) per appended position: the learnt bias key, the zero key
    const widen = () => {
      if (attnMask) attnMask = pad(attnMask, [0, 1]);
      if (padding) padding = pad(padding, [0, 1]);
    };
    const { biasK = null, biasV = null } = options;
    if ((biasK === null) !== (biasV === null)) throw new Error(`${operation}: biasK and biasV come together`);
    if (biasK && biasV) {
      if (staticKeys || staticValues) throw new Error(`${operation}: biasK and biasV cannot be added to staticK or staticV`);
      k = cat([k, biasK.expand(batch, 1, embed)], 1);
      v = cat([v, biasV.expand(batch, 1, embed)], 1);
      widen();
    }
    q = splitHeads(q, heads, headDim);
    k = staticKeys ?? splitHeads(k, heads, headDim);
    v = staticValues ?? splitHeads(v, heads, headDim);
    if (addZeroAttn) {
      const zero = zeros([batch, heads, 1, headDim], { dtype, device: query.device });
      k = cat([k, zero], 2);
      v = cat([v, zero], 2);
      widen();
    }
    sourceLength = k.shape[2]!;
    // [N, S] → [N, 1, 1, S]: every head and query of a batch element ignores the same keys
    const paddingPerHead = padding ? padding.reshape([batch, 1, 1, sourceLength]) : null;
    const mask = attnMask && paddingPerHead ? attnMask.add(paddingPerHead) : (attnMask ?? paddingPerHead);
    let scores = q.mul(1 / Math.sqrt(headDim)).matmul(k.transpose(-2, -1)); // [N, H, L, S]
    if (mask) scores = scores.add(mask);
    let weights = scores.softmax(-1);
    if (training && dropoutP > 0) weights = dropout(weights, dropoutP, true);
    const merged = weights.matmul(v).permute(0, 2, 1, 3).reshape([batch, targetLength, embed]);
    let output = linear(merged, options.outProjWeight, options.outProjBias ?? null).transpose(0, 1); // [L, N, E]
    let returned: Tensor | null = null;
    if (needWeights) returned = averageAttnWeights ? weights.sum(1).div(heads) : weights;
    if (!batched) {
      output = output.squeeze(1);
      if (returned) returned = returned.squeeze(0);
    }
    return [output, returned] as [Tensor, Tensor | null];
  });
}
