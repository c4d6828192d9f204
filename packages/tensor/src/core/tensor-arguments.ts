import { isTensor } from './brand.js';
import { describeValue } from './options.js';
import type { Tensor } from './tensor.js';

/** Throws unless `value` is a tensor, naming the operation and the argument (`name`) it was given as. */
export function checkTensor(operation: string, name: string, value: unknown): asserts value is Tensor {
  if (!isTensor(value)) throw new Error(`${operation}: ${name} must be a tensor, got ${describeValue(value)}`);
}

/**
 * Throws unless `value` is a live tensor: the first check of an op on its operand, so that `exp(5)` or
 * `sum(batch.input)` with a misspelt property is named (`exp: input must be a tensor, got 5`) where
 * reading a property of it failed in JavaScript's words, and a released tensor gets the use-after-free
 * error. `name` is the argument's name in torch's signature (`input` for x).
 */
export function checkLive(operation: string, name: string, value: unknown): asserts value is Tensor {
  checkTensor(operation, name, value);
  value.assertAlive(operation);
}

/**
 * Checks an op's tensor arguments by name before it reads them: each must be a tensor (a forgotten
 * argument, a number where torch wants a tensor, null or a list is named, where reading its `shape`
 * failed in JavaScript's words) and alive (the use-after-free error).
 * @example
 * checkTensorArguments('addmm', { input, mat1, mat2 }); // Error: addmm: mat2 must be a tensor, got undefined
 */
export function checkTensorArguments(operation: string, named: Record<string, unknown>): void {
  for (const name in named) checkLive(operation, name, named[name]);
}

/**
 * Checks the list of tensors an op joins (cat, stack, meshgrid): one array whose entries are live
 * tensors, as torch's `torch.cat([x, y])`; a lone tensor or tensors passed one by one are named. An
 * entry is named `${name}[i]`, the name made only for the error (cat and clipGradNorm run every step).
 */
export function checkTensorList(operation: string, tensors: unknown, name = 'tensors'): void {
  if (!Array.isArray(tensors))
    throw new Error(`${operation}: expected a list of tensors, as ${operation}([x, y]), got ${describeValue(tensors)}`);
  for (let index = 0; index < tensors.length; index++) {
    const tensor: unknown = tensors[index];
    if (!isTensor(tensor)) checkTensor(operation, `${name}[${index}]`, tensor);
    else tensor.assertAlive(operation);
  }
}
