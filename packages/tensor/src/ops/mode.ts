import { noGrad } from '../autograd/grad-mode.js';
import { isFloating } from '../core/dtype.js';
import { checkBoolean, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { valuesAndIndices, type ValuesAndIndices } from '../core/values-and-indices.js';
import { castTo } from './convert.js';
import { arange } from './creation.js';
import { eq, where } from './elementwise.js';
import { gather } from './indexing.js';
import { amax, amin, sum } from './reduce.js';
import { movedim } from './rearrangement.js';
import { reshape, squeeze, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The most frequent value along `dim` (default the last) and its index (torch.mode): among values
 * equally frequent the smallest, and, as torch on the CPU, the index of its LAST occurrence.
 * Positionally or as keywords: `mode(x, 0, true)`, `mode(x, { dim: 0 })`. It compares every pair of
 * a slice (O(n²) memory per slice), which runs on every device. The gradient reaches the element at
 * the index. (NaN is not equal to itself here, so each NaN counts once.)
 * @example
 * const [values, indices] = mode(tensor([[2, 1, 2, 1, 3]])); // values [1], indices [3]
 */
export function mode(x: Tensor, dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean): ValuesAndIndices {
  if (arguments.length > 3) refuseArgumentsPast('mode', ['x', 'dim', 'keepdim'], arguments);
  const read = readArguments<{ dim?: number; keepdim?: boolean }>('mode', [dim, keepdim], ['dim', 'keepdim'], ['dim', 'keepdim']);
  const keep = checkBoolean('mode', 'keepdim', read.keepdim ?? false);
  checkLive('mode', 'input', x);
  const axis = normalizeDim('mode', read.dim ?? -1, x.ndim);
  if (x.ndim > 0 && x.shape[axis] === 0 && x.shape.every((extent, d) => d === axis || extent > 0))
    throw new Error(`mode: dim ${read.dim ?? -1} is empty, which has no mode`);
  return composite(() => {
    const rows = x.ndim === 0 ? reshape(x, [1]) : movedim(x, axis, -1); // [...batch, n]
    const length = rows.shape[rows.ndim - 1]!;
    const index = noGrad(() => {
      // count[i] = Σⱼ [xⱼ = xᵢ]; the mode is the smallest value of the largest count
      const counts = sum(castTo(eq(unsqueeze(rows, -1), unsqueeze(rows, -2)), 'int32'), -1);
      const frequent = eq(counts, amax(counts, -1, true));
      const largest = isFloating(x.dtype) ? Infinity : x.dtype === 'bool' ? 1 : 2147483647;
      const candidates = where(frequent, x.dtype === 'bool' ? castTo(rows, 'int32') : rows, largest);
      const value = amin(candidates, -1, true);
      const positions = arange(length, undefined, 1, { dtype: 'int32', device: x.device });
      const matches = eq(x.dtype === 'bool' ? castTo(rows, 'int32') : rows, value);
      return castTo(amax(where(matches, positions, -1), -1, true), 'int32'); // the last occurrence
    });
    const values = gather(rows, -1, index);
    const place = (t: Tensor) => {
      if (x.ndim === 0) return reshape(t, []);
      const kept = movedim(t, -1, axis);
      return keep ? kept : squeeze(kept, axis);
    };
    return valuesAndIndices(place(values), place(index));
  });
}
