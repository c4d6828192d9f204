import { describe, expect, it } from 'vitest';
import { linear, manualSeed, randn, type Tensor } from '@dl/tensor';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

// @dl/tensor's `linear` on webgpu against the CPU: without a bias it is the one-node primitive (W read
// as stored, a transposed input read in place); with a bias it stays matmul + add there, which the
// fusion makes one dispatch. Forward values and the gradients of every input.
manualSeed(53);
const cases: [string, () => Tensor[], (x: Tensor, w: Tensor, b?: Tensor) => Tensor][] = [
  ['no bias', () => [randn([5, 4]), randn([3, 4])], (x, w) => linear(x, w)],
  ['transposed input, no bias', () => [randn([4, 5]), randn([3, 4])], (x, w) => linear(x.t(), w)],
  ['with a bias', () => [randn([5, 4]), randn([3, 4]), randn([3])], (x, w, b) => linear(x, w, b)],
];

async function expectClose(gpu: Tensor, cpu: Tensor, label: string, tolerance: number): Promise<void> {
  const values = await gpu.data();
  Array.from(cpu.dataSync()).forEach((value, index) =>
    expect(Math.abs(values[index]! - value), `${label}[${index}]`).toBeLessThanOrEqual(tolerance),
  );
}

describe.skipIf(!info)('linear on webgpu matches the CPU', () => {
  for (const [name, make, run] of cases)
    it(name, async () => {
      const inputs = make();
      const onCpu = inputs.map((input) => input.clone().requiresGrad_());
      const onGpu = inputs.map((input) => input.to('webgpu').requiresGrad_());
      const cpu = run(onCpu[0]!, onCpu[1]!, onCpu[2]);
      const gpu = run(onGpu[0]!, onGpu[1]!, onGpu[2]);
      await expectClose(gpu, cpu, `${name}: output`, 1e-5);
      cpu.square().sum().backward();
      gpu.square().sum().backward();
      for (let index = 0; index < inputs.length; index++)
        await expectClose(onGpu[index]!.grad!, onCpu[index]!.grad!, `${name}: gradient ${index}`, 1e-4);
    });
});
