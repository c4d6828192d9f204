import { readActivationArguments } from '../functional/activation-arguments.js';

/** torch's `inplace` argument of an activation: positional (`ReLU(True)`) or `{ inplace }`. */
export type InplaceArgument = boolean | { inplace?: boolean };

/**
 * Reads torch's `inplace` flag, given positionally or as an option, and checks it is a boolean. The
 * activations compute out of place either way: the result is the same tensor values torch gives.
 * @example
 * readInplaceFlag('ReLU', true); // true
 */
export function readInplaceFlag(name: string, argument: InplaceArgument | undefined): boolean {
  // the functional activations' reading, which checks the flag is a boolean
  const { inplace = false } = readActivationArguments<{ inplace?: boolean }>(name, [argument]);
  return inplace;
}
