import { describe, expect, it } from 'vitest';
import { conv2d, manualSeed, noGrad, randint, randn, relu, scope, tensor, where, type Tensor } from '@dl/tensor';
import { Adam, Linear, ReLU, Sequential } from '@dl/nn';
import { statistics, webgpuBackend } from '../src/index.js';
import type { DispatchRequest } from '../src/runtime/gpu-runtime.js';
import { bitsOf } from './bits.js';
import { setupWebGPU } from './webgpu-setup.js';
import { withoutFusion } from './without-fusion.js';

const info = await setupWebGPU();

/** Dispatches encoded by `run` (statistics() encodes a pending group, so it is counted). */
function dispatchesOf(run: () => unknown): number {
  const before = statistics()!.dispatches;
  run();
  return statistics()!.dispatches - before;
}

/** The requests `run` dispatched (the pending group is encoded before the spy is removed). */
function requestsOf(run: () => unknown): DispatchRequest[] {
  const runtime = webgpuBackend()!.runtime;
  runtime.materialiseDeferred();
  const requests: DispatchRequest[] = [];
  const original = runtime.dispatch;
  runtime.dispatch = (request) => {
    requests.push(request);
    original.call(runtime, request);
  };
  try {
    run();
    runtime.materialiseDeferred();
  } finally {
    runtime.dispatch = original;
  }
  return requests;
}

/** Bits (float32) or values (int32, bool) of a result, for exact comparisons. */
async function exactly(x: Tensor): Promise<number[]> {
  return x.dtype === 'float32' ? bitsOf(x) : Array.from(await x.data(), Number);
}

/** `compute` fused and unfused: the results must be identical, bit for bit. */
async function expectSameFusedAndUnfused(compute: () => Tensor | Tensor[]): Promise<void> {
  const fused = [compute()].flat();
  const unfused = withoutFusion(() => [compute()].flat());
  for (const [index, result] of fused.entries()) expect(await exactly(result)).toEqual(await exactly(unfused[index]!));
}

const special = [Number.NaN, 0, -0, Infinity, -Infinity, 1.5, -2.25, 1e-30, 3e38, -7];

describe.skipIf(!info)('elementwise fusion on webgpu', () => {
  it('a chain of unary and binary ops is one dispatch, bit for bit the unfused result (special values too)', async () => {
    manualSeed(1);
    const x = tensor(special.concat(Array.from({ length: 14 }, (_, index) => Math.sin(index * 1.7) * 3)), { device: 'webgpu' }).reshape([
      4, 6,
    ]);
    const y = randn([4, 6]).to('webgpu');
    const chain = () => x.exp().mul(y).add(1).div(x.abs().add(0.5)).sub(y.sin()).relu().sqrt();
    await expectSameFusedAndUnfused(chain);
    await chain().data(); // constants created, pipelines compiled
    expect(dispatchesOf(chain)).toBe(1);
    expect(withoutFusion(() => dispatchesOf(chain))).toBe(10);
  });

  it('keeps IEEE special values where the compiler could fold them away (a / (a − a))', async () => {
    const a = tensor([1, -2, 0, Number.NaN], { device: 'webgpu' });
    const divided = () => a.div(a.sub(a));
    expect(Array.from(await divided().data())).toEqual([Infinity, -Infinity, Number.NaN, Number.NaN]);
    await expectSameFusedAndUnfused(() => divided().isfinite());
  });

  it('broadcasts a bias through 0 strides, and reads transposed and strided inputs in place', async () => {
    manualSeed(2);
    const x = randn([5, 3]).to('webgpu');
    const bias = randn([5]).to('webgpu');
    const other = randn([3, 5, 2]).to('webgpu');
    await expectSameFusedAndUnfused(() => x.t().add(bias).mul(other.select(2, 1)).tanh());
    expect(dispatchesOf(() => x.t().add(bias).mul(other.select(2, 1)).tanh())).toBe(1);
  });

  it('where, int32 arithmetic, bool conditions and casts fuse exactly', async () => {
    manualSeed(3);
    const a = randint(-5, 5, [3, 4]).to('webgpu');
    const b = randint(-5, 5, [3, 4]).to('webgpu');
    const x = randn([3, 4]).to('webgpu');
    const mixed = () => {
      const sum = a.add(b).mul(3);
      const condition = sum.gt(0).logicalAnd(x.lt(0.5));
      const picked = where(condition, x.mul(2), sum.float());
      return [sum, condition, picked, picked.int().sub(a), x.neg().ge(0).logicalNot()];
    };
    await expectSameFusedAndUnfused(mixed);
  });

  it('an intermediate read after the group ran holds its value; a freed one is not written', async () => {
    manualSeed(4);
    const x = randn([6]).to('webgpu');
    const doubled = x.mul(2);
    const shifted = doubled.add(1).exp();
    expect(await bitsOf(doubled)).toEqual(await bitsOf(withoutFusion(() => x.mul(2))));
    expect(await bitsOf(shifted)).toEqual(await bitsOf(withoutFusion(() => x.mul(2).add(1).exp())));

    let kept: Tensor | undefined;
    const requests = requestsOf(() => {
      kept = scope(() => x.mul(2).add(1).exp().relu()); // the scope frees the three intermediates
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.bindings.filter((binding) => binding.access === 'read-write')).toHaveLength(1);
    expect(await bitsOf(kept!)).toEqual(await bitsOf(withoutFusion(() => x.mul(2).add(1).exp().relu())));
  });

  it('an in-place write into a buffer a pending op reads runs after it (add_, copy_)', async () => {
    const x = tensor([1, 2, 3, 4], { device: 'webgpu' });
    const doubled = x.mul(2);
    x.add_(10);
    expect(Array.from(await doubled.data())).toEqual([2, 4, 6, 8]);
    expect(Array.from(await x.data())).toEqual([11, 12, 13, 14]);

    const source = tensor([-1, -2, -3, -4], { device: 'webgpu' });
    const negated = x.neg();
    x.copy_(source);
    expect(Array.from(await negated.data())).toEqual([-11, -12, -13, -14]);

    // in place on a pending output, then a read of it in the same chain
    const y = x.mul(2);
    y.add_(1);
    expect(Array.from(await y.exp().log().round().data())).toEqual([-1, -3, -5, -7]);
  });

  it('an op writing a buffer it also reads with other strides reads the old values (x += xᵀ, then fused)', async () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { device: 'webgpu' },
    );
    const expected = withoutFusion(() => {
      const copy = x.clone();
      copy.add_(copy.t());
      return copy.mul(2);
    });
    x.add_(x.t());
    const doubled = x.mul(2);
    expect(await bitsOf(doubled)).toEqual(await bitsOf(expected));
  });

  it('a chain reading more buffers than the device binds splits into kernels within the limit', async () => {
    const limit = webgpuBackend()!.runtime.device.limits.maxStorageBuffersPerShaderStage;
    const terms = Array.from({ length: limit + 4 }, (_, index) => tensor([index, index + 0.5, -index], { device: 'webgpu' }));
    const sum = () => terms.slice(1).reduce((total, term) => total.add(term), terms[0]!);
    let result: Tensor | undefined;
    const requests = requestsOf(() => {
      result = sum();
    });
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.length).toBeLessThan(terms.length - 1);
    for (const request of requests) expect(request.bindings.length).toBeLessThanOrEqual(limit);
    expect(await bitsOf(result!)).toEqual(await bitsOf(withoutFusion(sum)));
  });

  it('ReLU(x·W + b) forward is one dispatch (no grad and with grad), equal to the unfused result', async () => {
    manualSeed(5);
    const x = randn([8, 16]).to('webgpu');
    const weight = randn([16, 12]).to('webgpu');
    const bias = randn([12]).to('webgpu');
    const forward = () => relu(x.matmul(weight).add(bias));
    await expectSameFusedAndUnfused(forward);
    await forward().data();
    const withoutGrad = dispatchesOf(() => noGrad(forward));
    const trained = weight.detach().requiresGrad_();
    const withGrad = dispatchesOf(() => relu(x.matmul(trained).add(bias)));
    console.log(
      `[ReLU(x·W + b) forward] dispatches: ${withoutGrad} without grad, ${withGrad} with grad; unfused ${withoutFusion(() => dispatchesOf(() => noGrad(forward)))}`,
    );
    expect(withoutGrad).toBe(1);
    expect(withGrad).toBe(1);
  });

  it('a matmul with a transposed operand fuses its epilogue too, and the product stays readable', async () => {
    manualSeed(6);
    const x = randn([2, 3, 5]).to('webgpu');
    const weight = randn([4, 5]).to('webgpu');
    const scale = randn([3, 4]).to('webgpu');
    await expectSameFusedAndUnfused(() => {
      const product = x.matmul(weight.t());
      return [product, product.mul(scale).sigmoid()];
    });
  });

  it('a split-K matmul takes the epilogue in its second pass (two dispatches, not four)', async () => {
    manualSeed(7);
    // m = 2, n = 8 and k = 2048: few output tiles and a long k, so the product is split over k
    const x = randn([2, 2048]).to('webgpu');
    const weight = randn([2048, 8]).to('webgpu');
    const bias = randn([8]).to('webgpu');
    const forward = () => relu(x.matmul(weight).add(bias));
    await expectSameFusedAndUnfused(forward);
    await forward().data();
    const requests = requestsOf(() => noGrad(forward));
    expect(requests.map((request) => request.label)).toEqual(['matmul', 'fused matmul + binary add + unary relu']);
  });

  it("ReLU(conv2d(x, w) + b) is one dispatch: the bias and the activation run in the convolution's store", async () => {
    manualSeed(8);
    const x = randn([2, 3, 6, 6]).to('webgpu');
    const weight = randn([4, 3, 3, 3]).to('webgpu');
    const bias = randn([4]).to('webgpu');
    const scale = randn([4, 1, 1]).to('webgpu');
    const forward = () => relu(conv2d(x, weight, bias)).mul(scale);
    await expectSameFusedAndUnfused(forward);
    await forward().data();
    const requests = requestsOf(() => noGrad(forward));
    expect(requests.map((request) => request.label)).toEqual(['fused conv2d forward bias + unary relu + binary mul']);
  });

  it('a row reduction takes its elementwise consumers into its store (sum, max, argmax)', async () => {
    manualSeed(9);
    const x = randn([5, 7]).to('webgpu');
    const shifted = tensor([0.5, -1, 2, 0, 1], { device: 'webgpu' });
    const forward = () => [x.abs().sum(1).add(shifted).log(), x.amax(1).sub(shifted).exp(), x.argmax(1).float().mul(2)];
    await expectSameFusedAndUnfused(forward);
    forward();
    const labels = requestsOf(() => noGrad(() => x.sum(1).add(shifted).log())).map((request) => request.label);
    expect(labels).toEqual(['fused reduce sum + binary add + unary log']);
  });

  it('a leaf freed before the group runs is read first, even when its buffer is handed out again', async () => {
    const x = tensor([1, 2, 3, 4], { device: 'webgpu' });
    const doubled = x.mul(2).add(1);
    x.dispose();
    const reusing = tensor([-5, -6, -7, -8], { device: 'webgpu' }); // the pool's next buffer of that size
    expect(Array.from(await doubled.data())).toEqual([3, 5, 7, 9]);
    expect(Array.from(await reusing.data())).toEqual([-5, -6, -7, -8]);
  });

  it('a Linear + ReLU module call is one dispatch (no grad and with grad)', async () => {
    manualSeed(10);
    const model = new Sequential(new Linear(16, 8), new ReLU()).to('webgpu');
    const x = randn([4, 16]).to('webgpu');
    await expectSameFusedAndUnfused(() => noGrad(() => model.call(x)));
    await model.call(x).data();
    expect(dispatchesOf(() => noGrad(() => model.call(x)))).toBe(1);
    expect(dispatchesOf(() => model.call(x))).toBe(1);
  });

  it('an MLP trains to the same losses, bit for bit, with fusion off and on', async () => {
    const lossesOf = async () => {
      manualSeed(11);
      const model = new Sequential(new Linear(6, 16), new ReLU(), new Linear(16, 16), new ReLU(), new Linear(16, 1)).to('webgpu');
      const optimizer = new Adam(model.parameters(), { lr: 1e-2 });
      const x = randn([32, 6]).to('webgpu');
      const target = x.sum(1, true).sin();
      const losses: number[] = [];
      for (let step = 0; step < 4; step++) {
        optimizer.zeroGrad();
        const loss = model.call(x).sub(target).square().mean();
        loss.backward();
        optimizer.step();
        losses.push(await loss.item());
      }
      return losses;
    };
    const unfused = await withoutFusion(lossesOf);
    const fused = await lossesOf();
    expect(fused).toEqual(unfused);
    expect(fused.at(-1)).toBeLessThan(fused[0]!);
  });
});
