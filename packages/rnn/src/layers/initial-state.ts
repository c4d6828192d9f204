import { tensor, zeros, type Tensor } from '@dl/tensor';
import { formatShape } from '../options.js';
import { checkStateTensor } from '../state-pair.js';

/** What the initial state must look like for one call. */
export interface StateShape {
  moduleName: string;
  /** numLayers · numDirections */
  slices: number;
  batch: number;
  unbatched: boolean;
  /** the input's rows: the state's dtype and device come from them */
  like: Tensor;
}

/**
 * The initial h (or c) as [L·D, B, features] in the packed batch's order: zeros when absent, else the
 * caller's tensor checked against PyTorch's expected size (h0/hN are never batch-first) and, for a
 * sorted packing, reordered longest first.
 */
export function initialState(
  given: Tensor | null | undefined,
  shape: StateShape,
  features: number,
  label: string,
  sortedIndices: readonly number[] | null,
): Tensor {
  const { moduleName, slices, batch, unbatched, like } = shape;
  if (given === null || given === undefined) return zeros([slices, batch, features], { dtype: like.dtype, device: like.device });
  checkStateTensor(moduleName, given, label);
  const expected = unbatched ? [slices, features] : [slices, batch, features];
  if (given.ndim !== expected.length)
    throw new Error(
      `${moduleName}: For ${unbatched ? 'unbatched 2-D' : 'batched 3-D'} input, ${label} should also be ${expected.length}-D but got ${given.ndim}-D tensor of shape ${formatShape(given.shape)}`,
    );
  if (formatShape(given.shape) !== formatShape(expected))
    throw new Error(`${moduleName}: Expected ${label} size ${formatShape(expected)}, got ${formatShape(given.shape)}`);
  const batched = unbatched ? given.unsqueeze(1) : given;
  return sortedIndices ? batched.indexSelect(1, tensor([...sortedIndices], { dtype: 'int32', device: given.device })) : batched;
}

/** hN (or cN) from the packed order back to the caller's, and unbatched again when the input was. */
export function finalState(state: Tensor, unsortedIndices: readonly number[] | null, unbatched: boolean): Tensor {
  const ordered = unsortedIndices ? state.indexSelect(1, tensor([...unsortedIndices], { dtype: 'int32', device: state.device })) : state;
  return unbatched ? ordered.squeeze(1) : ordered;
}
