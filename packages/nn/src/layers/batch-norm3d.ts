import type { Tensor } from '@dl/tensor';
import { BatchNormBase } from './batch-norm.js';

/**
 * Batch normalisation of volumes [N, C, D, H, W] over N, D, H, W per channel C (torch.nn.BatchNorm3d);
 * see `BatchNormBase`. γ [C] = 1, β [C] = 0; buffers running_mean [C] = 0, running_var [C] = 1,
 * num_batches_tracked.
 * @example
 * const bn = new BatchNorm3d(16);
 * bn.call(randn([2, 16, 4, 8, 8])); // training: batch statistics, running ones updated
 */
export class BatchNorm3d extends BatchNormBase {
  protected checkInput(input: Tensor): void {
    if (input.ndim !== 5)
      throw new Error(`BatchNorm3d: expected 5D input [N, C, D, H, W] (got ${input.ndim}D input [${input.shape.join(', ')}])`);
  }
}
