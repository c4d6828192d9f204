import { checkBoolean, checkOptions, describeValue, readArguments, refuseExtraArguments } from '@dl/tensor';

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
  checkPrefix(method, prefix);
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

export interface ZeroGradOptions {
  /** Drop the gradients (`grad = null`) instead of filling them with zeros. Default true (PyTorch ≥ 2.0). */
  setToNone?: boolean;
}

/**
 * zeroGrad's flag, given as torch's positional `set_to_none` or as `{ setToNone }`; default true.
 * `owner` names the method in errors (made only then: the usual calls read nothing more).
 * @example
 * readZeroGradArguments(false, [], () => 'Adam.zeroGrad'); // false
 */
export function readZeroGradArguments(given: unknown, extra: readonly unknown[], owner: () => string): boolean {
  if (extra.length === 0 && given === undefined) return true;
  if (extra.length === 0 && typeof given === 'boolean') return given;
  const name = owner();
  refuseExtraArguments(name, ['setToNone'], extra);
  if (given === undefined) return true;
  if (typeof given === 'boolean') return given;
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw new Error(`${name}: expected setToNone (a boolean) or { setToNone }, got ${describeValue(given)}`);
  checkOptions(name, given, ['setToNone']);
  const { setToNone = true } = given as ZeroGradOptions;
  return checkBoolean(name, 'setToNone', setToNone);
}

/** Throws unless the key prefix given to `Module.<method>` is a string. */
export function checkPrefix(method: string, prefix: unknown): void {
  if (typeof prefix !== 'string') throw new Error(`Module.${method}: prefix must be a string, got ${describeValue(prefix)}`);
}

/** The options of `stateDict`: torch's `prefix` and `keep_vars` keywords. */
export interface StateDictOptions {
  /** Put before every key (default ''). */
  prefix?: string;
  /** Return the module's own parameters and buffers (gradient tracking kept) instead of detached views (default false). */
  keepVars?: boolean;
}

/**
 * `state_dict(prefix='', keep_vars=False)`: the prefix positionally (this package's form, torch's
 * deprecated positional `destination` has no counterpart), then `keepVars`, or both as options.
 * @example
 * readStateDictArguments([{ keepVars: true }]); // { prefix: '', keepVars: true }
 */
export function readStateDictArguments(rest: readonly unknown[]): Required<StateDictOptions> {
  const { prefix = '', keepVars = false } = readArguments<{ prefix?: unknown; keepVars?: unknown }>(
    'Module.stateDict',
    rest,
    ['prefix', 'keepVars'],
    ['prefix', 'keepVars'],
  );
  checkPrefix('stateDict', prefix);
  return { prefix: prefix as string, keepVars: checkBoolean('Module.stateDict', 'keepVars', keepVars) };
}

/** The options of `namedModules`: torch's `memo`, `prefix` and `remove_duplicate`. */
export interface NamedModulesOptions<M = unknown> {
  /** Modules to skip (with their submodules); the ones listed are added to it unless `removeDuplicate` is false. Default null: a new, empty set. */
  memo?: Set<M> | null;
  /** Put before every path (default ''). */
  prefix?: string;
  /** List a module reached by several paths once, under its first (default true); false lists it under every path. */
  removeDuplicate?: boolean;
}

/**
 * `named_modules(memo=None, prefix='', remove_duplicate=True)` in torch's positional order, or this
 * package's `(prefix, removeDuplicate)` when the first argument is a string, or as an options object.
 * @example
 * readNamedModulesArguments([null, 'model', false]); // { memo: new Set(), prefix: 'model', removeDuplicate: false }
 */
export function readNamedModulesArguments<M>(rest: readonly unknown[]): Required<NamedModulesOptions<M>> & { memo: Set<M> } {
  const positionalNames = typeof rest[0] === 'string' ? ['prefix', 'removeDuplicate'] : ['memo', 'prefix', 'removeDuplicate'];
  const accepted = ['memo', 'prefix', 'removeDuplicate'];
  const options = readArguments<NamedModulesOptions<M>>('Module.namedModules', rest, positionalNames, accepted);
  const { memo, prefix = '', removeDuplicate = true } = options as { memo?: unknown; prefix?: unknown; removeDuplicate?: unknown };
  if (memo !== undefined && memo !== null && !(memo instanceof Set))
    throw new Error(`Module.namedModules: memo must be a Set of modules or null, got ${describeValue(memo)}`);
  checkPrefix('namedModules', prefix);
  return {
    memo: (memo ?? new Set<M>()) as Set<M>,
    prefix: prefix as string,
    removeDuplicate: checkBoolean('Module.namedModules', 'removeDuplicate', removeDuplicate),
  };
}
