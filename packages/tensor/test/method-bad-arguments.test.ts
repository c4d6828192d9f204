import { describe, expect, it } from 'vitest';
import * as library from '../src/index.js';
import { ones, Tensor, tensor } from '../src/index.js';
import { argumentMistakes, mistakeProblem, numericValues } from '../../../tools/testing/wrong-arguments.js';

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
  'checkChoice',
  'choicesOf',
  'extraArgumentsMessage',
  'refuseExtraArguments',
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
