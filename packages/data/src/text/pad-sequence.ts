import {
  cat,
  checkBoolean,
  checkNumber,
  composite,
  full,
  readArguments,
  refuseExtraArguments,
  type Tensor,
  checkTensorList,
} from '@dl/tensor';

/**
 * Pads sequences of different lengths into one tensor (PyTorch's `nn.utils.rnn.pad_sequence`):
 * sequences [Lᵢ, *] → [maxL, B, *], or [B, maxL, *] with `batchFirst`; the tail is `paddingValue`.
 * @example
 * padSequence([tensor([1, 2, 3]), tensor([4])], { batchFirst: true }).toArraySync(); // [[1, 2, 3], [4, 0, 0]]
 */
export function padSequence(
  sequences: readonly Tensor[],
  ...rest: [options?: { batchFirst?: boolean; paddingValue?: number }] | [batchFirst?: boolean, paddingValue?: number]
): Tensor {
  // torch's positional order (batch_first, padding_value) or an options object
  const names = ['batchFirst', 'paddingValue'];
  const options = readArguments<{ batchFirst?: boolean; paddingValue?: number }>('padSequence', rest, names, names);
  // readArguments places the values; their types are each function's to check
  if (options.batchFirst !== undefined) checkBoolean('padSequence', 'batchFirst', options.batchFirst);
  if (options.paddingValue !== undefined) checkNumber('padSequence', 'paddingValue', options.paddingValue, true);
  checkTensorList('padSequence', sequences);
  if (sequences.length === 0) throw new Error('padSequence: received an empty list of sequences');
  const trailing = sequences[0]!.shape.slice(1);
  for (const [position, sequence] of sequences.entries())
    if (sequence.shape.slice(1).join() !== trailing.join())
      throw new Error(
        `padSequence: sequence ${position} has shape [${sequence.shape.join(', ')}], expected [L, ${trailing.join(', ')}] like sequence 0`,
      );
  const longest = Math.max(...sequences.map((sequence) => sequence.shape[0]!));
  // the fillers, the padded rows and the batch before its transpose are released when the call returns
  return composite(() => {
    const rows = sequences.map((sequence) => {
      const missing = longest - sequence.shape[0]!;
      if (missing === 0) return sequence.unsqueeze(0);
      // made on the sequence's device: cat takes tensors of one device (a webgpu batch stays on the GPU)
      const filler = full([missing, ...trailing], options.paddingValue ?? 0, { dtype: sequence.dtype, device: sequence.device });
      return cat([sequence, filler]).unsqueeze(0);
    });
    const batch = cat(rows); // [B, maxL, *]
    return options.batchFirst ? batch : batch.transpose(0, 1).contiguous();
  });
}

/**
 * Lengths of the sequences (for masks and packing).
 * @example
 * sequenceLengths([tensor([1, 2]), tensor([3])]); // [2, 1]
 */
export function sequenceLengths(sequences: readonly Tensor[], ...extra: never[]): number[] {
  if (extra.length > 0) refuseExtraArguments('sequenceLengths', ['sequences'], extra);
  checkTensorList('sequenceLengths', sequences);
  return sequences.map((sequence) => sequence.shape[0]!);
}
