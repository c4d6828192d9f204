import { cat, checkBoolean, checkNumber, composite, describeValue, full, readArguments, stack, tensor, type Tensor } from '@dl/tensor';
import { isPackedSequence, type PackedSequence } from './packed-sequence.js';
import { lengthsOf } from './lengths.js';

export interface PadPackedSequenceOptions {
  /** Return [B, T, *] instead of [T, B, *]; default false. */
  batchFirst?: boolean;
  /** Value of the padding; default 0. */
  paddingValue?: number;
  /** Pad to this many steps instead of the longest sequence's length. */
  totalLength?: number;
}

/**
 * Unpacks a `PackedSequence` into a padded batch (PyTorch's `pad_packed_sequence`): returns
 * `[padded, lengths]`, padded being [T, B, *] (or [B, T, *]) in the caller's original batch order and
 * lengths an int32 tensor. The inverse of `packPaddedSequence`, and differentiable.
 * @example
 * const [padded, lengths] = padPackedSequence(output, { batchFirst: true });
 */
export function padPackedSequence(
  packed: PackedSequence,
  ...rest: [options?: PadPackedSequenceOptions] | [batchFirst?: boolean, paddingValue?: number, totalLength?: number | null]
): [Tensor, Tensor] {
  // torch's positional order (batch_first, padding_value, total_length) or an options object
  const names = ['batchFirst', 'paddingValue', 'totalLength'];
  const options = readArguments<PadPackedSequenceOptions>('padPackedSequence', rest, names, names);
  const { batchFirst = false, paddingValue = 0 } = options;
  // readArguments places the values; their types are each function's to check
  checkBoolean('padPackedSequence', 'batchFirst', batchFirst);
  checkNumber('padPackedSequence', 'paddingValue', paddingValue, true);
  if (!isPackedSequence(packed))
    throw new Error(`padPackedSequence: expected a PackedSequence (from packPaddedSequence or packSequence), got ${describeValue(packed)}`);
  const { data, batchSizes } = packed;
  const batch = batchSizes[0] ?? 0;
  const steps = options.totalLength ?? batchSizes.length;
  // torch takes an int: 4.5 or '5' would otherwise pad to 5 steps through the loop's comparison
  if (!Number.isInteger(steps))
    throw new Error(`padPackedSequence: totalLength must be an integer (or null), got ${describeValue(options.totalLength)}`);
  if (steps < batchSizes.length)
    throw new Error(
      `padPackedSequence: expected totalLength to be at least the length of the longest sequence in input, but got totalLength=${steps} and max sequence length being ${batchSizes.length}`,
    );
  const features = data.shape.slice(1);
  const factory = { dtype: data.dtype, device: data.device };
  return composite((): [Tensor, Tensor] => {
    const rows: Tensor[] = [];
    let offset = 0;
    for (let step = 0; step < steps; step++) {
      const size = batchSizes[step] ?? 0;
      const present = data.narrow(0, offset, size);
      offset += size;
      rows.push(size === batch ? present : cat([present, full([batch - size, ...features], paddingValue, factory)], 0));
    }
    let padded = stack(rows, 0); // [T, B, *] in sorted order
    const lengths = lengthsOf(batchSizes);
    let ordered = lengths;
    if (packed.unsortedIndices) {
      padded = padded.indexSelect(1, tensor([...packed.unsortedIndices], { dtype: 'int32', device: data.device }));
      ordered = packed.unsortedIndices.map((position) => lengths[position]!);
    }
    return [batchFirst ? padded.transpose(0, 1) : padded, tensor(ordered, { dtype: 'int32' })];
  });
}
