import { isTensor } from '../core/brand.js';
import type { Tensor } from '../core/tensor.js';

/**
 * Parameters given as probabilities or as logits, exactly one of them (torch's probs=/logits=), and
 * the options every distribution takes.
 * @example
 * new distributions.Bernoulli({ logits: tensor([0, 2]) });
 */
export interface ProbabilitiesOrLogits {
  /** Probabilities (Bernoulli: each in [0, 1]; categorical: non-negative weights along the last dim, normalised). Required unless `logits` is given. */
  probs?: Tensor | number;
  /** Log-odds (Bernoulli) or unnormalised log-probabilities along the last dim (categorical). Required unless `probs` is given. */
  logits?: Tensor | number;
  /** See DistributionOptions.validateArgs. Default true. */
  validateArgs?: boolean;
}

/**
 * The keys of ProbabilitiesOrLogits.
 * @example
 * readValidateArgs('Bernoulli', parameters, probabilityKeys);
 */
export const probabilityKeys = ['probs', 'logits', 'validateArgs'] as const;

/**
 * Which of probs/logits was given, refusing both or neither with torch's message.
 * @example
 * chosenParameter('Bernoulli', { probs: 0.5 }); // ['probs', 0.5]
 */
export function chosenParameter(name: string, parameters: ProbabilitiesOrLogits | undefined): ['probs' | 'logits', Tensor | number] {
  const { probs, logits } = parameters ?? {};
  if ((probs === undefined) === (logits === undefined))
    throw new Error(`${name}: Either \`probs\` or \`logits\` must be specified, but not both.`);
  const [key, value] = probs !== undefined ? (['probs', probs] as const) : (['logits', logits!] as const);
  if (!isTensor(value) && typeof value !== 'number') throw new Error(`${name}: ${key} must be a tensor or a number, got ${typeof value}`);
  return [key, value];
}
