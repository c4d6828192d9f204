import type { DType } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';
import { isTensor } from '../core/brand.js';

/**
 * Throws unless the named operands share one dtype that a product supports (not bool), naming them.
 * Products never promote (torch.matmul, mm, dot, einsum, tensordot, the convolutions and Linear raise
 * "expected scalar type Double but found Float"), where elementwise ops do.
 * @example
 * checkSameDtype('addmm', { input, mat1, mat2 }); // Error: addmm: expected input, mat1 and mat2 to have the same dtype, got float32, float32 and float64
 */
export function checkSameDtype(operation: string, operands: Readonly<Record<string, Tensor>>): DType {
  const names = Object.keys(operands);
  const dtypes = names.map((name) => operands[name]!.dtype);
  if (dtypes.some((dtype) => dtype !== dtypes[0]))
    throw new Error(`${operation}: expected ${listed(names)} to have the same dtype, got ${listed(dtypes)}`);
  if (dtypes[0] === 'bool') throw new Error(`${operation}: not implemented for bool tensors`);
  return dtypes[0]!;
}

function listed(items: readonly string[]): string {
  return items.length < 3 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * checkSameDtype for a layer's input, weight and optional bias (linear, the convolutions), which
 * compares first: those run on every forward, and the named check builds its message's operands.
 * @example
 * checkLayerDtypes('conv2d', input, weight, bias); // Error: conv2d: expected input, weight and bias to have the same dtype, got float64, float32 and float32
 */
export function checkLayerDtypes(operation: string, input: Tensor, weight: Tensor, bias: Tensor | null | undefined): void {
  // every layer's call comes here: the common case (tensors of one dtype) costs two brand checks and two comparisons
  if (isTensor(input) && isTensor(weight) && input.dtype === weight.dtype && (!bias || bias.dtype === input.dtype)) return;
  checkTensorArguments(operation, bias ? { input, weight, bias } : { input, weight });
  checkSameDtype(operation, bias ? { input, weight, bias } : { input, weight });
}
