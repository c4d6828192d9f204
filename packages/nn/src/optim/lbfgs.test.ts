import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isTensor, memory, tensor, type Tensor } from '@dl/tensor';
import { serializeCheckpoint } from '../checkpoint/index.js';
import { binaryCrossEntropyWithLogits } from '../functional/loss.js';
import { expectClose } from '../../test/helpers/optimizer-reference.js';
import { LBFGS, type LBFGSOptions, type OptimizerStateDict } from './index.js';
import { cubicInterpolate, strongWolfe } from './strong-wolfe.js';

// LBFGS against PyTorch 1.13 (tools/fixtures/nn_optim_more_reference.py), float64: several calls of
// step(closure) on the Rosenbrock function, a logistic regression (with a parameter the loss does
// not use) and least squares, with fixed steps and with the strong-Wolfe line search: the loss each
// call returns, the parameters after it, the evaluation and iteration counters, the whole state dict
// (history included), and a resume from torch's state dict after the first call. And torch's line
// search itself on functions of one variable, through its rarer paths.

interface FixtureTensor {
  shape: number[];
  data: number[];
}
type SavedValue = FixtureTensor | number | null | Array<FixtureTensor | number | null>;
interface SavedStateDict {
  state: Record<string, Record<string, SavedValue>>;
  param_groups: Record<string, unknown>[];
}
interface Case {
  problem: 'rosenbrock' | 'logistic' | 'squares';
  options: Partial<LBFGSOptions>;
  calls: { loss: number; params: FixtureTensor[]; funcEvals: number; nIter: number }[];
  stateDictAfterFirst: SavedStateDict;
  stateDictAfterLast: SavedStateDict;
}

interface LineSearchCase {
  function: 'quartic' | 'linear';
  start: number;
  direction: number;
  initialStep: number;
  step: number;
  loss: number;
  gradient: number;
  evaluations: number;
}

const fixture: {
  logisticX: FixtureTensor;
  logisticY: FixtureTensor;
  squaresX: FixtureTensor;
  squaresY: FixtureTensor;
  lbfgs: Case[];
  strongWolfe: LineSearchCase[];
} = JSON.parse(readFileSync(new URL('../../test/__fixtures__/nn_optim_more_reference.json', import.meta.url), 'utf8'));

const float64 = (value: FixtureTensor, requiresGrad = false) => tensor(value.data, { shape: value.shape, dtype: 'float64', requiresGrad });
const parameter = (values: number[], shape: number[]) => tensor(values, { shape, dtype: 'float64', requiresGrad: true });

/** The fixture's problems: their starting parameters and loss, as the script defines them. */
function problem(name: Case['problem']): { params: Tensor[]; loss: () => Tensor } {
  if (name === 'rosenbrock') {
    const point = parameter([-1.5, 2], [2]);
    // (1 − x)² + 100(y − x²)²
    return {
      params: [point],
      loss: () => {
        const first = point.select(0, 0);
        const second = point.select(0, 1);
        return first.neg().add(1).square().add(second.sub(first.square()).square().mul(100));
      },
    };
  }
  if (name === 'logistic') {
    const weight = parameter([0.1, -0.2, 0.05], [1, 3]);
    const bias = parameter([0], [1]);
    const unused = parameter([0.5, -0.5], [2]);
    const x = float64(fixture.logisticX);
    const y = float64(fixture.logisticY);
    return {
      params: [weight, bias, unused],
      loss: () => binaryCrossEntropyWithLogits(x.matmul(weight.t()).add(bias).squeeze(1), y).add(weight.square().sum().mul(0.01)),
    };
  }
  const weight = parameter(new Array(8).fill(0.1), [2, 4]);
  const bias = parameter([0, 0], [2]);
  const x = float64(fixture.squaresX);
  const y = float64(fixture.squaresY);
  return { params: [weight, bias], loss: () => x.matmul(weight.t()).add(bias).sub(y).square().mean() };
}

function closureOf(optimizer: LBFGS, loss: () => Tensor): () => Tensor {
  return () => {
    optimizer.zeroGrad();
    const value = loss();
    value.backward();
    return value;
  };
}

const check = (actual: ArrayLike<number>, expected: number[], label: string) =>
  expectClose(actual, expected, 1e-9, 1e-12 + 1e-9 * Math.max(...expected.map(Math.abs)), label);

/** A state-dict value as numbers: our numbers and tensors, torch's numbers and {shape, data}. */
function numbers(value: unknown): number[] | null {
  if (value === null) return null;
  if (typeof value === 'number') return [value];
  if (isTensor(value)) return [...value.dataSync()];
  return (value as FixtureTensor).data;
}

function expectStateDict(ours: OptimizerStateDict, theirs: SavedStateDict): void {
  expect(Object.keys(ours.state)).toEqual(Object.keys(theirs.state));
  for (const [index, entry] of Object.entries(theirs.state)) {
    const mine = ours.state[index]!;
    expect(Object.keys(mine).sort()).toEqual(Object.keys(entry).sort());
    for (const [key, value] of Object.entries(entry)) {
      if (key === 'func_evals' || key === 'n_iter') expect(mine[key], key).toBe(value);
      else if (Array.isArray(value)) {
        const list = mine[key] as unknown[];
        expect(list.length, key).toBe(value.length);
        value.forEach((item, position) => {
          const expected = numbers(item);
          if (expected === null) expect(list[position], `${key}[${position}]`).toBeNull();
          else check(numbers(list[position])!, expected, `${key}[${position}]`);
        });
      } else check(numbers(mine[key])!, numbers(value)!, key);
    }
  }
  expect(ours.param_groups).toEqual(theirs.param_groups);
}

/** torch's state dict from the fixture, its tensors (0-d included) as ours. */
function torchStateDict(saved: SavedStateDict): OptimizerStateDict {
  const convert = (value: FixtureTensor | number | null) => (value === null || typeof value === 'number' ? value : float64(value));
  const state: OptimizerStateDict['state'] = {};
  for (const [index, entry] of Object.entries(saved.state))
    state[index] = Object.fromEntries(
      Object.entries(entry).map(([key, value]) => [key, Array.isArray(value) ? value.map(convert) : convert(value)]),
    );
  return { state, param_groups: saved.param_groups as OptimizerStateDict['param_groups'] };
}

const caseName = (testCase: Case) => `${testCase.problem} ${JSON.stringify(testCase.options)}`;

describe('LBFGS', () => {
  it('has reference cases with and without the line search', () => {
    expect(fixture.lbfgs.filter((testCase) => testCase.options.lineSearchFn === 'strong_wolfe').length).toBeGreaterThanOrEqual(3);
    expect(fixture.lbfgs.filter((testCase) => !testCase.options.lineSearchFn).length).toBeGreaterThanOrEqual(3);
  });

  for (const testCase of fixture.lbfgs) {
    it(`matches PyTorch call by call, state dict included: ${caseName(testCase)}`, () => {
      const { params, loss } = problem(testCase.problem);
      const optimizer = new LBFGS(params, testCase.options);
      const closure = closureOf(optimizer, loss);
      testCase.calls.forEach((expected, call) => {
        const returned = optimizer.step(closure);
        const label = `call ${call + 1}`;
        check([returned.itemSync()], [expected.loss], `${label} loss`);
        params.forEach((value, index) => check(value.dataSync(), expected.params[index]!.data, `${label} parameter ${index}`));
        const state = optimizer.state.get(params[0]!)!;
        expect([state.funcEvals, state.nIter], `${label} evaluations and iterations`).toEqual([expected.funcEvals, expected.nIter]);
        if (call === 0) expectStateDict(optimizer.stateDict(), testCase.stateDictAfterFirst);
      });
      expectStateDict(optimizer.stateDict(), testCase.stateDictAfterLast);
    });

    it(`resumes from PyTorch's state dict after the first call: ${caseName(testCase)}`, () => {
      const { params, loss } = problem(testCase.problem);
      params.forEach((value, index) => value.detach().copy_(float64(testCase.calls[0]!.params[index]!)));
      const optimizer = new LBFGS(params, { ...testCase.options, lr: 0.123 });
      optimizer.loadStateDict(torchStateDict(testCase.stateDictAfterFirst));
      expect(optimizer.paramGroups[0]!.lr).toBe(testCase.options.lr ?? 1);
      const closure = closureOf(optimizer, loss);
      testCase.calls.slice(1).forEach((expected, call) => {
        optimizer.step(closure);
        params.forEach((value, index) => check(value.dataSync(), expected.params[index]!.data, `call ${call + 2} parameter ${index}`));
      });
      expectStateDict(optimizer.stateDict(), testCase.stateDictAfterLast);
    });
  }

  it('takes a number as the loss, and keeps memory flat across steps', () => {
    const { params, loss } = problem('rosenbrock');
    const optimizer = new LBFGS(params, { historySize: 3, maxIter: 5, lineSearchFn: 'strong_wolfe' });
    const closure = () => {
      optimizer.zeroGrad();
      const value = loss();
      value.backward();
      return value.itemSync();
    };
    expect(optimizer.step(closure)).toBe(12.5); // (1 + 1.5)² + 100(2 − 2.25)²
    optimizer.step(closure); // the history is full (3 pairs) from here on
    const before = memory().cpu!.liveTensors;
    for (let call = 0; call < 5; call++) optimizer.step(closure);
    expect(memory().cpu!.liveTensors).toBe(before);
    expect(optimizer.state.get(params[0]!)!.oldDirs).toHaveLength(3);
  });

  // the script's functions, written as the same products so that the values are the same doubles
  const lineFunctions = {
    quartic: [(x: number) => x * x * x * x - 3 * x * x + x, (x: number) => 4 * x * x * x - 6 * x + 1],
    linear: [(x: number) => -2 * x, () => -2],
  } as const;
  for (const lineCase of fixture.strongWolfe)
    it(`searches the line as torch does: ${lineCase.function} from ${lineCase.start}, first step ${lineCase.initialStep}`, () => {
      const [f, g] = lineFunctions[lineCase.function];
      const direction = tensor([lineCase.direction], { dtype: 'float64' });
      const gradient = tensor([g(lineCase.start)], { dtype: 'float64' });
      const evaluate = (step: number) => {
        const moved = lineCase.start + step * lineCase.direction;
        return { loss: f(moved), gradient: tensor([g(moved)], { dtype: 'float64' }) };
      };
      const found = strongWolfe(
        evaluate,
        lineCase.initialStep,
        direction,
        f(lineCase.start),
        gradient,
        g(lineCase.start) * lineCase.direction,
      );
      expect([found.step, found.loss, found.gradient.itemSync(), found.evaluations]).toEqual([
        lineCase.step,
        lineCase.loss,
        lineCase.gradient,
        lineCase.evaluations,
      ]);
    });

  it('interpolates as torch does', () => {
    // the cubic through f(0) = 1, f′(0) = −1 and f(1) = 0.5, f′(1) = 0.5 has its minimum at
    // x = 1 − (0.5 + d₂ − d₁)/(0.5 + 1 + 2d₂), d₁ = −0.5 − 3·0.5/(−1) = 1, d₂ = √(1 + 0.5)
    const d2 = Math.sqrt(1.5);
    expect(cubicInterpolate(0, 1, -1, 1, 0.5, 0.5)).toBeCloseTo(1 - (0.5 + d2 - 1) / (1.5 + 2 * d2), 14);
    // no real minimum (d₁ = 1 + 1 − 3·(−0.5)/(−1) = 0.5, d₁² < g₁g₂ = 1): the midpoint of the bounds
    expect(cubicInterpolate(0, 0, 1, 1, 0.5, 1, [0.2, 0.6])).toBe(0.4);
  });

  it("takes torch's positional order; maxEval defaults to ⌊1.25 · maxIter⌋", () => {
    const point = parameter([1, 2], [2]);
    expect(new LBFGS([point], 0.5, 10, null, 1e-5, 1e-8, 7, 'strong_wolfe').paramGroups[0]).toMatchObject({
      lr: 0.5,
      maxIter: 10,
      maxEval: 12,
      toleranceGrad: 1e-5,
      toleranceChange: 1e-8,
      historySize: 7,
      lineSearchFn: 'strong_wolfe',
    });
    expect(new LBFGS([point], { maxIter: 7, maxEval: 30 }).paramGroups[0]!.maxEval).toBe(30);
  });

  it('names what is wrong', () => {
    const point = () => parameter([1, 2], [2]);
    const optimizer = new LBFGS([point()]);
    expect(() => (optimizer.step as (closure?: unknown) => unknown)()).toThrow('LBFGS.step: needs a closure');
    expect(() => optimizer.step(() => tensor([1, 2]))).toThrow(
      'LBFGS.step: the closure must return the loss (a one-element tensor or a number), got a tensor of shape [2]',
    );
    expect(() => new LBFGS([{ params: [point()] }, { params: [point()], lr: 0.1 }])).toThrow(
      "LBFGS doesn't support per-parameter options (parameter groups)",
    );
    expect(() => new LBFGS([point()], { lineSearchFn: 'backtracking' as never })).toThrow(
      "LBFGS: only 'strong_wolfe' is supported as lineSearchFn (or null), got 'backtracking'",
    );
    expect(() => new LBFGS([point()], { maxIter: 0 })).toThrow('LBFGS: maxIter must be an integer ≥ 1, got 0');
    expect(() => new LBFGS([point()], { historySize: 2.5 })).toThrow('LBFGS: historySize must be an integer ≥ 1, got 2.5');
    expect(() => new LBFGS([point()], { line_search_fn: 'strong_wolfe' } as never)).toThrow('LBFGS: unknown option `line_search_fn`');
  });

  it('a training checkpoint refuses its history lists by name', async () => {
    const { params, loss } = problem('squares');
    const optimizer = new LBFGS(params, { maxIter: 3 });
    optimizer.step(closureOf(optimizer, loss));
    await expect(serializeCheckpoint({ model: {}, optimizer: optimizer.stateDict() })).rejects.toThrow(
      "serializeCheckpoint: optimizer state 0.al is a list (LBFGS's history), which a training checkpoint cannot store",
    );
  });
});
