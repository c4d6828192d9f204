import { shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';

/**
 * Whether a gradient and the forward's output can go to a fused backward kernel together: both float32
 * or both float64, on one device, of one shape (ReLU's and log-softmax's gradients).
 */
export function isFloatPair(gradient: Tensor, output: Tensor): boolean {
  return (
    (gradient.dtype === 'float32' || gradient.dtype === 'float64') &&
    gradient.dtype === output.dtype &&
    gradient.device === output.device &&
    shapesEqual(gradient.shape, output.shape)
  );
}
