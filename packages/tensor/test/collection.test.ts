import { describe, expect, it } from 'vitest';
import { memory, tensor } from '@dl/tensor';
import { collectGarbage } from '../src/core/collect-garbage.js';

// The safety net (core/collection.ts) for handles nobody released: a full cohort of 64 waits behind
// sixteen newer ones before it is registered, so the ones a loop releases within a few steps never
// are. Handles that were dropped must still be settled once the collector takes them.
describe('garbage-collection safety net', () => {
  it('handles dropped without a release are settled once collected, after their cohort left the waiting line', async () => {
    const before = memory().cpu!.liveTensors;
    (() => {
      for (let index = 0; index < 100; index++) tensor([index]);
    })();
    expect(memory().cpu!.liveTensors).toBe(before + 100);
    // seventeen more cohorts of released handles push the dropped ones' cohorts out of the line
    for (let index = 0; index < 64 * 18; index++) tensor([index]).dispose();
    expect(memory().cpu!.liveTensors).toBe(before + 100);
    for (let attempt = 0; attempt < 50 && memory().cpu!.liveTensors !== before; attempt++) {
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(memory().cpu!.liveTensors).toBe(before);
  });
});
