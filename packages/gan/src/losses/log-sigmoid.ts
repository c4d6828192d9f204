import { softplus, type Tensor } from '@dl/tensor';

/**
 * softplus(x) = log(1 + eˣ) without overflow, as max(x, 0) + log(1 + e^{−|x|}) (the branches are
 * chosen by `where`, so the gradient is σ(x) everywhere, 0.5 at 0, and finite at ±750). No threshold:
 * the value is exact for large x too, as torch's BCE-with-logits.
 */
export function stableSoftplus(x: Tensor): Tensor {
  return softplus(x, 1, Infinity);
}

/** −log σ(x) = softplus(−x): the BCE loss of a logit x against label 1. */
export function negativeLogSigmoid(x: Tensor): Tensor {
  return stableSoftplus(x.neg());
}

/** −log(1 − σ(x)) = softplus(x): the BCE loss of a logit x against label 0. */
export function negativeLogOneMinusSigmoid(x: Tensor): Tensor {
  return stableSoftplus(x);
}
