import { refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { mul } from './elementwise.js';
import { reshape } from './views.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

/**
 * The Kronecker product (torch.kron): for a of shape [a₀, a₁, …] and b of shape [b₀, b₁, …] (the one
 * with fewer dims gains leading 1s), out[i₀·b₀ + j₀, i₁·b₁ + j₁, …] = a[i₀, i₁, …]·b[j₀, j₁, …], of shape
 * [a₀·b₀, a₁·b₁, …]. Built as the broadcast product of a [a₀, 1, a₁, 1, …] and b [1, b₀, 1, b₁, …],
 * whose interleaved dims are then merged, so gradients flow to both. The dtype is the promoted one.
 * @example
 * kron(eye(2), tensor([[1, 2], [3, 4]])); // [[1, 2, 0, 0], [3, 4, 0, 0], [0, 0, 1, 2], [0, 0, 3, 4]]
 */
export function kron(a: Tensor, b: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('kron', ['a', 'b'], arguments);
  checkTensorArguments('kron', { a, b });
  assertSameDevice('kron', [a, b]);
  const rank = Math.max(a.ndim, b.ndim);
  const shapeOfA = [...new Array<number>(rank - a.ndim).fill(1), ...a.shape];
  const shapeOfB = [...new Array<number>(rank - b.ndim).fill(1), ...b.shape];
  return composite(() => {
    const spreadA = reshape(
      a,
      shapeOfA.flatMap((extent) => [extent, 1]),
    );
    const spreadB = reshape(
      b,
      shapeOfB.flatMap((extent) => [1, extent]),
    );
    const product = mul(spreadA, spreadB);
    return reshape(
      product,
      shapeOfA.map((extent, dim) => extent * shapeOfB[dim]!),
    );
  });
}
