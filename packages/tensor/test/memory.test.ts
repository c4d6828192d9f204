import { describe, expect, it } from 'vitest';
import { grad, keep, memory, ones, randn, releaseFinishedGraphs, scope, tensor, type Tensor } from '@dl/tensor';

describe('memory model', () => {
  it('the handles of a consumed graph stay readable through the next backward pass and are released by the one after', () => {
    releaseFinishedGraphs();
    const weight = randn([8, 8]).requiresGrad_();
    const input = randn([4, 8]);
    const step = () => {
      const output = input.matmul(weight).tanh();
      const loss = output.square().mean();
      loss.backward();
      weight.grad = null;
      return { output, loss };
    };
    step(); // warm-up: caches the constants the ops use
    releaseFinishedGraphs();
    const before = memory().cpu!.liveTensors;
    const first = step();
    const kept = keep(step().loss);
    // after one more backward pass both are still readable, as a GAN reads D's loss after G's step
    expect(Number.isFinite(first.loss.itemSync())).toBe(true);
    expect(first.output.shape).toEqual([4, 8]);
    step();
    // the first graph's handles went at the end of the second backward pass after it
    expect(first.loss.isDisposed).toBe(true);
    expect(first.output.isDisposed).toBe(true);
    expect(() => first.loss.itemSync()).toThrow(
      /itemSync: tensor \[\] made by \w+ was disposed: it was freed by the second backward\(\) after the one that consumed its graph\. .*keep\(t\)/,
    );
    expect(() => first.output.add(1)).toThrow(/add: tensor \[4, 8\] made by tanh was disposed/);
    expect(String(first.output)).toMatch(/<disposed: freed by the second backward/);
    // a kept handle is yours: no automatic release touches it
    for (let index = 0; index < 4; index++) step();
    expect(Number.isFinite(kept.itemSync())).toBe(true);
    kept.dispose();
    releaseFinishedGraphs();
    // nothing accumulates: the loop's handles were all released without dispose() or a collection
    expect(memory().cpu!.liveTensors).toBe(before);
  });

  it("grad(..., { createGraph: true })'s retained graph is released when a backward pass consumes the gradient (WGAN-GP)", () => {
    const weight = randn([4, 4]).requiresGrad_();
    const penaltyStep = () => {
      const input = randn([3, 4]).requiresGrad_();
      const score = input.matmul(weight).tanh().sum();
      const [gradient] = grad(score, [input], { createGraph: true });
      // as WGAN-GP: the penalty alone is backpropagated, the score itself is not part of the loss
      gradient!.square().sum().backward();
      weight.grad = null;
      // the handles this code made itself and drops (no graph owns them)
      input.dispose();
      gradient!.dispose();
    };
    penaltyStep();
    releaseFinishedGraphs();
    const before = memory().cpu!.liveTensors;
    for (let step = 0; step < 20; step++) penaltyStep();
    releaseFinishedGraphs();
    // nothing of the first-order graphs the penalties retained is left
    expect(memory().cpu!.liveTensors).toBe(before);
  });

  it('repeated grad(..., { retainGraph: true }) calls leave the graph and its outputs readable (gradcheck, Hessians)', async () => {
    const w = randn([4], { requiresGrad: true });
    const output = w.mul(w);
    output.sum().backward(); // output's graph is consumed: it stays readable through the next backward()
    const x = randn([3, 2], { requiresGrad: true });
    const hidden = x.mul(x);
    const y = hidden.sum();
    for (let call = 0; call < 4; call++) grad([y], [x], { retainGraph: true });
    expect(await output.data()).toHaveLength(4);
    // read after the passes, asynchronously, as the WebGPU conformance suite does
    expect(await hidden.data()).toHaveLength(6);
    expect(y.itemSync()).toBeCloseTo(
      Array.from(await hidden.data()).reduce((sum, value) => sum + value, 0),
      5,
    );
  });

  it('grad() through a node an earlier backward released throws instead of returning zeros', () => {
    const x = randn([3]).requiresGrad_();
    const y = x.exp();
    y.sum().backward();
    expect(() => grad(y.mul(2).sum(), [x])).toThrow(/backward through the graph a second time \(ExpBackward\)/);
  });

  it('grad() through a consumed graph that does not lead to the captured tensor runs, as in PyTorch', () => {
    // A consumed node keeps its edges (and nothing else) so that grad() can still prune it: here the
    // product needs y's value, not ExpBackward, so nothing released is run. (torch.autograd.grad gives
    // w's gradient y; it would fail only if the pass had to go through exp to reach a captured tensor.)
    const x = randn([3]).requiresGrad_();
    const w = randn([3]).requiresGrad_();
    const y = x.exp();
    y.sum().backward();
    const [gradient] = grad(y.mul(w).sum(), [w]);
    expect(gradient!.toArraySync()).toEqual(y.toArraySync());
    expect(x.gradFn).toBeNull();
    expect(y.gradFn!.edges).toEqual([x]);
  });

  it('a gradient handed out through .grad survives zeroing; one that was not is released at once', () => {
    const weight = randn([3]).requiresGrad_();
    weight.mul(2).sum().backward();
    const held = weight.grad!; // handed out: the user may keep it
    weight.grad = null;
    expect(held.toArraySync()).toEqual([2, 2, 2]);
    weight.mul(3).sum().backward();
    const borrowed = weight.borrowGrad()!; // what optimizers read: not handed out
    const before = memory().cpu!.liveTensors;
    weight.grad = null;
    expect(borrowed.isDisposed).toBe(true);
    expect(memory().cpu!.liveTensors).toBe(before - 1);
    expect(() => borrowed.dataSync()).toThrow(/dataSync: tensor \[3\] .*was freed by zeroGrad\(\) or a new gradient replacing it/);
    // accumulation over two backward passes (gradient accumulation) releases the partial sum
    weight.mul(1).sum().backward();
    const partial = weight.borrowGrad()!;
    weight.mul(1).sum().backward();
    expect(partial.isDisposed).toBe(true);
    expect(weight.grad!.toArraySync()).toEqual([2, 2, 2]);
  });

  it('backward frees the graph at once: saved tensors go back without waiting for garbage collection', () => {
    releaseFinishedGraphs();
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
    expect(() => result.add(1)).toThrow(/add: tensor \[3\] made by exp was disposed \(dispose\(\) was called on it\)/);
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

  it('nested scopes: a returned tensor moves to the enclosing scope; kept tensors and gradients leave every scope', () => {
    const weight = randn([4]).requiresGrad_();
    releaseFinishedGraphs(); // earlier tests' graphs: their handles would be released by these backward passes
    const before = memory().cpu!.liveTensors;
    let inner: Tensor | undefined;
    let cached: Tensor | undefined;
    // a scope around a whole loop, as docs/training.md shows for loops of many tiny ops
    const total = scope(() => {
      let sum = tensor(0);
      for (let step = 0; step < 3; step++) {
        inner = scope(() => weight.mul(2).exp()); // returned: listed in the outer scope now
        if (step === 0) cached = keep(inner.add(1)); // made in the outer scope, kept: leaves it
        inner.sum().backward(); // the accumulated gradient escapes both scopes
        sum = sum.add(inner.sum().detach());
      }
      return sum;
    });
    // 3 · Σ exp(2w) and d/dw Σ exp(2w) = 2 exp(2w), accumulated over three steps
    const expected = weight.toArraySync() as number[];
    expect(total.itemSync()).toBeCloseTo(3 * expected.reduce((sum, w) => sum + Math.exp(2 * w), 0), 4);
    const gradient = weight.grad!.toArraySync() as number[];
    gradient.forEach((value, index) => expect(value).toBeCloseTo(6 * Math.exp(2 * expected[index]!), 4));
    expect(cached!.isDisposed).toBe(false);
    expect(inner!.isDisposed).toBe(true);
    expect(() => inner!.sum()).toThrow(/sum: tensor \[4\] made by exp was disposed: it was freed by the end of a scope\(\)/);
    // what stays: the result, the kept tensor, the gradient (handles of the consumed graphs are
    // released by the scope's end, which came after their backward passes)
    expect(memory().cpu!.liveTensors - before).toBe(3);
    total.dispose();
    cached!.dispose();
  });
});

describe('buffer pool', () => {
  it('freed CPU buffers are pooled for reuse, reported by memory(), and emptyCache() returns them', async () => {
    const { emptyCache } = await import('@dl/tensor');
    emptyCache();
    expect(memory().cpu!.bytesPooled).toBe(0);
    // 1,024 float32 elements: 4 KiB, the size of a pooled typed array and of a size class of the
    // WebAssembly memory's regions alike
    const x = randn([1024]); // randn frees its intermediate draws itself
    x.dispose();
    expect(memory().cpu!.bytesPooled).toBeGreaterThanOrEqual(4096);
    emptyCache();
    const z = randn([1024]);
    z.dispose();
    expect(memory().cpu!.bytesPooled).toBeGreaterThanOrEqual(4096);
    const pooledBefore = memory().cpu!.bytesPooled;
    const y = ones([1024]); // one allocation of the same size: reuses a pooled region
    expect(memory().cpu!.bytesPooled).toBe(pooledBefore - 4096);
    y.dispose();
    emptyCache();
    expect(memory().cpu!.bytesPooled).toBe(0);
  });
});

describe('scalar constants', () => {
  it('emptyCache() drops the constants ops share (bytesCached) and the next op makes its own', async () => {
    const { emptyCache } = await import('@dl/tensor');
    emptyCache();
    // constants a tensor of the tests before still holds (a saved alias) stay, through that holder
    const held = memory().cpu!.bytesCached;
    const x = tensor([1, 2, 3]);
    const scaled = x.mul(0.25); // 0.25 becomes a shared float32 constant: 4 bytes
    expect(memory().cpu!.bytesCached).toBe(held + 4);
    emptyCache();
    expect(memory().cpu!.bytesCached).toBe(held);
    expect(Array.from(scaled.dataSync())).toEqual([0.25, 0.5, 0.75]);
    expect(Array.from(x.mul(0.25).dataSync())).toEqual([0.25, 0.5, 0.75]);
    expect(memory().cpu!.bytesCached).toBe(held + 4);
  });
});
