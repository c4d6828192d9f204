import { checkBoolean, checkIndexBounds, checkNumber, composite, readArguments, type Tensor, checkTensorArguments } from '@dl/tensor';
import { embeddingRenorm_, indexFrequencies } from './embedding-renorm.js';
import { paddingRow } from './padding-row.js';

/** torch.nn.functional.embedding's keywords after the weight, in camelCase. */
export interface EmbeddingFunctionOptions {
  /** Positions equal to this index give their row but no gradient to it. Default null. */
  paddingIdx?: number | null;
  /** Rows read whose `normType`-norm exceeds this are first rescaled to it, in place (the weight changes). Default null. */
  maxNorm?: number | null;
  /** The p of `maxNorm`'s norm. Default 2. */
  normType?: number;
  /** Divide each row's gradient by how often its index occurs in the mini-batch. Default false. */
  scaleGradByFreq?: boolean;
  /** Sparse gradients: only false, as there are no sparse tensors. Default false. */
  sparse?: boolean;
}

const keys = ['paddingIdx', 'maxNorm', 'normType', 'scaleGradByFreq', 'sparse'] as const;

/**
 * Rows of `weight` [numEmbeddings, dim] picked by the int32 `input` of any shape; output
 * [...input.shape, dim] (torch.nn.functional.embedding). Positions equal to `paddingIdx` give their
 * row's value but no gradient to it; `maxNorm` first rescales, in place, each row read whose norm
 * exceeds it (w ← w·maxNorm/(‖w‖ + 1e-7)); `scaleGradByFreq` divides each row's gradient by its
 * index's count in `input`. torch's positional order or an options object after the weight.
 * @example
 * F.embedding(tokens, table); // tokens [batch, length] → [batch, length, dim]
 * F.embedding(tokens, table, { paddingIdx: 0, maxNorm: 1 });
 */
export function embedding(input: Tensor, weight: Tensor, options?: EmbeddingFunctionOptions): Tensor;
/** PyTorch's order: `embedding(input, weight, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse)`. */
export function embedding(
  input: Tensor,
  weight: Tensor,
  paddingIdx?: number | null,
  maxNorm?: number | null,
  normType?: number,
  scaleGradByFreq?: boolean,
  sparse?: boolean,
): Tensor;
export function embedding(input: Tensor, weight: Tensor, ...rest: unknown[]): Tensor {
  const options = readArguments<EmbeddingFunctionOptions>('embedding', rest, keys, keys);
  checkTensorArguments('embedding', { input, weight });
  const { paddingIdx = null, maxNorm = null, normType = 2, scaleGradByFreq = false, sparse = false } = options;
  if (input.dtype !== 'int32') throw new Error(`embedding: expected an int32 tensor of indices, got ${input.dtype}`);
  if (checkBoolean('embedding', 'sparse', sparse)) throw new Error('embedding: sparse gradients are not supported (sparse: true)');
  checkBoolean('embedding', 'scaleGradByFreq', scaleGradByFreq);
  checkNumber('embedding', 'normType', normType, true);
  const padding = paddingIdx === null ? null : paddingRow('embedding', paddingIdx, weight.shape[0]!);
  checkIndexBounds('embedding', input, weight.shape[0]!);
  if (maxNorm !== null) embeddingRenorm_(weight, input, checkNumber('embedding', 'maxNorm', maxNorm), normType);
  return composite(() => {
    const rows = weight.indexSelect(0, input.reshape([-1]));
    let output = rows.reshape([...input.shape, weight.shape[1]!]);
    if (scaleGradByFreq && weight.requiresGrad) {
      // same value, gradient divided by the count: out̄ + (out − out̄)/c
      const counts = indexFrequencies(input, weight.shape[0]!, weight.dtype).unsqueeze(-1);
      output = output.detach().add(output.sub(output.detach()).div(counts));
    }
    if (padding !== null && weight.requiresGrad) {
      // same value, but the padding positions take the detached copy: d/dW of out·m + out.detach()·(1 − m) = m
      const atPadding = input.eq(padding).unsqueeze(-1);
      output = output.detach().where(atPadding, output);
    }
    return output;
  });
}
