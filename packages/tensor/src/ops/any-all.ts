import { refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { eq, gt, ne } from './elementwise.js';
import { sum } from './reduce.js';
import { type Dims, type KeepdimOptions, readReduction, type ReductionOptions, takesKeywords } from '../core/dim-arguments.js';

/**
 * Whether any element (along `dim`, if given) is nonzero, as a bool tensor (torch.any).
 * @example
 * any(tensor([0, 0, 3])); // true
 */
export function any(x: Tensor, dim?: Dims | ReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('any', ['x', 'dim', 'keepdim'], arguments);
  if (takesKeywords(dim, keepdim)) {
    const read = readReduction('any', dim, keepdim);
    return any(x, read.dim, read.keepdim);
  }
  return composite(() => gt(sum(castTo(ne(x, 0), 'int32'), dim as Dims | undefined, keepdim === true), 0));
}

/**
 * Whether every element (along `dim`, if given) is nonzero, as a bool tensor (torch.all).
 * @example
 * all(tensor([[1, 0], [2, 3]]), 1); // [false, true]
 */
export function all(x: Tensor, dim?: Dims | ReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('all', ['x', 'dim', 'keepdim'], arguments);
  if (takesKeywords(dim, keepdim)) {
    const read = readReduction('all', dim, keepdim);
    return all(x, read.dim, read.keepdim);
  }
  return composite(() => eq(sum(castTo(eq(x, 0), 'int32'), dim as Dims | undefined, keepdim === true), 0));
}
