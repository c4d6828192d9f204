import { refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { checkLive } from '../core/tensor-arguments.js';

/** The [count, ndim] int32 coordinates of the nonzero values in `values`, read row-major. */
function coordinates(values: ArrayLike<number>, shape: readonly number[], device: string): Tensor {
  const hits: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) hits.push(i);
  const out = new Int32Array(hits.length * shape.length);
  hits.forEach((flat, row) => {
    let rest = flat;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      out[row * shape.length + axis] = rest % shape[axis]!;
      rest = Math.floor(rest / shape[axis]!);
    }
  });
  return fromTypedArray(out, [hits.length, shape.length], 'int32', device);
}

/**
 * The coordinates of the nonzero elements, [count, ndim] int32 in row-major order (torch.nonzero).
 * Its shape depends on the values, so it reads them: synchronously on the CPU; on the GPU use
 * `await nonzeroAsync(x)`.
 * @example
 * nonzero(tensor([[0, 1], [2, 0]])); // [[0, 1], [1, 0]]
 */
export function nonzero(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('nonzero', ['x'], arguments);
  checkLive('nonzero', 'input', x);
  if (!x.storage.backend.readSync)
    throw new Error(`nonzero: the input is on '${x.device}', which reads asynchronously; use await nonzeroAsync(x)`);
  return coordinates(x.dataSync(), x.shape, x.device);
}

/** `nonzero` for any device: waits for the read. */
export async function nonzeroAsync(x: Tensor): Promise<Tensor> {
  if (arguments.length > 1) refuseArgumentsPast('nonzeroAsync', ['x'], arguments);
  checkLive('nonzeroAsync', 'input', x);
  return coordinates(await x.data(), x.shape, x.device);
}
