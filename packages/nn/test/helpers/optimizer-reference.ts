import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { setDefaultDtype, tensor, type DType, type Tensor } from '@dl/tensor';
import { Adadelta, Adagrad, Adam, Adamax, AdamW, NAdam, RAdam, RMSprop, SGD, type Optimizer } from '../../src/optim/index.js';

/** A tensor in a fixture: shape and row-major values. */
export interface FixtureTensor {
  shape: number[];
  values: number[];
}

export interface OptimizerCase {
  optimizer: 'SGD' | 'Adam' | 'AdamW' | 'RMSprop' | 'Adagrad' | 'NAdam' | 'RAdam' | 'Adamax' | 'Adadelta';
  options: Record<string, unknown>;
  groups: Record<string, unknown>[] | null;
  float32: { trajectory: { weight: number[]; bias: number[] }[]; losses: number[] };
  float64: { trajectory: { weight: number[]; bias: number[] }[]; losses: number[] };
  /** float64 with float64 as the default dtype (setDefaultDtype('float64')). */
  float64Default: { trajectory: { weight: number[]; bias: number[] }[]; losses: number[] };
  stateDictAfter5: { state: Record<string, Record<string, FixtureTensor | number | null>>; param_groups: Record<string, unknown>[] };
}

interface OptimizerFixture {
  steps: number;
  x: FixtureTensor;
  y: FixtureTensor;
  weight: FixtureTensor;
  bias: FixtureTensor;
  cases: OptimizerCase[];
}

/** Written by tools/fixtures/nn_optim_reference.py (PyTorch 1.13). */
export const optimizerFixture: OptimizerFixture = JSON.parse(
  readFileSync(new URL('../__fixtures__/nn_optim_reference.json', import.meta.url), 'utf8'),
);

export const fromFixture = (value: FixtureTensor, dtype: DType = 'float32', requiresGrad = false): Tensor =>
  tensor(value.values, { shape: value.shape, dtype, requiresGrad });

const constructors = { SGD, Adam, AdamW, RMSprop, Adagrad, NAdam, RAdam, Adamax, Adadelta } as const;

/** The fixture's optimizer over weight and bias (one list, or one group each). */
export function makeOptimizer(testCase: OptimizerCase, weight: Tensor, bias: Tensor): Optimizer<object> {
  const Constructor = constructors[testCase.optimizer] as new (parameters: unknown, options: unknown) => Optimizer<object>;
  const parameters =
    testCase.groups === null ? [weight, bias] : testCase.groups.map((group, index) => ({ params: [[weight, bias][index]!], ...group }));
  return new Constructor(parameters, testCase.options);
}

/** loss = mean((x weightᵀ + bias − y)²), the fixture's problem. */
export function referenceLoss(weight: Tensor, bias: Tensor, dtype: DType): Tensor {
  const x = fromFixture(optimizerFixture.x, dtype);
  const y = fromFixture(optimizerFixture.y, dtype);
  return x.matmul(weight.t()).add(bias).sub(y).square().mean();
}

/** Runs `steps` steps; returns the optimizer and parameters after them. */
export function runSteps(
  testCase: OptimizerCase,
  dtype: DType,
  steps: number,
  onStep?: (step: number, weight: Tensor, bias: Tensor) => void,
) {
  const weight = fromFixture(optimizerFixture.weight, dtype, true);
  const bias = fromFixture(optimizerFixture.bias, dtype, true);
  const optimizer = makeOptimizer(testCase, weight, bias);
  for (let step = 0; step < steps; step++) {
    optimizer.zeroGrad();
    referenceLoss(weight, bias, dtype).backward();
    optimizer.step();
    onStep?.(step, weight, bias);
  }
  return { optimizer, weight, bias };
}

/** |actual − expected| ≤ atol + rtol·|expected| elementwise. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol: number, label = ''): void {
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i]! - expected[i]!);
    if (!(error <= atol + rtol * Math.abs(expected[i]!)))
      expect.fail(`${label}[${i}]: ${actual[i]} vs PyTorch ${expected[i]} (error ${error.toExponential(2)})`);
  }
}

export const caseName = (testCase: OptimizerCase) =>
  `${testCase.optimizer}(${JSON.stringify(testCase.options)}${testCase.groups ? `, groups ${JSON.stringify(testCase.groups)}` : ''})`;

/**
 * Ten steps in float64 match PyTorch to 1e-10 relative (the formulas are the same to the rounding),
 * in float32 to 1e-6 relative (plus 1e-7 absolute for values near zero).
 */
export function checkAgainstPyTorch(testCase: OptimizerCase): void {
  for (const [dtype, rtol] of [
    ['float64', 1e-10],
    ['float32', 1e-6],
  ] as const) {
    const expected = testCase[dtype].trajectory;
    // relative to each element, with the tensor's largest magnitude as the floor (float32 rounding of
    // the gradient leaves a few ulps on elements that pass near zero)
    const check = (actual: ArrayLike<number>, reference: number[], label: string) =>
      expectClose(actual, reference, rtol, rtol * Math.max(...reference.map(Math.abs)), label);
    runSteps(testCase, dtype, optimizerFixture.steps, (step, weight, bias) => {
      check(weight.dataSync(), expected[step]!.weight, `${dtype} step ${step + 1} weight`);
      check(bias.dataSync(), expected[step]!.bias, `${dtype} step ${step + 1} bias`);
    });
  }
  // under a float64 default the scalars torch keeps in 0-d tensors are float64 too (NAdam's μ product
  // was rounded to float32 regardless: 1e-10 relative off from the first step)
  setDefaultDtype('float64');
  try {
    const expected = testCase.float64Default.trajectory;
    runSteps(testCase, 'float64', optimizerFixture.steps, (step, weight, bias) => {
      expectClose(weight.dataSync(), expected[step]!.weight, 1e-13, 0, `float64 default step ${step + 1} weight`);
      expectClose(bias.dataSync(), expected[step]!.bias, 1e-13, 0, `float64 default step ${step + 1} bias`);
    });
  } finally {
    setDefaultDtype('float32');
  }
}

/** Our state dict after 5 steps has PyTorch's keys and values (torch's `step` is a 0-d tensor, ours a number). */
export function checkStateDictLayout(testCase: OptimizerCase): void {
  const { optimizer } = runSteps(testCase, 'float64', 5);
  const ours = optimizer.stateDict();
  const theirs = testCase.stateDictAfter5;
  expect(Object.keys(ours.state).sort()).toEqual(Object.keys(theirs.state).sort());
  for (const [index, entry] of Object.entries(theirs.state)) {
    expect(Object.keys(ours.state[index]!).sort()).toEqual(Object.keys(entry).sort());
    for (const [key, value] of Object.entries(entry)) {
      const mine = ours.state[index]![key]!;
      if (value === null || typeof value === 'number') expect(mine).toBe(value);
      else if (typeof mine === 'number') expect(mine).toBe(value.values[0]);
      else {
        if (mine === null || Array.isArray(mine)) expect.fail(`state ${index}.${key} is ${mine === null ? 'null' : 'a list'}`);
        expect([...mine.shape]).toEqual(value.shape);
        expectClose(mine.dataSync(), value.values, 1e-10, 1e-15, `state ${index}.${key}`);
      }
    }
  }
  const torchOnly = new Set(['foreach', 'capturable', 'differentiable', 'fused']);
  expect(ours.param_groups.length).toBe(theirs.param_groups.length);
  ours.param_groups.forEach((group, index) => {
    const expected = Object.fromEntries(Object.entries(theirs.param_groups[index]!).filter(([key]) => !torchOnly.has(key)));
    const actual = { ...group } as Record<string, unknown>;
    // PyTorch ≥ 2.6 spells AdamW this way too; 1.13 has no such key
    if (!('decoupled_weight_decay' in expected)) delete actual.decoupled_weight_decay;
    expect(actual).toEqual(expected);
  });
}
