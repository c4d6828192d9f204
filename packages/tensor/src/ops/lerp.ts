import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { isTensor } from '../core/brand.js';
import { add, lt, mul, sub, where } from './elementwise.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';
import { describeValue, refuseArgumentsPast } from '../core/options.js';

/**
 * start + weight·(end − start) (torch.lerp), computed as torch's kernels do: for a weight below ½ from
 * the start, otherwise end − (end − start)·(1 − weight), so that weight 1 gives `end` exactly.
 */
export function lerp(start: Tensor, end: Tensor, weight: number | Tensor): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('lerp', ['start', 'end', 'weight'], arguments);
  checkTensorArguments('lerp', { input: start, end });
  if (typeof weight !== 'number' && !isTensor(weight))
    throw new Error(`lerp: weight must be a number or a tensor, got ${describeValue(weight)}`);
  return composite(() => {
    const difference = sub(end, start);
    const fromStart = () => add(start, mul(difference, weight));
    const fromEnd = () => sub(end, mul(difference, isTensor(weight) ? sub(1, weight) : 1 - weight));
    if (!isTensor(weight)) return weight < 0.5 ? fromStart() : fromEnd();
    return where(lt(weight, 0.5), fromStart(), fromEnd());
  });
}
