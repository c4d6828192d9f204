import { isFloating } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * Throws torch's errors for an input that is not a batch of floating-point square matrices [*, n, n]:
 * too few dims, non-square matrices, or an integer or bool dtype (torch's linear algebra has no integer
 * kernels; it names the dtype it got).
 * @example
 * checkSquareMatrices('linalg.inv', tensor([[1, 2, 3]])); // Error: linalg.inv: A must be batches of square matrices, but they are 1 by 3 matrices
 */
export function checkSquareMatrices(operation: string, matrices: Tensor, name = 'A'): number {
  checkLive(operation, 'matrices', matrices);
  if (matrices.ndim < 2) throw new Error(`${operation}: The input tensor ${name} must have at least 2 dimensions.`);
  const rows = matrices.shape[matrices.ndim - 2]!;
  const columns = matrices.shape[matrices.ndim - 1]!;
  if (rows !== columns)
    throw new Error(`${operation}: ${name} must be batches of square matrices, but they are ${rows} by ${columns} matrices`);
  checkFloating(operation, matrices);
  return rows;
}

/**
 * Throws torch's error for an integer or bool input of a linear-algebra function.
 * @example
 * checkFloating('linalg.det', tensor([[1]], { dtype: 'int32' })); // Error: linalg.det: Expected a floating point or complex tensor as input. Got int32
 */
export function checkFloating(operation: string, x: Tensor): void {
  if (!isFloating(x.dtype)) throw new Error(`${operation}: Expected a floating point or complex tensor as input. Got ${x.dtype}`);
}

/**
 * The first matrix of a batch [*, n] whose flag is set, and the first flagged position in it, read
 * synchronously; undefined when no flag is set or when the device reads only asynchronously (there the
 * caller's result carries inf or NaN instead of an error). One read of a single boolean in the usual,
 * unflagged case.
 * @example
 * firstFlagged(eq(pivots, 0)); // { batch: 1, position: 2 }: matrix 1 has its first zero pivot at step 2
 */
export function firstFlagged(flags: Tensor): { batch: number; position: number } | undefined {
  if (!flags.storage.backend.readSync || flags.numel() === 0) return undefined;
  if (!flags.any().itemSync()) return undefined;
  const values = flags.dataSync();
  const length = flags.shape[flags.ndim - 1]!;
  const first = values.findIndex((value) => value !== 0);
  return { batch: Math.floor(first / length), position: first % length };
}

/**
 * torch's "(Batch element b): " before a batched input's error; nothing for a single matrix.
 * @example
 * batchElement(zeros([2, 3, 3]), 1); // '(Batch element 1): '
 */
export function batchElement(matrices: Tensor, batch: number): string {
  return matrices.ndim > 2 ? `(Batch element ${batch}): ` : '';
}
