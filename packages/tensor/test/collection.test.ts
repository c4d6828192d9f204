import { describe, expect, it } from 'vitest';
import { emptyCache, memory, tensor, type Tensor } from '@dl/tensor';
import { collectGarbage } from '../src/core/collect-garbage.js';

// The safety net (core/collection.ts) for handles nobody released: a full cohort of 64 waits behind
// sixteen newer ones before it is registered, so the ones a loop releases within a few steps never
// are, and a registered one holds only the ledgers of the members that still held. Handles that were
// dropped must still be settled once the collector takes them, and released ones exactly once.
describe('garbage-collection safety net', () => {
  it('handles dropped without a release are settled once collected; handles released after their cohort registered count once', async () => {
    const counters = () => memory().cpu!;
    const before = { ...counters() };
    const kept: Tensor[] = [];
    (() => {
      for (let index = 0; index < 100; index++) {
        const value = tensor([index, index]);
        // every tenth is kept with a view of it: two handles of one storage, one ledger
        if (index % 10 === 0) kept.push(value, value.view([2, 1]));
      }
    })();
    expect(counters().liveTensors).toBe(before.liveTensors + 110);
    expect(counters().bytesInUse).toBe(before.bytesInUse + 100 * 8);
    // seventeen more cohorts of released handles push the first ones out of the waiting line: the
    // cohorts holding the dropped and the kept handles are registered
    for (let index = 0; index < 64 * 18; index++) tensor([index]).dispose();
    expect(counters().liveTensors).toBe(before.liveTensors + 110);
    // released after registration: counted off at once, and never again by the finalizer
    for (const handle of kept) handle.dispose();
    expect(counters().liveTensors).toBe(before.liveTensors + 90);
    expect(counters().bytesInUse).toBe(before.bytesInUse + 90 * 8);
    for (let attempt = 0; attempt < 50 && counters().liveTensors !== before.liveTensors; attempt++) {
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(counters().liveTensors).toBe(before.liveTensors);
    expect(counters().bytesInUse).toBe(before.bytesInUse);
  });

  it('emptyCache() registers the waiting cohorts, so recently dropped handles leave the counts after it', async () => {
    const counters = () => memory().cpu!;
    const before = counters().liveTensors;
    (() => {
      for (let index = 0; index < 100; index++) tensor([index]);
    })();
    // a full cohort more of released handles: every dropped handle now sits in a waiting cohort
    for (let index = 0; index < 64; index++) tensor([index]).dispose();
    expect(counters().liveTensors).toBe(before + 100);
    emptyCache();
    for (let attempt = 0; attempt < 50 && counters().liveTensors !== before; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (attempt % 10 === 9) emptyCache();
    }
    expect(counters().liveTensors).toBe(before);
  });
});
