import { describe, expect, it } from 'vitest';
import { memory } from '../core/memory.js';
import { runConformance } from './conformance.js';

// A backend's conformance suite runs in one process (or one browser page) before that backend's other
// tests, some of which count live tensors (a training loop's flat-memory check). Each case must
// therefore release what it made, forward values and gradients of both devices, instead of leaving
// handles for the garbage collector's safety net to settle at some later moment, inside another test.
describe('runConformance releases what each case made', () => {
  const cases: { name: string; body: () => Promise<void> }[] = [];
  runConformance({ device: 'cpu', test: (name, body) => cases.push({ name, body }) });

  it('leaves the CPU live-tensor count and bytes in use where they were, case after case', async () => {
    expect(cases.length).toBeGreaterThan(50);
    // the first run of each case creates the constants ops cache (cached scalars): not counted after
    for (const entry of cases) await entry.body();
    const leftOver: string[] = [];
    for (const entry of cases) {
      const before = { ...memory().cpu! };
      await entry.body();
      const after = memory().cpu!;
      if (after.liveTensors !== before.liveTensors || after.bytesInUse !== before.bytesInUse)
        leftOver.push(`${entry.name}: ${after.liveTensors - before.liveTensors} handles, ${after.bytesInUse - before.bytesInUse} bytes`);
    }
    expect(leftOver).toEqual([]);
  }, 120_000);
});
