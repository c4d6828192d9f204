import { describeValue, isTensor, refuseExtraArguments, stack, tensor, type Tensor } from '@dl/tensor';

/**
 * Turns a list of samples into a batch (PyTorch's `default_collate`), recursively by structure:
 * - tensors of equal shape → `stack` along a new first dim ([B, ...shape]);
 * - numbers → a 1-d tensor: int32 when all are integers (class labels; one outside int32 throws,
 *   where torch would use int64), float32 otherwise
 *   (JavaScript has one number type, so the values decide where PyTorch looks at int/float);
 * - booleans → a bool tensor; typed arrays → a tensor of their dtype, stacked;
 * - strings and other values → the array of them;
 * - arrays (tuples) → an array of the collated positions; objects → an object of collated keys.
 * @example
 * defaultCollate([[tensor([1, 2]), 0], [tensor([3, 4]), 1]]); // [tensor [2, 2], tensor([0, 1]) int32]
 * defaultCollate([{ x: 0.5 }, { x: 1.5 }]); // { x: tensor([0.5, 1.5]) }
 */
export function defaultCollate(batch: readonly unknown[], ...extra: never[]): any {
  if (extra.length > 0) refuseExtraArguments('defaultCollate', ['batch'], extra);
  if (!Array.isArray(batch)) throw new Error(`defaultCollate: expected the list of a batch's samples, got ${describeValue(batch)}`);
  if (batch.length === 0) throw new Error('defaultCollate: cannot collate an empty batch');
  const first = batch[0];
  if (isTensor(first)) {
    assertAll(batch, isTensor, 'a tensor');
    const shape = first.shape.join(', ');
    for (const [position, item] of (batch as Tensor[]).entries())
      if (item.shape.join(', ') !== shape)
        throw new Error(
          `defaultCollate: stack expects each tensor to be equal size, but got [${shape}] at entry 0 and [${item.shape.join(', ')}] at entry ${position}`,
        );
    return stack(batch as Tensor[]);
  }
  if (typeof first === 'number') {
    assertAll(batch, (item) => typeof item === 'number', 'a number');
    const numbers = batch as number[];
    if (!numbers.every(Number.isInteger)) return tensor(numbers, { dtype: 'float32' });
    // int32 is the integer dtype here, where torch collates int64: a larger id or timestamp would wrap
    const outside = numbers.findIndex((value) => value < -(2 ** 31) || value >= 2 ** 31);
    if (outside >= 0)
      throw new Error(
        `defaultCollate: entry ${outside} is the integer ${numbers[outside]}, outside int32 (the integer dtype here; torch collates int64): keep such values as strings or floats, or pass a collateFn`,
      );
    return tensor(numbers, { dtype: 'int32' });
  }
  if (typeof first === 'boolean') return tensor(batch as boolean[], { dtype: 'bool' });
  if (ArrayBuffer.isView(first) && !(first instanceof DataView)) {
    return stack((batch as ArrayLike<number>[]).map((item) => tensor(item as Float32Array)));
  }
  if (Array.isArray(first)) {
    const width = first.length;
    for (const [position, item] of batch.entries())
      if (!Array.isArray(item) || item.length !== width)
        throw new Error(
          `defaultCollate: each element in list of batch should be of equal size (entry 0 has ${width}, entry ${position} has ${Array.isArray(item) ? item.length : 'no'} elements)`,
        );
    return first.map((_, column) => defaultCollate(batch.map((item) => (item as unknown[])[column])));
  }
  if (typeof first === 'object' && first !== null && Object.getPrototypeOf(first) === Object.prototype) {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(first)) {
      // torch raises KeyError for a sample without the first one's key; reading it as undefined hid that
      const missing = batch.findIndex((item) => typeof item !== 'object' || item === null || !(key in item));
      if (missing >= 0) throw new Error(`defaultCollate: entry 0 has the key '${key}' but entry ${missing} does not`);
      result[key] = defaultCollate(batch.map((item) => (item as Record<string, unknown>)[key]));
    }
    return result;
  }
  return [...batch];
}

function assertAll(batch: readonly unknown[], test: (item: unknown) => boolean, kind: string): void {
  const position = batch.findIndex((item) => !test(item));
  if (position >= 0) throw new Error(`defaultCollate: entry 0 is ${kind} but entry ${position} is not`);
}
