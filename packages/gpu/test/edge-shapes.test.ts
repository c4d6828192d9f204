import { describe, expect, it } from 'vitest';
import { diag, gather, grad, logSoftmax, randn, softmax, type Tensor, tensor, zeros } from '@dl/tensor';
import { F } from '@dl/nn';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

// 0-d tensors, empty dims and mismatched host arrays on webgpu, against the CPU (whose values are torch
// 1.13's: packages/tensor/test/zero-dim-and-empty.test.ts). Found by running the differential fuzzing
// of the CPU against torch on webgpu: each of these failed there before.

/** The values of `t`, read from whichever device holds it. */
const valuesOf = async (t: Tensor) => Array.from(await t.data(), Number);

/** `run` on the CPU and on webgpu: the same shape, dtype and values (float32 tolerance). */
async function expectSameOnBothDevices(run: (device: 'cpu' | 'webgpu') => Tensor[]): Promise<void> {
  const [cpu, gpu] = [run('cpu'), run('webgpu')];
  expect(gpu.length).toBe(cpu.length);
  for (let index = 0; index < cpu.length; index++) {
    expect([gpu[index]!.device, ...gpu[index]!.shape, gpu[index]!.dtype]).toEqual(['webgpu', ...cpu[index]!.shape, cpu[index]!.dtype]);
    const [expected, actual] = [await valuesOf(cpu[index]!), await valuesOf(gpu[index]!)];
    actual.forEach((value, at) => expect(Math.abs(value - expected[at]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected[at]!))));
  }
}

describe.skipIf(!info)('edge shapes on webgpu, as on the CPU', () => {
  it("a 0-d tensor's max and min along dim 0, and a gather from it (the gather shader had no extent for rank 0)", async () => {
    await expectSameOnBothDevices((device) => {
      const scalar = tensor(2.5, { device });
      const [values, indices] = scalar.max(0);
      const [low] = scalar.min(-1, true);
      return [values!, indices!, low!, gather(scalar, 0, tensor(0, { dtype: 'int32', device }))];
    });
  });

  it('the gradient of a 0-d tensor’s max reaches it (gather’s backward, a scatter-add into a 0-d tensor, added nothing)', async () => {
    const scalar = tensor(2.5, { device: 'webgpu', requiresGrad: true });
    const [gradient] = grad(scalar.max(0).values.mul(3), [scalar]);
    expect(await valuesOf(gradient!)).toEqual([3]);
  });

  it('softmax and logSoftmax of a 0-d tensor and of an empty dim (the composite path threw)', async () => {
    await expectSameOnBothDevices((device) => [
      softmax(tensor(0.7, { device }), 0),
      logSoftmax(tensor(-1.25, { device }), -1),
      softmax(zeros([3, 0], { device }), 1),
      logSoftmax(zeros([0, 2], { device }), 0),
    ]);
  });

  it('the pieces of an empty tensor read back (a zero-size read past the end threw)', async () => {
    const pieces = zeros([0, 1, 3], { device: 'webgpu' }).unbind(-1);
    expect(pieces.length).toBe(3);
    for (const piece of pieces) {
      expect(piece.shape).toEqual([0, 1]);
      expect(await valuesOf(piece)).toEqual([]);
    }
  });

  it("embeddingBag with a webgpu weight reads the CPU's indices and offsets (it threw a device mismatch)", async () => {
    const weight = randn([6, 3]);
    const indices = tensor([0, 2, 4, 1, 5, 5], { dtype: 'int32' });
    const offsets = tensor([0, 2, 2], { dtype: 'int32' }); // the second bag is empty
    for (const mode of ['sum', 'mean', 'max'] as const)
      await expectSameOnBothDevices((device) => {
        // a copy per device: maxNorm renormalises the rows it reads in place
        const onDevice = weight.clone().to(device).requiresGrad_(true);
        const bags = F.embeddingBag(indices, onDevice, { offsets, mode, maxNorm: mode === 'mean' ? 1.5 : null });
        const [gradient] = grad(bags.mul(tensor([1, -2, 0.5], { device })).sum(), [onDevice]);
        return [bags, gradient!];
      });
    // indices on the device cannot be read synchronously: the error says what to do
    expect(() => F.embeddingBag(indices.to('webgpu'), weight.to('webgpu'), { offsets })).toThrow(
      /^embeddingBag: the indices are read on the host/,
    );
  });

  it('diag builds its matrix from a float64 host mask (its bytes overran the float32 buffer)', async () => {
    await expectSameOnBothDevices((device) => [
      diag(tensor([1, -2, 3], { device }), 1),
      diag(tensor([4, 5], { device }), -2),
      diag(zeros([0], { device }), 2),
    ]);
  });
});
