import type { Tensor } from '@dl/tensor';

/** ‖g_i‖₂² for each sample i of a batch g [B, ...]: Σ over the non-batch axes of g² (R1's term). */
export function perSampleSquaredNorm(gradient: Tensor): Tensor {
  return gradient.reshape([gradient.shape[0]!, -1]).square().sum(1);
}

/**
 * ‖g_i‖₂ for each sample i of a batch g [B, ...], as torch's `g.view(B, -1).norm(2, dim=1)` in the
 * WGAN-GP reference code. Not sqrt(Σ g²): d‖g‖/dg = g/‖g‖ is 0/0 where a sample's gradient is zero
 * (a dead ReLU critic, a saturated region), and sqrt's backward turns that into NaN in every critic
 * parameter; `norm` takes the subgradient 0 there, as torch does.
 */
export function perSampleNorm(gradient: Tensor): Tensor {
  return gradient.reshape([gradient.shape[0]!, -1]).norm(2, 1);
}
