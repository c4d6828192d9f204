import { describe, expect, it } from 'vitest';
import * as library from '../src/index.js';
import { ones, Tensor, tensor } from '../src/index.js';
import { argumentMistakes, mistakeProblem, numericValues, strayArgumentProblems } from '../../../tools/testing/wrong-arguments.js';

// Every public Tensor method is called with each argument a user could pass by mistake: nothing (a
// forgotten argument), undefined (a misspelt variable), a 0-d tensor, a tensor, a number, a string,
// an object, null, true, two numbers, a list. Each call must either work or throw an Error that says
// what was wrong in the method's own words. Before, about 200 methods failed in JavaScript's words
// ("Cannot read properties of undefined (reading 'dtype')", "list.map is not a function", "Maximum
// call stack size exceeded" from `x.sum(t)` and `x.max(y)`), `x.fill_(t)`, `x.add_()` and
// `x.lerp(y)` filled NaN, and `x.narrow(0, 1)` (no length) made a view of NaN elements whose read
// corrupted the kernels' memory: every later matrix product read out of bounds.

/** Library-internal members (documented "Internal:") and TypeScript-private ones: not a user's call. */
const internal = new Set([
  'constructor',
  'borrowGrad',
  'replaceGrad',
  'attachGradFn',
  'kernelView',
  'alias',
  'release',
  'takeLayout',
  'fillWith',
  'fillTarget',
  'assertScalar',
]);

/** Members every op calls on its operands, which keep no argument count check (see assertAlive's comment). */
const perOperandHelpers = new Set(['assertAlive']);

/** Calls whose NaN is the right answer: acosh is NaN below 1, the inputs here are in (0, 1). */
const nanExpected = new Set(['acosh', 'acosh_', 'arccosh', 'arccosh_']);

const mistakes = argumentMistakes(tensor);

const methods = Object.getOwnPropertyNames(Tensor.prototype).filter(
  (name) => !internal.has(name) && typeof Object.getOwnPropertyDescriptor(Tensor.prototype, name)!.value === 'function',
);

/** A fresh input in (0, 1), so every elementwise function of it is finite (acosh aside). */
const input = () =>
  tensor([
    [0.25, 0.5, 0.75],
    [0.3, 0.6, 0.9],
  ]);

/** Whether the kernels' memory still works: a few allocations of several sizes and products over them. */
function memoryWorks(): boolean {
  try {
    const product = ones([64, 64]).matmul(ones([64, 33]));
    const wide = tensor([
      [1.5, -2, 3],
      [4, 5, -6],
    ]).qr();
    return product.sum().itemSync() === 64 * 64 * 33 && Math.abs(wide.R.at(0, 0).itemSync()) > 4.27;
  } catch {
    return false;
  }
}

const valuesOf = numericValues(Tensor);

const outcome = (name: string, call: () => unknown) => mistakeProblem(call, valuesOf, nanExpected.has(name));

describe('Tensor methods given the wrong arguments', () => {
  it(`every one of the ${methods.length} methods works or says what is wrong, and never harms the memory`, async () => {
    const problems: string[] = [];
    for (const name of methods) {
      for (const [mistake, values] of Object.entries(mistakes)) {
        const x = input() as unknown as Record<string, (...values: unknown[]) => unknown>;
        const problem = await outcome(name, () => x[name]!(...values()));
        if (problem !== null) problems.push(`x.${name}(${mistake}) ${problem}`);
      }
      if (!memoryWorks()) {
        problems.push(`after x.${name}(…) the kernels' memory is broken`);
        break;
      }
    }
    expect(problems).toEqual([]);
  });
});

/**
 * The helpers the sister packages build on: argument readers, the scope machinery's internals, the
 * Philox blocks, the kernels behind @dl/nn's Adam and @dl/rnn's recurrences, the tracing hook of
 * @dl/onnx. Their callers are the library's own code; they are not a user's tensor operations.
 */
const toolkit = new Set([
  'releaseUnreturned',
  'checkOptions',
  'withDefaults',
  'withoutNulls',
  'checkChoice',
  'choicesOf',
  'extraArgumentsMessage',
  'refuseExtraArguments',
  'refuseArgumentsPast',
  'readArguments',
  'checkInteger',
  'checkNumber',
  'checkBoolean',
  'checkFunction',
  'checkTensor',
  'checkTensorArguments',
  'checkTensorList',
  'checkIntegerList',
  'readToArguments',
  'checkSameDtype',
  'observeOperations',
  'philoxUniform',
  'philoxBlock',
  'resolveDType',
  'checkIndexBounds',
  'recurrence',
  'recurrenceComposite',
  'rnnGates',
  'lstmGates',
  'gruGates',
  'viewPositions',
  'adamStep',
]);

/**
 * Exports whose first argument is not a tensor: a list of tensors, a function, a device, a length, a
 * seed, an equation. They are called with the mistake in that place instead.
 */
const notTensorFirst = new Set([
  'cat',
  'concat',
  'concatenate',
  'stack',
  'meshgrid',
  'einsum',
  'hannWindow',
  'hammingWindow',
  'blackmanWindow',
  'bartlettWindow',
  'kaiserWindow',
  'noGrad',
  'enableGrad',
  'scope',
  'composite',
  'trackCreated',
  'jacobian',
  'hessian',
  'vjp',
  'jvp',
  'vhp',
  'hvp',
  'manualSeed',
  'setRngState',
  'reserveRandom',
  'getBackend',
  'registerBackend',
  'emptyCache',
  'broadcastShapes',
]);

const functions = Object.entries(library).filter(
  ([name, value]) => typeof value === 'function' && !/^[A-Z]/.test(name) && !toolkit.has(name),
) as [string, (...values: unknown[]) => unknown][];

/**
 * What is wrong with how each function handles each mistake — given after a tensor (`afterInput`) or
 * as its only argument(s) — and whether the kernels' memory survived it.
 */
async function mistakeProblems(
  chosen: readonly [string, (...values: unknown[]) => unknown][],
  given: readonly [string, () => unknown[]][],
  afterInput: boolean,
): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, f] of chosen) {
    for (const [mistake, values] of given) {
      const problem = await outcome(name, () => (afterInput ? f(input(), ...values()) : f(...values())));
      if (problem !== null) problems.push(`${name}(${afterInput ? 'x, ' : ''}${mistake}) ${problem}`);
    }
    if (!memoryWorks()) {
      problems.push(`after ${name}(…) the kernels' memory is broken`);
      break;
    }
  }
  return problems;
}

describe('@dl/tensor functions given the wrong arguments', () => {
  const tensorFirst = functions.filter(([name]) => !notTensorFirst.has(name));

  it('every function that takes a tensor first works or says what is wrong when a mistake follows it', async () => {
    expect(await mistakeProblems(tensorFirst, Object.entries(mistakes), true)).toEqual([]);
  });

  it('every function that takes a tensor first says what is wrong when a mistake stands for the tensor', async () => {
    // relu(5), sum(batch.input) with a misspelt property, conv2d() with nothing: what methods never
    // meet (their tensor is `this`), and what failed in JavaScript's words in 244 functions
    const standIns = Object.entries(mistakes).filter(([mistake]) => mistake !== 'a tensor' && mistake !== 'a 0-d tensor');
    expect(await mistakeProblems(tensorFirst, standIns, false)).toEqual([]);
    expect(tensorFirst.length).toBeGreaterThan(400);
  });

  it('every function that takes something else first works or says what is wrong when given a mistake there', async () => {
    const otherFirst = functions.filter(([name]) => notTensorFirst.has(name));
    expect(await mistakeProblems(otherFirst, Object.entries(mistakes), false)).toEqual([]);
  });
});

// An argument past a signature — `x.relu(1)`, `x.squeeze(0, 1)`, `xs.map(relu)` passing an index and the
// array, `transpose(x, 0, 1, 2)` — was dropped by 631 of the 707 methods and functions this finds a
// working call for (torch raises a TypeError). strayArgumentProblems calls each the longest way that works
// among `workingCalls` (or as `explicitCalls` says, where those need square matrices, indices, shapes or a
// body), then with a value no parameter takes past it.

/**
 * Helpers meant as array callbacks (`values.filter(isTensor)`, `dtypes.reduce(promoteTypes)`,
 * `Array.from(bits, float16Value)`): they take the index and the array.
 */
const callbackHelpers = new Set([
  'isTensor',
  'isPlainObject',
  'describeValue',
  'promoteTypes',
  'float16Value',
  'float16Bits',
  'roundToFloat16',
]);

/** The functions of the `special` and `linalg` namespaces, some of which are exported nowhere else. */
const namespaceMembers = Object.entries({ special: library.special, linalg: library.linalg }).flatMap(([space, members]) =>
  Object.entries(members as Record<string, unknown>)
    .filter(([, value]) => typeof value === 'function')
    .map(([name, value]): [string, (...values: unknown[]) => unknown] => [`${space}.${name}`, value as (...values: unknown[]) => unknown]),
);

/** Argument lists tried in turn after the receiver (or as the function's arguments after `input()`). */
const workingCalls: (() => unknown[])[] = [
  () => [],
  () => [1],
  () => [0],
  () => [input()],
  () => [0, 1],
  () => [1, 0],
  () => [[0, 1]],
  () => [tensor(0.5)],
  () => [input(), input()],
  () => [input(), 0.5],
  () => [0, true],
  () => [{}],
  () => [0, {}],
  () => [input(), {}],
];

const square = () =>
  tensor([
    [2, 1],
    [1, 3],
  ]);
const integers = () => tensor([[1, 2, 3]], { dtype: 'int32' });
const indices = () => tensor([[0, 1, 0]], { dtype: 'int32' });
const mask = () => tensor([[true, false, true]]);

/** Working calls the lists above cannot find, each given the extra values to append. */
const explicitCalls: Record<string, (...extra: unknown[]) => unknown> = {
  'x.itemSync': (...extra) => tensor(1).itemSync(...(extra as [])),
  'x.backward': (...extra) =>
    input()
      .requiresGrad_()
      .sum()
      .backward(...(extra as [])),
  'x.half': (...extra) => input().half(...(extra as [])),
  'x.long': (...extra) => input().long(...(extra as [])),
  'x.narrow': (...extra) => input().narrow(1, 0, 2, ...(extra as [])),
  'x.gather': (...extra) => input().gather(1, indices().expand([2, 3]), ...(extra as [])),
  'x.indexSelect': (...extra) => input().indexSelect(1, tensor([0, 2], { dtype: 'int32' }), ...(extra as [])),
  'x.maskedFill': (...extra) => input().maskedFill(mask(), 0, ...(extra as [])),
  'x.matmul': (...extra) => input().matmul(input().t(), ...(extra as [])),
  'x.mm': (...extra) => input().mm(input().t(), ...(extra as [])),
  'x.dot': (...extra) => tensor([1, 2]).dot(tensor([3, 4]), ...(extra as [])),
  'x.outer': (...extra) => tensor([1, 2]).outer(tensor([3, 4]), ...(extra as [])),
  'x.inverse': (...extra) => square().inverse(...(extra as [])),
  'x.det': (...extra) => square().det(...(extra as [])),
  'x.cholesky': (...extra) => square().cholesky(...(extra as [])),
  'x.matrixPower': (...extra) => square().matrixPower(2, ...(extra as [])),
  'x.maskedSelect': (...extra) => input().maskedSelect(mask(), ...(extra as [])),
  'x.bitwiseAnd': (...extra) => integers().bitwiseAnd(integers(), ...(extra as [])),
  'x.bitwiseNot': (...extra) => integers().bitwiseNot(...(extra as [])),
  'x.gcd': (...extra) => integers().gcd(integers(), ...(extra as [])),
  'x.mv': (...extra) => input().mv(tensor([1, 2, 3]), ...(extra as [])),
  'x.isNonzero': (...extra) => tensor(1).isNonzero(...(extra as [])),
  full: (...extra) => library.full([2], 1, ...(extra as [])),
  zeros: (...extra) => library.zeros([2], ...(extra as [])),
  ones: (...extra) => library.ones([2], ...(extra as [])),
  arange: (...extra) => library.arange(0, 4, 1, ...(extra as [])),
  linspace: (...extra) => library.linspace(0, 1, 5, ...(extra as [])),
  eye: (...extra) => library.eye(2, 2, ...(extra as [])),
  randn: (...extra) => library.randn([2], ...(extra as [])),
  randint: (...extra) => library.randint(0, 4, [2], ...(extra as [])),
  cat: (...extra) => library.cat([input(), input()], 0, ...(extra as [])),
  stack: (...extra) => library.stack([input(), input()], 0, ...(extra as [])),
  noGrad: (...extra) => library.noGrad(() => 1, ...(extra as [])),
  scope: (...extra) => library.scope(() => 1, ...(extra as [])),
  manualSeed: (...extra) => library.manualSeed(0, ...(extra as [])),
  getNumThreads: (...extra) => library.getNumThreads(...(extra as [])),
  emptyCache: (...extra) => library.emptyCache(...(extra as [])),
  getDefaultDtype: (...extra) => library.getDefaultDtype(...(extra as [])),
  matmul: (...extra) => library.matmul(input(), input().t(), ...(extra as [])),
  gather: (...extra) => library.gather(input(), 1, indices().expand([2, 3]), ...(extra as [])),
  reshape: (...extra) => library.reshape(input(), [3, 2], ...(extra as [])),
  narrow: (...extra) => library.narrow(input(), 1, 0, 2, ...(extra as [])),
  conv2d: (...extra) => library.conv2d(library.ones([1, 1, 3, 3]), library.ones([1, 1, 2, 2]), null, ...(extra as [])),
  maxPool2d: (...extra) => library.maxPool2d(library.ones([1, 1, 4, 4]), 2, ...(extra as [])),
  det: (...extra) => library.det(square(), ...(extra as [])),
  oneHot: (...extra) => library.oneHot(tensor([0, 1], { dtype: 'int32' }), 2, ...(extra as [])),
  hannWindow: (...extra) => library.hannWindow(4, ...(extra as [])),
  isGradEnabled: (...extra) => library.isGradEnabled(...(extra as [])),
};

describe('@dl/tensor methods and functions given an argument past their parameters', () => {
  it('every method and function refuses it, naming the operation', async () => {
    const callables: [string, (...values: unknown[]) => unknown][] = [
      ...methods
        .filter((name) => !perOperandHelpers.has(name))
        .map((name): [string, (...values: unknown[]) => unknown] => [
          `x.${name}`,
          (...values) => (input() as unknown as Record<string, (...values: unknown[]) => unknown>)[name]!(...values),
        ]),
      ...[...functions, ...namespaceMembers]
        .filter(([name]) => !callbackHelpers.has(name))
        .map(([name, f]): [string, (...values: unknown[]) => unknown] => [name, (...values) => f(input(), ...values)]),
    ];
    const { problems, probed } = await strayArgumentProblems(callables, workingCalls, explicitCalls);
    expect(problems).toEqual([]);
    // what the lists above reach: a change that broke them would otherwise probe less and still pass
    expect(probed).toBeGreaterThan(775);
  });

  it("names an array method's callback: xs.map(relu) passes the index and the array", () => {
    expect(() => [input(), input()].map(library.relu as (x: Tensor) => Tensor)).toThrow(
      "relu: takes (x), got 3 arguments; an array's map, forEach or filter passes (value, index, array) to its callback: write xs.map((x) => relu(x))",
    );
    // @ts-expect-error TypeScript refuses it too; the test is of JavaScript callers
    expect(() => input().relu(1)).toThrow('relu: takes no arguments, got 1 argument');
    // trailing undefined values are what a wrapper forwards when not given an optional argument
    // @ts-expect-error as above
    expect(input().relu(undefined).shape).toEqual([2, 3]);
  });
});
