import { checkBoolean, describeValue, readArguments } from '@dl/tensor';

// The trailing arguments of Module's methods in torch's positional order, or as an options object;
// anything they do not take throws, naming the method, instead of being dropped.

/**
 * `named_parameters(prefix='', recurse=True, remove_duplicate=True)` and `named_buffers`: checks the
 * three and refuses a fourth.
 * @example
 * checkMemberArguments('namedParameters', '', true, false, []); // nothing
 */
export function checkMemberArguments(
  method: string,
  prefix: unknown,
  recurse: unknown,
  removeDuplicate: unknown,
  extra: readonly unknown[],
): void {
  if (typeof prefix !== 'string') throw new Error(`Module.${method}: prefix must be a string, got ${describeValue(prefix)}`);
  checkBoolean(`Module.${method}`, 'recurse', recurse);
  checkBoolean(`Module.${method}`, 'removeDuplicate', removeDuplicate);
  if (extra.some((value) => value !== undefined))
    throw new Error(`Module.${method}: takes (prefix, recurse, removeDuplicate), got ${3 + extra.length} arguments`);
}

/** The options of `loadStateDict`: torch's `strict` positionally or as `{ strict }`. */
export interface LoadStateDictOptions {
  /** Missing and unexpected keys are an error (default true). */
  strict?: boolean;
}

/**
 * `load_state_dict(state_dict, strict=True)`: `strict` given positionally or as an option. torch 2.1's
 * `assign` is refused by name (this module always copies into its own tensors).
 * @example
 * readLoadStateDictArguments([false]).strict; // false
 */
export function readLoadStateDictArguments(rest: readonly unknown[]): { strict: boolean } {
  const options = readArguments<LoadStateDictOptions & { assign?: unknown }>(
    'Module.loadStateDict',
    rest,
    ['strict'],
    ['strict', 'assign'],
  );
  if (options.assign !== undefined)
    throw new Error(
      "Module.loadStateDict: assign is not supported (torch 2.1's assign=True keeps the given tensors); the values are copied into the module's own tensors",
    );
  return { strict: options.strict === undefined ? true : checkBoolean('Module.loadStateDict', 'strict', options.strict) };
}

/**
 * `register_buffer(name, tensor, persistent=True)`: `persistent` positionally or as `{ persistent }`.
 * @example
 * readPersistent([false]); // false
 */
export function readPersistent(rest: readonly unknown[]): boolean {
  const { persistent } = readArguments<{ persistent?: unknown }>('Module.registerBuffer', rest, ['persistent'], ['persistent']);
  return persistent === undefined ? true : checkBoolean('Module.registerBuffer', 'persistent', persistent);
}
