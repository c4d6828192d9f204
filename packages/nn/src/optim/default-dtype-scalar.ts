import { getDefaultDtype } from '@dl/tensor';

/**
 * `value` as a 0-d tensor of the default dtype holds it: torch keeps some optimizer scalars (ASGD's η
 * and μ, NAdam's product of μ) in `torch.tensor(value)`, float32 unless the default dtype is float64,
 * and does their arithmetic in that dtype.
 * @example
 * inDefaultDtype(0.1); // 0.10000000149011612 under the float32 default, 0.1 under float64
 */
export function inDefaultDtype(value: number): number {
  return getDefaultDtype() === 'float64' ? value : Math.fround(value);
}
