import { refuseArgumentsPast } from '../core/options.js';
import { joinLoan } from '../core/loan.js';
import { getBackend } from '../core/backend.js';
import { resolveDType, type DType } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';
import { record } from '../autograd/record.js';
import { allocate, fromTypedArray } from './allocate.js';
import { isTensor } from '../core/brand.js';
import { checkLive } from '../core/tensor-arguments.js';

/** A copy in another dtype (float → int truncates toward zero, anything → bool is `!= 0`). */
export function castTo(x: Tensor, dtype: DType): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('castTo', ['x', 'dtype'], arguments);
  // the same dtype returns x unchecked, so that the op that cast its operand names a released one
  if (isTensor(x) && x.dtype === dtype) return x;
  checkLive('cast', 'input', x);
  dtype = resolveDType('cast', dtype); // torch's spellings ('double'), and a clear error for what is not a dtype
  const output = allocate(x.shape, dtype, x.device);
  x.storage.backend.unary('copy', x.kernelView(), output.kernelView());
  return joinLoan(x, record(output, 'cast', [x], { dtype }));
}

/**
 * The same values on another device. From the CPU this is synchronous (the target queues the upload);
 * leaving a device that reads asynchronously needs `await toDeviceAsync(x, device)`.
 */
export function toDevice(x: Tensor, device: string): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('toDevice', ['x', 'device'], arguments);
  checkLive('toDevice', 'input', x);
  if (x.device === device) return x;
  getBackend(device, 'to'); // an unknown device (or not a device at all) is named before any read
  const source = x.contiguous();
  const reader = source.storage.backend.readSync;
  if (!reader)
    throw new Error(`to('${device}'): reading from '${x.device}' is asynchronous; use await t.toAsync('${device}') (or await t.data())`);
  const values = reader(source.storage.buffer, x.dtype, source.offset, x.numel());
  return joinLoan(x, fromTypedArray(values, x.shape, x.dtype, device));
}

/** `toDevice` for any source device, awaiting the read. Gradients do not flow across devices. */
export async function toDeviceAsync(x: Tensor, device: string): Promise<Tensor> {
  if (arguments.length > 2) refuseArgumentsPast('toDeviceAsync', ['x', 'device'], arguments);
  checkLive('toDeviceAsync', 'input', x);
  if (x.device === device) return x;
  getBackend(device, 'toAsync');
  const values = await x.data();
  return joinLoan(x, fromTypedArray(values, x.shape, x.dtype, device));
}
