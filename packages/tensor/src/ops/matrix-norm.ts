import type { DType } from '../core/dtype.js';
import { checkBoolean, describeValue, readArguments } from '../core/options.js';
import { composite } from '../core/scope.js';
import { normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { amax, amin, sum } from './reduce.js';
import { svdvals } from './singular-values.js';
import { checkFloating } from './square-matrices.js';
import { normType, vectorNormOf } from './vector-norm.js';
import { permute, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * A matrix norm's order: 'fro', 'nuc', ±1, ±2 or ±Infinity.
 * @example
 * const ord: MatrixNormOrd = 'nuc';
 */
export type MatrixNormOrd = 'fro' | 'nuc' | number;

/**
 * torch.linalg.matrix_norm's arguments after the input.
 * @example
 * linalg.matrixNorm(a, { ord: 'nuc', dim: [0, 2], keepdim: true });
 */
export interface MatrixNormOptions {
  /** 'fro', 'nuc' (Σ σᵢ), 1 / -1 (max / min column Σ|a|), Infinity / -Infinity (max / min row Σ|a|), 2 / -2 (σ_max / σ_min). Default 'fro'. */
  ord?: MatrixNormOrd;
  /** The two dims that hold the matrices. Default [-2, -1]. */
  dim?: readonly number[];
  /** Keep both reduced dimensions with size 1. Default false. */
  keepdim?: boolean;
  /** Cast the input to this floating dtype first (no narrowing); the result's dtype. Default: the input's. */
  dtype?: DType | string;
}

const accepted = ['ord', 'dim', 'keepdim', 'dtype'];
const orders: readonly unknown[] = ['fro', 'nuc', 1, -1, 2, -2, Infinity, -Infinity];

/**
 * Norms of the matrices in two dims of `a` (torch.linalg.matrix_norm), batched over the others:
 * 'fro' = √Σ a², 'nuc' = Σ σᵢ, 1 = max over columns of Σ|a| (−1: min), Infinity = max over rows
 * (−Infinity: min), 2 = σ_max (−2: σ_min). Composed of tensor ops with torch's gradients; 'nuc' and
 * ±2 go through linalg.svdvals, so they run on the CPU only, as svd.
 * @example
 * linalg.matrixNorm(tensor([[1, -2], [3, 4]]), 1); // 6
 * linalg.matrixNorm(tensor([[3, 0], [0, 4]]), { ord: 'nuc' }); // 7
 */
export function matrixNorm(a: Tensor, ord?: MatrixNormOrd | MatrixNormOptions, options?: MatrixNormOptions): Tensor;
/** torch's positional order: `linalg.matrixNorm(a, 'fro', [-2, -1], true)`, ord, dim, keepdim. */
export function matrixNorm(
  a: Tensor,
  ord: MatrixNormOrd,
  dim: readonly [number, number],
  keepdim?: boolean,
  options?: Pick<MatrixNormOptions, 'dtype'>,
): Tensor;
export function matrixNorm(a: Tensor, ...rest: unknown[]): Tensor {
  const operation = 'linalg.matrix_norm';
  return matrixNormOf(operation, a, readArguments<MatrixNormOptions>(operation, rest, ['ord', 'dim', 'keepdim'], accepted));
}

/**
 * matrixNorm with its arguments read, errors naming `operation` (linalg.norm calls it).
 * @example
 * matrixNormOf('linalg.norm', a, { ord: 'nuc', dim: [0, 1] });
 */
export function matrixNormOf(operation: string, a: Tensor, read: MatrixNormOptions): Tensor {
  checkLive(operation, 'a', a);
  const ord = read.ord ?? 'fro';
  if (!orders.includes(ord))
    throw new Error(
      `${operation}: Order ${describeValue(ord)} not supported; ord must be one of 'fro', 'nuc', 1, -1, 2, -2, Infinity, -Infinity`,
    );
  if (a.ndim < 2) throw new Error(`${operation}: The input tensor A must have at least 2 dimensions.`);
  checkFloating(operation, a);
  const given = read.dim ?? [-2, -1];
  if (!Array.isArray(given) || given.length !== 2)
    throw new Error(`${operation}: dim must be a 2-tuple of ints, got ${describeValue(given)}`);
  const dims = given.map((dim) => normalizeDim(operation, dim, a.ndim)) as [number, number];
  if (dims[0] === dims[1]) throw new Error(`${operation}: dims must be different. Got (${given[0]}, ${given[1]})`);
  const keepdim = checkBoolean(operation, 'keepdim', read.keepdim ?? false);
  if (ord === 'fro') return vectorNormOf(operation, a, { ord: 2, dim: dims, keepdim, dtype: read.dtype });
  if (ord === 'nuc' || Math.abs(ord as number) === 2) {
    const dtype = normType(operation, a.dtype, read.dtype);
    return composite(() => singularValueNorm(castTo(a, dtype), ord as 'nuc' | number, dims, keepdim));
  }
  // 1 and -1 reduce each column by Σ|a| then take the max (min) over columns; ±∞ is the same on rows
  const [inner, outer] = Math.abs(ord as number) === Infinity ? [dims[1], dims[0]] : dims;
  return composite(() => {
    const sums = vectorNormOf(operation, a, { ord: 1, dim: inner, keepdim, dtype: read.dtype });
    const remaining = !keepdim && inner < outer ? outer - 1 : outer;
    return (ord as number) > 0 ? amax(sums, remaining, keepdim) : amin(sums, remaining, keepdim);
  });
}

/** Σ σ ('nuc'), σ_max (2) or σ_min (−2) of the matrices in `dims`, moved last for svdvals. */
function singularValueNorm(a: Tensor, ord: 'nuc' | number, dims: [number, number], keepdim: boolean): Tensor {
  const order = [...a.shape.keys()].filter((axis) => axis !== dims[0] && axis !== dims[1]).concat(dims);
  const values = svdvals(permute(a, order));
  const norms = ord === 'nuc' ? sum(values, -1) : ord > 0 ? amax(values, -1) : amin(values, -1);
  if (!keepdim) return norms;
  return permute(
    unsqueeze(unsqueeze(norms, -1), -1),
    order.map((_, axis) => order.indexOf(axis)),
  );
}
