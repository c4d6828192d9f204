import { describe, expect, it } from 'vitest';
import { memory, ones, tensor, type Tensor } from '@dl/tensor';
import {
  caseName,
  expectClose,
  fromFixture,
  makeOptimizer,
  optimizerFixture,
  referenceLoss,
  type FixtureTensor,
} from '../../test/helpers/optimizer-reference.js';
import { Adam } from './adam.js';
import type { OptimizerStateDict } from './optimizer.js';
import { SGD } from './sgd.js';

/** PyTorch's state dict from the fixture, with its tensors as our tensors. */
function torchStateDict(saved: (typeof optimizerFixture.cases)[number]['stateDictAfter5']): OptimizerStateDict {
  const state: OptimizerStateDict['state'] = {};
  for (const [index, entry] of Object.entries(saved.state))
    state[index] = Object.fromEntries(
      Object.entries(entry).map(([key, value]) => [
        key,
        value === null || typeof value === 'number' ? value : fromFixture(value as FixtureTensor, 'float64'),
      ]),
    );
  return { state, param_groups: saved.param_groups as OptimizerStateDict['param_groups'] };
}

describe('Optimizer', () => {
  for (const testCase of optimizerFixture.cases) {
    it(`resumes from PyTorch's state dict after 5 steps and matches its steps 6-10: ${caseName(testCase)}`, () => {
      const expected = testCase.float64.trajectory;
      const weight = tensor(expected[4]!.weight, { shape: optimizerFixture.weight.shape, dtype: 'float64', requiresGrad: true });
      const bias = tensor(expected[4]!.bias, { dtype: 'float64', requiresGrad: true });
      // constructed with other options: loadStateDict must bring back PyTorch's
      const optimizer = makeOptimizer({ ...testCase, options: { ...testCase.options, lr: 123 } }, weight, bias);
      optimizer.loadStateDict(torchStateDict(testCase.stateDictAfter5));
      for (let step = 5; step < 10; step++) {
        optimizer.zeroGrad();
        referenceLoss(weight, bias, 'float64').backward();
        optimizer.step();
      }
      expectClose(weight.dataSync(), expected[9]!.weight, 1e-10, 1e-13, 'weight');
      expectClose(bias.dataSync(), expected[9]!.bias, 1e-10, 1e-13, 'bias');
    });
  }

  it('round-trips its own state dict, and the copy does not alias the saved buffers', () => {
    const run = (resume: boolean) => {
      const weight = tensor(
        [
          [0.5, -0.3, 0.2],
          [0.1, 0.4, -0.6],
        ],
        { requiresGrad: true },
      );
      const bias = tensor([0.1, -0.1], { requiresGrad: true });
      let optimizer = new Adam([weight, bias], { lr: 0.05, amsgrad: true });
      for (let step = 0; step < 8; step++) {
        if (resume && step === 4) {
          const saved = optimizer.stateDict();
          const fresh = new Adam([weight, bias]);
          fresh.loadStateDict(saved);
          (saved.state[0]!.exp_avg as Tensor).zero_(); // must not reach the fresh optimizer
          optimizer = fresh;
        }
        optimizer.zeroGrad();
        referenceLoss(weight, bias, 'float32').backward();
        optimizer.step();
      }
      return [...weight.dataSync(), ...bias.dataSync()];
    };
    expect(run(true)).toEqual(run(false));
  });

  it('loads its own state dict into itself', () => {
    const weight = tensor([1, 2], { requiresGrad: true });
    const optimizer = new Adam([weight]);
    weight.grad = tensor([0.5, 0.5]);
    optimizer.step();
    optimizer.loadStateDict(optimizer.stateDict());
    expect([...(optimizer.state.get(weight)!.expAvg as Tensor).dataSync()]).toEqual([...tensor([0.05, 0.05]).dataSync()]);
  });

  it('zeroGrad drops gradients by default, or zero-fills them', () => {
    const weight = tensor([1, 2], { requiresGrad: true });
    const optimizer = new SGD([weight], { lr: 0.1 });
    weight.grad = tensor([3, 4]);
    optimizer.zeroGrad({ setToNone: false });
    expect(weight.grad!.toArraySync()).toEqual([0, 0]);
    optimizer.zeroGrad();
    expect(weight.grad).toBeNull();
  });

  it('skips parameters without a gradient and returns the closure loss', () => {
    const used = tensor([1, 2], { requiresGrad: true });
    const unused = tensor([5], { requiresGrad: true });
    const optimizer = new SGD([used, unused], { lr: 0.5 });
    const loss = optimizer.step(() => {
      optimizer.zeroGrad();
      const value = used.square().sum();
      value.backward();
      return value;
    });
    expect(loss!.itemSync()).toBe(5);
    expect(used.toArraySync()).toEqual([0, 0]); // θ − 0.5·2θ
    expect(unused.toArraySync()).toEqual([5]);
    expect(optimizer.state.has(unused)).toBe(false);
  });

  it('fills group options from the defaults and rejects a parameter in two groups', () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([1], { requiresGrad: true });
    const optimizer = new SGD([{ params: [a] }, { params: [b], lr: 0.5 }], { lr: 0.1, momentum: 0.9 });
    expect(optimizer.paramGroups.map((group) => [group.lr, group.momentum])).toEqual([
      [0.1, 0.9],
      [0.5, 0.9],
    ]);
    expect(() => optimizer.addParamGroup({ params: [a] })).toThrow(/more than one parameter group/);
    expect(optimizer.stateDict().param_groups[1]).toMatchObject({ lr: 0.5, weight_decay: 0, params: [1] });
  });

  for (const testCase of optimizerFixture.cases.filter((entry) => entry.groups === null))
    it(`keeps live tensor counts flat over 50 steps: ${caseName(testCase)}`, () => {
      const weight = ones([16, 8], { requiresGrad: true });
      const bias = ones([8], { requiresGrad: true });
      const optimizer = makeOptimizer(testCase, weight, bias);
      weight.grad = ones([16, 8]).mul(0.1);
      bias.grad = ones([8]).mul(0.1);
      const oneStep = () => optimizer.step();
      oneStep(); // creates the state
      oneStep();
      const before = memory().cpu!.liveTensors;
      for (let step = 0; step < 50; step++) oneStep();
      expect(memory().cpu!.liveTensors).toBe(before);
    });
});
