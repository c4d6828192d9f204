import type { Tensor } from '../core/tensor.js';
import { cat } from './join.js';
import { narrow } from './views.js';

/**
 * An inclusive scan along `axis` in ⌈log₂ n⌉ rounds (Hillis–Steele): in the round with offset k,
 * every position i ≥ k becomes combine(state[i − k], state[i]) and the first k keep theirs, so after
 * the round position i holds the combination of positions max(0, i − 2k + 1)…i. Each tensor of
 * `states` is one component of the scanned state (a running value and its index); `combine` must be
 * associative. A round is a few whole-tensor ops, so the scan runs on every device and is
 * differentiable wherever `combine` is. Call it inside a composite, which releases the rounds.
 * @example
 * inclusiveScan([x], 0, ([earlier], [later]) => [add(earlier!, later!)]); // cumsum(x, 0)
 */
export function inclusiveScan(
  states: readonly Tensor[],
  axis: number,
  combine: (earlier: readonly Tensor[], later: readonly Tensor[]) => readonly Tensor[],
): Tensor[] {
  const length = states[0]!.shape[axis]!;
  let current = [...states];
  for (let offset = 1; offset < length; offset *= 2) {
    const earlier = current.map((state) => narrow(state, axis, 0, length - offset));
    const later = current.map((state) => narrow(state, axis, offset, length - offset));
    const combined = combine(earlier, later);
    current = current.map((state, index) => cat([narrow(state, axis, 0, offset), combined[index]!], axis));
  }
  return current;
}
