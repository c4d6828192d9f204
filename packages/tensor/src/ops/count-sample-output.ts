import { isGradEnabled } from '../autograd/grad-mode.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { add, mul } from './elementwise.js';

/**
 * Counts drawn on the host, as a tensor of `like`'s dtype and device. Where a parameter requires a
 * gradient the result does too, with gradient 0 (torch's poisson and binomial backward: the draws
 * are not reparameterised): + 0·parameter for each parameter (checked finite by the samplers).
 */
export function countSampleOutput(samples: Float64Array, like: Tensor, parameters: readonly Tensor[]): Tensor {
  const array = like.dtype === 'float64' ? samples : Float32Array.from(samples);
  let result = fromTypedArray(array, like.shape, like.dtype, like.device);
  if (isGradEnabled()) for (const parameter of parameters) if (parameter.requiresGrad) result = add(result, mul(parameter, 0));
  return result;
}
