import { describe, expect, it } from 'vitest';
import { manualSeed, randn } from '@dl/tensor';
import { BatchNorm1d, Linear, ReLU, Sequential } from '../src/index.js';

// torch's Module.double() / float() / half() / cpu() / cuda(): PyTorch programs cast a model with them
// (model.double() before gradcheck), and @dl's Module had only to(). Each is to() with the matching target.

function model() {
  manualSeed(3);
  return new Sequential(new Linear(2, 3), new BatchNorm1d(3));
}

describe('Module.double, float, half, cpu and cuda', () => {
  it('double() casts every floating parameter and buffer to float64 and returns the module; num_batches_tracked stays int32', () => {
    const net = model();
    const before = net.stateDict();
    const weights = Array.from(before['0.weight']!.dataSync());
    expect(net.double()).toBe(net);
    const after = net.stateDict();
    expect(after['0.weight']!.dtype).toBe('float64');
    expect(after['1.running_var']!.dtype).toBe('float64');
    expect(after['1.num_batches_tracked']!.dtype).toBe('int32');
    // float32 → float64 is exact
    expect(Array.from(after['0.weight']!.dataSync())).toEqual(weights);
    expect((net.call(randn([4, 2], { dtype: 'float64' })) as { dtype: string }).dtype).toBe('float64');
  });

  it('float() casts back, cpu() keeps the CPU module in place', () => {
    const net = model().double();
    expect(net.float()).toBe(net);
    expect(net.stateDict()['0.bias']!.dtype).toBe('float32');
    expect(net.cpu()).toBe(net);
    expect(net.stateDict()['0.bias']!.device).toBe('cpu');
  });

  it("half() on the CPU throws the CPU's float16 message (float16 lives on webgpu)", () => {
    expect(() => model().half()).toThrow(/float16 tensors .* live on the webgpu device only/);
  });

  it("cuda() says there is no CUDA device and points to to('webgpu')", () => {
    expect(() => model().cuda()).toThrow(
      "Module.cuda: there is no CUDA device here; the GPU is WebGPU: call init() from @dl/gpu, then module.to('webgpu')",
    );
  });

  it('they take no arguments', () => {
    const loose = (method: unknown) => method as (...values: unknown[]) => unknown;
    const net = model();
    expect(() => loose(net.double).call(net, 'float32')).toThrow('Module.double: ');
    expect(() => loose(net.cpu).call(net, 0)).toThrow('Module.cpu: ');
  });
});

describe('printing a model', () => {
  it("console.log / util.inspect print the layer tree, as PyTorch's print(model), not the fields", async () => {
    const { inspect } = await import('node:util');
    const model = new Sequential(new Linear(2, 3), new ReLU());
    // torch 1.13: Sequential(\n  (0): Linear(in_features=2, out_features=3, bias=True)\n  (1): ReLU()\n)
    expect(inspect(model)).toBe('Sequential(\n  (0): Linear(inFeatures=2, outFeatures=3, bias=true)\n  (1): ReLU()\n)');
  });
});
