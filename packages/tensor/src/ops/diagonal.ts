import { refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { mul } from './elementwise.js';
import { indexSelect } from './indexing.js';
import { pad } from './join.js';
import { sum } from './reduce.js';
import { reshape, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.diag: a 1-D tensor of n values → the [n + |k|, n + |k|] matrix with them on diagonal k
 * (k > 0 above the main one, k < 0 below); a 2-D matrix → its diagonal k as 1-D. Gradients flow in both.
 * @example
 * diag(tensor([1, 2])); // [[1, 0], [0, 2]]
 */
export function diag(x: Tensor, diagonal = 0): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('diag', ['x', 'diagonal'], arguments);
  checkLive('diag', 'input', x);
  if (!Number.isInteger(diagonal)) throw new Error(`diag: diagonal must be an integer, got ${diagonal}`);
  if (x.ndim === 1) return composite(() => diagonalMatrix(x, diagonal));
  if (x.ndim === 2) return composite(() => diagonalOf(x, diagonal));
  throw new Error(`diag: expected a 1-D or 2-D tensor, got [${x.shape.join(', ')}]`);
}

/** The sum of a matrix's main diagonal (torch.trace). */
export function trace(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('trace', ['x'], arguments);
  checkLive('trace', 'input', x);
  if (x.ndim !== 2) throw new Error(`trace: expected a 2-D matrix, got [${x.shape.join(', ')}]`);
  // torch: "trace" not implemented for 'Bool' (a count of true diagonal entries is x.diagonal().sum())
  if (x.dtype === 'bool') throw new Error('trace: not implemented for bool; count the true diagonal entries with x.diagonal().sum()');
  return composite(() => sum(diagonalOf(x, 0)));
}

/** out[i][i + k] = x[i] (k ≥ 0) or out[j − k][j] = x[j] (k < 0): a 0/1 mask times x, padded to the size, along rows or columns. */
function diagonalMatrix(x: Tensor, diagonal: number): Tensor {
  const size = x.shape[0]! + Math.abs(diagonal);
  const mask = new Float64Array(size * size);
  for (let index = 0; index < x.shape[0]!; index++) {
    const [row, column] = diagonal >= 0 ? [index, index + diagonal] : [index - diagonal, index];
    mask[row * size + column] = 1;
  }
  const padded = pad(x, [0, Math.abs(diagonal)]);
  // above the main diagonal, row i holds x[i]; below it, column j holds x[j]
  const spread = diagonal >= 0 ? unsqueeze(padded, 1) : unsqueeze(padded, 0);
  return mul(fromTypedArray(mask, [size, size], x.dtype, x.device), spread);
}

/** x[i][i + k] for every i where it exists, read through the flattened matrix. */
function diagonalOf(x: Tensor, diagonal: number): Tensor {
  const [rows, columns] = x.shape as [number, number];
  const [firstRow, firstColumn] = diagonal >= 0 ? [0, diagonal] : [-diagonal, 0];
  const length = Math.max(0, Math.min(rows - firstRow, columns - firstColumn));
  const positions = Int32Array.from({ length }, (_, index) => (firstRow + index) * columns + firstColumn + index);
  return indexSelect(reshape(x, [-1]), 0, fromTypedArray(positions, [length], 'int32', x.device));
}
