import { checkBoolean, readArguments } from '@dl/tensor';

/** torch's `inplace` argument of an activation: positional (`ReLU(True)`) or `{ inplace }`. */
export type InplaceArgument = boolean | { inplace?: boolean };

/**
 * Reads torch's `inplace` flag, given positionally or as an option, and checks it is a boolean. The
 * activations compute out of place either way: the result is the same tensor values torch gives.
 * @example
 * readInplaceFlag('ReLU', true); // true
 */
export function readInplaceFlag(name: string, argument: InplaceArgument | undefined): boolean {
  const { inplace = false } = readArguments<{ inplace?: boolean }>(name, [argument], ['inplace'], ['inplace']);
  return checkBoolean(name, 'inplace', inplace);
}
