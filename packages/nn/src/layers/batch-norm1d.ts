import type { Tensor } from '@dl/tensor';
import { BatchNormBase } from './batch-norm.js';

/**
 * Batch normalisation of [N, C] or [N, C, L] over N (and L), per channel C; see `BatchNormBase`.
 * γ [C] = 1, β [C] = 0; buffers running_mean [C] = 0, running_var [C] = 1, num_batches_tracked.
 * @example
 * const bn = new BatchNorm1d(64);
 * bn.call(randn([32, 64])); // training: batch statistics, running ones updated
 */
export class BatchNorm1d extends BatchNormBase {
  protected checkInput(input: Tensor): void {
    if (input.ndim !== 2 && input.ndim !== 3)
      throw new Error(`BatchNorm1d: expected 2D or 3D input [N, C(, L)] (got ${input.ndim}D input [${input.shape.join(', ')}])`);
  }
}
