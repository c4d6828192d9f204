import type { Tensor } from '../core/tensor.js';
import { checkCreationOptions, checkShape, shapeArguments } from './creation-arguments.js';
import { type CreationOptions, full, type ShapeArguments, tensor } from './creation.js';
import { checkLive } from '../core/tensor-arguments.js';

// torch.Tensor.new_zeros, new_ones, new_empty, new_full and new_tensor: creation functions whose dtype
// and device default to those of an existing tensor (`like`), so code written against one tensor
// makes its companions where that tensor lives. torch's dtype, device and requires_grad keywords
// override them; the result does not require grad unless asked (requires_grad defaults to False).

/** What newTensor copies: a number, a boolean, nested arrays, a typed array or a tensor (as `tensor()` takes). */
export type TensorData = Parameters<typeof tensor>[0];

/** The creation options with `like`'s dtype and device where the caller gave none. */
function inherit(operation: string, like: Tensor, options: CreationOptions): CreationOptions {
  checkLive(operation, 'like', like);
  return { dtype: options.dtype ?? like.dtype, device: options.device ?? like.device, requiresGrad: options.requiresGrad };
}

/** `fill` everywhere, of a shape given as an array or as sizes, named `operation` in errors. */
function filled(operation: string, like: Tensor, fill: number, args: ShapeArguments): Tensor {
  const { shape, options } = shapeArguments<CreationOptions>(operation, args);
  return full(shape, fill, inherit(operation, like, options));
}

/**
 * Zeros with `like`'s dtype and device (torch.Tensor.new_zeros); shape and options as `zeros`.
 * @example
 * x.newZeros(2, 3); x.newZeros([2, 3], { dtype: 'int32' });
 */
export const newZeros = (like: Tensor, ...args: ShapeArguments): Tensor => filled('newZeros', like, 0, args);

/** Ones with `like`'s dtype and device (torch.Tensor.new_ones); shape and options as `ones`. */
export const newOnes = (like: Tensor, ...args: ShapeArguments): Tensor => filled('newOnes', like, 1, args);

/**
 * An uninitialised tensor in torch (torch.Tensor.new_empty); zero-filled here, as `empty`, with
 * `like`'s dtype and device.
 */
export const newEmpty = (like: Tensor, ...args: ShapeArguments): Tensor => filled('newEmpty', like, 0, args);

/**
 * `fillValue` everywhere, with `like`'s dtype and device unless `options` names others
 * (torch.Tensor.new_full).
 * @example
 * x.newFull([2], 7); // [7, 7] in x's dtype
 */
export function newFull(like: Tensor, size: readonly number[], fillValue: number, options?: CreationOptions): Tensor {
  const shape = checkShape('newFull', size);
  return full(shape, fillValue, inherit('newFull', like, checkCreationOptions('newFull', options)));
}

/**
 * A new tensor holding `data` (nested arrays, a number, a typed array or a tensor, copied) with
 * `like`'s dtype and device unless `options` names others (torch.Tensor.new_tensor): unlike `tensor()`,
 * the dtype is not inferred from the data.
 * @example
 * doubles.newTensor([1, 2]).dtype; // 'float64'
 */
export function newTensor(like: Tensor, data: TensorData, options?: CreationOptions): Tensor {
  return tensor(data, inherit('newTensor', like, checkCreationOptions('newTensor', options)));
}
