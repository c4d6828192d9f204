import type { Tensor } from '../core/tensor.js';
import { record } from '../autograd/record.js';
import { allocate } from './allocate.js';
import { isFloatPair } from './float-pair.js';
import { le, where } from './elementwise.js';
import { isGradEnabled, noGrad } from '../autograd/grad-mode.js';
import { contiguous } from './views.js';

/**
 * ReLU's backward: 0 where `output` ≤ 0, else `gradient` — torch's threshold_backward, which passes the
 * gradient where the output is NaN (relu keeps NaN): a NaN forward then shows up as NaN gradients, as
 * in torch, instead of vanishing. The composite where(le(output, 0), 0, gradient) is the reference; a backend
 * with a fused `reluGradient` kernel computes it in one pass, without the comparison's bool tensor,
 * when both are float32 (or both float64) of one shape on one device. On that path the op is its own
 * primitive, linear in `gradient` with the same mask as its derivative, so second derivatives through
 * relu stay on the kernel: d reluGradient(g, y) = reluGradient(dg, y), and a zero derivative for y.
 *
 * Either way the result depends on y when y requires grad (a backward with createGraph), as torch's
 * threshold_backward(g, y) does: a second grad() through relu then returns zeros for relu's input
 * instead of finding it unused in the graph. Without createGraph (grad mode off) the composite is
 * the plain select, recorded nowhere.
 */
export function reluGradient(gradient: Tensor, output: Tensor): Tensor {
  const kernel = gradient.storage.backend.fused?.reluGradient;
  if (kernel === undefined || !isFloatPair(gradient, output)) {
    if (!isGradEnabled() || !output.requiresGrad) return where(le(output, 0), 0, gradient);
    // the where would record a dependence on g alone (its mask has no gradient): recorded as the
    // primitive instead, whose rule is this function again
    return record(
      noGrad(() => where(le(output, 0), 0, gradient)),
      'reluGradient',
      [gradient, output],
      {},
    );
  }
  const incoming = contiguous(gradient);
  const mask = contiguous(output);
  const result = allocate(incoming.shape, incoming.dtype, incoming.device);
  kernel(incoming.kernelView(), mask.kernelView(), result.kernelView());
  return record(result, 'reluGradient', [incoming, mask], {});
}
