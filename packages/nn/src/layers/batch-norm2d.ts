import type { Tensor } from '@dl/tensor';
import { BatchNormBase } from './batch-norm.js';

/**
 * Batch normalisation of [N, C, H, W] over N, H, W per channel C; see `BatchNormBase`.
 * γ [C] = 1, β [C] = 0; buffers running_mean [C] = 0, running_var [C] = 1, num_batches_tracked.
 * @example
 * const bn = new BatchNorm2d(16);
 * bn.eval(); // use the running statistics
 */
export class BatchNorm2d extends BatchNormBase {
  protected checkInput(input: Tensor): void {
    if (input.ndim !== 4)
      throw new Error(`BatchNorm2d: expected 4D input [N, C, H, W] (got ${input.ndim}D input [${input.shape.join(', ')}])`);
  }
}
