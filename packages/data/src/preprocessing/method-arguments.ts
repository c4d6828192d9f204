import { isPlainObject, readArguments } from '@dl/tensor';

/**
 * Reads the arguments that follow `x` in a scaler's method, in scikit-learn's order (`fit(X, y=None,
 * sample_weight=None)` is `names` ['y', 'sampleWeight']): positionally, optionally followed by an
 * options object with the same names (Python's keywords). Trailing undefined arguments count as left
 * out. An argument past the signature throws, naming the method and its signature, with `hint` after
 * it: scikit-learn raises a TypeError there, and ignoring it would give silently wrong statistics.
 * `y` is read and ignored, as in scikit-learn (a Pipeline passes the labels there).
 * @example
 * readMethodArguments('StandardScaler.fit', [null, weights], ['y', 'sampleWeight']); // { y: null, sampleWeight: weights }
 * readMethodArguments('StandardScaler.transform', [true], []); // Error: StandardScaler.transform: takes (x), got 2 arguments
 */
export function readMethodArguments<Options extends object>(
  owner: string,
  rest: readonly unknown[],
  names: readonly string[],
  hint = '',
): Options {
  let given = rest.length;
  while (given > 0 && rest[given - 1] === undefined) given--;
  const keywords = given > 0 && names.length > 0 && isPlainObject(rest[given - 1]) ? 1 : 0;
  if (given - keywords > names.length)
    throw new Error(`${owner}: takes (${['x', ...names].join(', ')}), got ${1 + given} arguments${hint}`);
  return readArguments<Options>(owner, rest.slice(0, given), names, names);
}
