import { describe, expect, it } from 'vitest';
import { memory } from '@dl/tensor';
// @ts-expect-error: plain ES modules with JSDoc types
import { train } from '../train.mjs';
// @ts-expect-error: plain ES modules with JSDoc types
import { lossCurvePng } from '../plot.mjs';

describe('examples/mnist-cnn', () => {
  it('trains a few steps on real digits: the loss decreases', async () => {
    const result = await train({ epochs: 1, maxStepsPerEpoch: 4, testLimit: 100 });
    const losses: number[] = result.losses;
    expect(losses).toHaveLength(4);
    const head = (losses[0]! + losses[1]!) / 2;
    const tail = (losses[2]! + losses[3]!) / 2;
    expect(tail).toBeLessThan(head);
    expect(result.accuracy).toBeGreaterThan(0.1); // above chance after 4 steps
    expect(memory().cpu!.liveTensors).toBeGreaterThan(0);
  });

  it('draws the loss curve as a PNG', async () => {
    const bytes: Uint8Array = await lossCurvePng([2.3, 1.5, 0.9, 0.5, 0.4], { width: 64, height: 32 });
    expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  });
});
