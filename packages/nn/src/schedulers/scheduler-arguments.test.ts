import { describe, expect, it } from 'vitest';
import { zeros } from '@dl/tensor';
import { Adam, SGD } from '../optim/index.js';
import { CosineAnnealingWarmRestarts, CyclicLR, LambdaLR, ConstantLR } from './index.js';

// What the reference cases (pytorch-reference.test.ts) do not cover: fractional epochs, argument errors.

describe('the new schedulers', () => {
  const optimizer = () => new SGD([zeros([2], { requiresGrad: true })], { lr: 0.1 });

  it('CosineAnnealingWarmRestarts follows fractional epochs by the closed form of its periods', () => {
    const scheduler = new CosineAnnealingWarmRestarts(optimizer(), { t0: 2, tMult: 2 });
    // epoch 4.5 lies in the second period (epochs 2…6, length 4), 2.5 epochs in
    scheduler.step(4.5);
    expect(scheduler.tI).toBe(4);
    expect(scheduler.tCur).toBeCloseTo(2.5, 12);
    expect(scheduler.getLastLr()[0]).toBeCloseTo(0.05 * (1 + Math.cos((Math.PI * 2.5) / 4)), 12);
  });

  it('names bad arguments', () => {
    expect(() => new LambdaLR(optimizer(), { lrLambda: [(epoch) => epoch, (epoch) => epoch] })).toThrow(
      'LambdaLR: expected 1 lrLambda functions (one per parameter group), got 2',
    );
    expect(() => new LambdaLR(optimizer(), { lrLambda: 0.5 as never })).toThrow(
      'LambdaLR: lrLambda must be a function of the epoch or an array of them, got 0.5',
    );
    expect(() => new ConstantLR(optimizer(), { factor: 2 })).toThrow('ConstantLR: factor must be between 0 and 1, got 2');
    expect(() => new CyclicLR(new Adam([zeros([2], { requiresGrad: true })]), { baseLr: 0.01, maxLr: 0.1 })).toThrow(
      'CyclicLR: the optimizer must have a momentum with cycleMomentum',
    );
    expect(() => new CyclicLR(optimizer(), { baseLr: [0.01, 0.02], maxLr: 0.1, cycleMomentum: false })).toThrow(
      'CyclicLR: expected 1 values for baseLr (one per parameter group), got 2',
    );
    expect(() => new CosineAnnealingWarmRestarts(optimizer(), { T_0: 5 } as never)).toThrow(
      'CosineAnnealingWarmRestarts: unknown option `T_0`',
    );
  });
});
