import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isTensor, setDefaultDtype, tensor, type DType, type Tensor } from '@dl/tensor';
import { expectClose } from '../../test/helpers/optimizer-reference.js';
import { ASGD, Rprop, type Optimizer, type OptimizerStateDict } from './index.js';

// Rprop and ASGD against PyTorch 1.13 (tools/fixtures/nn_optim_more_reference.py): ten steps of least
// squares in float64 and float32, the state dict's layout and values after five and ten steps, and a
// resume from torch's state dict after five.

interface FixtureTensor {
  shape: number[];
  data: number[];
}
type SavedValue = FixtureTensor | number | null;
interface SavedStateDict {
  state: Record<string, Record<string, SavedValue>>;
  param_groups: Record<string, unknown>[];
}
interface Run {
  trajectory: { weight: number[]; bias: number[] }[];
  stateDictAfter5: SavedStateDict;
  stateDictAfter10: SavedStateDict;
}
interface Case {
  optimizer: 'Rprop' | 'ASGD';
  options: Record<string, unknown>;
  groups: Record<string, unknown>[] | null;
  float32: Run;
  float64: Run;
  /** ASGD only: float64 parameters with float64 as the default dtype. */
  float64Default?: Pick<Run, 'trajectory'>;
}

const fixture: { steps: number; x: FixtureTensor; y: FixtureTensor; weight: FixtureTensor; bias: FixtureTensor; firstOrder: Case[] } =
  JSON.parse(readFileSync(new URL('../../test/__fixtures__/nn_optim_more_reference.json', import.meta.url), 'utf8'));

const fromFixture = (value: FixtureTensor, dtype: DType, requiresGrad = false) =>
  tensor(value.data, { shape: value.shape, dtype, requiresGrad });
const constructors = { Rprop, ASGD } as const;

function makeOptimizer(testCase: Case, weight: Tensor, bias: Tensor): Optimizer<object> {
  const Constructor = constructors[testCase.optimizer] as new (parameters: unknown, options: unknown) => Optimizer<object>;
  const parameters =
    testCase.groups === null ? [weight, bias] : testCase.groups.map((group, index) => ({ params: [[weight, bias][index]!], ...group }));
  return new Constructor(parameters, testCase.options);
}

/** `steps` steps of loss = mean((x weightᵀ + bias − y)²) from the given parameters. */
function train(optimizer: Optimizer<object>, weight: Tensor, bias: Tensor, dtype: DType, steps: number, onStep: (step: number) => void) {
  const x = fromFixture(fixture.x, dtype);
  const y = fromFixture(fixture.y, dtype);
  for (let step = 0; step < steps; step++) {
    optimizer.zeroGrad();
    x.matmul(weight.t()).add(bias).sub(y).square().mean().backward();
    optimizer.step();
    onStep(step);
  }
}

/** Elementwise relative tolerance, with the tensor's largest magnitude as the floor of the scale. */
const check = (actual: ArrayLike<number>, expected: number[], rtol: number, label: string) =>
  expectClose(actual, expected, rtol, rtol * Math.max(...expected.map(Math.abs)), label);

/** torch's state dict from the fixture with its tensors as ours (float64). */
function torchStateDict(saved: SavedStateDict): OptimizerStateDict {
  const state: OptimizerStateDict['state'] = {};
  for (const [index, entry] of Object.entries(saved.state))
    state[index] = Object.fromEntries(
      Object.entries(entry).map(([key, value]) => [
        key,
        value === null || typeof value === 'number' ? value : fromFixture(value, 'float64'),
      ]),
    );
  return { state, param_groups: saved.param_groups as OptimizerStateDict['param_groups'] };
}

/** Our state dict has torch's keys and values; torch's 0-d tensors (ASGD's step, eta, mu) are our numbers. */
function expectStateDict(ours: OptimizerStateDict, theirs: SavedStateDict): void {
  expect(Object.keys(ours.state).sort()).toEqual(Object.keys(theirs.state).sort());
  for (const [index, entry] of Object.entries(theirs.state)) {
    expect(Object.keys(ours.state[index]!).sort()).toEqual(Object.keys(entry).sort());
    for (const [key, value] of Object.entries(entry)) {
      const mine = ours.state[index]![key];
      if (value === null || typeof value === 'number') expect(mine, key).toBe(value);
      else if (typeof mine === 'number') expect(mine, key).toBe(value.data[0]);
      else {
        if (!isTensor(mine)) expect.fail(`state ${index}.${key} is ${String(mine)}`);
        else {
          expect([...mine.shape]).toEqual(value.shape);
          check(mine.dataSync(), value.data, 1e-10, `state ${index}.${key}`);
        }
      }
    }
  }
  const groups = theirs.param_groups.map((group) => Object.fromEntries(Object.entries(group).filter(([key]) => key !== 'foreach')));
  expect(ours.param_groups).toEqual(groups);
}

for (const name of ['Rprop', 'ASGD'] as const) {
  const cases = fixture.firstOrder.filter((testCase) => testCase.optimizer === name);
  describe(name, () => {
    it('has reference cases', () => expect(cases.length).toBeGreaterThanOrEqual(3));
    for (const testCase of cases) {
      const label = `${JSON.stringify(testCase.options)}${testCase.groups ? `, groups ${JSON.stringify(testCase.groups)}` : ''}`;

      it(`matches PyTorch for 10 steps in float64 and float32: ${label}`, () => {
        for (const [dtype, rtol] of [
          ['float64', 1e-10],
          ['float32', 1e-6],
        ] as const) {
          const weight = fromFixture(fixture.weight, dtype, true);
          const bias = fromFixture(fixture.bias, dtype, true);
          const optimizer = makeOptimizer(testCase, weight, bias);
          const expected = testCase[dtype].trajectory;
          train(optimizer, weight, bias, dtype, fixture.steps, (step) => {
            check(weight.dataSync(), expected[step]!.weight, rtol, `${dtype} step ${step + 1} weight`);
            check(bias.dataSync(), expected[step]!.bias, rtol, `${dtype} step ${step + 1} bias`);
          });
        }
      });

      if (testCase.float64Default)
        // η and μ were rounded to float32 whatever the default dtype (torch: torch.tensor(lr), float64 here)
        it(`matches PyTorch in float64 with float64 as the default dtype: ${label}`, () => {
          setDefaultDtype('float64');
          try {
            const weight = fromFixture(fixture.weight, 'float64', true);
            const bias = fromFixture(fixture.bias, 'float64', true);
            const optimizer = makeOptimizer(testCase, weight, bias);
            const expected = testCase.float64Default!.trajectory;
            train(optimizer, weight, bias, 'float64', fixture.steps, (step) => {
              check(weight.dataSync(), expected[step]!.weight, 1e-12, `step ${step + 1} weight`);
              check(bias.dataSync(), expected[step]!.bias, 1e-12, `step ${step + 1} bias`);
            });
          } finally {
            setDefaultDtype('float32');
          }
        });

      it(`has PyTorch's state dict after 5 and 10 steps: ${label}`, () => {
        const weight = fromFixture(fixture.weight, 'float64', true);
        const bias = fromFixture(fixture.bias, 'float64', true);
        const optimizer = makeOptimizer(testCase, weight, bias);
        train(optimizer, weight, bias, 'float64', fixture.steps, (step) => {
          if (step === 4) expectStateDict(optimizer.stateDict(), testCase.float64.stateDictAfter5);
        });
        expectStateDict(optimizer.stateDict(), testCase.float64.stateDictAfter10);
      });

      it(`resumes from PyTorch's state dict after 5 steps: ${label}`, () => {
        const after5 = testCase.float64.trajectory[4]!;
        const weight = tensor(after5.weight, { shape: fixture.weight.shape, dtype: 'float64', requiresGrad: true });
        const bias = tensor(after5.bias, { dtype: 'float64', requiresGrad: true });
        // constructed with another rate: loadStateDict brings back torch's
        const optimizer = makeOptimizer({ ...testCase, options: { ...testCase.options, lr: 0.123 } }, weight, bias);
        optimizer.loadStateDict(torchStateDict(testCase.float64.stateDictAfter5));
        const expected = testCase.float64.trajectory;
        train(optimizer, weight, bias, 'float64', 5, (step) => {
          check(weight.dataSync(), expected[step + 5]!.weight, 1e-10, `step ${step + 6} weight`);
          check(bias.dataSync(), expected[step + 5]!.bias, 1e-10, `step ${step + 6} bias`);
        });
      });
    }
  });
}

describe('their arguments', () => {
  const parameter = () => tensor([1, 2], { requiresGrad: true });
  it("take torch's positional order", () => {
    expect(new Rprop([parameter()], 0.05, [0.4, 1.3], [1e-4, 2]).paramGroups[0]).toMatchObject({
      lr: 0.05,
      etas: [0.4, 1.3],
      stepSizes: [1e-4, 2],
      maximize: false,
    });
    expect(new ASGD([parameter()], 0.02, 1e-3, 0.5, 10, 0.1, { maximize: true }).paramGroups[0]).toMatchObject({
      lr: 0.02,
      lambd: 1e-3,
      alpha: 0.5,
      t0: 10,
      weightDecay: 0.1,
      maximize: true,
    });
  });

  it('name bad values and unknown options', () => {
    expect(() => new Rprop([parameter()], { etas: [1.5, 2] })).toThrow('Rprop: invalid eta values: 1.5, 2');
    expect(() => new Rprop([parameter()], { etas: [0.5, 0.9] })).toThrow('Rprop: invalid eta values: 0.5, 0.9');
    expect(() => new Rprop([parameter()], { lr: -1 })).toThrow('Rprop: invalid learning rate: -1');
    expect(() => new Rprop([parameter()], { step_sizes: [0, 1] } as never)).toThrow('Rprop: unknown option `step_sizes`');
    expect(() => new ASGD([parameter()], { weightDecay: -0.5 })).toThrow('ASGD: invalid weight_decay value: -0.5');
    expect(() => new ASGD([parameter()], { lambda: 0.1 } as never)).toThrow('ASGD: unknown option `lambda`');
  });
});
