import { checkBoolean, withDefaults, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { broadcastShapes, formatShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { eq } from './elementwise.js';
import { eliminate } from './gaussian-elimination.js';
import { cat, stack } from './join.js';
import { expand, narrow, squeeze, transpose, unsqueeze } from './views.js';
import { checkSquareMatrices, firstFlagged } from './square-matrices.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.linalg.solve's keyword.
 * @example
 * linalg.solve(a, b, { left: false }); // X with X·A = B
 */
export interface SolveOptions {
  /** Solve A·X = B (true) or X·A = B (false). Default true. */
  left?: boolean;
}

/**
 * A⁻¹B for [*, n, n] matrices A and [*, n, k] right-hand sides B of one batch shape, by Gauss–Jordan
 * elimination of [A | B] with partial pivoting. On a device that reads synchronously an exactly zero
 * pivot (a singular A) throws `singular(batch, step)`; elsewhere the result holds inf and NaN.
 * @example
 * solveSquare(a, b, () => 'linalg.solve: singular'); // A⁻¹B
 */
export function solveSquare(matrices: Tensor, rightHandSides: Tensor, singular: (batch: number, step: number) => string): Tensor {
  const size = matrices.shape[matrices.ndim - 1]!;
  const columns = rightHandSides.shape[rightHandSides.ndim - 1]!;
  const { pivots, reduced } = eliminate(cat([matrices, rightHandSides], -1), 'jordan');
  if (size > 0) {
    const zero = firstFlagged(eq(stack(pivots, -1), 0));
    if (zero) throw new Error(singular(zero.batch, zero.position));
  }
  return narrow(reduced, -1, size, columns);
}

/**
 * The solution X of A·X = B (or X·A = B with `{ left: false }`) for square A [*, n, n]
 * (torch.linalg.solve): B is a batch of vectors [*, n] when it is 1-D or has A's shape without its
 * last dim, else a batch of matrices [*, n, k]; batch dims broadcast. A and B share one floating
 * dtype. On the CPU a singular A throws torch's error; on devices that read asynchronously the result
 * holds inf and NaN instead. Gradients flow to A and B through the elimination (to any order).
 * @example
 * linalg.solve(tensor([[2, 0], [0, 4]]), tensor([2, 2])); // [1, 0.5]
 */
export function solve(a: Tensor, b: Tensor, options?: SolveOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('solve', ['a', 'b', 'options'], arguments);
  const operation = 'linalg.solve';
  const left = checkBoolean(operation, 'left', withDefaults(operation, options, { left: true }).left);
  const { size, vector, batchShape } = checkSolveOperands(operation, a, b, left);
  return composite(() => {
    const rightHandSides = vector ? unsqueeze(b, -1) : b;
    // X·A = B ⇔ Aᵀ·Xᵀ = Bᵀ
    const matrices = left ? a : transpose(a, -2, -1);
    const columns = left ? rightHandSides : transpose(rightHandSides, -2, -1);
    const k = columns.shape[columns.ndim - 1]!;
    const solution = solveSquare(
      expand(matrices, [...batchShape, size, size]),
      expand(columns, [...batchShape, size, k]),
      (batch) =>
        `${operation}: ${batchShape.length > 0 ? `(Batch element ${batch}): ` : ''}The solver failed because the input matrix is singular.`,
    );
    const oriented = left ? solution : transpose(solution, -2, -1);
    return vector ? squeeze(oriented, -1) : oriented;
  });
}

/** What `solve` and `linalg.solve_ex` read of A and B: n, whether B is a batch of vectors, and the broadcast batch shape. */
export interface SolveOperands {
  size: number;
  vector: boolean;
  batchShape: number[];
}

/**
 * Checks A [*, n, n] and B as linalg.solve takes them, with torch's errors: one floating dtype and
 * device, B a batch of vectors (1-D, or A's shape without its last dim: NumPy's rule) or of matrices
 * whose rows (columns with `left` false) number n, batch dims that broadcast.
 */
export function checkSolveOperands(operation: string, a: Tensor, b: Tensor, left: boolean): SolveOperands {
  const size = checkSquareMatrices(operation, a);
  checkLive(operation, 'b', b);
  if (b.ndim < 1) throw new Error(`${operation}: The input tensor B must have at least 2 dimensions.`);
  if (b.dtype !== a.dtype)
    throw new Error(
      `${operation}: Expected A and B to have the same dtype, but found A of type ${a.dtype} and B of type ${b.dtype} instead`,
    );
  assertSameDevice(operation, [a, b]);
  // numpy's rule: B is a vector (batch) when 1-D or shaped as A without its last dim
  const vector = b.ndim === 1 || (b.ndim === a.ndim - 1 && shapesEqual(b.shape, a.shape.slice(0, -1)));
  const matrixShape = vector ? [...b.shape, 1] : b.shape;
  const [bRows, bColumns] = matrixShape.slice(-2) as [number, number];
  if (left ? bRows !== size : bColumns !== size)
    throw new Error(
      `${operation}: Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (${size}x${size} and ${bRows}x${bColumns})`,
    );
  const batchShape = broadcastShapes(operation, a.shape.slice(0, -2), matrixShape.slice(0, -2));
  if (!left && vector)
    throw new Error(
      `${operation}: Vector broadcasting of the left hand side is not supported for left=False. In this case linalg.solve is equivalent to B / A.squeeze(-1) (B ${formatShape(b.shape)})`,
    );
  return { size, vector, batchShape };
}
