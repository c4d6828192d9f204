import { describe, expect, it } from 'vitest';
import { cpuBackend, registerBackend, tensor, zeros, type Tensor } from '@dl/tensor';
import { clipGradNorm } from '../src/index.js';

// clipGradNorm(parameters, maxNorm, normType, errorIfNonfinite = true) reads the total norm back inside
// the call. On webgpu, whose reads are asynchronous, it failed with the read's own message ("to('cpu'):
// reading from 'webgpu' is asynchronous"), naming neither clipGradNorm nor errorIfNonfinite. A device
// here is the CPU's kernels without the synchronous read, as webgpu has none, so the test needs no GPU.

const device = 'clip-grad-asynchronous';
registerBackend({ ...cpuBackend, device, readSync: undefined });

/** A parameter on the asynchronous device whose gradient holds `values`. */
function withGradient(values: number[]): Tensor {
  const parameter = zeros([values.length], { device, requiresGrad: true });
  parameter.grad = tensor(values, { device });
  return parameter;
}

describe('clipGradNorm with errorIfNonfinite on a device that reads asynchronously', () => {
  it('throws naming clipGradNorm, errorIfNonfinite and the device, and what to do instead; the gradients stay as they were', async () => {
    const parameter = withGradient([1, 5, 2]);
    const message =
      "clipGradNorm: errorIfNonfinite reads the total norm back inside the call, a synchronous read that device 'clip-grad-asynchronous' does not allow (it reads asynchronously); " +
      'pass errorIfNonfinite false and check the norm it returns: `const total = clipGradNorm(parameters, maxNorm); if (!Number.isFinite(await total.item())) ...` (before optimizer.step())';
    expect(() => clipGradNorm([parameter], 1, 2, true)).toThrow(message);
    expect(() => clipGradNorm([parameter], 1, { errorIfNonfinite: true })).toThrow(message);
    expect(Array.from(await parameter.grad!.data())).toEqual([1, 5, 2]);
  });

  it('the advised check: without errorIfNonfinite it clips on the device and returns the norm to await', async () => {
    // closed form: ‖(1, 5, 2)‖₂ = √30, each gradient scaled by maxNorm / (√30 + 1e-6)
    const parameter = withGradient([1, 5, 2]);
    const total = clipGradNorm([parameter], 1, 2, false);
    expect(total.device).toBe(device);
    expect(await total.item()).toBeCloseTo(Math.sqrt(30), 5);
    const scale = 1 / (Math.sqrt(30) + 1e-6);
    Array.from(await parameter.grad!.data()).forEach((value, index) => expect(value).toBeCloseTo([1, 5, 2][index]! * scale, 6));
    expect(await clipGradNorm([withGradient([1, Number.POSITIVE_INFINITY])], 1).item()).toBe(Number.POSITIVE_INFINITY);
  });
});
