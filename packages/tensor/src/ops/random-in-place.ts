import type { NormalAffine } from '../core/backend.js';
import { sizeOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { reserveFrom, type RandomGenerator } from '../random/generator.js';

// normal_ and uniform_ draw a parameter's values once, at initialisation, often for the largest tensor
// of a model (VGG's first classifier weight: 103M elements). Drawn into a new tensor and copied, they
// would take two fresh buffers of its size and a pass more; where the backend has the fused kernel
// and the target is one contiguous block of float storage, the kernel writes the same values straight
// into it. The caller keeps the bookkeeping of the write (checkWritable, markWritten).

type Generator = RandomGenerator | null | undefined;

/**
 * Writes the samples `randn(target.shape, { dtype, device, generator })` would draw (times std plus
 * mean with `affine`: `normal`'s) into target itself, advancing the generator alike; false, with
 * nothing drawn, where it cannot. randn and normal draw into a new tensor through it.
 */
export function normalInPlace(target: Tensor, affine: NormalAffine | null, generator: Generator): boolean {
  const kernel = target.storage.backend.fused?.normal;
  if (!kernel || !isDenseFloat(target)) return false;
  const { seed, offset } = reserveFrom(generator, 2 * sizeOf(target.shape));
  kernel(target.kernelView(), seed, offset, affine);
  return true;
}

/** As normalInPlace, for `uniform(target.shape, low, high, …)`. */
export function uniformInPlace(target: Tensor, low: number, high: number, generator: Generator): boolean {
  const kernel = target.storage.backend.fused?.uniformRange;
  if (!kernel || !isDenseFloat(target)) return false;
  const { seed, offset } = reserveFrom(generator, sizeOf(target.shape));
  kernel(target.kernelView(), seed, offset, low, high);
  return true;
}

/** A float32 or float64 tensor whose elements fill one block of its storage in order. */
function isDenseFloat(target: Tensor): boolean {
  return (target.dtype === 'float32' || target.dtype === 'float64') && target.isContiguous();
}
