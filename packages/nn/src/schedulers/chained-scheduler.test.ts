import { describe, expect, it } from 'vitest';
import { zeros } from '@dl/tensor';
import { SGD } from '../optim/index.js';
import { ChainedScheduler, ConstantLR, ExponentialLR, ReduceLROnPlateau } from './index.js';

// What the reference cases (pytorch-reference.test.ts, against torch 1.13) do not cover: the
// options-object form, torch's docstring example and the argument errors.

describe('ChainedScheduler', () => {
  const optimizer = () => new SGD([zeros([2], { requiresGrad: true })], { lr: 1 });

  it('composes the rules of its schedulers, from a list or an options object', () => {
    for (const make of [
      (schedulers: [ConstantLR, ExponentialLR]) => new ChainedScheduler(schedulers),
      (schedulers: [ConstantLR, ExponentialLR]) => new ChainedScheduler({ schedulers }),
    ]) {
      const sgd = optimizer();
      const scheduler = make([new ConstantLR(sgd, { factor: 0.1, totalIters: 2 }), new ExponentialLR(sgd, { gamma: 0.9 })]);
      const rates = [scheduler.getLastLr()[0]];
      for (let epoch = 0; epoch < 4; epoch++) {
        scheduler.step();
        rates.push(scheduler.getLastLr()[0]);
      }
      // lr_e = 0.9ᵉ · (0.1 while e < 2, then 1), what torch 1.13 gives (its docstring's list, 0.09,
      // 0.081, 0.729, ..., is off by one epoch)
      rates.forEach((rate, epoch) => expect(rate).toBeCloseTo(0.9 ** epoch * (epoch < 2 ? 0.1 : 1), 14));
    }
  });

  it('names bad arguments', () => {
    const first = optimizer();
    const other = optimizer();
    expect(() => new ChainedScheduler([new ExponentialLR(first, 0.9), new ExponentialLR(other, 0.9)])).toThrow(
      'ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and 1 to be different',
    );
    expect(() => new ChainedScheduler([])).toThrow('ChainedScheduler: expected a non-empty list of schedulers, got an array []');
    expect(() => new ChainedScheduler([new ReduceLROnPlateau(first)] as never)).toThrow(
      'ChainedScheduler: the scheduler at index 0 is a ReduceLROnPlateau, which steps on a metric',
    );
    expect(() => new ChainedScheduler({ scheduler: [] } as never)).toThrow('ChainedScheduler: unknown option `scheduler`');
    const chained = new ChainedScheduler([new ExponentialLR(first, 0.9)]);
    expect(() => chained.loadStateDict({ _last_lr: [1], _schedulers: [{}, {}] })).toThrow(
      'ChainedScheduler.loadStateDict: the state dict has 2 schedulers; this ChainedScheduler has 1',
    );
  });
});
