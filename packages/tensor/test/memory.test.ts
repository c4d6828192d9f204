import { describe, expect, it } from 'vitest';
import { manualSeed, memory, noGrad, ones, randn, scope, tensor, type Tensor } from '@dl/tensor';

/** Collects garbage and lets FinalizationRegistry callbacks run (vitest starts workers with --expose-gc). */
async function settle(): Promise<void> {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('memory tests need node --expose-gc (see vitest.config.ts)');
  for (let round = 0; round < 3; round++) {
    collect();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe('memory model', () => {
  it('a 10,000-step training loop written without dispose keeps live tensors and bytes flat', async () => {
    manualSeed(0);
    const inputs = randn([32, 4]);
    const targets = inputs.sum(1, true).tanh();
    const w1 = randn([4, 16]).mul(0.5).requiresGrad_();
    const b1 = randn([16]).mul(0.1).requiresGrad_();
    const w2 = randn([16, 1]).mul(0.5).requiresGrad_();
    const parameters = [w1, b1, w2];
    const snapshots: { step: number; live: number; bytes: number }[] = [];
    let firstLoss = 0;
    let lastLoss = 0;
    for (let step = 1; step <= 10_000; step++) {
      const hidden = inputs.matmul(w1).add(b1).relu();
      const loss = hidden.matmul(w2).sub(targets).square().mean();
      for (const p of parameters) p.grad = null;
      loss.backward();
      noGrad(() => {
        for (const p of parameters) p.sub_(p.grad!.mul(0.05));
      });
      if (step === 1) firstLoss = loss.itemSync();
      lastLoss = loss.itemSync();
      if (step === 1_000 || step === 5_000 || step === 10_000) {
        await settle();
        const { liveTensors, bytesInUse } = memory().cpu!;
        snapshots.push({ step, live: liveTensors, bytes: bytesInUse });
      }
    }
    expect(lastLoss).toBeLessThan(firstLoss / 4); // it really trained
    const [early, , late] = snapshots;
    // flat: the same handful of live tensors after 1,000 and 10,000 steps, not 9,000 steps' worth more
    expect(late!.live - early!.live).toBeLessThanOrEqual(5);
    expect(late!.bytes - early!.bytes).toBeLessThanOrEqual(4096);
  });

  it('backward frees the graph at once: saved tensors go back without waiting for garbage collection', () => {
    const x = randn([64, 64]).requiresGrad_();
    const planeBytes = 64 * 64 * 4;
    scope(() => x.exp().tanh().sum().backward()); // warm-up: caches the constants the ops use
    x.grad = null;
    // intermediates' handles die with the scope; the graph's own references (exp and tanh save their
    // outputs) keep two planes alive until backward
    const y = scope(() => x.exp().tanh().sum());
    const beforeBackward = memory().cpu!.bytesInUse;
    scope(() => y.backward());
    const afterBackward = memory().cpu!.bytesInUse;
    // −2 planes (saved outputs) + 1 plane (x.grad, kept out of the scope)
    expect(afterBackward - beforeBackward).toBe(-planeBytes);
    expect(x.grad!.shape).toEqual([64, 64]);
    expect(() => y.backward()).toThrow(/backward through the graph a second time/);
  });

  it('scope disposes intermediates and keeps what it returns; dispose() and `using` free at once', () => {
    const x = tensor([1, 2, 3]);
    const before = memory().cpu!;
    const result = scope(() => x.mul(2).add(1).exp());
    const afterScope = memory().cpu!;
    expect(afterScope.liveTensors - before.liveTensors).toBe(1);
    expect(result.toArraySync()).toEqual([3, 5, 7].map(Math.exp).map(Math.fround));
    result.dispose();
    expect(memory().cpu!.liveTensors).toBe(before.liveTensors);
    {
      using temporary = x.add(1);
      expect(temporary.isDisposed).toBe(false);
    }
    expect(memory().cpu!.liveTensors).toBe(before.liveTensors);
    expect(() => result.add(1)).toThrow(/add: tensor \[3\] was disposed/);
  });

  it('scope works across await and keeps tensors nested in returned objects', async () => {
    const before = memory().cpu!.liveTensors;
    const kept = await scope(async () => {
      const a = tensor([1, 2]).mul(3);
      await new Promise((resolve) => setTimeout(resolve, 1));
      const b = a.add(1);
      return { pair: [a, b] as Tensor[] };
    });
    expect(memory().cpu!.liveTensors - before).toBe(2);
    expect(kept.pair[1]!.toArraySync()).toEqual([4, 7]);
  });
});

describe('buffer pool', () => {
  it('freed CPU buffers are pooled for reuse, reported by memory(), and emptyCache() returns them', async () => {
    const { emptyCache } = await import('@dl/tensor');
    emptyCache();
    expect(memory().cpu!.bytesPooled).toBe(0);
    const x = randn([1000]); // randn frees its intermediate draws itself
    x.dispose();
    expect(memory().cpu!.bytesPooled).toBeGreaterThanOrEqual(4000);
    emptyCache();
    const z = randn([1000]);
    z.dispose();
    expect(memory().cpu!.bytesPooled).toBeGreaterThanOrEqual(4000);
    const pooledBefore = memory().cpu!.bytesPooled;
    const y = ones([1000]); // one allocation of the same size: reuses a pooled array
    expect(memory().cpu!.bytesPooled).toBe(pooledBefore - 4000);
    y.dispose();
    emptyCache();
    expect(memory().cpu!.bytesPooled).toBe(0);
  });
});
