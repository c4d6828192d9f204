/**
 * Max pooling's gradient on webgpu: the fused maxPool2dGradient kernel (only the windows that contain a
 * cell) against the composite it replaces, gather's backward as a scatter-add over every window of the
 * plane — bit for bit, with overlapping windows whose chosen cells coincide (so a cell sums several
 * gradients, and the order of the additions shows), and through a second derivative.
 */
import { describe, expect, it } from 'vitest';
import { grad, manualSeed, maxPool2d, type PoolOptions, randn, type Tensor, tensor } from '@dl/tensor';
import { statistics } from '../src/index.js';
import { bitsOf } from './bits.js';
import { setupWebGPU } from './webgpu-setup.js';
import { withoutWebGPUFused } from './without-webgpu-fused.js';

const info = await setupWebGPU();

const cases: { name: string; shape: number[]; kernel: number | [number, number]; options: PoolOptions }[] = [
  { name: 'MaxPool2d(2)', shape: [2, 3, 8, 6], kernel: 2, options: {} },
  { name: 'kernel 3, stride 1 (a cell in up to 9 windows)', shape: [2, 2, 7, 6], kernel: 3, options: { stride: 1 } },
  { name: 'kernel 3, stride 2, padding 1', shape: [2, 2, 9, 7], kernel: 3, options: { stride: 2, padding: 1 } },
  { name: 'dilation 2, rectangular kernel, stride [1, 2]', shape: [1, 3, 9, 10], kernel: [2, 3], options: { dilation: 2, stride: [1, 2] } },
  { name: 'ceil mode', shape: [1, 2, 7, 7], kernel: 2, options: { ceilMode: true } },
];

describe.skipIf(!info)('maxPool2d gradient on webgpu: the fused maxPool2dGradient kernel', () => {
  for (const { name, shape, kernel, options } of cases)
    it(`${name}: the composite's gradient and second derivative, bit for bit`, async () => {
      manualSeed(21);
      // coarse values: ties and plateaus make neighbouring windows choose the same cell
      const values = Array.from(randn(shape).dataSync(), (value) => Math.round(value * 1.5));
      const pooledShape = maxPool2d(tensor(values, { shape }), kernel, options).shape;
      const weights = Array.from(randn(pooledShape).dataSync());
      const directions = Array.from(randn(shape).dataSync());
      const run = () => {
        const x = tensor(values, { shape, device: 'webgpu', requiresGrad: true });
        const w = tensor(weights, { shape: pooledShape, device: 'webgpu', requiresGrad: true });
        const [dx] = grad(maxPool2d(x, kernel, options).mul(w).sum(), [x], { createGraph: true });
        // ∂⟨dx, v⟩/∂w: the gradient's own gradient, a gather of v at the chosen cells
        const [dw] = grad(dx!.mul(tensor(directions, { shape, device: 'webgpu' })).sum(), [w]);
        return [dx!, dw!] as Tensor[];
      };
      const before = statistics()!.dispatchesByKernel;
      const fused = run();
      const after = statistics()!.dispatchesByKernel;
      const composite = withoutWebGPUFused('maxPool2dGradient', run);
      expect((after.maxPool2dGradient ?? 0) - (before.maxPool2dGradient ?? 0)).toBe(1);
      expect((after['scatter add'] ?? 0) - (before['scatter add'] ?? 0)).toBe(0);
      expect(await bitsOf(fused[0]!)).toEqual(await bitsOf(composite[0]!));
      expect(await bitsOf(fused[1]!)).toEqual(await bitsOf(composite[1]!));
      // and a cell chosen by several windows did sum several gradients
      const chosen = maxPool2d(tensor(values, { shape }), kernel, { ...options, returnIndices: true }).indices.dataSync();
      expect(new Set(chosen).size).toBeLessThan(chosen.length);
    });
});
