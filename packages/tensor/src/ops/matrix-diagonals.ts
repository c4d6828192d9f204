import { readArguments } from '../core/options.js';
import { record } from '../autograd/record.js';
import { normalizeDim } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import { movedim } from './rearrangement.js';
import { reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/** torch.diagonal's keywords (and diagonal_scatter's), also accepted positionally in this order. */
export interface DiagonalOptions {
  /** Which diagonal: 0 the main one, > 0 above it, < 0 below it. Default 0. */
  offset?: number;
  /** The dim that indexes the diagonal's rows. Default 0 (linalg.diagonal: −2). */
  dim1?: number;
  /** The dim that indexes its columns. Default 1 (linalg.diagonal: −1). */
  dim2?: number;
}

/** The arguments after the input: torch's offset, dim1, dim2 positionally, then (or instead) their options. */
export type DiagonalArguments = [offset?: number | DiagonalOptions, dim1?: number | DiagonalOptions, dim2?: number | DiagonalOptions];

/**
 * Where diagonal `offset` of the matrices spanned by `dim1` (rows) and `dim2` (columns) lies: the
 * other dims (`batch`), the matrices' size, and the positions (r₀ + i)·columns + c₀ + i of its elements
 * in each matrix flattened row by row, r₀ = max(0, −offset), c₀ = max(0, offset).
 */
export interface DiagonalGeometry {
  offset: number;
  rowsDim: number;
  columnsDim: number;
  rows: number;
  columns: number;
  batch: number[];
  positions: Int32Array;
}

/** Reads torch's (offset, dim1, dim2) for `operation` and locates the diagonal in `input`, with torch's errors. */
export function diagonalGeometry(
  operation: string,
  input: Tensor,
  options: DiagonalArguments,
  defaults: [number, number],
): DiagonalGeometry {
  const names = ['offset', 'dim1', 'dim2'];
  const { offset = 0, dim1 = defaults[0], dim2 = defaults[1] } = readArguments<DiagonalOptions>(operation, options, names, names);
  checkLive(operation, 'input', input);
  if (!Number.isInteger(offset)) throw new Error(`${operation}: offset must be an integer, got ${offset}`);
  const rowsDim = normalizeDim(operation, dim1, input.ndim);
  const columnsDim = normalizeDim(operation, dim2, input.ndim);
  if (rowsDim === columnsDim) throw new Error(`${operation}: diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const [rows, columns] = [input.shape[rowsDim]!, input.shape[columnsDim]!];
  const [firstRow, firstColumn] = offset >= 0 ? [0, offset] : [-offset, 0];
  const length = Math.max(0, Math.min(rows - firstRow, columns - firstColumn));
  const batch = input.shape.filter((_, d) => d !== rowsDim && d !== columnsDim);
  const positions = Int32Array.from({ length }, (_, index) => (firstRow + index) * columns + firstColumn + index);
  return { offset, rowsDim, columnsDim, rows, columns, batch, positions };
}

/** `input`'s matrices moved to the last two dims and flattened into one: [...batch, rows·columns]. */
export function flattenedMatrices(input: Tensor, geometry: DiagonalGeometry): Tensor {
  const { rowsDim, columnsDim, rows, columns, batch } = geometry;
  return reshape(movedim(input, [rowsDim, columnsDim], [-2, -1]), [...batch, rows * columns]);
}

/**
 * The diagonal as a view of `input`'s storage: its elements lie one row stride plus one column stride
 * apart, from row r₀ = max(0, −offset), column c₀ = max(0, offset).
 */
function diagonalView(operation: string, input: Tensor, options: DiagonalArguments, defaults: [number, number]): Tensor {
  const { offset, rowsDim, columnsDim, batch, positions } = diagonalGeometry(operation, input, options, defaults);
  const [rowStride, columnStride] = [input.strides[rowsDim]!, input.strides[columnsDim]!];
  const batchStrides = input.strides.filter((_, dim) => dim !== rowsDim && dim !== columnsDim);
  const start =
    positions.length === 0 ? input.offset : input.offset + Math.max(0, -offset) * rowStride + Math.max(0, offset) * columnStride;
  const view = new Tensor(input.storage, [...batch, positions.length], [...batchStrides, rowStride + columnStride], start);
  return record(view, 'diagonal', [input], { offset, rowsDim, columnsDim });
}

/**
 * Diagonal `offset` of the matrices spanned by `dim1` and `dim2` (torch.diagonal, Tensor.diagonal): the
 * other dims in order, then the diagonal's elements as the last dim. A view, as torch's: writes into it
 * reach `input` (`x.diagonal().add_(1)` adds to x's diagonal); gradients flow back to the diagonal's
 * positions.
 * @example
 * diagonal(tensor([[1, 2], [3, 4]])); // [1, 4]
 * diagonal(randn([2, 3, 4]), { offset: 1, dim1: 1, dim2: 2 }); // [2, 3]
 */
export function diagonal(input: Tensor, ...options: DiagonalArguments): Tensor {
  return diagonalView('diagonal', input, options, [0, 1]);
}

/**
 * torch.linalg.diagonal: {@link diagonal} with the last two dims as the matrices' (dim1 = −2, dim2 = −1).
 * @example
 * linalg.diagonal(randn([5, 3, 3])); // [5, 3]
 */
export function linalgDiagonal(input: Tensor, ...options: DiagonalArguments): Tensor {
  return diagonalView('linalg.diagonal', input, options, [-2, -1]);
}
