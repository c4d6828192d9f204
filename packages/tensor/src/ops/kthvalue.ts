import { checkBoolean, checkInteger, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { valuesAndIndices, type ValuesAndIndices } from '../core/values-and-indices.js';
import { sort } from './sort.js';
import { narrow, squeeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The k-th smallest element along `dim` (1-based k; default the last dim) and its index
 * (torch.kthvalue): `const [values, indices] = kthvalue(x, 2)`. Differentiable in the values.
 * @example
 * kthvalue(tensor([[3, 1, 2]]), 2, 1).values; // [2]
 */
export function kthvalue(x: Tensor, k: number, dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean): ValuesAndIndices {
  if (arguments.length > 4) refuseArgumentsPast('kthvalue', ['x', 'k', 'dim', 'keepdim'], arguments);
  checkLive('kthvalue', 'input', x);
  const options = readArguments<{ dim?: number; keepdim?: boolean }>('kthvalue', [dim, keepdim], ['dim', 'keepdim'], ['dim', 'keepdim']);
  if (options.keepdim !== undefined) checkBoolean('kthvalue', 'keepdim', options.keepdim);
  const axis = normalizeDim('kthvalue', options.dim ?? -1, Math.max(x.ndim, 1));
  const extent = x.ndim === 0 ? 1 : x.shape[axis]!;
  checkInteger('kthvalue', 'k', k);
  if (k > extent) throw new Error(`kthvalue: k (${k}) is out of range for a dim of size ${extent}`);
  const [values, indices] = composite(() => {
    const input = x.ndim === 0 ? x.reshape([1]) : x;
    const sorted = sort(input, axis);
    const pick = (tensor: Tensor) => {
      const chosen = narrow(tensor, axis, k - 1, 1);
      return options.keepdim && x.ndim > 0 ? chosen : x.ndim === 0 ? chosen.reshape([]) : squeeze(chosen, axis);
    };
    return [pick(sorted.values), pick(sorted.indices)] as const;
  });
  return valuesAndIndices(values, indices);
}
