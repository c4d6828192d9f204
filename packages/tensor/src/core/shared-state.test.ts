// A second module instance of @dl/tensor in the same process (what a second installed copy is) must
// share the per-process state with the first: backends, grad mode, scopes, the generator, the
// finished-graph clock and the memory counters.
import { describe, expect, it, vi } from 'vitest';
import * as first from '../index.js';

vi.resetModules();
const second = (await import('../index.js')) as typeof first;

describe('two copies of @dl/tensor in one process', () => {
  it('are really two module instances', () => {
    expect(second.Tensor).not.toBe(first.Tensor);
  });

  it('share the backend registry, and the first copy keeps its CPU backend', () => {
    const fake = { ...first.getBackend('cpu'), device: 'shared-state-test' } as first.Backend;
    second.registerBackend(fake);
    expect(first.getBackend('shared-state-test')).toBe(fake);
    expect(second.getBackend('cpu')).toBe(first.getBackend('cpu'));
  });

  it('share grad mode: noGrad through one copy stops the other recording', () => {
    const weight = first.tensor([1, 2], { requiresGrad: true });
    const product = second.noGrad(() => weight.mul(2));
    expect(product.requiresGrad).toBe(false);
  });

  it('share scopes: a scope opened by one copy frees what the other creates in it', () => {
    const made = second.scope(() => {
      const inner = first.tensor([1, 2, 3]);
      return { inner, kept: first.tensor([4]) };
    });
    expect(made.inner.isDisposed).toBe(false);
    let freed: first.Tensor | undefined;
    second.scope(() => {
      freed = first.tensor([5]);
    });
    expect(() => freed!.dataSync()).toThrow(/disposed/);
  });

  it('share the global generator: manualSeed through one copy seeds the other', () => {
    second.manualSeed(7);
    const a = first.rand([4]).dataSync();
    first.manualSeed(7);
    const b = second.rand([4]).dataSync();
    expect([...a]).toEqual([...b]);
  });

  it('share the finished-graph clock and the memory counters', () => {
    const before = second.finishedGraphCount();
    first.tensor([1, 2], { requiresGrad: true }).square().sum().backward();
    expect(second.finishedGraphCount()).toBe(before + 1);
    const live = second.memory().cpu!.liveTensors;
    const extra = first.tensor([1]);
    expect(second.memory().cpu!.liveTensors).toBe(live + 1);
    extra.dispose();
  });
});
