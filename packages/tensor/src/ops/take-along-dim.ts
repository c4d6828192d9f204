import { refuseArgumentsPast } from '../core/options.js';
import { readDim, type DimOptions } from '../core/dim-arguments.js';
import { broadcastShapes, formatShape, normalizeDim } from '../core/shape.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { checkIndexBounds } from './index-bounds.js';
import { gather } from './indexing.js';
import { expand, reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The values at `indices` along `dim` (torch.take_along_dim, numpy's take_along_axis): `gather` after
 * broadcasting x and indices against each other in every dim but `dim`; without `dim`, over the
 * flattened x, giving a 1-D result. Pairs with argsort/argmax: `takeAlongDim(x, argsort(x, 1), 1)`
 * sorts each row. The gradient flows back to the picked positions.
 * @example
 * takeAlongDim(tensor([[10, 30, 20]]), tensor([[1], [2]], { dtype: 'int32' }), 1); // [[30], [20]]
 */
export function takeAlongDim(x: Tensor, indices: Tensor, dim?: number | DimOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('takeAlongDim', ['x', 'indices', 'dim'], arguments);
  const axisGiven = readDim('takeAlongDim', dim);
  assertSameDevice('takeAlongDim', [x, indices]);
  checkLive('takeAlongDim', 'input', x);
  if (indices.dtype !== 'int32') throw new Error(`takeAlongDim: indices must be an int32 tensor, got ${indices.dtype}`);
  if (axisGiven === undefined) {
    checkIndexBounds('takeAlongDim', indices, x.numel());
    return composite(() => gather(reshape(x, [-1]), 0, reshape(indices, [-1])));
  }
  if (indices.ndim !== x.ndim)
    throw new Error(
      `takeAlongDim: input ${formatShape(x.shape)} and indices ${formatShape(indices.shape)} must have the same number of dimensions`,
    );
  const axis = normalizeDim('takeAlongDim', axisGiven, x.ndim);
  if (x.ndim === 0) return composite(() => reshape(takeAlongDim(reshape(x, [1]), reshape(indices, [1]), 0), []));
  checkIndexBounds('takeAlongDim', indices, x.shape[axis]!, axis);
  // broadcast every dim but `axis`: indices keep their extent there, x keeps its own
  const shape = broadcastShapes(
    'takeAlongDim',
    x.shape.map((extent, d) => (d === axis ? indices.shape[axis]! : extent)),
    indices.shape,
  );
  return composite(() =>
    gather(
      expand(
        x,
        shape.map((extent, d) => (d === axis ? x.shape[axis]! : extent)),
      ),
      axis,
      expand(indices, shape),
    ),
  );
}
