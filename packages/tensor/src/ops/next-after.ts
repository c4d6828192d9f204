import { refuseArgumentsPast } from '../core/options.js';
import { isTensor } from '../core/brand.js';
import { composite } from '../core/scope.js';
import { broadcastShapes } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { prepareOperands } from './elementwise.js';
import { expand } from './views.js';

/** One float's bits seen as an unsigned integer of the same width, to step them. */
interface BitStepper {
  values: Float32Array | Float64Array;
  /** Adds ±1 to the bits of values[0]. */
  step(direction: 1 | -1): void;
  smallest: number;
}

function float32Stepper(): BitStepper {
  const values = new Float32Array(1);
  const bits = new Uint32Array(values.buffer);
  return { values, step: (direction) => void (bits[0] = bits[0]! + direction), smallest: 2 ** -149 };
}

function float64Stepper(): BitStepper {
  const values = new Float64Array(1);
  const bits = new BigUint64Array(values.buffer);
  return { values, step: (direction) => void (bits[0] = bits[0]! + BigInt(direction)), smallest: 2 ** -1074 };
}

/**
 * C's nextafter on one pair: y when x = y, NaN when either is NaN, the smallest subnormal toward y from
 * a zero; otherwise x's bits (sign and magnitude) stepped by one, up in magnitude when y lies away from
 * zero, down when toward it: the next float, from ±∞ the largest finite, from the largest finite ±∞.
 */
function nextAfter(x: number, y: number, stepper: BitStepper): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x === y) return y;
  if (x === 0) return y > 0 ? stepper.smallest : -stepper.smallest;
  stepper.values[0] = x;
  stepper.step(y > x === x > 0 ? 1 : -1);
  return stepper.values[0]!;
}

/**
 * The next representable float after each element of `a` in the direction of `b` (torch.nextafter,
 * C's nextafter), in the operands' promoted dtype, float32 or float64. Broadcasts; b = a gives b
 * (so nextafter(−0, 0) is 0), NaN on either side gives NaN, and zero steps to the smallest subnormal.
 * It steps the bits of each value, which only a host-readable device does exactly: CPU tensors only
 * (another device throws; move the tensors with `.cpu()` first). Not differentiable, as torch.
 * @example
 * nextafter(tensor([1], { dtype: 'float64' }), tensor([2], { dtype: 'float64' })); // [1.0000000000000002]
 */
export function nextafter(a: Tensor, b: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('nextafter', ['a', 'b'], arguments);
  if (!isTensor(a) || !isTensor(b)) throw new Error('nextafter: expects two tensors (torch.nextafter(input, other))');
  return composite(() => {
    const [left, right] = prepareOperands('nextafter', a, b);
    if (left.dtype !== 'float32' && left.dtype !== 'float64')
      throw new Error(`nextafter: expects float32 or float64 tensors, got ${a.dtype} and ${b.dtype} (torch refuses integers too)`);
    if (left.device !== 'cpu')
      throw new Error(
        `nextafter: steps the bits of each value, which is exact only on the CPU; device '${left.device}' is not supported (use .cpu() first)`,
      );
    const shape = broadcastShapes('nextafter', left.shape, right.shape);
    const from = expand(left, shape).dataSync();
    const toward = expand(right, shape).dataSync();
    const stepper = left.dtype === 'float32' ? float32Stepper() : float64Stepper();
    const result = left.dtype === 'float32' ? new Float32Array(from.length) : new Float64Array(from.length);
    for (let index = 0; index < from.length; index++) result[index] = nextAfter(from[index]!, toward[index]!, stepper);
    return fromTypedArray(result, shape, left.dtype, 'cpu');
  });
}
