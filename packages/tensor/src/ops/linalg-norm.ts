import type { DType } from '../core/dtype.js';
import { describeValue, readArguments, withoutNulls } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { type MatrixNormOrd, matrixNormOf } from './matrix-norm.js';
import { vectorNormOf } from './vector-norm.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.linalg.norm's arguments after the input.
 * @example
 * linalg.norm(x, { ord: 1, dim: [0, 1] }); // a matrix norm
 */
export interface LinalgNormOptions {
  /** A vector order (any number) or a matrix order ('fro', 'nuc', ±1, ±2, ±Infinity); see linalg.norm for which applies. Default: the 2-norm of the flattened dims. */
  ord?: MatrixNormOrd;
  /** One dim (a vector norm) or two (a matrix norm when ord is given). Default: every dim without ord, the input's own (1-D or 2-D) with it. */
  dim?: number | readonly number[];
  /** Keep the reduced dimensions with size 1. Default false. */
  keepdim?: boolean;
  /** Cast the input to this floating dtype first (no narrowing); the result's dtype. Default: the input's. */
  dtype?: DType | string;
}

const accepted = ['ord', 'dim', 'keepdim', 'dtype'];

/**
 * A vector or matrix norm by torch.linalg.norm's rules: a matrix norm (linalg.matrixNorm) when `ord`
 * is given and `dim` is a pair, or `dim` is omitted and the input is 2-D; else a vector norm
 * (linalg.vectorNorm, ord 2 when omitted) over `dim`, every dim when omitted (so without ord a 2-D
 * input gets the Frobenius norm). With ord but without dim the input must be 1-D or 2-D; a string ord
 * is always a matrix norm.
 * @example
 * linalg.norm(tensor([[1, 2], [3, 4]])); // √30, the flattened 2-norm
 * linalg.norm(tensor([[1, 2], [3, 4]]), 1); // 6, the largest column sum
 * linalg.norm(tensor([[1, 2], [3, 4]]), 1, { dim: 1 }); // [3, 7], vector 1-norms of the rows
 */
export function norm(x: Tensor, ord?: MatrixNormOrd | LinalgNormOptions, options?: LinalgNormOptions): Tensor;
/** torch's positional order: `linalg.norm(x, null, 1)` (None: the default), ord, dim, keepdim. */
export function norm(
  x: Tensor,
  ord: MatrixNormOrd | null,
  dim: number | readonly number[] | null,
  keepdim?: boolean,
  options?: Pick<LinalgNormOptions, 'dtype'>,
): Tensor;
export function norm(x: Tensor, ...rest: unknown[]): Tensor {
  const operation = 'linalg.norm';
  const read = withoutNulls(readArguments<LinalgNormOptions>(operation, rest, ['ord', 'dim', 'keepdim'], accepted));
  checkLive(operation, 'input', x);
  const { dim, keepdim, dtype } = read;
  const dims = dim === undefined ? undefined : typeof dim === 'number' ? [dim] : dim;
  if (dims !== undefined && (!Array.isArray(dims) || (dims.length !== 1 && dims.length !== 2)))
    throw new Error(`${operation}: If dim is specified, it must be of length 1 or 2. Got ${describeValue(dim)}`);
  if (dims === undefined && read.ord !== undefined && x.ndim !== 1 && x.ndim !== 2)
    throw new Error(`${operation}: If dim is not specified but ord is, the input must be 1D or 2D. Got ${x.ndim}D.`);
  const matrix = read.ord !== undefined && (dims?.length === 2 || (dims === undefined && x.ndim === 2));
  if (typeof read.ord === 'string' && !matrix)
    throw new Error(
      `${operation}: ord '${read.ord}' is a matrix norm; it needs a 2-D input or a dim of two dims, got a ${x.ndim}-D input${dims ? ` and dim ${describeValue(dim)}` : ''}`,
    );
  if (matrix) return matrixNormOf(operation, x, { ord: read.ord, dim: dims ?? [0, 1], keepdim, dtype });
  return vectorNormOf(operation, x, { ord: read.ord as number | undefined, dim: dims, keepdim, dtype });
}
