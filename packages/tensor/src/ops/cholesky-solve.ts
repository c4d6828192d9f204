import { type CustomFunction, defineFunction, type FunctionContext } from '../autograd/custom-function.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import { readArguments, checkBoolean, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { broadcastShapes } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { eye } from './creation.js';
import { add, eq, neg } from './elementwise.js';
import { matmul } from './linalg.js';
import { batchElement, checkFloating, checkSquareMatrices, firstFlagged } from './square-matrices.js';
import { substitute } from './triangular-solve.js';
import { expand, reshape, slice, transpose } from './views.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

/**
 * torch.cholesky_solve's and torch.cholesky_inverse's argument after the factor (positional or
 * keyword in torch).
 * @example
 * choleskySolve(b, u, { upper: true });
 */
export interface CholeskyFactorOptions {
  /** The factor is upper triangular U with A = Uᵀ·U (true) or lower triangular L with A = L·Lᵀ (false). Default false. */
  upper?: boolean;
}

/**
 * The solution X of A·X = B given A's Cholesky factor (torch.cholesky_solve): A = L·Lᵀ (or Uᵀ·U with
 * `{ upper: true }`), B [*, n, k] and the factor [*, n, n] broadcast over their batch dims, one floating
 * dtype. Solved by forward then back substitution, reading only the factor's triangle; a zero on its
 * diagonal gives ±∞ and NaN, as torch. The gradients are torch's: for B, cholesky_solve(G, L); for
 * the factor, −(C + Cᵀ)·L (−U·(C + Cᵀ) for U) with C = cholesky_solve(G, L)·Xᵀ, written in tensor ops
 * so they differentiate again.
 * @example
 * const factor = linalg.cholesky(a);
 * choleskySolve(b, factor); // a⁻¹·b
 */
export function choleskySolve(b: Tensor, factor: Tensor, upper?: boolean | CholeskyFactorOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('choleskySolve', ['b', 'factor', 'upper'], arguments);
  const operation = 'cholesky_solve';
  const isUpper = readUpper(operation, upper);
  checkTensorArguments(operation, { b, factor });
  if (b.ndim < 2) throw new Error(`${operation}: b should have at least 2 dimensions, but has ${b.ndim} dimensions instead`);
  if (factor.ndim < 2) throw new Error(`${operation}: u should have at least 2 dimensions, but has ${factor.ndim} dimensions instead`);
  if (b.dtype !== factor.dtype)
    throw new Error(
      `${operation}: Expected b and A to have the same dtype, but found b of type ${b.dtype} and A of type ${factor.dtype} instead.`,
    );
  const size = checkSquareMatrices(operation, factor);
  checkFloating(operation, b);
  const rows = b.shape[b.ndim - 2]!;
  if (rows !== size)
    throw new Error(
      `${operation}: Incompatible matrix sizes for cholesky_solve: each A matrix is ${size} by ${size} but each b matrix is ${rows} by ${b.shape[b.ndim - 1]}`,
    );
  assertSameDevice(operation, [b, factor]);
  broadcastShapes(operation, b.shape.slice(0, -2), factor.shape.slice(0, -2));
  return CholeskySolve.apply(b, factor, isUpper);
}

/**
 * The inverse of A = L·Lᵀ (or Uᵀ·U with `{ upper: true }`) from its Cholesky factor [*, n, n]
 * (torch.cholesky_inverse): cholesky_solve(I, L), whose gradient is torch's
 * −(A⁻¹(G + Gᵀ)A⁻¹)·L. On the CPU a zero on the factor's diagonal throws torch's error; on devices that
 * read asynchronously the result holds ±∞ and NaN instead.
 * @example
 * choleskyInverse(linalg.cholesky(a)); // a⁻¹
 */
export function choleskyInverse(factor: Tensor, upper?: boolean | CholeskyFactorOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('choleskyInverse', ['factor', 'upper'], arguments);
  const operation = 'cholesky_inverse';
  const isUpper = readUpper(operation, upper);
  const size = checkSquareMatrices(operation, factor);
  const zero = size > 0 ? composite(() => zeroOnDiagonal(factor, size)) : undefined;
  if (zero)
    throw new Error(
      `${operation}: ${batchElement(factor, zero.batch)}The diagonal element ${zero.position + 1} is zero, the inversion could not be completed because the input matrix is singular.`,
    );
  return composite(() => {
    const identity = expand(eye(size, size, { dtype: factor.dtype, device: factor.device }), factor.shape);
    return CholeskySolve.apply(identity, factor, isUpper);
  });
}

/** The first matrix with a zero on its diagonal and where, read on devices that read synchronously. */
function zeroOnDiagonal(factor: Tensor, size: number): { batch: number; position: number } | undefined {
  // the diagonal of each matrix is every (n + 1)-th element of its n·n entries
  const flat = reshape(factor, [...factor.shape.slice(0, -2), size * size]);
  return firstFlagged(eq(slice(flat, -1, 0, size * size, size + 1), 0));
}

function readUpper(operation: string, upper: boolean | CholeskyFactorOptions | undefined): boolean {
  const read = readArguments<CholeskyFactorOptions>(operation, [upper], ['upper'], ['upper']);
  return checkBoolean(operation, 'upper', read.upper ?? false);
}

/** The solve as a graph node with torch's backward (its cholesky_solve_backward). */
const CholeskySolve: CustomFunction<[Tensor, Tensor, boolean]> = defineFunction({
  name: 'CholeskySolve',
  forward(context: FunctionContext & { upper: boolean }, b: Tensor, factor: Tensor, upper: boolean) {
    const batch = broadcastShapes('cholesky_solve', b.shape.slice(0, -2), factor.shape.slice(0, -2));
    const size = factor.shape[factor.ndim - 1]!;
    const rightHandSides = expand(b, [...batch, size, b.shape[b.ndim - 1]!]);
    const lower = expand(upper ? transpose(factor, -2, -1) : factor, [...batch, size, size]);
    // A·X = L·(Lᵀ·X) = B: L·Y = B from the top, then Lᵀ·X = Y from the bottom
    // L·(Lᵀ·X) = B: forward substitution with L, then back substitution with Lᵀ
    const solution = substitute(transpose(lower, -2, -1), substitute(lower, rightHandSides, false, false), true, false);
    context.upper = upper;
    context.saveForBackward(b, factor, solution);
    return solution;
  },
  backward(context: FunctionContext & { upper: boolean }, gradient: Tensor): (Tensor | null)[] {
    const [b, factor, solution] = context.savedTensors as [Tensor, Tensor, Tensor];
    const gradientOfB: Tensor = CholeskySolve.apply(gradient, factor, context.upper);
    if (!context.needsInputGrad[1]) return [gradientOfB, null, null];
    // with a graph (createGraph) X is recomputed from b and the factor, so that it differentiates too
    const x = isGradEnabled() ? CholeskySolve.apply(b, factor, context.upper) : solution;
    const common = matmul(gradientOfB, transpose(x, -2, -1));
    const symmetric = add(common, transpose(common, -2, -1));
    return [gradientOfB, neg(context.upper ? matmul(factor, symmetric) : matmul(symmetric, factor)), null];
  },
});
