import { isTensor } from '../core/brand.js';
import { getDefaultDtype } from '../core/default-dtype.js';
import { isFloating } from '../core/dtype.js';
import { describeValue } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import type { ProbabilitiesOrLogits } from './probabilities.js';

/**
 * Reads the (totalCount, parameters) arguments of Binomial and Multinomial: a lone parameters object
 * takes torch's default totalCount of 1, as `Binomial(probs=p)` does.
 * @example
 * totalCountArguments('Binomial', { probs: 0.5 }, undefined); // [1, { probs: 0.5 }]
 * totalCountArguments('Binomial', 10, { probs: 0.5 }); // [10, { probs: 0.5 }]
 */
export function totalCountArguments(
  name: string,
  first: Tensor | number | ProbabilitiesOrLogits | undefined,
  second: ProbabilitiesOrLogits | undefined,
): [Tensor | number, ProbabilitiesOrLogits | undefined] {
  if (first === undefined) return [1, second];
  if (isTensor(first) || typeof first === 'number') return [first, second];
  if (typeof first === 'object' && first !== null && second === undefined) return [1, first];
  throw new Error(
    `${name}: expects (totalCount, { probs } or { logits }) or ({ probs } or { logits }), got totalCount ${describeValue(first)}`,
  );
}

/**
 * totalCount as a floating tensor or number: an integer or bool tensor takes the dtype of the
 * probabilities (the default dtype when they are a number), as torch's `total_count.type_as(probs)`.
 * @example
 * floatingTotalCount(tensor([3, 5], { dtype: 'int32' }), tensor([0.5])).dtype; // 'float32'
 */
export function floatingTotalCount(totalCount: Tensor | number, parameter: Tensor | number): Tensor | number {
  if (!isTensor(totalCount) || isFloating(totalCount.dtype)) return totalCount;
  totalCount.assertAlive('totalCount');
  return totalCount.to(isTensor(parameter) && isFloating(parameter.dtype) ? parameter.dtype : getDefaultDtype());
}
