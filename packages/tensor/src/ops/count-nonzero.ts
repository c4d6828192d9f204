import { readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { reductionDims } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { ne } from './elementwise.js';
import { sum } from './reduce.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * How many elements are not zero, over every element or along `dim` (one or several dims; torch.
 * count_nonzero), as int32 where torch gives int64. NaN counts as nonzero.
 * @example
 * countNonzero(tensor([[0, 1], [2, 3]]), 1); // [1, 2]
 */
export function countNonzero(x: Tensor, dim?: number | readonly number[] | { dim?: number | readonly number[] }): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('countNonzero', ['x', 'dim'], arguments);
  checkLive('countNonzero', 'input', x);
  const dims =
    typeof dim === 'object' && dim !== null && !Array.isArray(dim)
      ? readArguments<{ dim?: number | readonly number[] }>('countNonzero', [dim], ['dim'], ['dim']).dim
      : (dim as number | readonly number[] | undefined);
  const axes = reductionDims('countNonzero', dims, x.ndim);
  return composite(() => castTo(sum(castTo(ne(x, 0), 'int32'), axes), 'int32'));
}
