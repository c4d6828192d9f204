import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { readDim, type DimOptions } from '../core/dim-arguments.js';
import { composite } from '../core/scope.js';
import { normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { valuesAndIndices, type ValuesAndIndices } from '../core/values-and-indices.js';
import { castTo } from './convert.js';
import { arange } from './creation.js';
import { ge, isnan, le, logicalAnd, logicalNot, logicalOr, where } from './elementwise.js';
import { inclusiveScan } from './inclusive-scan.js';
import { gather } from './indexing.js';
import { expand, reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The running maximum (or minimum) along `dim` and where it was found, as torch's cummax/cummin: the
 * later position takes over when it is NaN (so NaN propagates, indexed at the latest NaN) or when it
 * is ≥ (≤) a running value that is not NaN (so among equal values the last one's index is kept). That
 * rule, applied to segment summaries (value, index), is associative, so it runs as a log-round scan
 * without a gradient; the values are then gathered at the indices, so their gradient is scatter-added
 * to those positions, as torch's.
 */
function cumulativeExtremum(operation: 'cummax' | 'cummin', x: Tensor, dim: number | DimOptions): ValuesAndIndices {
  checkLive(operation, 'input', x);
  const axis = normalizeDim(operation, readDim(operation, dim) as number, Math.max(x.ndim, 1));
  const [values, indices] = composite(() => {
    const input = x.ndim === 0 ? reshape(x, [1]) : x;
    const length = input.shape[axis]!;
    const indices = noGrad(() => {
      const keys = input.dtype === 'bool' ? castTo(input, 'int32') : input;
      const positionShape = input.shape.map((size, index) => (index === axis ? size : 1));
      const positions = expand(reshape(arange(length, undefined, 1, { dtype: 'int32', device: input.device }), positionShape), input.shape);
      const reaches = operation === 'cummax' ? ge : le;
      return inclusiveScan([keys, positions], axis, ([earlierValue, earlierIndex], [laterValue, laterIndex]) => {
        const takesOver = logicalOr(isnan(laterValue!), logicalAnd(logicalNot(isnan(earlierValue!)), reaches(laterValue!, earlierValue!)));
        return [where(takesOver, laterValue!, earlierValue!), where(takesOver, laterIndex!, earlierIndex!)];
      })[1]!;
    });
    const values = gather(input, axis, indices);
    return x.ndim === 0 ? ([reshape(values, []), reshape(indices, [])] as const) : ([values, indices] as const);
  });
  return valuesAndIndices(values, indices);
}

/**
 * The running maximum along `dim` and its index (torch.cummax): `const [values, indices] = cummax(x, 1)`.
 * Among equal values the index is the last one's; a NaN propagates from where it appears. The
 * gradient of the values goes to the indexed positions. Indices are int32, as the package's other
 * indices.
 * @example
 * cummax(tensor([1, 3, 2, 3]), 0); // values [1, 3, 3, 3], indices [0, 1, 1, 3]
 */
export function cummax(x: Tensor, dim: number | DimOptions): ValuesAndIndices {
  if (arguments.length > 2) refuseArgumentsPast('cummax', ['x', 'dim'], arguments);
  return cumulativeExtremum('cummax', x, dim);
}

/**
 * The running minimum along `dim` and its index (torch.cummin), with cummax's rules for ties (the last
 * index), NaN and gradients.
 * @example
 * cummin(tensor([3, 1, 2, 1]), 0); // values [3, 1, 1, 1], indices [0, 1, 1, 3]
 */
export function cummin(x: Tensor, dim: number | DimOptions): ValuesAndIndices {
  if (arguments.length > 2) refuseArgumentsPast('cummin', ['x', 'dim'], arguments);
  return cumulativeExtremum('cummin', x, dim);
}
