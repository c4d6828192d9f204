import { isTensor } from '../core/brand.js';
import { describeValue } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';

/** Reads `value` as a list of tensors; the flag says whether it was an array (torch's _as_tuple). */
export function asList(value: unknown, argument: string, operation: string): [boolean, Tensor[]] {
  const isList = Array.isArray(value);
  const list = (isList ? value : [value]) as unknown[];
  list.forEach((element, index) => {
    if (isTensor(element)) return;
    const where = isList ? `the value at index ${index}` : `the given ${argument}`;
    throw new Error(
      `${operation}: the ${argument} must be either a Tensor or an array of Tensors but ${where} is ${describeValue(element)}`,
    );
  });
  return [isList, list as Tensor[]];
}
