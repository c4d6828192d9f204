import type { Tensor } from '@dl/tensor';

/** ‖g_i‖₂ for each sample i of a batch g [B, ...]: sqrt(Σ over the non-batch axes of g²). */
export function perSampleSquaredNorm(gradient: Tensor): Tensor {
  return gradient.reshape([gradient.shape[0]!, -1]).square().sum(1);
}
