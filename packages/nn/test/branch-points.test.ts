// Every loss and activation with a kink or a branch, at the branch points themselves (0, ±β, ±δ,
// clamp bounds, ties), against torch's values and gradients in float64. Random inputs never land
// there, which is how BCE-with-logits' gradient of 1 − y at a logit of 0 (σ(0) − y is right) went
// unnoticed. Reference: tools/fixtures/branch_points_reference.py → nn_branch_points.json.
import { describe, expect, it } from 'vitest';
import { gradcheck } from '@dl/tensor/testing';
import { amax, amin, maximum, minimum, tensor, zerosLike, type Tensor } from '@dl/tensor';
import * as F from '../src/functional/index.js';
import { readFixture } from './helpers/nn-fixtures.js';

interface BranchCase {
  name: string;
  input: number[];
  target?: number[];
  output: number[];
  grad: number[];
}

type Fn = (x: Tensor, y: Tensor) => Tensor;
const none = { reduction: 'none' } as const;
const functions: Record<string, Fn> = {
  relu: (x) => F.relu(x),
  leakyRelu: (x) => F.leakyRelu(x, 0.1),
  elu: (x) => F.elu(x, 0.5),
  gelu: (x) => F.gelu(x),
  silu: (x) => F.silu(x),
  sigmoid: (x) => F.sigmoid(x),
  tanh: (x) => F.tanh(x),
  softplus: (x) => F.softplus(x),
  abs: (x) => x.abs(),
  clamp: (x) => x.clamp(-1, 1),
  maximum: (x) => maximum(x, zerosLike(x)),
  minimum: (x) => minimum(x, zerosLike(x)),
  amax: (x) => amax(x).reshape([1]),
  amin: (x) => amin(x).reshape([1]),
  bceWithLogits: (x, y) => F.binaryCrossEntropyWithLogits(x, y, none),
  bceWithLogitsPosWeight: (x, y) => F.binaryCrossEntropyWithLogits(x, y, { ...none, posWeight: tensor(Float64Array.of(3), { shape: [] }) }),
  bceWithLogitsNear: (x, y) => F.binaryCrossEntropyWithLogits(x, y, none),
  bce: (x, y) => F.binaryCrossEntropy(x, y, none),
  l1: (x, y) => F.l1Loss(x, y, none),
  mse: (x, y) => F.mseLoss(x, y, none),
  smoothL1: (x, y) => F.smoothL1Loss(x, y, { ...none, beta: 0.5 }),
  smoothL1Beta0: (x, y) => F.smoothL1Loss(x, y, { ...none, beta: 0 }),
  huber: (x, y) => F.huberLoss(x, y, { ...none, delta: 0.5 }),
  klDiv: (x, y) => F.klDiv(x, y, none),
};

const float64 = (values: number[]) => tensor(Float64Array.from(values), { shape: [values.length] });

function expectValues(actual: ArrayLike<number>, expected: number[], label: string): void {
  expected.forEach((want, index) => {
    const got = actual[index]!;
    // relative 1e-8: torch clamps BCE's denominator at the float32 constant 1e-12 (9.99999996e-13)
    const tolerance = 1e-9 + 1e-8 * Math.abs(want);
    if (!(Math.abs(got - want) <= tolerance)) expect.fail(`${label}[${index}] is ${got}, torch gives ${want}`);
  });
}

describe('gradients at branch points match torch', () => {
  for (const testCase of readFixture<BranchCase[]>('nn_branch_points.json')) {
    it(testCase.name, () => {
      const fn = functions[testCase.name];
      expect(fn, `no function for fixture case ${testCase.name}`).toBeDefined();
      const input = float64(testCase.input);
      input.requiresGrad = true;
      const target = float64(testCase.target ?? []);
      const output = fn!(input, target);
      expectValues(output.dataSync(), testCase.output, `${testCase.name} value`);
      output.sum().backward();
      expectValues(input.grad!.dataSync(), testCase.grad, `${testCase.name} gradient`);
    });
  }
});

describe('gradcheck at the branch points of smooth losses', () => {
  // BCE-with-logits is smooth at 0: finite differences there must agree with the analytic gradient
  it('binaryCrossEntropyWithLogits at a logit of exactly 0', () => {
    const logits = float64([0, 0, 0, 0]);
    logits.requiresGrad = true;
    const targets = float64([0, 0.3, 0.5, 1]);
    expect(gradcheck((x) => F.binaryCrossEntropyWithLogits(x, targets), [logits])).toBe(true);
    const posWeight = tensor(Float64Array.of(2.5), { shape: [] });
    expect(gradcheck((x) => F.binaryCrossEntropyWithLogits(x, targets, { posWeight }), [logits])).toBe(true);
  });

  it('the module form (a zero-initialised head) starts with σ(0) − y', () => {
    const logits = float64([0, 0]);
    logits.requiresGrad = true;
    F.binaryCrossEntropyWithLogits(logits, float64([1, 0]), { reduction: 'sum' }).backward();
    expect([...logits.grad!.dataSync()]).toEqual([-0.5, 0.5]);
  });

  it('smooth activations at 0', () => {
    for (const fn of [F.gelu, F.silu, F.sigmoid, F.softplus, F.tanh] as ((x: Tensor) => Tensor)[]) {
      const x = float64([0, -0, 1e-300]);
      x.requiresGrad = true;
      expect(gradcheck(fn, [x])).toBe(true);
    }
  });
});
