import { isTensor } from '../core/brand.js';
import { isFloating } from '../core/dtype.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/creation.js';

/**
 * The temperature of a relaxed distribution as a tensor: a number takes the dtype and device of
 * `like` (the probabilities or logits); a tensor must be floating and broadcast to `batchShape`
 * without growing it (torch leaves its shape unchecked, and a larger one gives draws of another shape).
 * Its value is not validated, as torch's (a temperature ≤ 0 gives NaN).
 * @example
 * readTemperature('RelaxedBernoulli', 0.5, probs, [3]); // a float tensor holding 0.5
 */
export function readTemperature(name: string, temperature: Tensor | number, like: Tensor, batchShape: readonly number[]): Tensor {
  if (!isTensor(temperature)) {
    if (typeof temperature !== 'number') throw new Error(`${name}: temperature must be a tensor or a number, got ${typeof temperature}`);
    return tensor(temperature, { dtype: like.dtype, device: like.device });
  }
  temperature.assertAlive(name);
  if (!isFloating(temperature.dtype)) throw new Error(`${name}: expects a floating-point temperature, got ${temperature.dtype}`);
  const offset = batchShape.length - temperature.ndim;
  if (offset < 0 || temperature.shape.some((size, i) => size !== 1 && size !== batchShape[offset + i]))
    throw new Error(
      `${name}: temperature of shape ${formatShape(temperature.shape)} must broadcast to the batch shape ${formatShape(batchShape)}`,
    );
  return temperature;
}
