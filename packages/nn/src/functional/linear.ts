import type { Tensor } from '@dl/tensor';

/**
 * y = x·Wᵀ + b with x [*, in], weight [out, in], bias [out] (torch.nn.functional.linear).
 * @example
 * F.linear(x, weight, bias);
 */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const product = input.matmul(weight.t());
  return bias ? product.add(bias) : product;
}
