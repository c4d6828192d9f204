import { checkInteger, describeValue, readArguments, refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';

/**
 * torch.tril_indices' and torch.triu_indices' keywords.
 * @example
 * triuIndices(4, 4, { offset: 1, device: 'cpu' });
 */
export interface TriangleIndicesOptions {
  /** The diagonal: 0 the main one, positive above it, negative below. Default 0. */
  offset?: number;
  /** The dtype of the result: int32 only (torch's default is int64). Default 'int32'. */
  dtype?: 'int32';
  /** The device of the result. Default 'cpu'. */
  device?: string;
}

/** The [2, N] row-major coordinates (i, j) of a rows × columns matrix with `keep(j − i)`. */
function coordinates(
  operation: string,
  rows: number,
  columns: number,
  rest: readonly unknown[],
  keep: (step: number, offset: number) => boolean,
): Tensor {
  const options = readArguments<TriangleIndicesOptions>(operation, rest, ['offset'], ['offset', 'dtype', 'device']);
  checkInteger(operation, 'row', rows, 0);
  checkInteger(operation, 'col', columns, 0);
  const offset = options.offset ?? 0;
  if (!Number.isInteger(offset)) throw new Error(`${operation}: offset must be an integer, got ${describeValue(offset)}`);
  if ((options.dtype ?? 'int32') !== 'int32')
    throw new Error(`${operation}: dtype must be 'int32' (the index dtype here), got ${describeValue(options.dtype)}`);
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < columns; j++)
      if (keep(j - i, offset)) {
        first.push(i);
        second.push(j);
      }
  return fromTypedArray(Int32Array.from([...first, ...second]), [2, first.length], 'int32', options.device ?? 'cpu');
}

/**
 * The coordinates of the lower triangle of a row × col matrix, on and below diagonal `offset` (j − i ≤
 * offset), as a [2, N] int32 tensor of rows then columns in row-major order (torch.tril_indices).
 * @example
 * trilIndices(3, 3); // [[0, 1, 1, 2, 2, 2], [0, 0, 1, 0, 1, 2]]
 */
export function trilIndices(row: number, col: number, offset?: number | TriangleIndicesOptions, options?: TriangleIndicesOptions): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('trilIndices', ['row', 'col', 'offset', 'options'], arguments);
  return coordinates('trilIndices', row, col, [offset, options], (step, diagonal) => step <= diagonal);
}

/**
 * The coordinates of the upper triangle of a row × col matrix, on and above diagonal `offset` (j − i ≥
 * offset), as a [2, N] int32 tensor of rows then columns in row-major order (torch.triu_indices).
 * @example
 * triuIndices(3, 3, 1); // [[0, 0, 1], [1, 2, 2]]
 */
export function triuIndices(row: number, col: number, offset?: number | TriangleIndicesOptions, options?: TriangleIndicesOptions): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('triuIndices', ['row', 'col', 'offset', 'options'], arguments);
  return coordinates('triuIndices', row, col, [offset, options], (step, diagonal) => step >= diagonal);
}
