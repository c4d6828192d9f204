import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { where } from '../ops/elementwise.js';

/**
 * log σ(x) = min(x, 0) − log(1 + e^(−|x|)) (torch's logsigmoid), which neither overflows nor loses the
 * small values of log(1 − p) for p near 1 (= log σ(−logits)); its gradient is σ(−x), ½ at 0 as torch's.
 * @example
 * logSigmoid(tensor([0, -40])); // [-0.6931, -40]
 */
export function logSigmoid(x: Tensor): Tensor {
  return composite(() => {
    const negative = x.lt(0);
    return where(negative, x, 0).sub(where(negative, x, x.neg()).exp().log1p());
  });
}
