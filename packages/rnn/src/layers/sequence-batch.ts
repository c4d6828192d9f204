import type { Tensor } from '@dl/tensor';
import { formatShape } from '../options.js';
import { PackedSequence, isPackedSequence } from '../packing/packed-sequence.js';

/**
 * A layer's input in one form for every case: the rows of a packed batch. A padded input [T, B, I]
 * is the packing whose steps all have B rows (its data is the input reshaped to [T·B, I]), so one
 * code path serves both, and the input projection of all steps is one matrix product.
 */
export interface SequenceBatch {
  rows: Tensor;
  batchSizes: readonly number[];
  sortedIndices: readonly number[] | null;
  /** null for a PackedSequence; otherwise how to give the output back the input's layout */
  layout: { steps: number; batch: number; batchFirst: boolean; unbatched: boolean } | null;
}

/** Checks the input's rank and feature size, naming the module and the shapes, as PyTorch. */
export function toSequenceBatch(moduleName: string, input: Tensor | PackedSequence, inputSize: number, batchFirst: boolean): SequenceBatch {
  if (isPackedSequence(input)) {
    const { data } = input;
    if (data.ndim !== 2) throw new Error(`${moduleName}: packed input data must be 2-D [N, ${inputSize}], got ${formatShape(data.shape)}`);
    checkFeatures(moduleName, data, inputSize);
    return { rows: data, batchSizes: input.batchSizes, sortedIndices: input.sortedIndices, layout: null };
  }
  if (input.ndim !== 2 && input.ndim !== 3)
    throw new Error(
      `${moduleName}: Expected input to be 2-D or 3-D but received ${input.ndim}-D tensor of shape ${formatShape(input.shape)}`,
    );
  checkFeatures(moduleName, input, inputSize);
  const unbatched = input.ndim === 2;
  const timeMajor = unbatched ? input.unsqueeze(1) : batchFirst ? input.transpose(0, 1) : input;
  const [steps, batch] = timeMajor.shape as [number, number, number];
  // torch's message; a packed batch always has a step, as packing refuses zero lengths
  if (steps === 0)
    throw new Error(`${moduleName}: Expected sequence length to be larger than 0 in RNN, got input ${formatShape(input.shape)}`);
  return {
    rows: timeMajor.reshape([steps * batch, inputSize]),
    batchSizes: new Array<number>(steps).fill(batch),
    sortedIndices: null,
    layout: { steps, batch, batchFirst, unbatched },
  };
}

function checkFeatures(moduleName: string, input: Tensor, inputSize: number): void {
  const features = input.shape[input.ndim - 1];
  if (features !== inputSize)
    throw new Error(
      `${moduleName}: input.size(-1) must be equal to inputSize. Expected ${inputSize}, got ${features} (input ${formatShape(input.shape)})`,
    );
}

/** The output rows [N, F] back in the input's form: a PackedSequence or [T, B, F] / [B, T, F] / [T, F]. */
export function fromSequenceBatch(batch: SequenceBatch, packed: PackedSequence | null, rows: Tensor): Tensor | PackedSequence {
  if (!batch.layout) return packed!.withData(rows);
  const { steps, batch: size, batchFirst, unbatched } = batch.layout;
  const output = rows.reshape([steps, size, rows.shape[1]!]);
  if (unbatched) return output.squeeze(1);
  return batchFirst ? output.transpose(0, 1) : output;
}
