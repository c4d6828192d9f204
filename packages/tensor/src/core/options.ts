/**
 * The one option check of every package (issue #14): an options object whose keys are not all known
 * is an error, never silently ignored. PyTorch users write `weight_decay`, `step_size`, `T_max` or
 * `learningRate`; each of those gets "did you mean `weightDecay`?" instead of training with a default.
 *
 * Layers, losses, optimizers, schedulers, initialisers, transforms, data loaders and metrics all call
 * `checkOptions` (and `checkChoice` for string values), so the messages read the same everywhere.
 */
import { optionKindProblem } from './option-kinds.js';

/** Names PyTorch (or other frameworks) use for an option that is spelled differently here. */
const knownAliases: Record<string, readonly string[]> = {
  lr: ['learningRate', 'learning_rate'],
  tMax: ['T_max', 'Tmax'],
  tMult: ['T_mult'],
  weightDecay: ['l2', 'decay'],
  dim: ['axis'],
  keepdim: ['keepDims', 'keepdims', 'keepDim'],
  bias: ['useBias'],
  generator: ['rng', 'seed'],
  epsilon: ['eps'],
  eps: ['epsilon'],
  // scikit-learn's keyword for the metrics' positive class
  positiveLabel: ['pos_label', 'posLabel'],
};

/** `weight_decay`, `WeightDecay` and `weightdecay` all normalise to `weightdecay`. */
function normalise(key: string): string {
  return key.replace(/[_\- ]/g, '').toLowerCase();
}

/** The accepted key the user most likely meant, or undefined. */
function suggestion(key: string, accepted: readonly string[]): string | undefined {
  const normalised = normalise(key);
  const sameLetters = accepted.find((candidate) => normalise(candidate) === normalised);
  if (sameLetters) return sameLetters;
  return accepted.find((candidate) => knownAliases[candidate]?.some((alias) => normalise(alias) === normalised));
}

/** Whether `value` is an object literal (or has a null prototype): an options object, not an array, a tensor or a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** A short description of a value for a message: never "[object Object]". */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array [${value.slice(0, 4).map(describeValue).join(', ')}${value.length > 4 ? ', …' : ''}]`;
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    return name && name !== 'Object' ? `a ${name}` : 'an object';
  }
  return String(value);
}

/**
 * Throws if `options` has a key outside `accepted`, naming the accepted ones and, for a snake_case
 * spelling or a known alias, the key meant, and if a flag or a number that is the same kind
 * everywhere (`inplace`, `ceilMode`, `ignoreIndex`: option-kinds.ts) has a value of another kind.
 * `undefined` is an empty options object. Returns the options, typed, so it can wrap the
 * constructor's argument.
 * @example
 * checkOptions('SGD', { weight_decay: 0.1 }, ['lr', 'momentum', 'weightDecay']);
 * // Error: SGD: unknown option `weight_decay` (did you mean `weightDecay`?). Accepted options: lr, momentum, weightDecay
 */
export function checkOptions<T>(owner: string, options: T, accepted: readonly string[]): T {
  if (options === undefined) return options;
  if (!isPlainObject(options))
    throw new Error(`${owner}: expected an options object { ${accepted.join(', ')} }, got ${describeValue(options)}`);
  for (const key of Object.keys(options)) {
    if (!accepted.includes(key)) {
      const meant = suggestion(key, accepted);
      const hint = meant ? ` (did you mean \`${meant}\`?)` : '';
      const list = accepted.length ? `Accepted options: ${accepted.join(', ')}` : 'It takes no options';
      throw new Error(`${owner}: unknown option \`${key}\`${hint}. ${list}`);
    }
    const value = (options as Record<string, unknown>)[key];
    const expected = optionKindProblem(key, value);
    if (expected !== null) throw new Error(`${owner}: ${key} must be ${expected}, got ${describeValue(value)}`);
  }
  return options;
}

/**
 * Checks `options` against the keys of `defaults` and returns the defaults overridden by the options
 * (an option given as `undefined` keeps its default).
 * @example
 * const { momentum, nesterov } = withDefaults('SGD', options, { momentum: 0, nesterov: false });
 */
export function withDefaults<Defaults extends object>(owner: string, options: Partial<Defaults> | undefined, defaults: Defaults): Defaults {
  checkOptions(owner, options, Object.keys(defaults));
  const merged = { ...defaults };
  for (const [key, value] of Object.entries(options ?? {})) if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  return merged;
}

/**
 * `options` without its null entries: torch's None where None means "the default" (a positional
 * `dim=None` or `ord=None` in `torch.linalg.norm(x, None, 1)`), so that the defaults apply.
 * @example
 * withoutNulls({ ord: null, dim: 1 }); // { dim: 1 }
 */
export function withoutNulls<Options extends object>(options: Options): Options {
  const kept = { ...options };
  for (const [key, value] of Object.entries(kept)) if (value === null) delete (kept as Record<string, unknown>)[key];
  return kept;
}

/**
 * Reads a string option spelled as here or as PyTorch spells it: `choices` maps each accepted spelling
 * to the value used internally (e.g. `{ fanIn: 'fanIn', fan_in: 'fanIn' }`). Anything else throws,
 * naming the function, the option and the accepted values.
 * @example
 * checkChoice('kaimingNormal', 'mode', 'fan_in', { fanIn: 'fanIn', fan_in: 'fanIn', fanOut: 'fanOut', fan_out: 'fanOut' }); // 'fanIn'
 */
export function checkChoice<Value extends string>(
  owner: string,
  option: string,
  value: unknown,
  choices: Readonly<Record<string, Value>>,
): Value {
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(choices, value)) return choices[value]!;
  throw new Error(
    `${owner}: invalid ${option} ${describeValue(value)}; expected one of ${Object.keys(choices)
      .map((choice) => `'${choice}'`)
      .join(', ')}`,
  );
}

/** PyTorch's snake_case spelling of a camelCase name: `maskedFill_` → `masked_fill_`, `exp_range` stays. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** PyTorch's snake_case spelling of every value in `values` beside the camelCase one, for checkChoice. */
export function choicesOf<Value extends string>(...values: Value[]): Record<string, Value> {
  const choices: Record<string, Value> = {};
  for (const value of values) {
    choices[value] = value;
    choices[snakeCase(value)] = value;
  }
  return choices;
}

/**
 * PyTorch's positional arguments, read into an options object: `new Conv2d(1, 8, 3, 2, 1)` is
 * `new Conv2d(1, 8, 3, { stride: 2, padding: 1 })`. `rest` is what follows the required arguments: the
 * values in `positionalNames`' order, optionally followed by an options object with the remaining
 * keys (checked against `accepted`). Too many positionals, or one given twice, throws.
 * @example
 * readArguments('SGD', [0.1, { momentum: 0.9 }], ['lr'], ['lr', 'momentum']); // { lr: 0.1, momentum: 0.9 }
 */
export function readArguments<Options extends object>(
  owner: string,
  rest: readonly unknown[],
  positionalNames: readonly string[],
  accepted: readonly string[],
): Options {
  let values = rest;
  while (values.length > 0 && values[values.length - 1] === undefined) values = values.slice(0, -1);
  const last = values[values.length - 1];
  const options = values.length > 0 && isPlainObject(last) ? { ...last } : {};
  const positionals = values.length > 0 && isPlainObject(last) ? values.slice(0, -1) : values;
  if (positionals.length > positionalNames.length) {
    const expected = positionalNames.length ? `at most ${positionalNames.length} (${positionalNames.join(', ')})` : 'none';
    throw new Error(
      `${owner}: too many positional arguments: got ${positionals.length} after the required ones, expected ${expected} and then an options object`,
    );
  }
  positionals.forEach((value, index) => {
    const name = positionalNames[index]!;
    if (value === undefined) return;
    if (isPlainObject(value))
      throw new Error(`${owner}: the options object must come last; got an object for positional argument \`${name}\``);
    if (name in options) throw new Error(`${owner}: \`${name}\` given both as a positional argument and as an option`);
    options[name] = value;
  });
  checkOptions(owner, options, accepted);
  return options as Options;
}

/**
 * Throws unless `value` is an integer ≥ `minimum` (1 by default): sizes, channels, strides.
 * @example
 * checkInteger('Linear', 'inFeatures', 2.5); // Error: Linear: inFeatures must be an integer ≥ 1, got 2.5
 */
export function checkInteger(owner: string, name: string, value: unknown, minimum = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum)
    throw new Error(`${owner}: ${name} must be an integer ≥ ${minimum}, got ${describeValue(value)}`);
  return value;
}

/**
 * Throws unless `value` is a number (finite unless `allowInfinite`): a slope, a scale, a threshold.
 * @example
 * checkNumber('leakyRelu', 'negativeSlope', '0.2'); // Error: leakyRelu: negativeSlope must be a number, got '0.2'
 */
export function checkNumber(owner: string, name: string, value: unknown, allowInfinite = false): number {
  if (typeof value !== 'number' || Number.isNaN(value) || (!allowInfinite && !Number.isFinite(value)))
    throw new Error(`${owner}: ${name} must be a ${allowInfinite ? '' : 'finite '}number, got ${describeValue(value)}`);
  return value;
}

/**
 * Throws unless `value` is a function: the body of noGrad, scope, … (a tensor or a result passed
 * where the function that computes it belongs).
 * @example
 * checkFunction('noGrad', 'body', y); // Error: noGrad: body must be a function, got a Tensor
 */
export function checkFunction(owner: string, name: string, value: unknown): void {
  if (typeof value !== 'function') throw new Error(`${owner}: ${name} must be a function, got ${describeValue(value)}`);
}

/**
 * Throws unless `value` is true or false: a flag read from a keyword (torch's descending=True), which
 * a string or a number must not stand in for.
 * @example
 * checkBoolean('sort', 'descending', 'yes'); // Error: sort: descending must be true or false, got 'yes'
 */
export function checkBoolean(owner: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new Error(`${owner}: ${name} must be true or false, got ${describeValue(value)}`);
  return value;
}

/**
 * The complaint about arguments past a signature, or null when there are none: `extra` are the values
 * after the `expected` parameters (a rest parameter typed `never[]`, so TypeScript callers get a compile
 * error too). Trailing `undefined` values do not count: wrappers forward optional parameters they were
 * not given.
 * @example
 * extraArgumentsMessage(['scores'], [{ reduction: 'sum' }]); // 'takes (scores), got 2 arguments'
 */
export function extraArgumentsMessage(expected: readonly string[], extra: readonly unknown[]): string | null {
  let given = extra.length;
  while (given > 0 && extra[given - 1] === undefined) given--;
  if (given === 0) return null;
  const count = expected.length + given;
  const takes = expected.length > 0 ? `takes (${expected.join(', ')})` : 'takes no arguments';
  return `${takes}, got ${count} argument${count === 1 ? '' : 's'}`;
}

/**
 * Throws, naming `owner`, when arguments come after the `expected` ones (see extraArgumentsMessage):
 * JavaScript would drop them, and a dropped option or weight gives a quietly different result.
 * @example
 * refuseExtraArguments('hingeGeneratorLoss', ['fakeScores'], [{ reduction: 'sum' }]);
 * // Error: hingeGeneratorLoss: takes (fakeScores), got 2 arguments
 */
export function refuseExtraArguments(owner: string, expected: readonly string[], extra: readonly unknown[], hint?: string): void {
  const message = extraArgumentsMessage(expected, extra);
  if (message !== null) throw new Error(`${owner}: ${message}${hint ? `; ${hint}` : ''}`);
}

/**
 * refuseExtraArguments for a function whose public type must stay exactly its parameters — the tensor
 * operations, which users hand to gradcheck, jacobian or vjp, where a rest parameter typed `never[]`
 * would not type-check — given the function's `arguments`. Call it only when `arguments.length` exceeds
 * the parameters, so the normal path reads nothing but the count. An array method's callback (`xs.map(relu)`
 * passes value, index and array) is named in the message.
 * @example
 * function relu(input: Tensor): Tensor {
 *   if (arguments.length > 1) refuseArgumentsPast('relu', ['input'], arguments);
 *   …
 * }
 */
export function refuseArgumentsPast(owner: string, expected: readonly string[], given: IArguments): void {
  const count = given.length;
  const array: unknown = given[count - 1];
  const index: unknown = given[count - 2];
  const fromCallback = count >= 3 && typeof index === 'number' && Array.isArray(array) && array[index] === given[count - 3];
  const hint = fromCallback
    ? `an array's map, forEach or filter passes (value, index, array) to its callback: write xs.map((x) => ${owner}(x))`
    : undefined;
  refuseExtraArguments(owner, expected, Array.prototype.slice.call(given, expected.length), hint);
}
