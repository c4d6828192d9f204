import { describe, expect, it } from 'vitest';
import { randn, type Tensor, zeros } from '@dl/tensor';
import * as nn from '../src/index.js';
import { fullestAndOneMore } from '../../../tools/testing/extra-inputs.js';

// JavaScript drops the arguments a method does not declare, so `model.train(true, extra)`,
// `optimizer.step(closure, extra)` or `scheduler.getLastLr(extra)` ran without a word where PyTorch
// raises a TypeError. The public methods of Module, of every optimizer and of every scheduler are
// called here the fullest way they accept, which must work, and with one argument more, which must
// throw naming the class and the method. The classes and methods are read from the package, so a
// method or class added later fails here until it has a call below.

type Loose = (...values: unknown[]) => unknown;
type Fullest<Target> = (target: Target) => unknown[];
const methodsOf = (prototype: object) =>
  Object.getOwnPropertyNames(prototype).filter(
    (name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(prototype, name)?.value === 'function',
  );

/** Methods whose fullest call throws by design, so only the extra argument is checked. */
const refusedByDesign = new Set([
  'Module.half', // float16 lives on the webgpu device only
  'Module.cuda', // there is no CUDA device
  'LBFGS.addParamGroup', // torch's LBFGS takes one group
]);

/**
 * Calls `method` of a fresh target from `make` the fullest way and with one argument more; returns
 * what went wrong (nothing when the first works and the second throws "<owner>.<method>: …").
 */
function check<Target extends object>(owner: string, make: () => Target, method: string, fullest: Fullest<Target>): string[] {
  let target = make();
  const call = (values: unknown[]) => ((target as Record<string, Loose>)[method] as Loose).apply(target, values);
  // a fresh target for each call, made before its arguments (some are read from it)
  const arguments_ = () => fullest((target = make()));
  return fullestAndOneMore(`${owner}.${method}`, call, arguments_, refusedByDesign.has(`${owner}.${method}`));
}

const model = () => new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU());

/** Module's public methods, the fullest call of each. */
const moduleCalls: Record<string, Fullest<nn.Module>> = {
  registerForwardHook: () => [() => undefined],
  registerForwardPreHook: () => [() => undefined],
  getSubmodule: () => ['0'],
  getParameter: () => ['0.weight'],
  getBuffer: (module) => {
    module.registerBuffer('extraBuffer', zeros([1]));
    return ['extraBuffer'];
  },
  registerParameter: () => ['extraWeight', zeros([1])],
  registerBuffer: () => ['extraBuffer', zeros([1]), true],
  registerModule: () => ['extraModule', new nn.ReLU()],
  namedChildren: () => [],
  children: () => [],
  namedModules: () => [new Set(), 'model', false],
  modules: () => [],
  namedParameters: () => ['model', true, true],
  parameters: () => [true],
  namedBuffers: () => ['model', true, true],
  buffers: () => [true],
  apply: () => [() => undefined],
  train: () => [true],
  eval: () => [],
  requiresGrad_: () => [true],
  zeroGrad: () => [true],
  to: () => ['cpu', 'float32'],
  double: () => [],
  float: () => [],
  half: () => [],
  cpu: () => [],
  cuda: () => [],
  stateDict: () => ['model.', true],
  loadStateDict: (module) => [module.stateDict(), true],
};
/** Module's methods that are not the user's to call: its machinery, `call` (the forward's inputs) and JavaScript's `toString`. */
const moduleMachinery = new Set([
  'call',
  'assignField',
  'removeField',
  'getField',
  'ownEntries',
  'moduleEntries',
  'eachNamedChild',
  'eachNamedModule',
  'submoduleAt',
  'tensorAt',
  'namedMembers',
  'moveEvery',
  'collectState',
  'prepareToLoad',
  'prepareEveryModuleToLoad',
  'optionalStateNames',
  'optionalStateKeys',
  'stateDictTargets',
  'extraRepr',
  'toString',
]);

/** The package's exports by name. */
const exported = Object.entries(nn as Record<string, unknown>);
type OptimizerClass = new (parameters: Tensor[], options?: object) => nn.Optimizer<object>;
const optimizerBase = Object.getPrototypeOf(nn.SGD) as abstract new (...values: never[]) => nn.Optimizer<object>;
const optimizerClasses = exported.filter(
  (entry): entry is [string, OptimizerClass] => typeof entry[1] === 'function' && entry[1].prototype instanceof optimizerBase,
);
/** Options an optimizer needs (torch 1.13's SGD has no default learning rate). */
const optimizerOptions: Record<string, object> = { SGD: { lr: 0.1 } };
const optimizerWithGradient = (Class: OptimizerClass) => {
  const weight = randn([3], { requiresGrad: true });
  const optimizer = new Class([weight], optimizerOptions[Class.name]);
  const closure = () => {
    optimizer.zeroGrad();
    const loss = weight.pow(2).sum();
    loss.backward();
    return loss;
  };
  closure();
  return { optimizer, closure };
};
const optimizerCalls: Record<string, (made: ReturnType<typeof optimizerWithGradient>) => unknown[]> = {
  addParamGroup: () => [{ params: [zeros([2], { requiresGrad: true })] }],
  zeroGrad: () => [false],
  step: ({ closure }) => [closure],
  stateDict: () => [],
  loadStateDict: ({ optimizer }) => [optimizer.stateDict()],
};
/** The optimizers' machinery: their own update rules and LBFGS's internals. */
const optimizerMachinery = new Set([
  'validateGroup',
  'updateParameter',
  'keepBuffer',
  'optimize',
  'twoLoopDirection',
  'gatherFlatGrad',
  'addToParameters',
]);

type Scheduler = { step: Loose; getLastLr: Loose; stateDict: Loose; loadStateDict: Loose };
const sgd = () => new nn.SGD([zeros([2], { requiresGrad: true })], { lr: 0.1, momentum: 0.9 });
/** Every scheduler of the package, made on a fresh optimizer. */
const schedulers: Record<string, () => unknown> = {
  StepLR: () => new nn.StepLR(sgd(), { stepSize: 2 }),
  MultiStepLR: () => new nn.MultiStepLR(sgd(), { milestones: [2] }),
  ConstantLR: () => new nn.ConstantLR(sgd()),
  LinearLR: () => new nn.LinearLR(sgd()),
  ExponentialLR: () => new nn.ExponentialLR(sgd(), { gamma: 0.9 }),
  PolynomialLR: () => new nn.PolynomialLR(sgd()),
  CosineAnnealingLR: () => new nn.CosineAnnealingLR(sgd(), { tMax: 5 }),
  CosineAnnealingWarmRestarts: () => new nn.CosineAnnealingWarmRestarts(sgd(), { t0: 2 }),
  CyclicLR: () => new nn.CyclicLR(sgd(), { baseLr: 0.01, maxLr: 0.1 }),
  OneCycleLR: () => new nn.OneCycleLR(sgd(), { maxLr: 0.1, totalSteps: 10 }),
  LambdaLR: () => new nn.LambdaLR(sgd(), { lrLambda: (epoch: number) => 0.9 ** epoch }),
  MultiplicativeLR: () => new nn.MultiplicativeLR(sgd(), { lrLambda: () => 0.9 }),
  SWALR: () => new nn.SWALR(sgd(), { swaLr: 0.05 }),
  ReduceLROnPlateau: () => new nn.ReduceLROnPlateau(sgd()),
  SequentialLR: () => {
    const optimizer = sgd();
    return new nn.SequentialLR(optimizer, {
      schedulers: [new nn.ConstantLR(optimizer), new nn.ExponentialLR(optimizer, 0.9)],
      milestones: [2],
    });
  },
  ChainedScheduler: () => {
    const optimizer = sgd();
    return new nn.ChainedScheduler([new nn.ConstantLR(optimizer), new nn.ExponentialLR(optimizer, 0.9)]);
  },
};
/** torch's step of each: an epoch (a fractional one for warm restarts), a metric, or nothing. */
const stepArguments = (name: string): unknown[] =>
  name === 'ReduceLROnPlateau'
    ? [0.5, 3]
    : name === 'CosineAnnealingWarmRestarts'
      ? [1.5]
      : /^(SequentialLR|ChainedScheduler)$/.test(name)
        ? []
        : [3];
const schedulerCalls: Record<string, (scheduler: Scheduler, name: string) => unknown[]> = {
  step: (_, name) => stepArguments(name),
  getLastLr: () => [],
  stateDict: () => [],
  loadStateDict: (scheduler) => [scheduler.stateDict()],
};
const schedulerMachinery = new Set(['initialStep', 'closedFormLr', 'computeLr', 'scale', 'anneal', 'isBetter']);

describe('methods refuse arguments they do not take', () => {
  it('Module: every public method', () => {
    const methods = methodsOf(nn.Module.prototype).filter((name) => !moduleMachinery.has(name));
    expect(methods.filter((name) => !(name in moduleCalls))).toEqual([]);
    expect(methods.flatMap((name) => check('Module', model, name, moduleCalls[name]!))).toEqual([]);
  });

  it('every optimizer: addParamGroup, zeroGrad, step, stateDict, loadStateDict', () => {
    expect(optimizerClasses.length).toBeGreaterThanOrEqual(12);
    const problems = optimizerClasses.flatMap(([name, Class]) => {
      const own = [...new Set([...methodsOf(optimizerBase.prototype), ...methodsOf(Class.prototype)])].filter(
        (method) => !optimizerMachinery.has(method),
      );
      const unlisted = own.filter((method) => !(method in optimizerCalls)).map((method) => `${name}.${method} has no call listed`);
      let made = optimizerWithGradient(Class);
      return [
        ...unlisted,
        ...own.flatMap((method) =>
          check(
            name,
            () => (made = optimizerWithGradient(Class)).optimizer,
            method,
            () => optimizerCalls[method]!(made),
          ),
        ),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('every scheduler: step, getLastLr, stateDict, loadStateDict', () => {
    const classes = exported.filter(
      (entry): entry is [string, new () => Scheduler] =>
        entry[0] !== 'LRScheduler' &&
        typeof entry[1] === 'function' &&
        typeof (entry[1].prototype as Partial<Scheduler> | undefined)?.getLastLr === 'function',
    );
    expect(classes.map(([name]) => name).filter((name) => !(name in schedulers))).toEqual([]);
    const problems = classes.flatMap(([name, Class]) => {
      const methods: string[] = [];
      for (let prototype = Class.prototype as object; prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype))
        methods.push(...methodsOf(prototype));
      const own = [...new Set(methods)].filter((method) => !schedulerMachinery.has(method));
      const unlisted = own.filter((method) => !(method in schedulerCalls)).map((method) => `${name}.${method} has no call listed`);
      return [
        ...unlisted,
        ...own.flatMap((method) =>
          check(name, schedulers[name] as () => Scheduler, method, (scheduler) => schedulerCalls[method]!(scheduler, name)),
        ),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('the misread PyTorch calls: optimizer.zeroGrad(false) keeps zeroed gradients, scheduler.step(loss) and model.train("no") throw', () => {
    const { optimizer } = optimizerWithGradient(nn.Adam);
    const weight = optimizer.paramGroups[0]!.params[0]!;
    optimizer.zeroGrad(false); // torch's zero_grad(set_to_none=False): it was read as an options object, and dropped the gradient
    expect(weight.grad?.toArraySync()).toEqual([0, 0, 0]);
    optimizer.zeroGrad({ setToNone: true });
    expect(weight.grad).toBeNull();
    expect(() => optimizer.zeroGrad('yes' as never)).toThrow("Adam.zeroGrad: expected setToNone (a boolean) or { setToNone }, got 'yes'");
    // ReduceLROnPlateau's step(loss) given to another scheduler: torch reads it as an epoch
    expect(() => new nn.StepLR(sgd(), 2).step(randn([]) as never)).toThrow('StepLR.step: epoch must be an integer ≥ 0');
    expect(() => model().train('no' as never)).toThrow('Module.train: mode must be true or false');
    // Module.zeroGrad takes the optimizers' { setToNone } too: an options object read as truthy dropped the gradients
    const layer = new nn.Linear(2, 1);
    layer
      .call(randn([3, 2]))
      .sum()
      .backward();
    layer.zeroGrad({ setToNone: false });
    expect(layer.weight.grad?.toArraySync()).toEqual([[0, 0]]);
    layer.zeroGrad();
    expect(layer.weight.grad).toBeNull();
    expect(() => layer.zeroGrad({ setTo: false } as never)).toThrow('Module.zeroGrad: unknown option `setTo`');
    expect(() => model().apply(undefined as never)).toThrow('Module.apply: fn must be a function, got undefined');
    expect(() => optimizer.step(randn([]) as never)).toThrow('Adam.step: closure must be a function');
  });
});
