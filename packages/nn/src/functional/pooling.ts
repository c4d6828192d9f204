import type { PoolOptions as TensorPoolOptions } from '@dl/tensor';

export { maxPool2d, avgPool2d, adaptiveAvgPool2d } from '@dl/tensor';

/**
 * Stride, padding, dilation and ceil mode of the pooling functions (@dl/tensor's `PoolOptions`).
 * A local alias rather than a re-export: re-exported from another package into the `F` namespace,
 * the declaration bundler emitted it as a value (`typeof PoolOptions`), and `F.PoolOptions` failed
 * with TS2749 for users.
 */
export type PoolOptions = TensorPoolOptions;
