import { refuseArgumentsPast } from '../core/options.js';
import { readReduction } from '../core/dim-arguments.js';
import { composite } from '../core/scope.js';
import { normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { amax, amin } from './reduce.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.aminmax's keywords.
 * @example
 * aminmax(x, { dim: 1, keepdim: true });
 */
export interface AminmaxOptions {
  /** The dimension to reduce. Default: every element. */
  dim?: number;
  /** Keep the reduced dimension with size 1. Default false. */
  keepdim?: boolean;
}

/**
 * The smallest and the largest values, by name or by position (torch.return_types.aminmax).
 * @example
 * const { min, max } = aminmax(x); // or const [min, max] = aminmax(x)
 */
export type MinAndMax = readonly [min: Tensor, max: Tensor] & { readonly min: Tensor; readonly max: Tensor };

/**
 * The minimum and the maximum in one call (torch.aminmax), of every element or along `dim`:
 * `const { min, max } = aminmax(x, { dim: 1 })` or `const [low, high] = aminmax(x)`. Each is `amin` and
 * `amax`, so gradients are theirs (ties share evenly); torch 1.13 has no gradient for aminmax.
 * @example
 * aminmax(tensor([3, -1, 2])).max; // 3
 */
export function aminmax(x: Tensor, options: AminmaxOptions = {}): MinAndMax {
  if (arguments.length > 2) refuseArgumentsPast('aminmax', ['x', 'options'], arguments);
  const { dim, keepdim } = readReduction('aminmax', options, undefined);
  checkLive('aminmax', 'input', x);
  if (Array.isArray(dim)) throw new Error(`aminmax: dim must be one dimension, got [${dim.join(', ')}]`);
  if (dim !== undefined) {
    const axis = normalizeDim('aminmax', dim as number, x.ndim);
    if (x.ndim > 0 && x.shape[axis] === 0) throw new Error(`aminmax: dim ${dim} is empty, which has no minimum or maximum`);
  } else if (x.numel() === 0) throw new Error('aminmax: the input is empty, which has no minimum or maximum');
  const [low, high] = composite(() => {
    if (dim === undefined) return [amin(x, undefined, keepdim), amax(x, undefined, keepdim)] as const;
    return [amin(x, dim, keepdim), amax(x, dim, keepdim)] as const;
  });
  return Object.assign([low, high] as const, { min: low, max: high });
}
