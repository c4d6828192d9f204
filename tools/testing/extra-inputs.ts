type LayerClass = abstract new (...args: never[]) => object;
type Forward = (...inputs: unknown[]) => unknown;

/** The parameter list of a method's source: `forward(a, b) {` → `a, b`. */
function parameterList(forward: Forward): string {
  const source = forward.toString();
  return source.slice(source.indexOf('(') + 1, source.indexOf(')'));
}

/**
 * The layers of a package that `Module.call` does not hold to their forward's inputs: each exported
 * subclass of `moduleClass` with a forward (except those `skip` names) is called through its `call`
 * with one input more than its forward declares, on an instance made without its constructor (the
 * check comes before forward runs), and must throw `<Name>.call: forward takes N input…`. A forward
 * with a rest or default parameter is listed too: its `length`, which the mark records, would not be
 * its count.
 * Used by each package's test of refuseExtraInputs, so a layer added later fails there until marked.
 */
export function layersTakingExtraInputs(
  namespace: Record<string, unknown>,
  moduleClass: LayerClass,
  skip: (name: string) => boolean,
): string[] {
  const loose: string[] = [];
  for (const [name, value] of Object.entries(namespace)) {
    if (typeof value !== 'function' || !(value.prototype instanceof moduleClass) || skip(name)) continue;
    const forward = (value.prototype as { forward?: Forward }).forward;
    if (typeof forward !== 'function') continue;
    if (/\.\.\.|=/.test(parameterList(forward))) {
      loose.push(`${name} (forward has a rest or default parameter)`);
      continue;
    }
    // the class's own call, which may override Module's (the recurrent layers do, for their overloads)
    const layer = Object.create(value.prototype) as { call: Forward };
    const inputs = Array.from({ length: forward.length + 1 }, () => undefined);
    try {
      layer.call(...inputs);
      loose.push(name);
    } catch (error) {
      const expected = `${name}.call: forward takes ${forward.length} input`;
      if (!(error instanceof Error) || !error.message.startsWith(expected)) loose.push(`${name} (${String(error)})`);
    }
  }
  return loose;
}

/** The message of what calling `f` throws, or null when it returns (the extra-argument tests collect these). */
export function errorMessageOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

type AnyClass = new (...values: never[]) => unknown;

/**
 * The classes of a package whose constructor does not hold to its arguments: each exported class
 * (those `skip` leaves) is constructed the fullest way `fullest` gives, which must work, and with one
 * argument more, which must throw "<Name>: …". A class missing from `fullest` is reported too, so one
 * added later fails until it has a call. Those in `builtElsewhere` are only given one argument more
 * (which throws before anything is built): their fullest build is another test's, and too slow to
 * repeat here.
 */
export function constructorsTakingExtraArguments(
  namespace: Record<string, unknown>,
  fullest: Record<string, () => unknown[]>,
  skip: (name: string, value: AnyClass) => boolean,
  builtElsewhere: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(namespace)) {
    if (typeof value !== 'function' || !/^class\b/.test(Function.prototype.toString.call(value))) continue;
    const Class = value as new (...values: unknown[]) => unknown;
    if (skip(name, Class)) continue;
    const values = fullest[name];
    if (!values) {
      problems.push(`${name}: no fullest call listed`);
      continue;
    }
    problems.push(...fullestAndOneMore(name, (given) => new Class(...given), values, builtElsewhere.has(name)));
  }
  return problems;
}

/**
 * What goes wrong when `call` is given `fullest()` (which must work, unless `fullestRefused`: a call that
 * throws by design, or one another test makes) and then `fullest()` with one argument more (which must throw "<owner>: …"); a fresh
 * `fullest()` for each, so neither call sees the other's objects.
 */
export function fullestAndOneMore(
  owner: string,
  call: (values: unknown[]) => unknown,
  fullest: () => unknown[],
  fullestRefused = false,
): string[] {
  const problems: string[] = [];
  if (!fullestRefused) {
    const built = errorMessageOf(() => call(fullest()));
    if (built !== null) problems.push(`${owner} called the fullest way: ${built}`);
  }
  const message = errorMessageOf(() => call([...fullest(), 1]));
  if (message === null) problems.push(`${owner}: returned with one argument more`);
  else if (!message.startsWith(`${owner}:`)) problems.push(`${owner}: ${message}`);
  return problems;
}
