import { noGrad } from '../autograd/grad-mode.js';
import { isFloating } from '../core/dtype.js';
import { checkNumber, readArguments, refuseExtraArguments } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { tensor } from './creation.js';
import { abs, add, eq, ne, pow, sub, where } from './elementwise.js';
import { indexSelect } from './indexing.js';
import { amax, norm, sum } from './reduce.js';
import { squeeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.pdist's keyword: `pdist(x, { p: 1 })` is `pdist(x, 1)`.
 * @example
 * pdist(points, { p: Infinity }); // the largest coordinate difference of each pair
 */
export interface PdistOptions {
  /** The p of the p-norm: ≥ 0, ∞ for the largest difference, 0 for the count of differing features. Default 2. */
  p?: number;
}

/** The rows (i, j) of every pair i < j in row-major order: (0, 1), (0, 2), …, (0, N−1), (1, 2), … */
function upperTrianglePairs(rows: number, device: string): [Tensor, Tensor] {
  const count = (rows * (rows - 1)) / 2;
  const first = new Int32Array(count);
  const second = new Int32Array(count);
  let pair = 0;
  for (let i = 0; i < rows; i++)
    for (let j = i + 1; j < rows; j++) {
      first[pair] = i;
      second[pair++] = j;
    }
  return [tensor(first, { device }), tensor(second, { device })];
}

/**
 * ‖d‖_∞ over the last dim with torch's pdist and cdist gradient: every feature whose |d_k| equals the maximum
 * gets the whole gradient sign(d_k)·g (amax would share it among ties). The value is the detached
 * maximum plus Σ_ties (|d_k| − stop(|d_k|)), which is 0 exactly.
 */
export function largestDifference(differences: Tensor): Tensor {
  const magnitudes = abs(differences);
  const [largest, ties, constant] = noGrad(() => {
    const largest = amax(magnitudes, -1, true);
    return [largest, eq(magnitudes, largest), magnitudes.detach()] as const;
  });
  return squeeze(add(largest, sum(where(ties, sub(magnitudes, constant), 0), -1, true)), -1);
}

/**
 * (Σ|d_k|^p)^(1/p) over the last dim for 0 < p < 1 with torch's zero gradient where d_k = 0 (where
 * p·|d_k|^(p−1) is infinite) and where the whole distance is 0: both powers read 1 there instead and
 * the result is masked back, so no ∞·0 = NaN reaches the gradient.
 */
export function fractionalNorm(differences: Tensor, p: number): Tensor {
  const zero = eq(differences, 0);
  const total = sum(where(zero, 0, pow(where(zero, 1, abs(differences)), p)), -1);
  const empty = eq(total, 0);
  return where(empty, 0, pow(where(empty, 1, total), 1 / p));
}

/**
 * The p-norm distance between every pair of rows i < j of x [N, M] (torch.pdist, the condensed upper
 * triangle of cdist(x, x)): [N·(N − 1)/2] in the order (0, 1), (0, 2), …, (1, 2), …; p given
 * positionally or as `{ p }`, default 2. Gradients as torch's: 0 where a distance is 0, 0 from a zero
 * feature difference when p < 1, the whole gradient to each tied largest difference when p = ∞, none
 * for p = 0 (a count). It forms the [N·(N − 1)/2, M] differences.
 * @example
 * pdist(tensor([[0, 0], [3, 4], [6, 8]])); // [5, 10, 5]
 */
export function pdist(x: Tensor, p?: number | PdistOptions, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('pdist', ['input', 'p'], extra);
  const options = readArguments<PdistOptions>('pdist', [p], ['p'], ['p']);
  const order = checkNumber('pdist', 'p', options.p ?? 2, true);
  if (order < 0) throw new Error(`pdist: p must be ≥ 0, got ${order}`);
  checkLive('pdist', 'input', x);
  if (x.ndim !== 2) throw new Error(`pdist: expects a 2-d input [N, M], got [${x.shape.join(', ')}]`);
  if (!isFloating(x.dtype)) throw new Error(`pdist: expects a floating-point input, got ${x.dtype}`);
  return composite(() => {
    const [first, second] = upperTrianglePairs(x.shape[0]!, x.device);
    const differences = sub(indexSelect(x, 0, first), indexSelect(x, 0, second)); // [pairs, M]
    if (x.shape[1] === 0) return sum(differences, -1); // no features: every distance is 0
    if (order === 0) return castTo(sum(ne(differences, 0), -1), x.dtype);
    if (order === Infinity) return largestDifference(differences);
    if (order < 1) return fractionalNorm(differences, order);
    return norm(differences, order, -1);
  });
}
