import {
  broadcastShapes,
  checkInteger,
  checkNumber,
  checkTensorArguments,
  composite,
  detach,
  readArguments,
  type Tensor,
  where,
} from '@dl/tensor';

/**
 * x / max(‖x‖_p, eps) along `dim` (torch.nn.functional.normalize): defaults p = 2, dim = 1, eps = 1e-12;
 * p = Infinity divides by the largest |x|.
 * @example
 * F.normalize(embeddings, { dim: -1 }); // unit rows
 */
export function normalize(input: Tensor, options?: { p?: number; dim?: number; eps?: number }): Tensor;
/** torch's positional order: `F.normalize(x, 2, -1)`, p then dim then eps. */
export function normalize(input: Tensor, p?: number, dim?: number, eps?: number): Tensor;
export function normalize(input: Tensor, ...rest: unknown[]): Tensor {
  const names = ['p', 'dim', 'eps'];
  const { p = 2, dim = 1, eps = 1e-12 } = readArguments<{ p?: number; dim?: number; eps?: number }>('normalize', rest, names, names);
  // p = ∞ divides by max |x|, as torch; −∞ (min |x|) is not a norm the tensor package computes
  if (checkNumber('normalize', 'p', p, true) === -Infinity) throw new Error('normalize: p must be a number or Infinity, got -Infinity');
  checkInteger('normalize', 'dim', dim, Number.NEGATIVE_INFINITY);
  checkNumber('normalize', 'eps', eps);
  return composite(() => input.div(input.norm({ p, dim, keepdim: true }).clamp(eps)));
}

/**
 * Σ x₁·x₂ / (max(‖x₁‖, eps)·max(‖x₂‖, eps)) along `dim` (torch.nn.functional.cosine_similarity), as torch
 * 1.13 computes it: both inputs first broadcast to their common shape (so `dim` counts in that shape),
 * each divided by the square root of its clamped sum of squares, then the products summed. Defaults
 * dim = 1, eps = 1e-8.
 */
export function cosineSimilarity(x1: Tensor, x2: Tensor, options?: { dim?: number; eps?: number }): Tensor;
/** torch's positional order: `F.cosineSimilarity(a, b, -1)`, dim then eps. */
export function cosineSimilarity(x1: Tensor, x2: Tensor, dim?: number, eps?: number): Tensor;
export function cosineSimilarity(x1: Tensor, x2: Tensor, ...rest: unknown[]): Tensor {
  checkTensorArguments('cosineSimilarity', { x1, x2 });
  const names = ['dim', 'eps'];
  const { dim = 1, eps = 1e-8 } = readArguments<{ dim?: number; eps?: number }>('cosineSimilarity', rest, names, names);
  checkInteger('cosineSimilarity', 'dim', dim, Number.NEGATIVE_INFINITY);
  checkNumber('cosineSimilarity', 'eps', eps);
  const shape = commonShape('cosineSimilarity', x1, x2);
  return composite(() => {
    const [broadcast1, broadcast2] = [x1.expand(shape), x2.expand(shape)] as const;
    return unitAlong(broadcast1, dim, eps)
      .mul(unitAlong(broadcast2, dim, eps))
      .sum(dim);
  });
}

/** The shape both inputs broadcast to, or an error naming the operation and both shapes. */
function commonShape(operation: string, x1: Tensor, x2: Tensor): number[] {
  try {
    return broadcastShapes(x1.shape, x2.shape);
  } catch {
    throw new Error(`${operation}: x1 [${x1.shape.join(', ')}] and x2 [${x2.shape.join(', ')}] cannot be broadcast together`);
  }
}

/**
 * x / √max(Σx², eps²) along `dim`, with torch 1.13's gradient: torch clamps the sum of squares in place
 * under no_grad (clamp_min_), so the clamped value is used but the derivative is Σx²'s own (2x), even
 * where the clamp is active. Below eps² the sum is therefore replaced by s − detach(s) + eps², which is
 * eps² exactly (s is finite there) and has s's derivatives of every order.
 */
function unitAlong(input: Tensor, dim: number, eps: number): Tensor {
  const floor = eps * eps;
  const squares = input.square().sum(dim, true);
  const clamped = where(squares.lt(floor), squares.sub(detach(squares)).add(floor), squares);
  return input.div(clamped.sqrt());
}

/**
 * ‖x₁ − x₂ + eps‖_p over the last dim (torch.nn.functional.pairwise_distance; p = Infinity: the largest |·|): defaults p = 2,
 * eps = 1e-6 (added to the difference, as torch, so that the norm's gradient stays finite), keepdim false.
 */
export function pairwiseDistance(x1: Tensor, x2: Tensor, options?: { p?: number; eps?: number; keepdim?: boolean }): Tensor;
/** torch's positional order: `F.pairwiseDistance(a, b, 1)`, p then eps then keepdim. */
export function pairwiseDistance(x1: Tensor, x2: Tensor, p?: number, eps?: number, keepdim?: boolean): Tensor;
export function pairwiseDistance(x1: Tensor, x2: Tensor, ...rest: unknown[]): Tensor {
  checkTensorArguments('pairwiseDistance', { x1, x2 });
  const names = ['p', 'eps', 'keepdim'];
  const {
    p = 2,
    eps = 1e-6,
    keepdim = false,
  } = readArguments<{ p?: number; eps?: number; keepdim?: boolean }>('pairwiseDistance', rest, names, names);
  checkNumber('pairwiseDistance', 'eps', eps);
  if (checkNumber('pairwiseDistance', 'p', p, true) === -Infinity)
    throw new Error('pairwiseDistance: p must be a number or Infinity, got -Infinity');
  return composite(() => x1.sub(x2).add(eps).norm({ p, dim: -1, keepdim }));
}
