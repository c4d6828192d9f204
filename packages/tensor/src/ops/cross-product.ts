import { refuseArgumentsPast } from '../core/options.js';
import { readDim, type DimOptions } from '../core/dim-arguments.js';
import { composite } from '../core/scope.js';
import { broadcastShapes, formatShape, normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { tensor } from './creation.js';
import { mul, sub } from './elementwise.js';
import { indexSelect } from './indexing.js';
import { expand } from './views.js';

/**
 * The cross product of 3-vectors along `dim` (torch.cross): (a × b)ᵢ = a_{i+1}·b_{i+2} − a_{i+2}·b_{i+1}
 * (indices mod 3), the other dims broadcast. Without `dim`, torch 1.13's documented default: the
 * first dim of size 3 (torch.linalg.cross defaults to −1 instead; pass `dim: -1` for that). Both
 * inputs need size 3 along `dim` and the same number of dims. Differentiable in a and b.
 * @example
 * cross(tensor([1, 0, 0]), tensor([0, 1, 0])); // [0, 0, 1]
 */
export function cross(a: Tensor, b: Tensor, dim?: number | DimOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('cross', ['a', 'b', 'dim'], arguments);
  const given = readDim('cross', dim);
  assertSameDevice('cross', [a, b]);
  if (a.dtype !== b.dtype) throw new Error(`cross: a (${a.dtype}) and b (${b.dtype}) must have the same dtype`);
  if (a.ndim !== b.ndim)
    throw new Error(`cross: a ${formatShape(a.shape)} and b ${formatShape(b.shape)} must have the same number of dimensions`);
  const fallback = a.shape.indexOf(3);
  if (given === undefined && fallback < 0) throw new Error(`cross: no dimension of size 3 in the input ${formatShape(a.shape)}`);
  const axis = normalizeDim('cross', given ?? fallback, a.ndim);
  if (a.shape[axis] !== 3 || b.shape[axis] !== 3)
    throw new Error(`cross: dim ${axis} must have size 3 in both inputs, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  const shape = broadcastShapes('cross', a.shape, b.shape);
  return composite(() => {
    const next = tensor([1, 2, 0], { dtype: 'int32', device: a.device });
    const afterNext = tensor([2, 0, 1], { dtype: 'int32', device: a.device });
    const left = expand(a, shape);
    const right = expand(b, shape);
    return sub(
      mul(indexSelect(left, axis, next), indexSelect(right, axis, afterNext)),
      mul(indexSelect(left, axis, afterNext), indexSelect(right, axis, next)),
    );
  });
}
