import type { Tensor } from '@dl/tensor';
import { calculateFanInAndFanOut, kaimingUniform, uniform } from '../init/init.js';

/**
 * PyTorch's default initialisation of Linear and the convolutions (their `reset_parameters`):
 * weight ~ kaiming_uniform(a = √5), i.e. U(−1/√fan_in, 1/√fan_in) in effect, and
 * bias ~ U(−1/√fan_in, 1/√fan_in).
 */
export function resetAffineParameters(weight: Tensor, bias: Tensor | null): void {
  kaimingUniform(weight, { a: Math.sqrt(5) });
  if (!bias) return;
  const { fanIn } = calculateFanInAndFanOut(weight.shape);
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  uniform(bias, -bound, bound);
}
