import { checkInteger, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape, normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { isTensor } from '../core/brand.js';
import { assertSameDevice } from './allocate.js';
import { ne, sub } from './elementwise.js';
import { cat } from './join.js';
import { sameView } from './own-views.js';
import { narrow } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.diff's keywords.
 * @example
 * diff(x, { n: 2, dim: 0, prepend: first });
 */
export interface DiffOptions {
  /** How many times to take differences. Default 1. */
  n?: number;
  /** The dimension along which to take them. Default -1 (the last). */
  dim?: number;
  /** Values put before x along `dim` first (x's shape but for `dim`). Default none. */
  prepend?: Tensor;
  /** Values put after x along `dim` first (x's shape but for `dim`). Default none. */
  append?: Tensor;
}

/**
 * The n-th forward difference along `dim` (torch.diff): out[i] = x[i + 1] − x[i], applied `n` times,
 * after `prepend` and `append` are joined to x along `dim`; a bool tensor gives x[i + 1] ≠ x[i] (xor),
 * as torch. Arguments positionally, `diff(x, 1, 0)`, or as torch's keywords, `diff(x, { dim: 0 })`.
 * Differentiable (in x, prepend and append).
 * @example
 * diff(tensor([1, 4, 9, 16])); // [3, 5, 7]
 */
export function diff(
  x: Tensor,
  n?: number | DiffOptions,
  dim?: number | DiffOptions,
  prepend?: Tensor | DiffOptions,
  append?: Tensor | DiffOptions,
): Tensor {
  if (arguments.length > 5) refuseArgumentsPast('diff', ['x', 'n', 'dim', 'prepend', 'append'], arguments);
  const options = readArguments<DiffOptions>(
    'diff',
    [n, dim, prepend, append],
    ['n', 'dim', 'prepend', 'append'],
    ['n', 'dim', 'prepend', 'append'],
  );
  const order = checkInteger('diff', 'n', options.n ?? 1, 0);
  checkLive('diff', 'input', x);
  if (x.ndim === 0) throw new Error('diff: expects input to be at least one-dimensional, got a 0-D tensor');
  const axis = normalizeDim('diff', options.dim ?? -1, x.ndim);
  const pieces = [options.prepend, x, options.append].filter((piece): piece is Tensor => piece !== undefined && piece !== null);
  for (const piece of pieces) {
    if (!isTensor(piece)) throw new Error('diff: prepend and append must be tensors');
    if (piece.ndim !== x.ndim)
      throw new Error(`diff: prepend or append ${formatShape(piece.shape)} must have as many dims as the input ${formatShape(x.shape)}`);
    if (piece.shape.some((extent, d) => d !== axis && extent !== x.shape[d]))
      throw new Error(
        `diff: prepend or append ${formatShape(piece.shape)} must match the input ${formatShape(x.shape)} except along dim ${axis}`,
      );
  }
  assertSameDevice('diff', pieces);
  // the 0th difference is the input itself, prepend and append not joined (torch's and NumPy's rule)
  if (order === 0) return sameView(x);
  return composite(() => {
    let result = pieces.length > 1 ? cat(pieces, axis) : sameView(x);
    for (let step = 0; step < order && result.shape[axis]! > 0; step++) {
      const length = result.shape[axis]! - 1;
      const later = narrow(result, axis, 1, length);
      const earlier = narrow(result, axis, 0, length);
      result = result.dtype === 'bool' ? ne(later, earlier) : sub(later, earlier);
    }
    return result;
  });
}
