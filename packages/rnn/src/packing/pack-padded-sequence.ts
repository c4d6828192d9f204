import { cat, checkBoolean, checkTensorArguments, composite, readArguments, tensor, type Tensor } from '@dl/tensor';
import { formatShape } from '../options.js';
import { PackedSequence } from './packed-sequence.js';
import { batchSizesOf, lengthsArray, sortByDecreasingLength } from './lengths.js';

export interface PackPaddedSequenceOptions {
  /** input is [B, T, *] instead of [T, B, *]; default false. */
  batchFirst?: boolean;
  /** Require lengths in decreasing order (PyTorch's default, true); false sorts them and remembers the order. */
  enforceSorted?: boolean;
}

/**
 * Packs a padded batch of variable-length sequences (PyTorch's `pack_padded_sequence`): input
 * [T, B, *] (or [B, T, *] with `batchFirst`) and each sequence's length → a `PackedSequence` whose
 * data is [Σ lengths, *]. Differentiable with respect to the input.
 * @example
 * const packed = packPaddedSequence(padded, [5, 3, 2]);
 * const [output, hN] = lstm.call(packed);
 */
export function packPaddedSequence(
  input: Tensor,
  lengths: Tensor | readonly number[],
  ...rest: [options?: PackPaddedSequenceOptions] | [batchFirst?: boolean, enforceSorted?: boolean]
): PackedSequence {
  // torch's positional order (batch_first, enforce_sorted) or an options object
  const names = ['batchFirst', 'enforceSorted'];
  const { batchFirst = false, enforceSorted = true } = readArguments<PackPaddedSequenceOptions>('packPaddedSequence', rest, names, names);
  checkTensorArguments('packPaddedSequence', { input });
  // readArguments places the values; their types are each function's to check
  checkBoolean('packPaddedSequence', 'batchFirst', batchFirst);
  checkBoolean('packPaddedSequence', 'enforceSorted', enforceSorted);
  const values = lengthsArray('packPaddedSequence', lengths);
  if (input.ndim < 2) throw new Error(`packPaddedSequence: input must have at least 2 dimensions, got ${formatShape(input.shape)}`);
  // torch's "Cannot pack empty tensors.": no sequence, no step or no feature leaves nothing to pack
  if (input.numel() === 0)
    throw new Error(`packPaddedSequence: cannot pack an empty tensor, got input ${formatShape(input.shape)} (batchFirst=${batchFirst})`);
  // [T, B] of the time-major view, which is made below with the call's other intermediates
  const [steps, batch] = (batchFirst ? [input.shape[1], input.shape[0]] : [input.shape[0], input.shape[1]]) as [number, number];
  if (values.length !== batch)
    throw new Error(
      `packPaddedSequence: expected ${batch} lengths for input ${formatShape(input.shape)} (batchFirst=${batchFirst}), got ${values.length}`,
    );
  values.forEach((length, position) => {
    if (!Number.isInteger(length) || length <= 0)
      throw new Error(`packPaddedSequence: length of all samples has to be greater than 0, but lengths[${position}] is ${length}`);
    if (length > steps)
      throw new Error(
        `packPaddedSequence: lengths[${position}] = ${length} exceeds the ${steps} time steps of input ${formatShape(input.shape)} (batchFirst=${batchFirst})`,
      );
  });
  let order: number[] | null = null;
  if (enforceSorted) {
    for (let position = 1; position < values.length; position++)
      if (values[position]! > values[position - 1]!)
        throw new Error(
          `packPaddedSequence: lengths array must be sorted in decreasing order when enforceSorted is true (got [${values.join(', ')}]); pass enforceSorted: false to sidestep this requirement`,
        );
  } else order = sortByDecreasingLength(values);
  return composite(() => {
    const timeMajor = batchFirst ? input.transpose(0, 1) : input;
    const sorted = order ? timeMajor.indexSelect(1, tensor(order, { dtype: 'int32', device: input.device })) : timeMajor;
    const batchSizes = batchSizesOf(order ? order.map((position) => values[position]!) : values);
    // step t keeps its first batchSizes[t] rows: those sequences are longer than t
    const rows = batchSizes.map((size, step) => sorted.select(0, step).narrow(0, 0, size));
    return new PackedSequence(cat(rows, 0), batchSizes, order);
  });
}
