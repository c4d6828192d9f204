import { isFloating, resolveDType, type DType } from '../core/dtype.js';
import type { Dims } from '../core/dim-arguments.js';
import { checkBoolean, describeValue, readArguments, withoutNulls } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape, normalizeDims } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { full } from './creation.js';
import { abs, eq, mul, ne, pow, sqrt, where } from './elementwise.js';
import { amax, amin, rootAwayFromZero, sum } from './reduce.js';
import { reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.linalg.vector_norm's arguments after the input.
 * @example
 * linalg.vectorNorm(x, { ord: 1, dim: -1, keepdim: true });
 */
export interface VectorNormOptions {
  /** The order p: any real number, 0 (the count of nonzeros), Infinity (max |x|) or -Infinity (min |x|). Default 2. */
  ord?: number;
  /** The dimension(s) to reduce; undefined or [] reduce every dimension. Default: every dimension. */
  dim?: Dims;
  /** Keep each reduced dimension with size 1. Default false. */
  keepdim?: boolean;
  /** Cast the input to this floating dtype first (no narrowing: float64 → float32 is refused); the result's dtype. Default: the input's. */
  dtype?: DType | string;
}

const accepted = ['ord', 'dim', 'keepdim', 'dtype'];
const widths: Partial<Record<DType, number>> = { float16: 16, float32: 32, float64: 64 };

/**
 * The p-norm of vectors (torch.linalg.vector_norm): (Σ |x|^p)^(1/p) over `dim` (every element by
 * default), max |x| for p = ∞, min |x| for p = −∞, the count of nonzeros for p = 0. Gradients are
 * torch's, also where it masks: 0 at the zero vector for p = 2 and wherever x = 0 for p < 1, shared
 * evenly by ties of ±∞, 0 for p = 0. Composed of tensor ops, so any device and any order of derivative.
 * @example
 * linalg.vectorNorm(tensor([3, -4])); // 5
 * linalg.vectorNorm(tensor([[1, -2], [0, 3]]), Infinity, { dim: 1 }); // [2, 3]
 */
export function vectorNorm(x: Tensor, ord?: number | VectorNormOptions, options?: VectorNormOptions): Tensor;
/** torch's positional order: `linalg.vectorNorm(x, 2, -1, true)`, ord, dim (null: every dim), keepdim. */
export function vectorNorm(
  x: Tensor,
  ord: number | null,
  dim: number | readonly number[] | null,
  keepdim?: boolean,
  options?: Pick<VectorNormOptions, 'dtype'>,
): Tensor;
export function vectorNorm(x: Tensor, ...rest: unknown[]): Tensor {
  const operation = 'linalg.vector_norm';
  const read = withoutNulls(readArguments<VectorNormOptions>(operation, rest, ['ord', 'dim', 'keepdim'], accepted));
  return vectorNormOf(operation, x, read);
}

/**
 * vectorNorm with its arguments read, errors naming `operation` (linalg.norm and linalg.matrix_norm
 * call it).
 * @example
 * vectorNormOf('linalg.matrix_norm', a, { ord: 2, dim: [-2, -1] }); // the Frobenius norm
 */
export function vectorNormOf(operation: string, x: Tensor, read: VectorNormOptions): Tensor {
  checkLive(operation, 'input', x);
  const p = read.ord ?? 2;
  if (typeof p !== 'number' || Number.isNaN(p))
    throw new Error(`${operation}: ord must be a real number (0 and ±Infinity included), got ${describeValue(p)}`);
  const keepdim = checkBoolean(operation, 'keepdim', read.keepdim ?? false);
  const dtype = normType(operation, x.dtype, read.dtype);
  if (x.numel() === 0 && (p < 0 || p === Infinity))
    throw new Error(
      `${operation} cannot compute the ${p} norm on an empty tensor ${formatShape(x.shape)} because the operation does not have an identity`,
    );
  const everything = read.dim === undefined || (Array.isArray(read.dim) && read.dim.length === 0);
  if (x.ndim === 0) {
    // a 0-D input reduces over its one implicit dim (dim 0 or -1, or every dim)
    normalizeDims(operation, everything ? 0 : read.dim, 1);
    return composite(() => reshape(pNorm(reshape(x, [1]), p, [0], false, dtype), []));
  }
  const axes = normalizeDims(operation, everything ? undefined : read.dim, x.ndim);
  return composite(() => pNorm(x, p, axes, keepdim, dtype));
}

/**
 * A norm's dtype: the input's, or a given floating dtype at least as wide; torch's errors otherwise.
 * @example
 * normType('linalg.vector_norm', 'float32', 'float64'); // 'float64'
 */
export function normType(operation: string, input: DType, given: unknown): DType {
  if (!isFloating(input)) throw new Error(`${operation}: Expected a floating point or complex tensor as input. Got ${input}`);
  if (given === undefined) return input;
  const dtype = resolveDType(operation, given);
  if (!isFloating(dtype)) throw new Error(`${operation}: dtype should be floating point or complex, but got ${dtype}`);
  if (widths[input]! > widths[dtype]!)
    throw new Error(
      `${operation}: the dtype of the input (${input}) should be convertible without narrowing to the specified dtype (${dtype})`,
    );
  return dtype;
}

function pNorm(x: Tensor, p: number, axes: number[], keepdim: boolean, dtype: DType): Tensor {
  const input = castTo(x, dtype);
  if (p === 2) return rootAwayFromZero(sum(mul(input, input), axes, keepdim), sqrt);
  const magnitude = abs(input);
  if (p === Infinity) return amax(magnitude, axes, keepdim);
  if (p === -Infinity) return amin(magnitude, axes, keepdim);
  if (p === 1) return sum(magnitude, axes, keepdim);
  if (p === 0) {
    // the count, chosen over x by an always-true mask: in x's graph with torch's zero gradient
    const always = full(input.shape, 1, { dtype: 'bool', device: input.device });
    return sum(where(always, castTo(ne(input, 0), dtype), input), axes, keepdim);
  }
  // |x|^p with the value 0^p (0, or ∞ for p < 0) and a zero gradient at x = 0, as torch masks it for
  // p < 1 (where p·|x|^(p−1) is ∞); for p > 1 that gradient is 0 anyway
  const zero = eq(magnitude, 0);
  const powered = where(zero, p > 0 ? 0 : Infinity, pow(where(zero, 1, magnitude), p));
  // p < 0: a zero entry makes the total ∞ and the norm ∞^(1/p) = 0, with the gradient (1/p)·∞^(1/p − 1) = 0
  return rootAwayFromZero(sum(powered, axes, keepdim), (total) => pow(total, 1 / p));
}
