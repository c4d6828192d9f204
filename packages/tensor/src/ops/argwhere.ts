import { refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { nonzero, nonzeroAsync } from './nonzero.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The coordinates of the nonzero elements, [count, ndim] int32 in row-major order (torch.argwhere,
 * the same as nonzero). Its shape depends on the values, so it reads them: synchronously on the CPU;
 * on devices that read asynchronously (the GPU) use `await argwhereAsync(x)`.
 * @example
 * argwhere(tensor([[0, 1], [2, 0]])); // [[0, 1], [1, 0]]
 */
export function argwhere(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('argwhere', ['x'], arguments);
  checkLive('argwhere', 'input', x);
  if (!x.storage.backend.readSync)
    throw new Error(`argwhere: the input is on '${x.device}', which reads asynchronously; use await argwhereAsync(x)`);
  return nonzero(x);
}

/**
 * `argwhere` for any device: waits for the read.
 * @example
 * const coordinates = await argwhereAsync(mask);
 */
export async function argwhereAsync(x: Tensor): Promise<Tensor> {
  if (arguments.length > 1) refuseArgumentsPast('argwhereAsync', ['x'], arguments);
  checkLive('argwhereAsync', 'input', x);
  return nonzeroAsync(x);
}
