import { describe, expect, it } from 'vitest';
import { conv2d, grad, manualSeed, randn } from '@dl/tensor';
import { webgpuBackend } from '../src/index.js';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

// @own-process (its own device): the pipelines are keyed by kernel variant, not by shape, so the
// convolution tests of another file would already have compiled the variants this one expects.
describe.skipIf(!info)('pipelines compiled ahead of first use', () => {
  it('a forward convolution compiles its two gradients asynchronously, so backward compiles no pipeline', async () => {
    const runtime = webgpuBackend()!.runtime;
    manualSeed(12);
    const input = randn([3, 5, 11, 13]).to('webgpu').requiresGrad_();
    const weight = randn([7, 5, 3, 2]).to('webgpu').requiresGrad_();
    // compile what the backward of a sum needs (the seed and its expansion), outside the measurement
    await grad(input.sum(), [input])[0]!.data();
    const asynchronous = runtime.statistics.asyncCompiles;
    const output = conv2d(input, weight, null, { stride: [2, 1], padding: 1 });
    // the forward is deferred (elementwise fusion): encode it, so its own compile is not counted below
    runtime.materialiseDeferred();
    expect(runtime.statistics.asyncCompiles - asynchronous).toBe(2);
    await runtime.pipelinesPrepared();
    const compiled = runtime.statistics.compiles;
    const [inputGradient, weightGradient] = grad(output.sum(), [input, weight]);
    await inputGradient!.data();
    await weightGradient!.data();
    expect(runtime.dispatchesByKernel.get('conv2d input gradient')).toBe(1);
    expect(runtime.statistics.compiles - compiled).toBe(0);
  });
});
