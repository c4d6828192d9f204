import type { Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, type FixtureTensor, fromFixture, readFixture } from '../../test/helpers/nn-fixtures.js';
import { BatchNorm1d } from '../layers/batch-norm1d.js';
import { InstanceNorm1d } from '../layers/instance-norm.js';
import { Linear } from '../layers/linear.js';
import { Module } from '../module/module.js';
import { updateBn } from './update-bn.js';

// updateBn against PyTorch 1.13's torch.optim.swa_utils.update_bn (tools/fixtures/nn_swa_reference.py):
// BatchNorm1d(momentum 0.3) → Linear → BatchNorm1d(affine false), float64, with stale statistics
// (mean 5, var 9, 17 batches) that the pass over 3 batches of sizes 4, 6, 5 must replace.

type StateJson = Record<string, FixtureTensor>;
interface UpdateBnFixture {
  initial: StateJson;
  batches: FixtureTensor[];
  targets: FixtureTensor[];
  afterListBatches: StateJson;
  trainingAfter: boolean;
  momentaAfter: number[];
  afterTensorBatches: StateJson;
  plainTrainingAfter: boolean;
}

const fixture = readFixture<{ updateBn: UpdateBnFixture }>('nn_swa.json').updateBn;

class TwoNorms extends Module {
  first = new BatchNorm1d(3, { momentum: 0.3, dtype: 'float64' });
  linear = new Linear(3, 2, { dtype: 'float64' });
  second = new BatchNorm1d(2, { affine: false, dtype: 'float64' });
  forward(x: Tensor): Tensor {
    return this.second.call(this.linear.call(this.first.call(x)));
  }
}

const isInteger = (name: string) => name.endsWith('num_batches_tracked');
const loadState = (state: StateJson): Record<string, Tensor> =>
  Object.fromEntries(Object.entries(state).map(([name, value]) => [name, fromFixture(value, isInteger(name) ? 'int32' : 'float64')]));

function makeModel(state: StateJson): TwoNorms {
  const model = new TwoNorms();
  model.loadStateDict(loadState(state));
  return model;
}

function expectState(actual: Record<string, Tensor>, expected: StateJson, label: string): void {
  expect(Object.keys(actual), `${label}: keys`).toEqual(Object.keys(expected));
  for (const [name, value] of Object.entries(expected)) {
    if (isInteger(name)) expect([...actual[name]!.dataSync()], `${label}: ${name}`).toEqual(value.data);
    else expectClose(actual[name], value, `${label}: ${name}`, 1e-12, 1e-14);
  }
}

const batches = () => fixture.batches.map((batch) => fromFixture(batch, 'float64'));

async function* asyncBatches(): AsyncGenerator<Tensor> {
  for (const batch of batches()) yield batch;
}

describe('updateBn', () => {
  it("gives torch's running statistics over [input, target] batches and restores eval mode and momenta", async () => {
    const model = makeModel(fixture.initial);
    model.eval();
    const targets = fixture.targets.map((target) => fromFixture(target, 'float64'));
    await updateBn(
      batches().map((input, index) => [input, targets[index]!]),
      model,
    );
    expectState(model.stateDict(), fixture.afterListBatches, 'after update_bn');
    expect(model.training).toBe(fixture.trainingAfter);
    expect(model.second.training).toBe(false);
    expect([model.first.momentum, model.second.momentum]).toEqual(fixture.momentaAfter);
  });

  it("gives torch's statistics over an async iterable of tensors, training mode kept", async () => {
    const model = makeModel(fixture.afterListBatches);
    await updateBn(asyncBatches(), model, { device: 'cpu' });
    expectState(model.stateDict(), fixture.afterTensorBatches, 'after update_bn');
    expect(model.training).toBe(fixture.plainTrainingAfter);
  });

  it('replaces the statistics with new tensors: a state dict taken before keeps its values', async () => {
    const model = makeModel(fixture.initial);
    const before = model.stateDict();
    await updateBn(batches(), model, 'cpu');
    expectClose(before['first.running_mean'], fixture.initial['first.running_mean']!, 'earlier running_mean', 0, 0);
  });

  it('restores momenta and the mode when the loader throws', async () => {
    const model = makeModel(fixture.initial);
    model.eval();
    async function* failing(): AsyncGenerator<Tensor> {
      yield batches()[0]!;
      throw new Error('disk gone');
    }
    await expect(updateBn(failing(), model)).rejects.toThrow('disk gone');
    expect(model.training).toBe(false);
    expect([model.first.momentum, model.second.momentum]).toEqual([0.3, 0.1]);
  });

  it('leaves a model without batch norm alone, without reading the loader (instance norm is not batch norm)', async () => {
    class Plain extends Module {
      norm = new InstanceNorm1d(3, { trackRunningStats: true });
      forward(x: Tensor): Tensor {
        return this.norm.call(x);
      }
    }
    const untouchable = (): Iterable<Tensor> => ({
      [Symbol.iterator]: () => {
        throw new Error('the loader was read');
      },
    });
    const model = new Plain().eval();
    await updateBn(untouchable(), model);
    expect(model.training).toBe(false);
    expect(model.norm.momentum).toBe(0.1);
  });

  it('throws clear errors for a bad loader, a non-tensor batch with a device and unknown options', async () => {
    const model = makeModel(fixture.initial);
    await expect(updateBn(42 as never, model)).rejects.toThrow(/updateBn: loader must be an iterable or async iterable of batches, got 42/);
    await expect(updateBn([['not a tensor']], model, { device: 'cpu' })).rejects.toThrow(
      /updateBn: with a device, each batch must be a tensor or an array whose first element is one, got/,
    );
    await expect(updateBn(batches(), model, { devise: 'cpu' } as never)).rejects.toThrow(/updateBn.*devise/);
  });
});
