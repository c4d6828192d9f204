import { describe, expect, it } from 'vitest';
import { conv1d, conv2d, convTranspose2d, grad, manualSeed, randn, type Conv2dOptions, type Tensor } from '@dl/tensor';
import { webgpuBackend } from '../src/index.js';
import { setupWebGPU } from './webgpu-setup.js';
import { withoutWebGPUFused } from './without-webgpu-fused.js';

const info = await setupWebGPU();

/** max |a − b| ≤ tolerance · max(1, max |b|). */
async function expectClose(actual: Tensor, expected: Tensor, tolerance = 1e-4): Promise<void> {
  expect(actual.shape).toEqual(expected.shape);
  const a = await actual.data();
  const b = await expected.data();
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  expect(worst).toBeLessThanOrEqual(tolerance * scale);
}

interface Case {
  name: string;
  input: number[];
  weight: number[];
  bias: boolean;
  options: Conv2dOptions;
}

const cases: Case[] = [
  { name: 'plain 3×3 with bias', input: [2, 4, 9, 9], weight: [5, 4, 3, 3], bias: true, options: {} },
  { name: 'one input channel, no bias', input: [3, 1, 8, 7], weight: [6, 1, 3, 3], bias: false, options: {} },
  { name: 'stride 2 and padding 1', input: [2, 3, 9, 8], weight: [4, 3, 3, 3], bias: false, options: { stride: 2, padding: 1 } },
  {
    name: 'rectangular kernel, unequal stride and padding',
    input: [1, 2, 7, 10],
    weight: [3, 2, 2, 4],
    bias: true,
    options: { stride: [1, 3], padding: [2, 1] },
  },
  { name: 'dilation', input: [2, 2, 9, 9], weight: [3, 2, 3, 3], bias: true, options: { dilation: 2, padding: 1 } },
  { name: 'groups', input: [2, 4, 6, 6], weight: [6, 2, 3, 3], bias: true, options: { groups: 2, padding: 1 } },
  { name: '1×1 kernel (vec4 weight loads)', input: [2, 8, 4, 4], weight: [3, 8, 1, 1], bias: true, options: {} },
  {
    name: 'padding larger than the kernel reach',
    input: [1, 2, 3, 3],
    weight: [2, 2, 2, 2],
    bias: true,
    options: { padding: 3, stride: 2 },
  },
  // O × K has one tile and N·L ≥ 1024: the weight gradient splits k and sums the slices
  {
    name: 'split-K weight gradient (many images and positions)',
    input: [5, 2, 16, 16],
    weight: [4, 2, 3, 3],
    bias: true,
    options: { padding: 1 },
  },
];

describe.skipIf(!info)('conv2d on webgpu: implicit-GEMM kernels (forward with bias, input and weight gradients)', () => {
  it('the backend has the kernels', () => {
    expect(typeof webgpuBackend()?.fused?.conv2d?.forward).toBe('function');
  });

  for (const testCase of cases)
    it(`${testCase.name}: values, gradients and second derivatives match the CPU`, async () => {
      manualSeed(7);
      const values = [randn(testCase.input), randn(testCase.weight), randn([testCase.weight[0]!])];
      const run = (device: 'cpu' | 'webgpu') => {
        const [input, weight, bias] = values.map((t) => t.to(device).requiresGrad_());
        const output = conv2d(input!, weight!, testCase.bias ? bias! : null, testCase.options);
        const cotangent = randn(output.shape).to(device); // drawn on the CPU: the same on both runs
        const sources = testCase.bias ? [input!, weight!, bias!] : [input!, weight!];
        const first = grad(output.mul(cotangent).sum(), sources, { createGraph: true });
        // a WGAN-GP-like penalty differentiates the first gradients again
        const penalty = first[0]!.square().sum().add(first[1]!.square().sum());
        const second = grad(penalty, [input!, weight!]);
        return { output, first, second };
      };
      manualSeed(9);
      const gpu = run('webgpu');
      manualSeed(9);
      const cpu = run('cpu');
      if ((testCase.options.groups ?? 1) === 1) expect(gpu.output.gradFn?.primitive).toBe('conv2d');
      await expectClose(gpu.output, cpu.output);
      for (let i = 0; i < cpu.first.length; i++) await expectClose(gpu.first[i]!, cpu.first[i]!);
      for (let i = 0; i < cpu.second.length; i++) await expectClose(gpu.second[i]!, cpu.second[i]!, 2e-4);
    });

  it('agrees with the unfold + matmul + fold composite on the GPU', async () => {
    manualSeed(2);
    const input = randn([2, 3, 7, 7]).to('webgpu');
    const weight = randn([4, 3, 3, 3]).to('webgpu');
    const bias = randn([4]).to('webgpu');
    const options = { stride: 2, padding: 1 };
    await expectClose(
      conv2d(input, weight, bias, options),
      withoutWebGPUFused('conv2d', () => conv2d(input, weight, bias, options)),
    );
  });

  it('convTranspose2d (the input gradient with its own weight) and conv1d', async () => {
    manualSeed(5);
    const input = randn([2, 4, 4, 4]);
    const weight = randn([4, 3, 4, 4]);
    const transposed = (x: Tensor, w: Tensor) => convTranspose2d(x, w, null, { stride: 2, padding: 1 });
    await expectClose(transposed(input.to('webgpu'), weight.to('webgpu')), transposed(input, weight));
    const sequence = randn([2, 3, 11]);
    const filters = randn([4, 3, 3]);
    const once = (x: Tensor, w: Tensor) => conv1d(x, w, null, { stride: 2, padding: 1 });
    await expectClose(once(sequence.to('webgpu'), filters.to('webgpu')), once(sequence, filters));
  });

  it('a convolution runs without a column matrix: one dispatch forward, no unfold', () => {
    const runtime = webgpuBackend()!.runtime;
    const input = randn([2, 3, 8, 8]).to('webgpu');
    const weight = randn([4, 3, 3, 3]).to('webgpu');
    const bias = randn([4]).to('webgpu');
    runtime.flush();
    const before = runtime.statistics.dispatches;
    conv2d(input, weight, bias, { padding: 1 });
    runtime.materialiseDeferred(); // the forward waits for elementwise consumers (fusion) until then
    expect(runtime.statistics.dispatches - before).toBe(1);
  });
});
