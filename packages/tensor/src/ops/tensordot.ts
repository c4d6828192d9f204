import { isFloating } from '../core/dtype.js';
import { describeValue, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape, normalizeDim, sizeOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { checkSameDtype } from './same-dtype.js';
import { matmul } from './linalg.js';
import { sum } from './reduce.js';
import { permute, reshape } from './views.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

/**
 * The contracted dims of tensordot: a count n (the last n of a with the first n of b), or the pair of lists [dims of a, dims of b].
 * @example
 * const dims: TensordotDims = [[1, 0], [0, 1]];
 */
export type TensordotDims = number | readonly [readonly number[], readonly number[]];

/**
 * torch.tensordot's keyword: `tensordot(a, b, { dims: 1 })` is `tensordot(a, b, 1)`.
 * @example
 * tensordot(a, b, { dims: [[1, 0], [0, 1]] });
 */
export interface TensordotOptions {
  /** The dims to contract: a count n (the last n of a with the first n of b) or a pair of lists of equal length. Default 2. */
  dims?: TensordotDims;
}

/** The contracted dims of a and b as two lists of non-negative dims. */
function contractedDims(a: Tensor, b: Tensor, dims: TensordotDims): [number[], number[]] {
  if (typeof dims === 'number') {
    if (!Number.isInteger(dims) || dims < 0) throw new Error(`tensordot: expects dims >= 0, but got dims=${dims}`);
    if (dims > a.ndim || dims > b.ndim)
      throw new Error(`tensordot: dims ${dims} is larger than the rank of ${formatShape(a.shape)} or ${formatShape(b.shape)}`);
    return [Array.from({ length: dims }, (_, index) => a.ndim - dims + index), Array.from({ length: dims }, (_, index) => index)];
  }
  if (!Array.isArray(dims) || dims.length !== 2 || !dims.every((list) => Array.isArray(list)))
    throw new Error(`tensordot: dims must be an integer or a pair of lists of dims, got ${describeValue(dims)}`);
  const [first, second] = dims;
  if (first.length !== second.length)
    throw new Error(`tensordot: both dimension lists should have same length, got ${formatShape(first)} and ${formatShape(second)}`);
  const dimsOfA = first.map((dim) => normalizeDim('tensordot', dim, a.ndim));
  const dimsOfB = second.map((dim) => normalizeDim('tensordot', dim, b.ndim));
  if (new Set(dimsOfA).size !== dimsOfA.length || new Set(dimsOfB).size !== dimsOfB.length)
    throw new Error(`tensordot: a dim is repeated in ${formatShape(first)} or ${formatShape(second)}`);
  return [dimsOfA, dimsOfB];
}

/**
 * The sum of products of a and b over the contracted dims (torch.tensordot): out[i…, j…] =
 * Σ_k a[i…, k…]·b[k…, j…], of shape (a's free dims) ++ (b's free dims). `dims` is a count n (the last n
 * dims of a against the first n of b; default 2) or a pair of lists [dims of a, dims of b], given
 * positionally or as `{ dims }`. Computed as one matrix product of a [free, contracted] by b
 * [contracted, free]; floating dtypes only.
 * @example
 * tensordot(ones([3, 4, 5]), ones([4, 5, 6])).shape;             // [3, 6], each 20
 * tensordot(a, b, [[1, 0], [0, 1]]);                             // contracts a's dims 1, 0 with b's 0, 1
 */
export function tensordot(a: Tensor, b: Tensor, dims?: TensordotDims | TensordotOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('tensordot', ['a', 'b', 'dims'], arguments);
  const options = readArguments<TensordotOptions>('tensordot', [dims], ['dims'], ['dims']);
  checkTensorArguments('tensordot', { a, b });
  assertSameDevice('tensordot', [a, b]);
  const dtype = checkSameDtype('tensordot', { a, b });
  if (!isFloating(dtype)) throw new Error(`tensordot: expects floating-point tensors, got ${a.dtype} and ${b.dtype}`);
  const [dimsOfA, dimsOfB] = contractedDims(a, b, options.dims ?? 2);
  // a contracted dim of size 1 broadcasts against its partner (torch's rule): Σ_k a_k·b_0 = (Σ_k a_k)·b_0,
  // so the partner is summed over that dim first (kept, as size 1)
  const summedOfA: number[] = [];
  const summedOfB: number[] = [];
  dimsOfA.forEach((dim, index) => {
    const other = dimsOfB[index]!;
    if (a.shape[dim] === b.shape[other]) return;
    if (b.shape[other] === 1) summedOfA.push(dim);
    else if (a.shape[dim] === 1) summedOfB.push(other);
    else
      throw new Error(
        `tensordot: contracted dimensions need to match, but first has size ${a.shape[dim]} in dim ${dim} and second has size ${b.shape[other]} in dim ${other}`,
      );
  });
  const freeOfA = a.shape.map((_, dim) => dim).filter((dim) => !dimsOfA.includes(dim));
  const freeOfB = b.shape.map((_, dim) => dim).filter((dim) => !dimsOfB.includes(dim));
  const contracted = sizeOf(dimsOfA.map((dim) => (summedOfA.includes(dim) ? 1 : a.shape[dim]!)));
  return composite(() => {
    const first = summedOfA.length > 0 ? sum(a, summedOfA, true) : a;
    const second = summedOfB.length > 0 ? sum(b, summedOfB, true) : b;
    const left = reshape(permute(first, [...freeOfA, ...dimsOfA]), [sizeOf(freeOfA.map((dim) => a.shape[dim]!)), contracted]);
    const right = reshape(permute(second, [...dimsOfB, ...freeOfB]), [contracted, sizeOf(freeOfB.map((dim) => b.shape[dim]!))]);
    return reshape(matmul(left, right), [...freeOfA.map((dim) => a.shape[dim]!), ...freeOfB.map((dim) => b.shape[dim]!)]);
  });
}
