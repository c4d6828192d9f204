import type { Tensor } from '@dl/tensor';

/**
 * The weight as a matrix [size(dim), rest] (torch's `reshape_weight_to_matrix`): axis `dim` is moved
 * to the front, the others keep their order and are flattened.
 */
export function weightMatrix(weight: Tensor, dim: number): Tensor {
  const moved = dim === 0 ? weight : weight.permute([dim, ...weight.shape.map((_, axis) => axis).filter((axis) => axis !== dim)]);
  return moved.reshape([weight.shape[dim]!, -1]);
}

/** x / max(‖x‖₂, eps) (torch's `F.normalize` of a vector). */
export function normalizeVector(vector: Tensor, eps: number): Tensor {
  return vector.div(vector.square().sum().sqrt().clamp(eps));
}
