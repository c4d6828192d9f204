import type { Tensor } from '../core/tensor.js';
import { record } from '../autograd/record.js';
import { allocate } from './allocate.js';
import { isFloatPair } from './float-pair.js';
import { gt, where } from './elementwise.js';
import { contiguous } from './views.js';

/**
 * ReLU's backward: `gradient` where `output` > 0, else 0 (also at output 0 and NaN, as torch's
 * threshold_backward). The composite where(gt(output, 0), gradient, 0) is the reference; a backend
 * with a fused `reluGradient` kernel computes it in one pass, without the comparison's bool tensor,
 * when both are float32 (or both float64) of one shape on one device. On that path the op is its own
 * primitive, linear in `gradient` with the same mask as its derivative, so second derivatives through
 * relu stay on the kernel: d reluGradient(g, y) = reluGradient(dg, y), and nothing flows to y.
 */
export function reluGradient(gradient: Tensor, output: Tensor): Tensor {
  const kernel = gradient.storage.backend.fused?.reluGradient;
  if (kernel === undefined || !isFloatPair(gradient, output)) return where(gt(output, 0), gradient, 0);
  const incoming = contiguous(gradient);
  const mask = contiguous(output);
  const result = allocate(incoming.shape, incoming.dtype, incoming.device);
  kernel(incoming.kernelView(), mask.kernelView(), result.kernelView());
  return record(result, 'reluGradient', [incoming, mask], {});
}
