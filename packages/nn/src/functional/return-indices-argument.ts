import { checkBoolean, readArguments } from '@dl/tensor';

/** torch's `return_indices` of a functional max pooling, as its trailing argument or as `{ returnIndices }`. */
export type ReturnIndicesArgument<Flag extends boolean> = [returnIndices?: Flag] | [options?: { returnIndices?: Flag }];

/**
 * Reads `return_indices` given positionally (`F.adaptive_max_pool1d(x, 4, True)`) or as an option; an
 * unknown option, a second positional or a value that is not a boolean throws, naming `operation`.
 * @example
 * readReturnIndices('adaptiveMaxPool1d', [true]); // true
 */
export function readReturnIndices(operation: string, rest: readonly unknown[]): boolean {
  const { returnIndices = false } = readArguments<{ returnIndices?: unknown }>(operation, rest, ['returnIndices'], ['returnIndices']);
  return checkBoolean(operation, 'returnIndices', returnIndices);
}
