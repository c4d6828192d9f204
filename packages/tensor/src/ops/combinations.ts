import { checkBoolean, checkInteger, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { indexSelect } from './indexing.js';
import { reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.combinations' keywords.
 * @example
 * combinations(x, { r: 3, withReplacement: true });
 */
export interface CombinationsOptions {
  /** How many elements in each combination. Default 2. */
  r?: number;
  /** Let an element repeat within a combination (itertools.combinations_with_replacement). Default false. */
  withReplacement?: boolean;
}

/** Every increasing (or, with replacement, non-decreasing) r-tuple of 0 … n − 1, in lexicographic order. */
function tuples(n: number, r: number, withReplacement: boolean): number[] {
  const out: number[] = [];
  const current: number[] = [];
  const extend = (start: number) => {
    if (current.length === r) {
      out.push(...current);
      return;
    }
    for (let value = start; value < n; value++) {
      current.push(value);
      extend(withReplacement ? value : value + 1);
      current.pop();
    }
  };
  extend(0);
  return out;
}

/**
 * The length-r combinations of the elements of a 1-D tensor, [count, r] in itertools' order (torch.
 * combinations): `combinations(x)`, `combinations(x, 3)`, `combinations(x, { r: 2, withReplacement:
 * true })`. r = 0 gives an empty 1-D tensor, as torch. An indexSelect of x, so differentiable.
 * @example
 * combinations(tensor([1, 2, 3])); // [[1, 2], [1, 3], [2, 3]]
 */
export function combinations(x: Tensor, r?: number | CombinationsOptions, withReplacement?: boolean | CombinationsOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('combinations', ['x', 'r', 'withReplacement'], arguments);
  const read = readArguments<CombinationsOptions>('combinations', [r, withReplacement], ['r', 'withReplacement'], ['r', 'withReplacement']);
  const size = checkInteger('combinations', 'r', read.r ?? 2, 0);
  const repeat = checkBoolean('combinations', 'withReplacement', read.withReplacement ?? false);
  checkLive('combinations', 'input', x);
  if (x.ndim !== 1) throw new Error(`combinations: expects a 1-D tensor, got ${formatShape(x.shape)}`);
  return composite(() => {
    if (size === 0) return reshape(indexSelect(x, 0, fromTypedArray(new Int32Array(0), [0], 'int32', x.device)), [0]);
    const picks = tuples(x.shape[0]!, size, repeat);
    const index = fromTypedArray(Int32Array.from(picks), [picks.length], 'int32', x.device);
    return reshape(indexSelect(x, 0, index), [picks.length / size, size]);
  });
}
