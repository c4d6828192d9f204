import { isTensor, zeros, type Tensor } from '@dl/tensor';

/** Which value of a bool mask keeps a position: scaled dot-product attention's masks mark the keys that take part, MultiheadAttention's those left out. */
export type BoolMaskMeaning = 'takes part' | 'left out';

/**
 * A mask in its additive form: 0 where attention may look, −∞ where it may not (torch 2's
 * `_canonical_mask`). A floating mask is added as it is, cast to the scores' `dtype` (torch's type
 * promotion in that addition: a float32 mask beside a float64 query gives what the same mask in
 * float64 gives; the cast is differentiable, so a mask that requires grad still gets its gradient); a
 * bool mask becomes 0 / −∞ by `meaning`. Integer masks are refused, as torch refuses them.
 */
export function additiveMask(operation: string, name: string, mask: unknown, dtype: Tensor['dtype'], meaning: BoolMaskMeaning): Tensor {
  if (!isTensor(mask)) throw new Error(`${operation}: ${name} must be a tensor or null, got ${typeof mask}`);
  if (mask.dtype === 'bool') {
    const blocked = meaning === 'left out' ? mask : mask.logicalNot();
    return zeros(mask.shape, { dtype, device: mask.device }).maskedFill(blocked, Number.NEGATIVE_INFINITY);
  }
  if (!mask.isFloatingPoint()) throw new Error(`${operation}: only bool and floating ${name}s are supported, got ${mask.dtype}`);
  return mask.dtype === dtype ? mask : mask.to(dtype);
}
