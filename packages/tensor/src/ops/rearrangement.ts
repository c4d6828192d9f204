import { describeValue, refuseArgumentsPast } from '../core/options.js';
import { isTensor } from '../core/brand.js';
import { checkIntegerList, existingDim, formatShape, normalizeDim } from '../core/shape.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { arange } from './creation.js';
import { indexSelect } from './indexing.js';
import { cat, repeat } from './join.js';
import { expand, permute, sameView, transpose } from './own-views.js';
import { narrow, reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

// torch's ops that move elements without computing: roll, tile, repeat_interleave, movedim,
// swapaxes and broadcast_to, composed of views, cat and indexSelect (so gradients flow).

/** One number, or a list, as a list. */
/** One integer or a list of them (roll's shifts and dims, movedim's source and destination) as a list. */
function listOf(operation: string, name: string, value: number | readonly number[]): number[] {
  if (typeof value === 'number') return [value];
  checkIntegerList(operation, name, value);
  return [...value];
}

/**
 * Shifts elements along `dims` by `shifts`, wrapping around (torch.roll); without dims, over the
 * flattened tensor, keeping its shape.
 * @example
 * roll(tensor([1, 2, 3, 4]), 1); // [4, 1, 2, 3]
 */
export function roll(x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('roll', ['x', 'shifts', 'dims'], arguments);
  const amounts = listOf('roll', 'shifts', shifts);
  if (dims === undefined) {
    if (amounts.length !== 1) throw new Error(`roll: without dims, give one shift, got ${formatShape(amounts)}`);
    return composite(() => reshape(roll(reshape(x, [-1]), amounts[0]!, 0), [...x.shape]));
  }
  const axes = listOf('roll', 'dims', dims);
  if (axes.length !== amounts.length)
    throw new Error(`roll: shifts ${formatShape(amounts)} and dims ${formatShape(axes)} must have the same length`);
  return composite(() => {
    let result = x;
    for (const [index, amount] of amounts.entries()) {
      const axis = existingDim('roll', axes[index]!, x.ndim);
      const size = x.shape[axis]!;
      const shift = size === 0 ? 0 : ((amount % size) + size) % size;
      // the last `shift` elements move to the front
      if (shift !== 0) result = cat([narrow(result, axis, size - shift, shift), narrow(result, axis, 0, size - shift)], axis);
    }
    return result === x ? sameView(x) : result;
  });
}

/**
 * Repeats the tensor `reps[d]` times along each dim (torch.tile): fewer reps than dims are padded
 * with 1s in front; more reps than dims treat the tensor as having leading dims of size 1.
 */
export function tile(x: Tensor, reps: readonly number[]): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('tile', ['x', 'reps'], arguments);
  checkIntegerList('tile', 'dims', reps);
  const padded = [...new Array<number>(Math.max(0, x.ndim - reps.length)).fill(1), ...reps];
  return repeat(x, padded);
}

/**
 * Repeats each element `repeats` times (one count, or one per element along `dim`; a single count in
 * a list or tensor counts for all, as torch) next to itself (torch.repeat_interleave); without dim,
 * over the flattened tensor. With no `repeats`, x itself is the 1-D int32 counts and the result is
 * the positions 0, 1, … each repeated its count of times (torch.repeat_interleave(repeats)). Counts
 * given as a tensor are read synchronously (a CPU tensor, or a plain array for any device).
 * @example
 * repeatInterleave(tensor([1, 2]), 2); // [1, 1, 2, 2]
 * repeatInterleave(tensor([2, 0, 1], { dtype: 'int32' })); // [0, 0, 2]
 */
export function repeatInterleave(x: Tensor, repeats?: number | Tensor | readonly number[], dim?: number): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('repeatInterleave', ['x', 'repeats', 'dim'], arguments);
  checkLive('repeatInterleave', 'input', x);
  if (repeats === undefined) {
    if (x.ndim !== 1 || x.dtype !== 'int32')
      throw new Error(`repeatInterleave: without repeats, x must be the 1-D int32 counts, got ${x.dtype} ${formatShape(x.shape)}`);
    return composite(() => repeatInterleave(arange(x.shape[0]!, undefined, 1, { dtype: 'int32', device: x.device }), x, 0));
  }
  if (typeof repeats !== 'number' && !Array.isArray(repeats) && !isTensor(repeats))
    throw new Error(`repeatInterleave: repeats must be an integer, a list of integers or an int32 tensor, got ${describeValue(repeats)}`);
  if (dim === undefined) return composite(() => repeatInterleave(reshape(x, [-1]), repeats, 0));
  const axis = existingDim('repeatInterleave', dim, x.ndim);
  const size = x.shape[axis]!;
  const given = typeof repeats === 'number' ? [repeats] : Array.from(Array.isArray(repeats) ? repeats : (repeats as Tensor).dataSync());
  const counts = given.length === 1 ? new Array<number>(size).fill(given[0]!) : given;
  if (counts.length !== size)
    throw new Error(`repeatInterleave: repeats must have the same size as input along dim ${dim} (${size}), got ${counts.length}`);
  if (!counts.every((count) => Number.isInteger(count) && count >= 0))
    throw new Error(`repeatInterleave: repeats must be non-negative integers, got ${describeValue(repeats)}`);
  const sources = new Int32Array(counts.reduce((total, count) => total + count, 0));
  let at = 0;
  counts.forEach((count, source) => {
    sources.fill(source, at, at + count);
    at += count;
  });
  return composite(() => indexSelect(x, axis, fromTypedArray(sources, [sources.length], 'int32', x.device)));
}

/**
 * Moves the dims at `source` to the positions `destination`, the others keeping their order
 * (torch.movedim, alias moveaxis).
 * @example
 * movedim(zeros([2, 3, 4]), 0, -1).shape; // [3, 4, 2]
 */
export function movedim(x: Tensor, source: number | readonly number[], destination: number | readonly number[]): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('movedim', ['x', 'source', 'destination'], arguments);
  const from = listOf('movedim', 'source', source).map((dim) => normalizeDim('movedim', dim, x.ndim));
  const to = listOf('movedim', 'destination', destination).map((dim) => normalizeDim('movedim', dim, x.ndim));
  if (from.length !== to.length)
    throw new Error(`movedim: source ${formatShape(from)} and destination ${formatShape(to)} must have the same number of dims`);
  if (new Set(from).size !== from.length || new Set(to).size !== to.length)
    throw new Error(`movedim: repeated dim in source ${formatShape(from)} or destination ${formatShape(to)}`);
  // a 0-d tensor's dim 0 (or −1) is its only place: nothing moves
  if (x.ndim === 0) return permute(x, []);
  const order = new Array<number>(x.ndim).fill(-1);
  from.forEach((dim, index) => {
    order[to[index]!] = dim;
  });
  const rest = x.shape.map((_, dim) => dim).filter((dim) => !from.includes(dim));
  for (let position = 0; position < order.length; position++) if (order[position] === -1) order[position] = rest.shift()!;
  return permute(x, order);
}

/** Swaps two dims (torch.swapaxes / swapdims): the same as `transpose`. */
export function swapaxes(x: Tensor, axis0: number, axis1: number): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('swapaxes', ['x', 'axis0', 'axis1'], arguments);
  return transpose(x, axis0, axis1);
}

/** A broadcast view of `x` with `shape` (torch.broadcast_to): the same as `expand`. */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('broadcastTo', ['x', 'shape'], arguments);
  return expand(x, shape);
}
