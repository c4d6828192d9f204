import { composite } from '../core/scope.js';
import { sizeOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from '../ops/allocate.js';
import { zeros, zerosLike } from '../ops/creation.js';
import { gather, scatter, scatterAdd } from '../ops/indexing.js';
import { reshape } from '../ops/views.js';
import type { CopySlicesParams } from './in-place-history.js';

/**
 * The gradients of an in-place write (autograd/in-place-history.ts): g reaches the written tensor's
 * old history except where the write landed (zero there: those values were replaced), and the written
 * view receives g at its positions. A write over the whole tensor gives its old history zero and the
 * view all of g (a copy_ or fill_ of constants has no view input: only the zero).
 */
export function copySlicesGradients(
  g: Tensor,
  { params, inputShapes }: { params: CopySlicesParams; inputShapes: readonly (readonly number[])[] },
): Tensor[] {
  const { positions } = params;
  if (positions === null) return inputShapes.length === 1 ? [zerosLike(g)] : [zerosLike(g), g];
  const viewShape = inputShapes[1]!;
  return composite(() => {
    const flat = reshape(g, [-1]);
    const index = fromTypedArray(positions, [positions.length], 'int32', g.device);
    const outside = scatter(flat, 0, index, zeros([positions.length], { dtype: g.dtype, device: g.device }));
    return [reshape(outside, [...g.shape]), reshape(gather(flat, 0, index), [...viewShape])];
  });
}

/**
 * The gradient of a view read from its base (autograd/in-place-history.ts, refreshViewHistory): g added
 * into zeros of the base's shape at the view's positions (added, as overlapping windows share elements).
 */
export function viewOfBaseGradient(
  g: Tensor,
  { params, inputShapes }: { params: { positions: Int32Array }; inputShapes: readonly (readonly number[])[] },
): Tensor[] {
  const { positions } = params;
  const baseShape = inputShapes[0]!;
  return composite(() => {
    const index = fromTypedArray(positions, [positions.length], 'int32', g.device);
    const flat = zeros([sizeOf(baseShape)], { dtype: g.dtype, device: g.device });
    return [reshape(scatterAdd(flat, 0, index, reshape(g, [-1])), [...baseShape])];
  });
}
