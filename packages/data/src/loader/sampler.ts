/**
 * An order of dataset indices (PyTorch's `Sampler`). Each call of `[Symbol.iterator]` is one epoch,
 * so random samplers give a new order every epoch.
 */
export interface Sampler<T = number> extends Iterable<T> {
  readonly length: number;
}
