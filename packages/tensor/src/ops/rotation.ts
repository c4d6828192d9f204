import { describeValue, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape, normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { transpose } from './own-views.js';
import { clone, flip } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.rot90's keywords.
 * @example
 * rot90(image, { k: -1, dims: [1, 2] }); // a quarter turn clockwise of [C, H, W]
 */
export interface Rot90Options {
  /** How many quarter turns, from the first of `dims` towards the second (negative turns back). Default 1. */
  k?: number;
  /** The plane of rotation, two different dims. Default [0, 1]. */
  dims?: readonly number[];
}

/**
 * Rotates by k·90° in the plane of `dims`, from the first dim towards the second (torch.rot90): k = 1
 * is flip(dims[1]) then transpose, k = 2 flips both, k = 3 flips dims[0] then transposes, k = 0 a
 * copy. Positional, `rot90(x, 1, [0, 1])`, or as keywords, `rot90(x, { k: -1 })`. Differentiable.
 * @example
 * rot90(tensor([[1, 2], [3, 4]])); // [[2, 4], [1, 3]]
 */
export function rot90(x: Tensor, k?: number | Rot90Options, dims?: readonly number[] | Rot90Options): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('rot90', ['x', 'k', 'dims'], arguments);
  const options = readArguments<Rot90Options>('rot90', [k, dims], ['k', 'dims'], ['k', 'dims']);
  const turns = options.k ?? 1;
  if (!Number.isInteger(turns)) throw new Error(`rot90: k must be an integer, got ${describeValue(turns)}`);
  const plane = options.dims ?? [0, 1];
  checkLive('rot90', 'input', x);
  if (!Array.isArray(plane) || plane.length !== 2)
    throw new Error(`rot90: expects two rotation dims, got ${Array.isArray(plane) ? formatShape(plane) : String(plane)}`);
  if (x.ndim < 2) throw new Error(`rot90: expects at least 2 dims, got ${formatShape(x.shape)}`);
  const [first, second] = plane.map((dim) => normalizeDim('rot90', dim, x.ndim)) as [number, number];
  if (first === second) throw new Error(`rot90: the rotation dims must be different, got ${formatShape(plane)}`);
  const quarter = ((turns % 4) + 4) % 4;
  return composite(() => {
    if (quarter === 1) return transpose(flip(x, second), first, second);
    if (quarter === 2) return flip(x, [first, second]);
    if (quarter === 3) return transpose(flip(x, first), first, second);
    return clone(x);
  });
}
