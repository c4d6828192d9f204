import { type Dims, type KeepdimOptions, type ReductionOptions, takesKeywords } from '../core/dim-arguments.js';
import { floatTypeFor, isFloating } from '../core/dtype.js';
import { checkBoolean, checkNumber, describeValue, isPlainObject, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { checkLive } from '../core/tensor-arguments.js';
import { castTo } from './convert.js';
import { abs } from './elementwise.js';
import { matrixNormOf } from './matrix-norm.js';
import { norm as pNorm, sum } from './reduce.js';
import { vectorNormOf } from './vector-norm.js';

/** torch's keywords of norm: `x.norm(p=1, dim=1)` is `x.norm({ p: 1, dim: 1 })`. */
export interface NormOptions extends ReductionOptions {
  /**
   * The order: any real number (2 Euclidean, 1, Infinity the largest |x|, -Infinity the smallest, 0
   * the count of nonzeros), 'fro' (the 2-norm over at most two dims) or 'nuc' (the nuclear norm of a
   * matrix). Default 2.
   */
  p?: number | 'fro' | 'nuc';
}

/** dim as a list, or undefined for every dim. */
function dimList(dim: Dims | undefined): number[] | undefined {
  if (dim === undefined || dim === null) return undefined;
  return typeof dim === 'number' ? [dim] : [...dim];
}

/**
 * The p-norm over `dim` (every element when omitted), as torch.norm: (Σ |x|^p)^(1/p); p = Infinity
 * is max |x|, −Infinity min |x|, 0 the count of nonzeros, as torch.linalg.vector_norm (with its
 * gradients); 'fro' is the 2-norm over every element or over one or two dims; 'nuc' the sum of the
 * singular values of a matrix (a 2-D input, or the two dims given; CPU only, through svdvals).
 * Positional (`norm(x, 1, 1)`) or torch's keywords (`norm(x, { p: 'fro', dim: [0, 1] })`). Integer
 * input is computed in its floating dtype.
 * @example
 * norm(tensor([[3, 0], [0, -4]])); // 5
 * norm(tensor([[3, 0], [0, -4]]), 0); // 2, the nonzeros
 * norm(tensor([[3, 0], [0, -4]]), 'nuc'); // 7
 */
export function norm(
  x: Tensor,
  p: number | 'fro' | 'nuc' | NormOptions = 2,
  dim?: Dims | ReductionOptions,
  keepdim?: boolean | KeepdimOptions,
): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('norm', ['x', 'p', 'dim', 'keepdim'], arguments);
  if (isPlainObject(p) || takesKeywords(dim, keepdim)) {
    const read = readArguments<NormOptions>('norm', [p, dim, keepdim], ['p', 'dim', 'keepdim'], ['p', 'dim', 'keepdim']);
    return norm(x, read.p ?? 2, read.dim, checkBoolean('norm', 'keepdim', read.keepdim ?? false));
  }
  const keep = keepdim === true;
  const dims = dimList(dim as Dims | undefined);
  if (p === 'fro') {
    if (dims !== undefined && dims.length > 2)
      throw new Error(`norm: 'fro' takes at most 2 dims, got ${describeValue(dims)} (torch's frobenius_norm refuses more too)`);
    return composite(() => vectorNormOf('norm', floating(x), { ord: 2, dim: dims, keepdim: keep }));
  }
  if (p === 'nuc') {
    if (dims === undefined && x.ndim !== 2)
      throw new Error(`norm: 'nuc' without dim expects a 2-D tensor, got ${x.ndim} dims; give the two dims of the matrices`);
    return composite(() => matrixNormOf('norm', floating(x), { ord: 'nuc', dim: dims ?? [0, 1], keepdim: keep }));
  }
  if (typeof p === 'string') throw new Error(`norm: p must be a number, 'fro' or 'nuc', got ${describeValue(p)}`);
  const order = checkNumber('norm', 'p', p, true);
  // torch.norm of an empty tensor is 0 in every order (linalg.vectorNorm refuses ±∞ and the negative
  // ones there, which have no identity); the sum keeps the reduced shape and an empty gradient
  checkLive('norm', 'input', x);
  if (x.numel() === 0) return composite(() => sum(abs(floating(x)), dims, keep));
  // 1, 2 and ∞ keep their direct reductions; every other order (0, −∞, negative, fractional) is the
  // vector norm's, with its masked gradients
  if (order === 1 || order === 2 || order === Infinity) return pNorm(x, order, dim as Dims | undefined, keep);
  return composite(() => vectorNormOf('norm', floating(x), { ord: order, dim: dims, keepdim: keep }));
}

/** x in a floating dtype (norms of integers are computed in their float type). */
function floating(x: Tensor): Tensor {
  return isFloating(x.dtype) ? x : castTo(x, floatTypeFor(x.dtype));
}
