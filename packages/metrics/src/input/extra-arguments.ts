import { extraArgumentsMessage } from '@dl/tensor';
import { MetricInputError } from './metric-error.js';

/**
 * Throws a MetricInputError naming `owner` (`'accuracy'`, `'Accuracy.update'`) when an argument after
 * the `expected` ones is given. JavaScript drops such an argument silently, and with scikit-learn's
 * habits it is usually `sample_weight` or NLTK's `smoothing_function`, so the result would be quietly
 * unweighted or unsmoothed. Each method takes them as a rest parameter typed `never[]` (a compile error
 * for TypeScript callers too) and passes it here first. Trailing `undefined` arguments are allowed:
 * wrappers forward optional parameters they were not given. `hint` says where the argument belongs.
 * @example
 * async update(target: MetricInput, prediction: MetricInput, ...extra: never[]): Promise<void> {
 *   refuseExtraArguments('Accuracy.update', ['target', 'prediction'], extra, streamingSampleWeightHint('accuracy'));
 * }
 * // await new Accuracy().update(y, ŷ, weights) throws
 * // Accuracy.update: takes (target, prediction), got 3 arguments; the streaming classes take no sampleWeight (…)
 */
export function refuseExtraArguments(owner: string, expected: readonly string[], extra: readonly unknown[], hint?: string): void {
  // the counting is @dl/tensor's, shared with the other packages; the error is this package's own class
  const message = extraArgumentsMessage(expected, extra);
  if (message !== null) throw new MetricInputError(owner, `${message}${hint ? `; ${hint}` : ''}`);
}

/**
 * The hint of a function that takes scikit-learn's `sample_weight`: here it is an option, never a
 * positional argument.
 * @example
 * sampleWeightHint('accuracy'); // 'sample weights go in the options object: accuracy(y, ŷ, { sampleWeight })'
 */
export function sampleWeightHint(functionName: string): string {
  return `sample weights go in the options object: ${functionName}(y, ŷ, { sampleWeight })`;
}

/**
 * The hint of a streaming class whose function form takes `sampleWeight`: the class takes none, so
 * weighted results come from the function.
 * @example
 * streamingSampleWeightHint('accuracy'); // 'the streaming classes take no sampleWeight (the function accuracy(y, ŷ, { sampleWeight }) does)'
 */
export function streamingSampleWeightHint(functionName: string): string {
  return `the streaming classes take no sampleWeight (the function ${functionName}(y, ŷ, { sampleWeight }) does)`;
}
