import { isFloating, promoteTypes } from '../core/dtype.js';
import { checkNumber, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { broadcastShapes } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { sub } from './elementwise.js';
import { norm } from './tensor-norm.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

/**
 * torch.dist's argument after the two tensors (positional or keyword in torch).
 * @example
 * dist(a, b, { p: 1 });
 */
export interface DistOptions {
  /** The order of the norm: any real number, 0 (count of differing elements), Infinity or -Infinity. Default 2. */
  p?: number;
}

/**
 * The p-norm of a − b over all elements (torch.dist): a and b broadcast together; their promoted dtype
 * must be floating. (Σ |aᵢ − bᵢ|^p)^(1/p); p = ∞ the largest |aᵢ − bᵢ|, p = −∞ the smallest, p = 0 the
 * count of nonzero differences. Computed as torch.norm(a − b, p), with its gradients.
 * @example
 * dist(tensor([0, 0]), tensor([3, 4])); // 5
 * dist(tensor([1, 2, 3]), tensor([1, 0, -3]), Infinity); // 6
 */
export function dist(a: Tensor, b: Tensor, p?: number | DistOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('dist', ['a', 'b', 'p'], arguments);
  const operation = 'dist';
  const { p: order = 2 } = readArguments<DistOptions>(operation, [p], ['p'], ['p']);
  checkNumber(operation, 'p', order, true);
  checkTensorArguments(operation, { a, b });
  const dtype = promoteTypes(a.dtype, b.dtype);
  if (!isFloating(dtype)) throw new Error(`${operation}: input dtype should be floating point, got ${a.dtype} and ${b.dtype}`);
  assertSameDevice(operation, [a, b]);
  broadcastShapes(operation, a.shape, b.shape);
  // torch.dist is torch.norm(a − b, p): its orders, its gradients, and 0 for empty tensors in every order
  return composite(() => norm(sub(a, b), order));
}
