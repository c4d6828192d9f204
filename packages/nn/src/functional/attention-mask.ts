import { isTensor, zeros, type Tensor } from '@dl/tensor';

/** Which value of a bool mask keeps a position: scaled dot-product attention's masks mark the keys that take part, MultiheadAttention's those left out. */
export type BoolMaskMeaning = 'takes part' | 'left out';

/**
 * A mask in its additive form: 0 where attention may look, −∞ where it may not (torch 2's
 * `_canonical_mask`). A float mask is added as it is, so it must have the scores' dtype; a bool mask
 * becomes 0 / −∞ by `meaning`. Integer masks are refused, as torch refuses them.
 */
export function additiveMask(operation: string, name: string, mask: unknown, dtype: Tensor['dtype'], meaning: BoolMaskMeaning): Tensor {
  if (!isTensor(mask)) throw new Error(`${operation}: ${name} must be a tensor or null, got ${typeof mask}`);
  if (mask.dtype === 'bool') {
    const blocked = meaning === 'left out' ? mask : mask.logicalNot();
    return zeros(mask.shape, { dtype, device: mask.device }).maskedFill(blocked, Number.NEGATIVE_INFINITY);
  }
  if (mask.dtype !== 'float32' && mask.dtype !== 'float64')
    throw new Error(`${operation}: only bool and floating ${name}s are supported, got ${mask.dtype}`);
  if (mask.dtype !== dtype) throw new Error(`${operation}: a float ${name} must have the query's dtype ${dtype}, got ${mask.dtype}`);
  return mask;
}
