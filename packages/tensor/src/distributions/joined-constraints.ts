import type { Tensor } from '../core/tensor.js';
import { cat as concatenate, stack as stackTensors } from '../ops/join.js';
import type { Constraint } from './constraints.js';

/** `dim` as a position in [0, ndim), refusing one outside [−ndim, ndim) (torch's assert). */
function axisOf(operation: string, dim: number, value: Tensor): number {
  if (!Number.isInteger(dim) || dim < -value.ndim || dim >= value.ndim)
    throw new Error(`${operation}: dim ${dim} is out of range for a value of ${value.ndim} dims`);
  return dim < 0 ? dim + value.ndim : dim;
}

/**
 * Slices of a value along `dim` of the given lengths, each checked by its own constraint, the flags
 * concatenated back (torch's constraints.cat): the domain and codomain of CatTransform. eventDim is
 * the largest of the parts'. Lengths default to 1 each.
 * @example
 * cat([positive, real], 0, [2, 1]).check(tensor([1, -1, -5])); // [true, false, true]
 */
export function cat(constraints: readonly Constraint[], dim = 0, lengths?: readonly number[]): Constraint {
  const sizes = lengths ? [...lengths] : constraints.map(() => 1);
  if (sizes.length !== constraints.length)
    throw new Error(`constraints.cat: expected ${constraints.length} lengths (one per constraint), got ${sizes.length}`);
  if (!sizes.every((size) => Number.isInteger(size) && size >= 0))
    throw new Error(`constraints.cat: lengths must be whole sizes ≥ 0, got [${sizes.join(', ')}]`);
  return {
    name: 'Cat()',
    joined: { kind: 'cat', parts: [...constraints], dim, lengths: sizes },
    eventDim: Math.max(0, ...constraints.map((c) => c.eventDim)),
    check: (value) => {
      const axis = axisOf('constraints.cat', dim, value);
      let start = 0;
      const flags = constraints.map((constraint, i) => {
        const part = constraint.check(value.narrow(axis, start, sizes[i]!));
        start += sizes[i]!;
        return part;
      });
      // joined along torch's dim as given (the parts' flags have lost their event dims)
      return concatenate(flags, dim);
    },
  };
}

/** The parts' largest eventDim, one more where dim counts into the event from the right (torch's _Stack). */
function stackedEventDim(constraints: readonly Constraint[], dim: number): number {
  const largest = Math.max(0, ...constraints.map((c) => c.eventDim));
  return dim + largest < 0 ? largest + 1 : largest;
}

/**
 * The slices of a value at each index along `dim`, the i-th checked by the i-th constraint, the flags
 * stacked back (torch's constraints.stack): the domain and codomain of StackTransform.
 * @example
 * stack([positive, real], 1).check(tensor([[1, -1], [-1, 1]])); // [[true, true], [false, true]]
 */
export function stack(constraints: readonly Constraint[], dim = 0): Constraint {
  return {
    name: 'Stack()',
    joined: { kind: 'stack', parts: [...constraints], dim },
    eventDim: stackedEventDim(constraints, dim),
    check: (value) => {
      const axis = axisOf('constraints.stack', dim, value);
      if (value.shape[axis] !== constraints.length)
        throw new Error(`constraints.stack: expected ${constraints.length} slices along dim ${dim}, got ${value.shape[axis]}`);
      const flags = constraints.map((constraint, i) => constraint.check(value.select(axis, i)));
      return stackTensors(flags, dim);
    },
  };
}
