import { checkInteger, checkNumber, composite, readArguments, type Tensor, checkTensorArguments } from '@dl/tensor';

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
 * Σ x₁·x₂ / (max(‖x₁‖, eps)·max(‖x₂‖, eps)) along `dim` (torch.nn.functional.cosine_similarity, as
 * torch 1.13 computes it: each input divided by its clamped norm, then the products summed); the
 * inputs broadcast. Defaults dim = 1, eps = 1e-8.
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
  return composite(() => {
    const unit1 = x1.div(x1.norm({ dim, keepdim: true }).clamp(eps));
    const unit2 = x2.div(x2.norm({ dim, keepdim: true }).clamp(eps));
    return unit1.mul(unit2).sum(dim);
  });
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
