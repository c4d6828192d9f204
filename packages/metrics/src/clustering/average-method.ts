import { checkChoice, choicesOf } from '@dl/tensor';

/**
 * How the normalized and adjusted mutual information average the two entropies H(U), H(V)
 * (scikit-learn's `average_method`): min, geometric √(H(U) H(V)), arithmetic (H(U) + H(V)) / 2, or max.
 */
export type AverageMethod = 'min' | 'geometric' | 'arithmetic' | 'max';

/** The options of `normalizedMutualInfoScore` and `adjustedMutualInfoScore`. */
export interface AverageMethodOptions {
  /** How the two entropies are averaged into the normalizer; default `'arithmetic'`. */
  averageMethod?: AverageMethod;
}

/** `averageMethod`, checked (default `'arithmetic'`, as scikit-learn 1.2). */
export function readAverageMethod(metric: string, options: AverageMethodOptions): AverageMethod {
  return checkChoice(metric, 'averageMethod', options.averageMethod ?? 'arithmetic', choicesOf('min', 'geometric', 'arithmetic', 'max'));
}

/** scikit-learn's `_generalized_average` of two entropies. */
export function generalizedAverage(first: number, second: number, method: AverageMethod): number {
  switch (method) {
    case 'min':
      return Math.min(first, second);
    case 'geometric':
      return Math.sqrt(first * second);
    case 'arithmetic':
      return (first + second) / 2;
    case 'max':
      return Math.max(first, second);
  }
}
