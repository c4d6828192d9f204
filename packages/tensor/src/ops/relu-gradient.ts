import type { Tensor } from '../core/tensor.js';
import { record } from '../autograd/record.js';
import { allocate } from './allocate.js';
import { isFloatPair } from './float-pair.js';
import { le, where } from './elementwise.js';
import { contiguous } from './views.js';

/**
 * ReLU's backward: 0 where `output` ≤ 0, else `gradient` — torch's threshold_backward, which passes the
 * gradient where the output is NaN (relu keeps NaN): a NaN forward then shows up as NaN gradients, as
 * in torch, instead of vanishing. The composite where(le(output, 0), 0, gradient) is the reference; a backend
 * with a fused `reluGradient` kernel computes it in one pass, without the comparison's bool tensor,
 * when both are float32 (or both float64) of one shape on one device. On that path the op is its own
 * primitive, linear in `gradient` with the same mask as its derivative, so second derivatives through
 * relu stay on the kernel: d reluGradient(g, y) = reluGradient(dg, y), and nothing flows to y.
 */
export function reluGradient(gradient: Tensor, output: Tensor): Tensor {
  const kernel = gradient.storage.backend.fused?.reluGradient;
  if (kernel === undefined || !isFloatPair(gradient, output)) return where(le(output, 0), 0, gradient);
  const incoming = contiguous(gradient);
  const mask = contiguous(output);
  const result = allocate(incoming.shape, incoming.dtype, incoming.device);
  kernel(incoming.kernelView(), mask.kernelView(), result.kernelView());
  return record(result, 'reluGradient', [incoming, mask], {});
}
