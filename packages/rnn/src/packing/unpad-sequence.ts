import { checkTensorArguments, composite, isTensor, readArguments, type Tensor } from '@dl/tensor';
import { formatShape } from '../options.js';
import { lengthsArray } from './lengths.js';

/** The options of `unpadSequence`. */
export interface UnpadSequenceOptions {
  /** The batch is [B, T, *] instead of [T, B, *]. Default false. */
  batchFirst?: boolean;
}

/**
 * Splits a padded batch into its sequences (PyTorch's `unpad_sequence`): padded [T, B, *] (or [B, T, *]
 * with `batchFirst`) and each sequence's length → B tensors [lengths[b], *], the first lengths[b]
 * steps of each. The inverse of `padSequence`, and differentiable. Each sequence is a copy, as torch's
 * boolean indexing gives; unlike torch, the padded batch is left as it is (torch transposes it in
 * place when batchFirst is false), and a lengths list that does not match the batch is an error
 * (torch zips and so stops at the shorter one, and takes all T steps for a length beyond T).
 * @example
 * const [a, b] = unpadSequence(padSequence([tensor([1, 2, 3]), tensor([4])]), [3, 1]);
 * b.toArraySync(); // [4]
 */
export function unpadSequence(
  paddedSequences: Tensor,
  lengths: Tensor | readonly number[],
  ...rest: [options?: UnpadSequenceOptions] | [batchFirst?: boolean]
): Tensor[] {
  const owner = 'unpadSequence';
  // torch's positional batch_first or an options object
  const { batchFirst = false } = readArguments<UnpadSequenceOptions>(owner, rest, ['batchFirst'], ['batchFirst']);
  checkTensorArguments(owner, { paddedSequences });
  if (paddedSequences.ndim < 2)
    throw new Error(`${owner}: paddedSequences must have at least 2 dimensions, got ${formatShape(paddedSequences.shape)}`);
  if (isTensor(lengths) && (lengths.ndim !== 1 || lengths.device !== 'cpu'))
    throw new Error(`${owner}: lengths must be a 1-D tensor on the CPU, got shape ${formatShape(lengths.shape)} on ${lengths.device}`);
  const values = lengthsArray(owner, lengths);
  const [steps, batch] = (batchFirst ? [paddedSequences.shape[1], paddedSequences.shape[0]] : paddedSequences.shape) as [number, number];
  const where = `paddedSequences ${formatShape(paddedSequences.shape)} (batchFirst=${batchFirst})`;
  if (values.length !== batch) throw new Error(`${owner}: expected ${batch} lengths for ${where}, got ${values.length}`);
  values.forEach((length, position) => {
    if (!Number.isInteger(length) || length < 0 || length > steps)
      throw new Error(`${owner}: lengths[${position}] is ${length}, expected an integer in [0, ${steps}] for ${where}`);
  });
  const batchDim = batchFirst ? 0 : 1;
  // sequence b is steps 0 … lengths[b] − 1 of batch entry b; once b is selected, time is dim 0
  return composite(() => values.map((length, position) => paddedSequences.select(batchDim, position).narrow(0, 0, length).clone()));
}
