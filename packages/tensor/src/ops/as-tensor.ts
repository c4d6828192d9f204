import { isTensor } from '../core/brand.js';
import { getDefaultDtype } from '../core/default-dtype.js';
import type { DType } from '../core/dtype.js';
import { checkOptions, refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { full, tensor } from './creation.js';
import type { TensorData } from './new-tensors.js';
import { checkLive } from '../core/tensor-arguments.js';

// torch.scalar_tensor, torch.as_tensor and torch.asarray: tensors from numbers, data or other tensors,
// copying only where the dtype or the device asks for it.

/** torch.as_tensor's keywords. */
export interface AsTensorOptions {
  /** The dtype of the result. Default: a tensor's own dtype, or what plain data implies (as `tensor`). */
  dtype?: DType;
  /** The device of the result. Default: a tensor's own device, or 'cpu' for plain data. */
  device?: string;
}

/** torch.asarray's keywords. */
export interface AsarrayOptions extends AsTensorOptions {
  /** true always copies; false never does (throws where a conversion is needed); undefined copies only to convert. Default undefined. */
  copy?: boolean;
  /** Record operations for autograd on the result (for a tensor returned as it is, on that tensor). Default false. */
  requiresGrad?: boolean;
}

/** torch.scalar_tensor's keywords. */
export interface ScalarTensorOptions {
  /** Default 'float32', whatever the value (torch's default dtype: scalarTensor(3) is 3.0). */
  dtype?: DType;
  /** Default 'cpu'. */
  device?: string;
  /** Record operations for autograd. Default false. */
  requiresGrad?: boolean;
}

/**
 * A 0-d tensor holding `value` (torch.scalar_tensor): float32 unless `dtype` says otherwise, even for
 * an integer or a boolean (true → 1).
 * @example
 * scalarTensor(3).dtype; // 'float32'
 */
export function scalarTensor(value: number | boolean, options: ScalarTensorOptions = {}): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('scalarTensor', ['value', 'options'], arguments);
  checkOptions('scalarTensor', options, ['dtype', 'device', 'requiresGrad']);
  if (typeof value !== 'number' && typeof value !== 'boolean')
    throw new Error(`scalarTensor: the value must be a number or a boolean, got ${typeof value}`);
  return full([], Number(value), { dtype: options.dtype ?? getDefaultDtype(), device: options.device, requiresGrad: options.requiresGrad });
}

/**
 * `data` as a tensor, sharing it where it can (torch.as_tensor): a tensor whose dtype and device
 * already match is returned as it is; another tensor is converted with `to` (differentiably, so a
 * gradient flows back to it); plain data (numbers, nested arrays, a typed array) becomes a new tensor
 * as `tensor(data)` makes it: JavaScript numbers give float32 unless `dtype` says otherwise (torch
 * gives int64 for Python ints; an Int32Array gives int32).
 * @example
 * asTensor(x) === x;                         // true
 * asTensor([1, 2]).dtype;                    // 'float32'
 * asTensor(x, { dtype: 'float64' }).dtype;   // 'float64'
 */
export function asTensor(data: TensorData, options: AsTensorOptions = {}): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('asTensor', ['data', 'options'], arguments);
  checkOptions('asTensor', options, ['dtype', 'device']);
  return converted('asTensor', data, options);
}

/**
 * `obj` as a tensor (torch.asarray): `asTensor`, with `copy` (true: always a new tensor; false: throws
 * where a conversion would need one, which plain data always does) and `requiresGrad`.
 * @example
 * asarray(x, { copy: true }); // a copy of x
 * asarray([1.5, 2], { requiresGrad: true });
 */
export function asarray(obj: TensorData, options: AsarrayOptions = {}): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('asarray', ['obj', 'options'], arguments);
  checkOptions('asarray', options, ['dtype', 'device', 'copy', 'requiresGrad']);
  const { copy, requiresGrad = false, ...conversion } = options;
  if (!isTensor(obj)) {
    if (copy === false) throw new Error("asarray: can't alias plain data (numbers or arrays) into a tensor with copy: false");
    return tensor(obj, { ...conversion, requiresGrad });
  }
  const result = converted('asarray', obj, conversion);
  if (copy === false && result !== obj)
    throw new Error(
      `asarray: can't alias a ${obj.dtype} tensor on '${obj.device}' into a ${result.dtype} tensor on '${result.device}' with copy: false`,
    );
  const owned = copy === true && result === obj ? obj.clone() : result;
  return requiresGrad ? owned.requiresGrad_(true) : owned;
}

/** A tensor returned as is where dtype and device match, converted otherwise; plain data through `tensor`. */
function converted(operation: string, data: TensorData, options: AsTensorOptions): Tensor {
  if (!isTensor(data)) return tensor(data, options);
  checkLive(operation, 'data', data);
  return data.to({ dtype: options.dtype ?? data.dtype, device: options.device ?? data.device });
}
