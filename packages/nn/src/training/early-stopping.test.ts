import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@dl/tensor';
import { EarlyStopping, type StatefulModel } from './early-stopping.js';

/** A one-parameter model whose weight we set by hand. */
function tinyModel(): StatefulModel & { weight: Tensor } {
  const weight = tensor([0]);
  return {
    weight,
    stateDict: () => ({ weight: weight.detach() }),
    loadStateDict: (saved) => weight.copy_(saved.weight!),
  };
}

describe('EarlyStopping', () => {
  it("stops after `patience` epochs without improvement ('min', minDelta)", () => {
    const stopper = new EarlyStopping({ patience: 2, minDelta: 0.05 });
    // 0.98 is not an improvement over 1.0 by more than 0.05
    expect([1.0, 0.98, 0.9, 0.88, 0.87].map((loss) => stopper.step(loss))).toEqual([false, false, false, false, true]);
    expect(stopper.best).toBe(0.9);
    expect(stopper.bestEpoch).toBe(2);
  });

  it("watches a rising metric in 'max' mode", () => {
    const stopper = new EarlyStopping({ patience: 1, mode: 'max' });
    expect(stopper.step(0.5)).toBe(false);
    expect(stopper.step(0.7)).toBe(false);
    expect(stopper.step(0.6)).toBe(true);
    expect(stopper.best).toBe(0.7);
  });

  it('restores the best weights when it stops (a copy, not the live tensor)', () => {
    const model = tinyModel();
    const stopper = new EarlyStopping({ patience: 2, restoreBestWeights: true });
    const history: [number, number][] = [
      [1, 0.5],
      [2, 0.3],
      [3, 0.4],
      [4, 0.45],
    ];
    let stopped = false;
    for (const [weight, loss] of history) {
      model.weight.fill_(weight);
      stopped = stopper.step(tensor(loss), model);
    }
    expect(stopped).toBe(true);
    expect(model.weight.toArraySync()).toEqual([2]);
  });

  it('reset() starts over', () => {
    const stopper = new EarlyStopping({ patience: 1 });
    stopper.step(1);
    stopper.step(2);
    expect(stopper.shouldStop).toBe(true);
    stopper.reset();
    expect(stopper.shouldStop).toBe(false);
    expect(stopper.best).toBe(Infinity);
  });
});
