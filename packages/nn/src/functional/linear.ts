import type { Tensor } from '@dl/tensor';

/**
 * y = x·Wᵀ + b with x [*, in], weight [out, in], bias [out] (torch.nn.functional.linear).
 * @example
 * F.linear(x, weight, bias);
 */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  // the two intermediates (the view wᵀ, the product before the bias) are released here rather than by a
  // composite() scope: this is every Linear's path, and the graph keeps its own references
  const transposed = weight.t();
  const product = input.matmul(transposed);
  if (transposed !== weight) transposed.dispose(); // t() of a 1-D weight is the weight itself
  if (!bias) return product;
  const output = product.add(bias);
  product.dispose();
  return output;
}
