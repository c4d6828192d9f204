import { refuseArgumentsPast } from '../core/options.js';
import { broadcastShapes, formatShape } from '../core/shape.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { indexSelect } from './indexing.js';
import { expand, reshape } from './views.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

/**
 * The elements of `x` where `mask` (bool, broadcast with `x`) is true, as a 1-D tensor in row-major
 * order (torch.masked_select, PyTorch's `x[mask]`); the gradient flows back to the selected elements.
 * Its length depends on the mask's values, so it reads them: synchronously on the CPU; on the GPU use
 * `await maskedSelectAsync(x, mask)`.
 * @example
 * maskedSelect(x, x.gt(0)); // x[x > 0]
 */
export function maskedSelect(x: Tensor, mask: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('maskedSelect', ['x', 'mask'], arguments);
  const shape = checkedShape(x, mask);
  if (!mask.storage.backend.readSync)
    throw new Error(`maskedSelect: the mask is on '${mask.device}', which reads asynchronously; use await maskedSelectAsync(x, mask)`);
  return composite(() => {
    const flags = expand(mask, shape);
    return selectFlagged(x, shape, flags.dataSync());
  });
}

/** `maskedSelect` for any device: waits for the mask's values. */
export async function maskedSelectAsync(x: Tensor, mask: Tensor): Promise<Tensor> {
  if (arguments.length > 2) refuseArgumentsPast('maskedSelectAsync', ['x', 'mask'], arguments);
  const shape = checkedShape(x, mask);
  const flags = expand(mask, shape);
  try {
    const values = await flags.data();
    return composite(() => selectFlagged(x, shape, values));
  } finally {
    if (flags !== mask) flags.release('the end of maskedSelectAsync (an intermediate it did not return)');
  }
}

function checkedShape(x: Tensor, mask: Tensor): number[] {
  checkTensorArguments('maskedSelect', { input: x, mask });
  if (mask.dtype !== 'bool')
    throw new Error(`maskedSelect: mask must be a bool tensor (x.gt(0), say), got ${mask.dtype} ${formatShape(mask.shape)}`);
  return broadcastShapes('maskedSelect', x.shape, mask.shape);
}

/** The elements of x (broadcast to `shape`) at the row-major positions whose flag is nonzero. */
function selectFlagged(x: Tensor, shape: number[], flags: ArrayLike<number>): Tensor {
  const positions: number[] = [];
  for (let index = 0; index < flags.length; index++) if (flags[index] !== 0) positions.push(index);
  const flat = reshape(expand(x, shape), [-1]);
  return indexSelect(flat, 0, fromTypedArray(Int32Array.from(positions), [positions.length], 'int32', x.device));
}
