import { checkOptions, describeValue, refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { checkLive } from '../core/tensor-arguments.js';

/** torch.unique's keywords: which of the inverse indices and the counts to return besides the values. */
export interface UniqueOptions {
  /** torch sorts on every device whatever this says; accepted for compatibility. Default true. */
  sorted?: boolean;
  /** Also return, for each element of the input, the position of its value among the unique values. Default false. */
  returnInverse?: boolean;
  /** Also return how often each unique value occurs. Default false. */
  returnCounts?: boolean;
}

/**
 * Throws, naming `operation`, when `tensor` lives on a device that reads asynchronously (webgpu): its
 * values decide the result's shape, so they are read here, and only the CPU reads synchronously.
 */
function refuseAsynchronousRead(operation: string, subject: 'the input is' | 'the weights are', tensor: Tensor): void {
  if (!tensor.storage.backend.readSync)
    throw new Error(
      `${operation}: ${subject} on '${tensor.device}', which reads asynchronously; move it first with await t.toAsync('cpu')`,
    );
}

/**
 * The distinct values of `x` in ascending order, 1-D (torch.unique, over the flattened tensor), and, as
 * asked, the inverse indices (int32, x's shape: `values[inverse]` rebuilds x) and the counts (int32),
 * in torch's order: `const [values, counts] = unique(labels, { returnCounts: true })`. It reads the
 * values, so it runs synchronously where the device can (the CPU). Not differentiable.
 */
export function unique(x: Tensor, options?: UniqueOptions & { returnInverse?: false; returnCounts?: false }): Tensor;
export function unique(x: Tensor, options: UniqueOptions): Tensor[];
export function unique(x: Tensor, options: UniqueOptions = {}): Tensor | Tensor[] {
  checkLive('unique', 'input', x);
  checkOptions('unique', options, ['sorted', 'returnInverse', 'returnCounts']);
  refuseAsynchronousRead('unique', 'the input is', x);
  const values = Array.from(x.dataSync());
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const position = new Map(distinct.map((value, index) => [value, index]));
  const result = [fromTypedArray(Float64Array.from(distinct), [distinct.length], x.dtype, x.device)];
  if (options.returnInverse)
    result.push(
      fromTypedArray(
        Int32Array.from(values, (value) => position.get(value)!),
        [...x.shape],
        'int32',
        x.device,
      ),
    );
  if (options.returnCounts) {
    const counts = new Int32Array(distinct.length);
    for (const value of values) counts[position.get(value)!]!++;
    result.push(fromTypedArray(counts, [distinct.length], 'int32', x.device));
  }
  return options.returnInverse || options.returnCounts ? result : result[0]!;
}

/**
 * How often each value 0 … max occurs in a 1-D tensor of non-negative integers (torch.bincount), with
 * at least `minlength` bins; with `weights` (x's shape), the sum of the weights instead (float). Int32
 * counts where torch gives int64. Reads the values; not differentiable.
 * @example
 * bincount(labels); // class frequencies
 */
export function bincount(x: Tensor, options: { weights?: Tensor | null; minlength?: number } = {}): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('bincount', ['x', 'options'], arguments);
  checkLive('bincount', 'input', x);
  checkOptions('bincount', options, ['weights', 'minlength']);
  const { weights = null, minlength = 0 } = options;
  if (x.ndim !== 1 || (x.dtype !== 'int32' && x.dtype !== 'bool'))
    throw new Error(`bincount: expected a 1-D tensor of non-negative integers (int32), got ${x.dtype} [${x.shape.join(', ')}]`);
  if (!Number.isInteger(minlength) || minlength < 0)
    throw new Error(`bincount: minlength must be a non-negative integer, got ${describeValue(minlength)}`);
  if (weights && weights.shape.join() !== x.shape.join())
    throw new Error(`bincount: weights [${weights.shape.join(', ')}] must have the input's shape [${x.shape.join(', ')}]`);
  refuseAsynchronousRead('bincount', 'the input is', x);
  if (weights) refuseAsynchronousRead('bincount', 'the weights are', weights);
  const values = x.dataSync();
  let largest = -1;
  for (const value of values) {
    if (value < 0) throw new Error(`bincount: the input must hold non-negative values, got ${value}`);
    largest = Math.max(largest, value);
  }
  const size = Math.max(minlength, largest + 1);
  if (!weights) {
    const counts = new Int32Array(size);
    for (const value of values) counts[value]!++;
    return fromTypedArray(counts, [size], 'int32', x.device);
  }
  const amounts = weights.dataSync();
  const sums = new Float64Array(size);
  values.forEach((value, index) => {
    sums[value]! += amounts[index]!;
  });
  return fromTypedArray(sums, [size], weights.dtype === 'float64' ? 'float64' : 'float32', x.device);
}
