import { isTensor } from '../core/brand.js';
import { checkBoolean, checkOptions, describeValue, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { any } from './any-all.js';
import { eq, logicalNot, prepareOperands } from './elementwise.js';
import { reshape } from './views.js';

/** torch.isin's keywords. */
export interface IsinOptions {
  /** Promise that both sets hold no repeats; a hint only, the result is the same. Default false. */
  assumeUnique?: boolean;
  /** Whether an element is NOT among the test elements instead. Default false. */
  invert?: boolean;
}

/**
 * Whether each element of `elements` equals some element of `testElements`, as a bool tensor of
 * `elements`' shape (torch.isin); `invert` gives the opposite. Either side may be a number (a number
 * for `elements` gives a 0-d result, as torch), and the two promote to one dtype (2 is in [2.0, 3.5]);
 * NaN is in no set. Every pair is compared (elements × test elements of memory), which suits the
 * modest test sets isin meets. bool tensors are refused, as torch.
 * @example
 * isin(tensor([1, 2, 3], { dtype: 'int32' }), tensor([2, 9], { dtype: 'int32' })); // [false, true, false]
 */
export function isin(elements: Tensor | number, testElements: Tensor | number, options: IsinOptions = {}): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('isin', ['elements', 'testElements', 'options'], arguments);
  checkOptions('isin', options, ['assumeUnique', 'invert']);
  const { assumeUnique = false, invert = false } = options;
  checkBoolean('isin', 'assumeUnique', assumeUnique);
  checkBoolean('isin', 'invert', invert);
  for (const operand of [elements, testElements]) {
    if (typeof operand !== 'number' && !isTensor(operand))
      throw new Error(`isin: elements and testElements must be tensors or numbers, got ${describeValue(operand)}`);
    if (isTensor(operand) && operand.dtype === 'bool') throw new Error('isin: bool tensors are not supported (torch refuses them too)');
  }
  return composite(() => {
    const [left, right] = prepareOperands('isin', elements, testElements);
    // [...elements' shape, 1] against every test element, any() along the new last dim
    const pairs = eq(reshape(left, [...left.shape, 1]), reshape(right, [right.numel()]));
    const found = any(pairs, -1);
    return invert ? logicalNot(found) : found;
  });
}
