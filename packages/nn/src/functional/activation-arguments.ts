import { checkBoolean, readArguments } from '@dl/tensor';

/** torch's `inplace=False`, the last argument of most functional activations: positional or `{ inplace }`. */
export type InplaceRest = [inplace?: boolean] | [options?: { inplace?: boolean }];

/**
 * Reads the arguments after a functional activation's input in torch's order, `names` then `inplace`
 * (`F.elu(x, 1.0, True)`), or as an options object. `inplace` is checked and dropped: the result is
 * computed out of place, the same values torch gives, as the activation modules do with their flag.
 * Too many arguments or an unknown option throws, naming `operation`.
 * @example
 * readActivationArguments<{ alpha?: number }>('elu', [0.5, true], ['alpha']); // { alpha: 0.5, inplace: true }
 */
export function readActivationArguments<Options extends object>(
  operation: string,
  rest: readonly unknown[],
  names: readonly string[] = [],
): Options {
  const accepted = [...names, 'inplace'];
  const options = readArguments<Options & { inplace?: unknown }>(operation, rest, accepted, accepted);
  if (options.inplace !== undefined) checkBoolean(operation, 'inplace', options.inplace);
  return options;
}
