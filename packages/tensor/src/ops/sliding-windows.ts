import { checkInteger } from '../core/options.js';
import { composite } from '../core/scope.js';
import { normalizeDim } from '../core/shape.js';
import { record } from '../autograd/record.js';
import { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { zeros } from './creation.js';
import { indexAdd } from './index-along-dim.js';
import { movedim } from './rearrangement.js';
import { reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/** The sliding-windows view's parameters: the dim windowed, each window's length and the distance between starts. */
export interface SlidingWindowParams {
  axis: number;
  size: number;
  step: number;
}

/**
 * Every window of `size` consecutive elements along `dimension`, one every `step` (torch.Tensor.unfold):
 * a dim of length L becomes n = ⌊(L − size)/step⌋ + 1 windows, and a new last dim of length `size` holds
 * each window, out[…, i, …, j] = x[…, i·step + j, …]. A 0-d tensor counts as one element (size ≤ 1).
 *
 * A view, as torch's: the windows dim has stride step·s and the new last dim stride s (s the dim's own
 * stride), so windows overlap in memory when step < size and writes to the result reach x. Gradients
 * flow back, summed where windows overlap.
 * @example
 * arange(5).unfold(0, 2, 1); // [[0, 1], [1, 2], [2, 3], [3, 4]]
 */
export function slidingWindows(x: Tensor, dimension: number, size: number, step: number): Tensor {
  checkLive('unfold', 'input', x);
  const axis = normalizeDim('unfold', dimension, x.ndim);
  checkInteger('unfold', 'size', size, 0);
  if (!Number.isInteger(step) || step <= 0) throw new Error(`unfold: step is ${step} but must be an integer > 0`);
  const length = x.ndim === 0 ? 1 : x.shape[axis]!;
  if (size > length) throw new Error(`unfold: maximum size for tensor at dimension ${axis} is ${length} but size is ${size}`);
  if (x.ndim === 0) return record(new Tensor(x.storage, [size], [1], x.offset), 'slidingWindows', [x], { axis: 0, size, step });
  const count = Math.floor((length - size) / step) + 1;
  const stride = x.strides[axis]!;
  const shape = [...x.shape.slice(0, axis), count, ...x.shape.slice(axis + 1), size];
  const strides = [...x.strides.slice(0, axis), step * stride, ...x.strides.slice(axis + 1), stride];
  return record(new Tensor(x.storage, shape, strides, x.offset), 'slidingWindows', [x], { axis, size, step });
}

/**
 * The input's gradient: each window element's gradient added at its source, i·step + j along the axis
 * (an index add of the windows laid end to end, so overlapping windows sum).
 */
export function slidingWindowsGradient(gradient: Tensor, inputShape: readonly number[], params: SlidingWindowParams): Tensor {
  const { axis, size, step } = params;
  // a 0-d input read as one element: its one window, or none
  if (inputShape.length === 0) return size === 1 ? reshape(gradient, []) : zeros([], { dtype: gradient.dtype, device: gradient.device });
  const count = gradient.shape[axis]!;
  // the source position of every window element, window by window
  const positions = Int32Array.from({ length: count * size }, (_, at) => Math.floor(at / size) * step + (at % size));
  return composite(() => {
    const windowsInOrder = reshape(movedim(gradient, -1, axis + 1), [
      ...inputShape.slice(0, axis),
      count * size,
      ...inputShape.slice(axis + 1),
    ]);
    const index = fromTypedArray(positions, [count * size], 'int32', gradient.device);
    return indexAdd(zeros(inputShape, { dtype: gradient.dtype, device: gradient.device }), axis, index, windowsInOrder);
  });
}
