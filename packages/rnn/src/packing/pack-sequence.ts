import { padSequence } from '@dl/data';
import { checkBoolean, checkTensorList, composite, readArguments, type Tensor } from '@dl/tensor';
import { packPaddedSequence } from './pack-padded-sequence.js';
import type { PackedSequence } from './packed-sequence.js';

/**
 * Packs a list of sequences [Lᵢ, *] (PyTorch's `pack_sequence`); with `enforceSorted` (the default)
 * they must come longest first.
 * @example
 * const packed = packSequence([tensor([[1], [2], [3]]), tensor([[4]])]);
 */
export function packSequence(
  sequences: readonly Tensor[],
  ...rest: [options?: { enforceSorted?: boolean }] | [enforceSorted?: boolean]
): PackedSequence {
  // torch's positional enforce_sorted or an options object
  const options = readArguments<{ enforceSorted?: boolean }>('packSequence', rest, ['enforceSorted'], ['enforceSorted']);
  checkTensorList('packSequence', sequences);
  if (options.enforceSorted !== undefined) checkBoolean('packSequence', 'enforceSorted', options.enforceSorted);
  const lengths = sequences.map((sequence) => sequence.shape[0]!);
  // the padded batch is an intermediate: released when the packing is made
  return composite(() => packPaddedSequence(padSequence(sequences), lengths, { enforceSorted: options.enforceSorted ?? true }));
}
