/** Cross-package identity: two copies of @dl/tensor still recognise each other's tensors. */
export const tensorBrand: unique symbol = Symbol.for('@dl/tensor.Tensor') as never;

export function isTensor(value: unknown): value is import('./tensor.js').Tensor {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[tensorBrand] === true;
}
