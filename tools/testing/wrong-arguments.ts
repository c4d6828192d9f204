// What the wrong-argument tests share (packages/tensor/test/method-bad-arguments.test.ts,
// packages/nn/test/functional-bad-arguments.test.ts): the mistakes a user makes in an argument, and
// the judgement of what a call did with one.

/**
 * The arguments a user passes by mistake: nothing (a forgotten argument), undefined (a misspelt
 * property, `batch.target` for `batch.targets`), a 0-d tensor, a tensor, a number, a string, an
 * object, null, true, two numbers, a list. `tensor` is the package's own factory.
 */
export function argumentMistakes(tensor: (data: number | number[][]) => unknown): Record<string, () => unknown[]> {
  return {
    nothing: () => [],
    undefined: () => [undefined],
    'a 0-d tensor': () => [tensor(1)],
    'a tensor': () => [
      tensor([
        [0.5, 0.25, 0.125],
        [0.2, 0.4, 0.8],
      ]),
    ],
    'a number': () => [1],
    'a string': () => ['a'],
    'an object': () => [{}],
    null: () => [null],
    true: () => [true],
    'two numbers': () => [1, 2],
    'a list': () => [[0, 1]],
  };
}

/** The NaN check's reader: a result's values when it is a tensor of numbers (`tensorClass` the package's Tensor), else null. */
export function numericValues(
  tensorClass: abstract new (
    ...values: never[]
  ) => {
    readonly dtype: string;
    dataSync(): unknown;
  },
): (result: unknown) => ArrayLike<number> | null {
  return (result) => (result instanceof tensorClass && result.dtype !== 'bool' ? (result.dataSync() as ArrayLike<number>) : null);
}

/** What JavaScript says when code reads a property of the wrong thing: never what a user should see. */
const engineWords =
  /is not a function|Cannot read prop|call stack|is not iterable|Cannot convert|Invalid array length|is not a constructor|memory access|Cannot destructure|Cannot mix BigInt/;

/** "<operation>: …", the operation one or two words ("cpu allocate: float16 tensors live on the webgpu device only"). */
const namesTheOperation = /^[\w.[\]]+( \w+)?(\(\))?: /;

/** What is wrong with a thrown `error`, or null when it is an Error that names the operation in its own words. */
function errorProblem(error: unknown): string | null {
  if (!(error instanceof Error)) return `threw a non-Error: ${String(error)}`;
  if (engineWords.test(error.message) || !namesTheOperation.test(error.message))
    return `threw ${error.constructor.name}: ${error.message.split('\n')[0]!.slice(0, 120)}`;
  return null;
}

/**
 * What is wrong with how `call` handled a mistaken argument, or null when it is right: it may return
 * (without NaN among `valuesOf(result)`, where those are numbers) or throw an Error that names the
 * operation in its own words. `nanExpected` for the calls whose NaN is the answer.
 */
export async function mistakeProblem(
  call: () => unknown,
  valuesOf: (result: unknown) => ArrayLike<number> | null,
  nanExpected = false,
): Promise<string | null> {
  try {
    const values = valuesOf(await call());
    if (!nanExpected && values !== null && Array.from(values).some((value) => Number.isNaN(value))) return 'returned NaN';
    return null;
  } catch (error) {
    return errorProblem(error);
  }
}

type AnyFunction = (...values: unknown[]) => unknown;

/** The functions a package exports (its lower-case exports), less those `leftOut` names. */
export function exportedFunctions(
  namespace: Record<string, unknown>,
  leftOut: (name: string) => boolean = () => false,
): [string, AnyFunction][] {
  return Object.entries(namespace).filter(([name, value]) => typeof value === 'function' && !/^[A-Z]/.test(name) && !leftOut(name)) as [
    string,
    AnyFunction,
  ][];
}

/**
 * What goes wrong when each of `functions` is called with `first()` and then each of `mistakes`
 * (`mistakeProblem`'s judgement), one line per call: `name(x, mistake) what happened`.
 */
export function problemsAfterFirst(
  functions: readonly [string, AnyFunction][],
  first: () => unknown,
  mistakes: Record<string, () => unknown[]>,
  valuesOf: (result: unknown) => ArrayLike<number> | null,
): Promise<string[]> {
  return callProblems(functions, first, mistakes, valuesOf);
}

/**
 * What is wrong with how each exported function of `namespace` (less those `leftOut` names) handles a
 * mistake standing for its first argument, the arguments after it missing: `relu(batch.input)` with a
 * misspelt property, `readIdx({ root })`, `saveCheckpoint(checkpoint)` with the path forgotten.
 * `tensor` and `tensorClass` are the package's own; tensors are not among the mistakes here.
 */
export function exportsGivenMistakesFirst(
  namespace: Record<string, unknown>,
  tensor: (data: number | number[][]) => unknown,
  tensorClass: Parameters<typeof numericValues>[0],
  leftOut: (name: string) => boolean = () => false,
): Promise<string[]> {
  const { 'a tensor': _tensor, 'a 0-d tensor': _scalar, ...mistakes } = argumentMistakes(tensor);
  // NaN may be the answer to a number given where a tensor goes (a metric of one value)
  return callProblems(exportedFunctions(namespace, leftOut), null, mistakes, numericValues(tensorClass), true);
}

/** Each function called with `first()` (when given) and each mistake: the problems, one line per call. */
async function callProblems(
  functions: readonly [string, AnyFunction][],
  first: (() => unknown) | null,
  mistakes: Record<string, () => unknown[]>,
  valuesOf: (result: unknown) => ArrayLike<number> | null,
  nanExpected = false,
): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, f] of functions)
    for (const [mistake, values] of Object.entries(mistakes)) {
      const call = first === null ? () => f(...values()) : () => f(first(), ...values());
      const problem = await mistakeProblem(call, valuesOf, nanExpected);
      if (problem !== null) problems.push(`${name}(${first === null ? '' : 'x, '}${mistake}) ${problem}`);
    }
  return problems;
}

/**
 * What is wrong with how `call` handled an argument it must refuse (one past its parameters), or null
 * when it threw or rejected with an Error that names the operation in its own words.
 */
export async function refusalProblem(call: () => unknown): Promise<string | null> {
  try {
    await call();
    return 'accepted it';
  } catch (error) {
    return errorProblem(error);
  }
}

/** A value no parameter of the library takes: what stands past a signature in the stray-argument probes. */
const strayValue = () => new Date(0);

/** The longest of `candidates` that `call` completes with (awaited), or null when none does. */
async function longestWorking(call: AnyFunction, candidates: readonly (() => unknown[])[]): Promise<unknown[] | null> {
  let longest: (() => unknown[]) | null = null;
  for (const candidate of candidates) {
    try {
      await call(...candidate());
      if (longest === null || candidate().length >= longest().length) longest = candidate;
    } catch {
      // not this way
    }
  }
  return longest === null ? null : longest();
}

/**
 * An argument past a signature, refused (`x.squeeze(0, 1)`, `relu(x, 1)`, `xs.map(relu)`): each callable
 * is called the longest way among `candidates` that works (or with no arguments when `explicit` has it:
 * a call that works by itself, given the values to append), then again with a value no parameter takes
 * after those arguments, directly and after eight undefined values (which fill any optional parameters
 * left, so the value lands past the signature). The refusal must name the operation (`refusalProblem`).
 * Returns the problems, one line per call, and how many callables had a working call to probe.
 */
export async function strayArgumentProblems(
  callables: readonly [string, AnyFunction][],
  candidates: readonly (() => unknown[])[],
  explicit: Readonly<Record<string, AnyFunction>> = {},
): Promise<{ problems: string[]; probed: number }> {
  const names = new Set(callables.map(([name]) => name));
  const problems = Object.keys(explicit)
    .filter((name) => !names.has(name))
    .map((name) => `${name} has an explicit call but is not among the callables, so it is never probed`);
  let probed = 0;
  for (const [name, call] of callables) {
    const own = explicit[name];
    const [how, values] = own ? [own, []] : [call, await longestWorking(call, candidates)];
    if (values === null) continue;
    probed++;
    for (const [where, extra] of [
      ['after', [strayValue()]],
      ['after eight undefined and', [...new Array(8).fill(undefined), strayValue()]],
    ] as const) {
      const problem = await refusalProblem(() => how(...values, ...extra));
      if (problem !== null) problems.push(`${name} given a value ${where} its ${values.length} working argument(s) ${problem}`);
    }
  }
  return { problems, probed };
}

/**
 * Argument lists for finding a working call of a package's functions (`strayArgumentProblems`): values,
 * labels, tensors and options in the shapes most functions take. `tensor` is the package's own factory.
 */
export function strayCandidates(
  tensor: (data: number | number[] | number[][], options?: { dtype: 'int32' }) => unknown,
): (() => unknown[])[] {
  const values = () =>
    tensor([
      [0.25, 0.5, 0.75],
      [0.3, 0.6, 0.9],
    ]);
  const labels = () => tensor([0, 1], { dtype: 'int32' });
  return [
    () => [],
    () => [1],
    () => ['a'],
    () => [{}],
    () => [values()],
    () => [labels()],
    () => [values(), 1],
    () => [values(), {}],
    () => [values(), values()],
    () => [values(), labels()],
    () => [labels(), labels()],
    () => [
      [0, 1],
      [0, 1],
    ],
    () => [values(), values(), values()],
  ];
}
