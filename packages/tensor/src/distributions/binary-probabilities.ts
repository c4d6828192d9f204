import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { sigmoid } from '../ops/activation.js';
import { epsilonOf } from './distribution.js';

/**
 * The probability of success and the log-odds of a binary event from whichever of them was given
 * (torch's logits_to_probs and probs_to_logits with is_binary=True): probs = σ(logits) and
 * logits = log p − log(1 − p), with p clamped to [ε, 1 − ε] (ε the dtype's machine epsilon) so that
 * p = 0 and p = 1 give finite log-odds (±36.04 in float64). The given tensor is kept as it is.
 * @example
 * binaryProbabilities('probs', tensor([0.5, 0.8])).logits; // [0, 1.3863]
 * binaryProbabilities('logits', tensor([0])).probs; // [0.5]
 */
export function binaryProbabilities(key: 'probs' | 'logits', value: Tensor): { probs: Tensor; logits: Tensor } {
  if (key === 'logits') return { probs: sigmoid(value), logits: value };
  const epsilon = epsilonOf(value.dtype);
  const logits = composite(() => {
    const clamped = value.clamp(epsilon, 1 - epsilon);
    return clamped.log().sub(clamped.neg().log1p());
  });
  return { probs: value, logits };
}
