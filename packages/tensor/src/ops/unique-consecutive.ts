import { checkBoolean, checkOptions, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import type { TypedArray } from '../core/dtype.js';
import { fromTypedArray } from './allocate.js';
import { indexSelect } from './indexing.js';
import { reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.unique_consecutive's keywords.
 * @example
 * const [rows, counts] = uniqueConsecutive(x, { dim: 0, returnCounts: true }) as Tensor[];
 */
export interface UniqueConsecutiveOptions {
  /** Also return, for each element (or slice along `dim`), the number of its run. Default false. */
  returnInverse?: boolean;
  /** Also return the length of each run. Default false. */
  returnCounts?: boolean;
  /** Compare whole slices along this dim instead of the flattened elements. Default: the flattened tensor. */
  dim?: number;
}

/**
 * The first element of every run of equal consecutive elements (torch.unique_consecutive, like Unix
 * `uniq`), over the flattened tensor (1-D result) or, with `dim`, of equal consecutive slices along
 * `dim`; as asked, the inverse (int32: the run of each element, x's shape, or [x.shape[dim]]) and
 * the counts (int32), in torch's order: `const [values, counts] = uniqueConsecutive(x, { returnCounts:
 * true })`. The runs depend on the values, so it reads them: synchronously on the CPU; on devices that
 * read asynchronously (the GPU) use `await uniqueConsecutiveAsync(x, options)`. NaN equals nothing.
 * @example
 * uniqueConsecutive(tensor([1, 1, 2, 2, 3, 1])); // [1, 2, 3, 1]
 */
export function uniqueConsecutive(x: Tensor, options?: UniqueConsecutiveOptions & { returnInverse?: false; returnCounts?: false }): Tensor;
export function uniqueConsecutive(x: Tensor, options: UniqueConsecutiveOptions): Tensor | Tensor[];
export function uniqueConsecutive(x: Tensor, options: UniqueConsecutiveOptions = {}): Tensor | Tensor[] {
  if (arguments.length > 2) refuseArgumentsPast('uniqueConsecutive', ['x', 'options'], arguments);
  const axis = readOptions(x, options);
  if (!x.storage.backend.readSync)
    throw new Error(
      `uniqueConsecutive: the input is on '${x.device}', which reads asynchronously; use await uniqueConsecutiveAsync(x, options)`,
    );
  return runsOf(x, x.dataSync(), axis, options);
}

/**
 * `uniqueConsecutive` for any device: waits for the read.
 * @example
 * const [values, counts] = (await uniqueConsecutiveAsync(x, { returnCounts: true })) as Tensor[];
 */
export async function uniqueConsecutiveAsync(x: Tensor, options: UniqueConsecutiveOptions = {}): Promise<Tensor | Tensor[]> {
  if (arguments.length > 2) refuseArgumentsPast('uniqueConsecutiveAsync', ['x', 'options'], arguments);
  const axis = readOptions(x, options);
  return runsOf(x, await x.data(), axis, options);
}

function readOptions(x: Tensor, options: UniqueConsecutiveOptions): number | undefined {
  checkOptions('uniqueConsecutive', options, ['returnInverse', 'returnCounts', 'dim']);
  checkBoolean('uniqueConsecutive', 'returnInverse', options.returnInverse ?? false);
  checkBoolean('uniqueConsecutive', 'returnCounts', options.returnCounts ?? false);
  checkLive('uniqueConsecutive', 'input', x);
  return options.dim === undefined ? undefined : normalizeDim('uniqueConsecutive', options.dim, x.ndim);
}

/** The runs of `values` (x's row-major values): over the elements, or over slices along `axis`. */
function runsOf(x: Tensor, values: TypedArray, axis: number | undefined, options: UniqueConsecutiveOptions): Tensor | Tensor[] {
  // `length` items to compare, item i being the `width` values at offset(i, k), k < width
  const shape = x.ndim === 0 ? [1] : x.shape;
  const length = axis === undefined ? values.length : shape[axis]!;
  const inner = axis === undefined ? 1 : shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = axis === undefined ? 1 : shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const sameAsPrevious = (item: number): boolean => {
    for (let o = 0; o < outer; o++)
      for (let k = 0; k < inner; k++) {
        const at = (o * length + item) * inner + k;
        if (values[at] !== values[at - inner]) return false;
      }
    return true;
  };
  const starts: number[] = [];
  const inverse = new Int32Array(length);
  for (let item = 0; item < length; item++) {
    if (item === 0 || !sameAsPrevious(item)) starts.push(item);
    inverse[item] = starts.length - 1;
  }
  const counts = Int32Array.from(starts, (start, run) => (starts[run + 1] ?? length) - start);
  return composite(() => {
    const firsts = fromTypedArray(Int32Array.from(starts), [starts.length], 'int32', x.device);
    const result = [axis === undefined ? indexSelect(reshape(x, [-1]), 0, firsts) : indexSelect(x, axis, firsts)];
    if (options.returnInverse) result.push(fromTypedArray(inverse, axis === undefined ? [...x.shape] : [length], 'int32', x.device));
    if (options.returnCounts) result.push(fromTypedArray(counts, [counts.length], 'int32', x.device));
    return options.returnInverse || options.returnCounts ? result : result[0]!;
  });
}
