import { composite, describeValue, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { isPackedSequence, type PackedSequence } from './packed-sequence.js';
import { padPackedSequence } from './pad-packed-sequence.js';
import { unpadSequence } from './unpad-sequence.js';

/**
 * Splits a `PackedSequence` into its sequences (PyTorch's `unpack_sequence`), in the caller's original
 * batch order: `padPackedSequence` then `unpadSequence`. The inverse of `packSequence`, and
 * differentiable with respect to the packed data.
 * @example
 * const sequences = unpackSequence(packSequence([tensor([1, 2, 3]), tensor([4, 5])]));
 * sequences[1].toArraySync(); // [4, 5]
 */
export function unpackSequence(packedSequences: PackedSequence, ...extra: never[]): Tensor[] {
  refuseExtraArguments('unpackSequence', ['packedSequences'], extra);
  if (!isPackedSequence(packedSequences))
    throw new Error(
      `unpackSequence: expected a PackedSequence (from packSequence or packPaddedSequence), got ${describeValue(packedSequences)}`,
    );
  // the padded batch and its lengths are intermediates, released when the sequences are made
  return composite(() => {
    const [padded, lengths] = padPackedSequence(packedSequences, { batchFirst: true });
    return unpadSequence(padded, lengths, { batchFirst: true });
  });
}
