import { readReturnIndices } from '../functional/return-indices-argument.js';

/**
 * torch's `return_indices` of a max-pooling layer, given positionally (`MaxPool2d(2, 2, 0, 1, False, True)`)
 * or as an option: false is accepted; true throws, since the layer's `call` returns the values only and
 * `forwardWithIndices` gives the indices (torch's return_indices=True returns both from forward).
 * @example
 * refuseReturnIndices('MaxPool2d', false); // nothing
 */
export function refuseReturnIndices(layer: string, returnIndices: unknown): void {
  if (returnIndices === undefined || returnIndices === false) return;
  throw new Error(
    `${layer}: returnIndices ${String(returnIndices)} is not supported on the layer (its call returns the values only); use layer.forwardWithIndices(input) for the values and indices`,
  );
}

/**
 * The arguments after an adaptive max-pooling layer's output size: torch's `return_indices` alone,
 * positionally (`AdaptiveMaxPool1d(4, False)`) or as `{ returnIndices }`; true, another argument or an
 * unknown option throws, naming the layer.
 * @example
 * readAdaptiveReturnIndices('AdaptiveMaxPool2d', [false]); // nothing
 */
export function readAdaptiveReturnIndices(layer: string, rest: readonly unknown[]): void {
  refuseReturnIndices(layer, readReturnIndices(layer, rest));
}
