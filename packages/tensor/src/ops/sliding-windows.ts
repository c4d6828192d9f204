import { checkInteger } from '../core/options.js';
import { composite } from '../core/scope.js';
import { normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { indexSelect } from './indexing.js';
import { movedim } from './rearrangement.js';
import { reshape } from './views.js';

/**
 * Every window of `size` consecutive elements along `dimension`, one every `step` (torch.Tensor.unfold):
 * a dim of length L becomes n = ⌊(L − size)/step⌋ + 1 windows, and a new last dim of length `size` holds
 * each window, out[…, i, …, j] = x[…, i·step + j, …]. A 0-d tensor counts as one element (size ≤ 1).
 *
 * Unlike torch's, the result is a copy, not a view: windows overlap when step < size, which needs
 * strides that no view primitive here produces, so it is gathered with indexSelect (writes to the
 * result do not reach x). Gradients flow back, summed where windows overlap.
 * @example
 * arange(5).unfold(0, 2, 1); // [[0, 1], [1, 2], [2, 3], [3, 4]]
 */
export function slidingWindows(x: Tensor, dimension: number, size: number, step: number): Tensor {
  x.assertAlive('unfold');
  const axis = normalizeDim('unfold', dimension, x.ndim);
  checkInteger('unfold', 'size', size, 0);
  if (!Number.isInteger(step) || step <= 0) throw new Error(`unfold: step is ${step} but must be an integer > 0`);
  const length = x.ndim === 0 ? 1 : x.shape[axis]!;
  if (size > length) throw new Error(`unfold: maximum size for tensor at dimension ${axis} is ${length} but size is ${size}`);
  if (x.ndim === 0) return composite(() => reshape(slidingWindows(reshape(x, [1]), 0, size, step), [size]));
  const count = Math.floor((length - size) / step) + 1;
  // the source position of every window element, window by window: i·step + j
  const positions = Int32Array.from({ length: count * size }, (_, at) => Math.floor(at / size) * step + (at % size));
  return composite(() => {
    const gathered = indexSelect(x, axis, fromTypedArray(positions, [count * size], 'int32', x.device));
    const split = reshape(gathered, [...x.shape.slice(0, axis), count, size, ...x.shape.slice(axis + 1)]);
    return movedim(split, axis + 1, -1);
  });
}
