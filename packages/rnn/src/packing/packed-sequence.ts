import { refuseExtraArguments, type Tensor } from '@dl/tensor';

/** Cross-copy brand, as @dl/nn's modules: two installed copies of @dl/rnn still recognise each other's. */
const packedBrand: unique symbol = Symbol.for('@dl/rnn.PackedSequence') as never;

/**
 * A batch of variable-length sequences stored without padding (PyTorch's `PackedSequence`).
 * `data` holds the time steps one after another, each step's rows being the sequences still running
 * at that step, longest first: step t contributes `batchSizes[t]` rows. `sortedIndices[k]` is the
 * caller's batch position of the k-th longest sequence (null when the batch came sorted), and
 * `unsortedIndices` is its inverse. Build one with `packPaddedSequence` or `packSequence`.
 * @example
 * const packed = packSequence([tensor([1, 2, 3]), tensor([4, 5])]);
 * packed.data.toArraySync(); // [1, 4, 2, 5, 3]
 * packed.batchSizes;         // [2, 2, 1]
 */
export class PackedSequence {
  readonly [packedBrand] = true;

  constructor(
    /** [Σ lengths, *features] */
    readonly data: Tensor,
    /** rows of `data` per time step, non-increasing */
    readonly batchSizes: readonly number[],
    readonly sortedIndices: readonly number[] | null = null,
    readonly unsortedIndices: readonly number[] | null = sortedIndices ? invertPermutation(sortedIndices) : null,
    ...extra: never[]
  ) {
    if (extra.length > 0) refuseExtraArguments('PackedSequence', ['data', 'batchSizes', 'sortedIndices', 'unsortedIndices'], extra);
  }

  /** The same packing around other data with as many rows (a layer's output, `data.relu()`, ...). */
  withData(data: Tensor): PackedSequence {
    return packedLike(this, data);
  }

  /** A copy on `device` (or cast to a dtype), with the same packing. */
  to(target: string): PackedSequence {
    return this.withData(this.data.to(target));
  }
}

/** p⁻¹ with p⁻¹[p[k]] = k. */
export function invertPermutation(permutation: readonly number[]): number[] {
  const inverse = new Array<number>(permutation.length);
  permutation.forEach((target, position) => (inverse[target] = position));
  return inverse;
}

/** Whether a value is a `PackedSequence` (of any installed copy of this package). */
export function isPackedSequence(value: unknown): value is PackedSequence {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[packedBrand] === true;
}

// Outside the class: a class that names itself in its own body is bundled as `var X = class _X`, and its
// name (String(model), errors) would read '_X'.
function packedLike(packing: PackedSequence, data: Tensor): PackedSequence {
  return new PackedSequence(data, packing.batchSizes, packing.sortedIndices, packing.unsortedIndices);
}
