import { describe, expect, it } from 'vitest';
import { grad, manualSeed, randn, relu, tensor, type Tensor } from '@dl/tensor';
import { webgpuBackend } from '../src/index.js';
import { bitsOf } from './bits.js';
import { setupWebGPU } from './webgpu-setup.js';
import { withoutWebGPUFused } from './without-webgpu-fused.js';

const info = await setupWebGPU();

const special = [Number.NaN, 0, -0, Infinity, -Infinity, 1.5, -2.25, 1e-30, -1e-30, 1e30];

/** relu's input gradient for the upstream gradient g: reluGradient(g, relu(x)) on the fused path. */
function reluBackward(x: Tensor, g: Tensor): Tensor {
  const input = x.detach().requiresGrad_();
  return grad(relu(input), [input], { gradOutputs: [g] })[0]!;
}

describe.skipIf(!info)('reluGradient on webgpu: the fused ReLU backward', () => {
  it('the backend has the kernel', () => {
    expect(typeof webgpuBackend()?.fused?.reluGradient).toBe('function');
  });

  it('is bit for bit the CPU and the GPU composite on special values (±0, NaN, ±∞)', async () => {
    // every (input, gradient) pair of special values
    const inputs = special.flatMap((value) => special.map(() => value));
    const gradients = special.flatMap(() => special);
    const cpu = reluBackward(tensor(inputs), tensor(gradients));
    const onGpu = () => reluBackward(tensor(inputs, { device: 'webgpu' }), tensor(gradients, { device: 'webgpu' }));
    const gpu = onGpu();
    const composite = withoutWebGPUFused('reluGradient', onGpu);
    expect(await bitsOf(gpu)).toEqual(await bitsOf(cpu));
    expect(await bitsOf(gpu)).toEqual(await bitsOf(composite));
  });

  it('records ReluGradientBackward, and second derivatives through relu match the CPU', async () => {
    manualSeed(5);
    const values = randn([4, 6]);
    const secondDerivative = (x: Tensor) => {
      const input = x.detach().requiresGrad_();
      const [first] = grad(relu(input).pow(3).sum(), [input], { createGraph: true });
      expect(first!.gradFn!.name).toBe('ReluGradientBackward');
      return grad(first!.sum(), [input])[0]!;
    };
    const gpu = secondDerivative(values.to('webgpu'));
    const cpu = secondDerivative(values);
    const expected = Array.from(cpu.dataSync());
    Array.from(await gpu.data()).forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 4));
  });
});
