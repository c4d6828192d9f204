import { readArguments, checkBoolean, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { full } from './creation.js';
import { indexPut } from './index-put.js';
import { checkLive } from '../core/tensor-arguments.js';

/** torch.Tensor.fill_diagonal_'s keyword. */
export interface FillDiagonalOptions {
  /** For a tall matrix, start again every columns + 1 rows (NumPy's fill_diagonal wrap). Default false. */
  wrap?: boolean;
}

/**
 * The coordinates of the main diagonal of `shape`, one index array per dim: (i, i, …, i) for i below
 * the smallest extent. With `wrap`, a tall matrix's diagonal goes on below as in NumPy: every
 * (columns + 1)-th element of the matrix read row by row, flat position p = j·(columns + 1).
 */
function diagonalCoordinates(shape: readonly number[], wrap: boolean): Int32Array[] {
  if (shape.length === 2 && wrap) {
    const [rows, columns] = shape as [number, number];
    const count = columns === 0 ? 0 : Math.ceil((rows * columns) / (columns + 1));
    const rowIndices = new Int32Array(count);
    const columnIndices = new Int32Array(count);
    for (let j = 0; j < count; j++) {
      const position = j * (columns + 1);
      rowIndices[j] = Math.floor(position / columns);
      columnIndices[j] = position % columns;
    }
    return [rowIndices, columnIndices];
  }
  const length = Math.min(...shape);
  const indices = Int32Array.from({ length }, (_, i) => i);
  return shape.map(() => indices);
}

/**
 * `x` with `value` on its main diagonal (torch.Tensor.fill_diagonal_ out of place; the in-place method
 * writes this into x). x has at least 2 dims, all of one length when more than 2.
 * @example
 * fillDiagonal(zeros([3, 3]), 1); // the identity
 * fillDiagonal(zeros([7, 3]), 5, { wrap: true }); // rows 0–2 and 4–6 hold a diagonal of 5s
 */
export function fillDiagonal(x: Tensor, value: number, wrap?: boolean | FillDiagonalOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('fillDiagonal', ['x', 'value', 'wrap'], arguments);
  const options = readArguments<FillDiagonalOptions>('fillDiagonal_', [wrap], ['wrap'], ['wrap']);
  const wraps = checkBoolean('fillDiagonal_', 'wrap', options.wrap ?? false);
  checkLive('fillDiagonal_', 'input', x);
  if (x.ndim < 2) throw new Error(`fillDiagonal_: dimensions must be larger than 1, got shape ${formatShape(x.shape)}`);
  if (x.ndim > 2 && x.shape.some((extent) => extent !== x.shape[0]))
    throw new Error(`fillDiagonal_: all dimensions of input must be of equal length, got shape ${formatShape(x.shape)}`);
  const coordinates = diagonalCoordinates(x.shape, wraps);
  const count = coordinates[0]!.length;
  return composite(() =>
    indexPut(
      x,
      coordinates.map((indices) => fromTypedArray(indices, [count], 'int32', x.device)),
      full([count], value, { dtype: x.dtype, device: x.device }),
    ),
  );
}
