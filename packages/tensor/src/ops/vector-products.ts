import { refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape, sizeOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { mul } from './elementwise.js';
import { matmulAnyDtype } from './integer-matmul.js';
import { outer } from './linalg.js';
import { multiDot } from './multi-dot.js';
import { sum } from './reduce.js';
import { checkRank } from './scaled-sum.js';
import { checkSameDtype } from './same-dtype.js';
import { clone, reshape, squeeze, transpose, unsqueeze } from './views.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

/**
 * The matrix-vector product mat·vec (torch.mv): mat [n, m], vec [m], one dtype (floating or int32),
 * of shape [n]. Differentiable in both.
 * @example
 * mv(tensor([[1, 2], [3, 4]]), tensor([1, 1])); // [3, 7]
 */
export function mv(mat: Tensor, vec: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('mv', ['mat', 'vec'], arguments);
  const operation = 'mv';
  checkRank(operation, 'mat', mat, 2);
  checkRank(operation, 'vec', vec, 1);
  if (mat.shape[1] !== vec.shape[0])
    throw new Error(`${operation}: size mismatch, mat of shape ${formatShape(mat.shape)} and vec of shape ${formatShape(vec.shape)}`);
  checkSameDtype(operation, { mat, vec });
  assertSameDevice(operation, [mat, vec]);
  return composite(() => squeeze(matmulAnyDtype(mat, unsqueeze(vec, 1)), -1));
}

/**
 * The outer product of two vectors (torch.ger, the deprecated alias of torch.outer): out[i, j] = a[i]·b[j].
 * @example
 * ger(tensor([1, 2]), tensor([3, 4, 5])); // [[3, 4, 5], [6, 8, 10]]
 */
export const ger: (a: Tensor, b: Tensor) => Tensor = outer;

/**
 * The sum of products over the last dims of a and b (torch.inner): for a [*a, k] and b [*b, k] the
 * result [*a, *b] holds Σₖ a[i…, k]·b[j…, k]; two vectors give their dot product (0-d), and a 0-d
 * operand multiplies the other elementwise. One dtype (floating or int32) unless an operand is 0-d.
 * Differentiable in both.
 * @example
 * inner(tensor([[1, 2], [3, 4]]), tensor([[1, 0], [0, 1], [1, 1]])); // [[1, 2, 3], [3, 4, 7]]
 */
export function inner(a: Tensor, b: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('inner', ['a', 'b'], arguments);
  const operation = 'inner';
  checkTensorArguments(operation, { a, b });
  if (a.ndim === 0 || b.ndim === 0) return mul(a, b);
  const length = a.shape[a.ndim - 1]!;
  if (b.shape[b.ndim - 1] !== length)
    throw new Error(
      `${operation}: the last dimension must match on both input tensors but got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  checkSameDtype(operation, { a, b });
  assertSameDevice(operation, [a, b]);
  const [leadingA, leadingB] = [a.shape.slice(0, -1), b.shape.slice(0, -1)];
  return composite(() => {
    const rows = reshape(a, [sizeOf(leadingA), length]);
    const columns = transpose(reshape(b, [sizeOf(leadingB), length]), 0, 1);
    return reshape(matmulAnyDtype(rows, columns), [...leadingA, ...leadingB]);
  });
}

/**
 * The dot product of two 1-D tensors of one length and one dtype (torch.vdot; for real tensors the
 * same as dot, the conjugate of the first being itself). 0-d; differentiable in both.
 * @example
 * vdot(tensor([1, 2, 3]), tensor([4, 5, 6])); // 32
 */
export function vdot(a: Tensor, b: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('vdot', ['a', 'b'], arguments);
  const operation = 'vdot';
  checkTensorArguments(operation, { a, b });
  if (a.ndim !== 1 || b.ndim !== 1)
    throw new Error(
      `${operation}: 1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors (shapes ${formatShape(a.shape)} and ${formatShape(b.shape)})`,
    );
  if (a.shape[0] !== b.shape[0])
    throw new Error(
      `${operation}: inconsistent tensor size, expected tensors of the same length, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  checkSameDtype(operation, { a, b });
  assertSameDevice(operation, [a, b]);
  return composite(() => sum(mul(a, b)));
}

/**
 * The product of one or more matrices (torch.chain_matmul, deprecated in torch for linalg.multiDot):
 * every operand 2-D, multiplied in the cheapest order; one matrix gives a copy of it.
 * @example
 * chainMatmul(a, b, c); // a·b·c
 */
export function chainMatmul(...matrices: Tensor[]): Tensor {
  const operation = 'chain_matmul';
  if (matrices.length === 0) throw new Error(`${operation}: Expected one or more matrices`);
  matrices.forEach((matrix, index) => checkRank(operation, `matrix ${index}`, matrix, 2));
  return matrices.length === 1 ? clone(matrices[0]!) : multiDot(matrices);
}
