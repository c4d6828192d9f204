import { noGrad, ones, scope, where, zeros, type Tensor } from '@dl/tensor';

/**
 * Rescales, in place, every row of `weight` that `indices` reads and whose `normType`-norm exceeds
 * `maxNorm` (torch's embedding_renorm_, what `max_norm` does before the lookup):
 *
 *   w_i ← w_i · maxNorm / (‖w_i‖_p + 1e-7)   where ‖w_i‖_p > maxNorm
 *
 * Outside autograd, as torch. A row read twice is written twice with the same value.
 * @example
 * embeddingRenorm_(table, tokens, 1, 2); // the rows of `tokens` now have norms ≤ 1
 */
export function embeddingRenorm_(weight: Tensor, indices: Tensor, maxNorm: number, normType: number): void {
  if (indices.numel() === 0) return;
  noGrad(() =>
    scope(() => {
      const flat = indices.reshape([-1]);
      const rows = weight.indexSelect(0, flat);
      const norms = rows.norm({ p: normType, dim: 1, keepdim: true });
      const scale = where(norms.gt(maxNorm), norms.add(1e-7).reciprocal().mul(maxNorm), 1);
      weight.indexCopy_(0, flat, rows.mul(scale));
    }),
  );
}

/**
 * How often each position's index occurs in `indices` [*], as a tensor of its shape: the divisor of
 * `scaleGradByFreq` (torch scales each row's gradient by the inverse of its count in the mini-batch).
 * @example
 * indexFrequencies(tensor([1, 3, 1], { dtype: 'int32' }), 5); // [2, 1, 2]
 */
export function indexFrequencies(indices: Tensor, numEmbeddings: number, dtype: Tensor['dtype']): Tensor {
  const flat = indices.reshape([-1]);
  const counts = zeros([numEmbeddings], { dtype, device: indices.device }).scatterAdd(
    0,
    flat,
    ones([flat.numel()], { dtype, device: indices.device }),
  );
  return counts.indexSelect(0, flat).reshape(indices.shape as number[]);
}
