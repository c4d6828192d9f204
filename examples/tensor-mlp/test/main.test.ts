import { describe, expect, it } from 'vitest';
// train.mjs is what main.mjs runs; importing it keeps this test off the build (vitest aliases
// @dl/tensor to its sources), while `pnpm demo` runs the same code against the built package.
import { train } from '../train.mjs';

describe('tensor-mlp example', () => {
  it('lowers the loss by a clear margin and beats chance in 60 steps', async () => {
    const { losses, accuracy } = await train({ steps: 60, pointsPerClass: 50, logEvery: 20 });
    const first = losses[0]!;
    const last = losses[losses.length - 1]!;
    expect(first.step).toBe(0);
    expect(last.step).toBe(60);
    expect(losses.every(({ loss }) => Number.isFinite(loss))).toBe(true);
    // two balanced classes: chance is ln 2 = 0.69 for the loss and 50% for the accuracy
    expect(last.loss).toBeLessThan(first.loss * 0.7);
    expect(accuracy).toBeGreaterThan(0.75);
  });

  it('is reproducible for a given seed', async () => {
    const once = await train({ steps: 5, pointsPerClass: 20, logEvery: 5 });
    const twice = await train({ steps: 5, pointsPerClass: 20, logEvery: 5 });
    expect(twice.losses).toEqual(once.losses);
    expect(twice.accuracy).toBe(once.accuracy);
  });
});
