import { checkInteger, describeValue, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { normalizeDim, sizeOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { inv } from './inverse.js';
import { movedim } from './rearrangement.js';
import { solve } from './solve.js';
import { reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.linalg.tensorinv's keyword, positional or as `{ ind }`.
 * @example
 * linalg.tensorinv(a, { ind: 1 });
 */
export interface TensorinvOptions {
  /** How many leading dims index the rows of the matrix A is read as (the others its columns); at least 1. Default 2. */
  ind?: number;
}

/**
 * torch.linalg.tensorsolve's keyword.
 * @example
 * linalg.tensorsolve(a, b, { dims: [0] });
 */
export interface TensorsolveOptions {
  /** Dims of A moved to the end (in this order) before solving, as torch.linalg.tensorsolve's dims. Default: none moved. */
  dims?: readonly number[];
}

/**
 * The inverse of A for tensordot (torch.linalg.tensorinv): A [s₀, …, s_{ind−1}, t₀, …] read as a square
 * matrix (Π sᵢ rows, Π tⱼ columns, which must be equal), inverted by `linalg.inv` and returned as
 * [t₀, …, s₀, …], so that tensordot(tensorinv(A, ind), A, ind) is the identity. A singular A throws
 * linalg.inv's error on the CPU, as torch. Gradients through linalg.inv.
 * @example
 * linalg.tensorinv(eye(6).reshape([6, 2, 3]), { ind: 1 }).shape; // [2, 3, 6]
 */
export function tensorinv(a: Tensor, ind?: number | TensorinvOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('tensorinv', ['a', 'ind'], arguments);
  const operation = 'linalg.tensorinv';
  const read = readArguments<TensorinvOptions>(operation, [ind], ['ind'], ['ind']);
  const leading = read.ind ?? 2;
  if (typeof leading !== 'number' || !Number.isInteger(leading) || leading <= 0)
    throw new Error(`${operation}: Expected a strictly positive integer for 'ind', but got ${describeValue(leading)}`);
  checkLive(operation, 'a', a);
  const rowShape = a.shape.slice(0, leading);
  const columnShape = a.shape.slice(leading);
  const [rows, columns] = [sizeOf(rowShape), sizeOf(columnShape)];
  if (rows !== columns)
    throw new Error(
      `${operation}: Expected self to satisfy the requirement prod(self.shape[ind:]) == prod(self.shape[:ind]), but got ${columns} != ${rows}`,
    );
  return composite(() => reshape(inv(reshape(a, [rows, rows])), [...columnShape, ...rowShape]));
}

/**
 * The X with tensordot(A, X, X.ndim) = B (torch.linalg.tensorsolve): A [*B.shape, *X.shape] read as a
 * square matrix (Π B.shape rows, Π X.shape columns, which must be equal; `dims` first moves those dims
 * of A to its end) and solved by `linalg.solve` against B flattened. Errors for a singular A or a
 * dtype mismatch are linalg.solve's, as torch. Gradients to A and B through linalg.solve.
 * @example
 * linalg.tensorsolve(eye(6).reshape([2, 3, 6]), ones([2, 3])).shape; // [6]
 */
export function tensorsolve(a: Tensor, b: Tensor, options?: TensorsolveOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('tensorsolve', ['a', 'b', 'options'], arguments);
  const operation = 'linalg.tensorsolve';
  const read = readArguments<TensorsolveOptions>(operation, [options], [], ['dims']);
  checkLive(operation, 'a', a);
  checkLive(operation, 'b', b);
  let moved = a;
  if (read.dims !== undefined) {
    if (!Array.isArray(read.dims)) throw new Error(`${operation}: dims must be an array of dims, got ${describeValue(read.dims)}`);
    const dims = read.dims.map((dim) => normalizeDim(operation, checkInteger(operation, 'dims', dim, -a.ndim), a.ndim));
    moved = movedim(
      a,
      dims,
      dims.map((_, index) => a.ndim - dims.length + index),
    );
  }
  const resultShape = moved.shape.slice(b.ndim);
  const [resultSize, otherSize] = [sizeOf(resultShape), b.numel()];
  if (resultSize !== otherSize)
    throw new Error(
      `${operation}: Expected self to satisfy the requirement prod(self.shape[other.ndim:]) == prod(self.shape[:other.ndim]), but got ${resultSize} != ${otherSize}`,
    );
  if (a.numel() !== resultSize * resultSize)
    throw new Error(`${operation}: shape '[${resultSize}, ${resultSize}]' is invalid for input of size ${a.numel()}`);
  return composite(() => reshape(solve(reshape(moved, [resultSize, resultSize]), reshape(b, [otherSize])), resultShape));
}
