// What the examples' device-parity tests share: acquiring WebGPU once per test file, and comparing the
// losses of a run on webgpu with the CPU's. Without an adapter the tests skip with a visible reason,
// unless DL_REQUIRE_WEBGPU=1 (CI), where a missing adapter fails the file. On llvmpipe:
//   EGL_PLATFORM=surfaceless DL_WEBGPU_FLAGS=backend=opengles DL_WEBGPU_FEATURE_LEVEL=compatibility
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { init } from '@dl/gpu';
import { expect } from 'vitest';

/** Whether the 'webgpu' device is registered (after `init()`); throws instead under DL_REQUIRE_WEBGPU=1. */
export async function acquireWebGPU(example: string): Promise<boolean> {
  try {
    await init();
    return true;
  } catch (error) {
    if (process.env.DL_REQUIRE_WEBGPU === '1')
      throw new Error(`DL_REQUIRE_WEBGPU=1 but no WebGPU device could be acquired: ${(error as Error).message}`, { cause: error });
    console.warn(`[${example} tests] skipping WebGPU tests: ${(error as Error).message}`);
    return false;
  }
}

/**
 * The per-step losses agree within float32 tolerance: |gpu − cpu| ≤ tolerance·(1 + |cpu|). The two
 * devices sum in different orders, so the last bits differ and the difference grows a little with
 * every optimizer step; a few steps stay well inside 1e-4.
 */
export function expectSameLosses(gpu: number[], cpu: number[], tolerance = 1e-4): void {
  expect(gpu.length, 'steps on webgpu and on the CPU').toBe(cpu.length);
  expect(cpu.length, 'steps compared').toBeGreaterThan(0);
  cpu.forEach((expected, index) => {
    const actual = gpu[index]!;
    if (!(Math.abs(actual - expected) <= tolerance * (1 + Math.abs(expected))))
      expect.fail(`step ${index + 1}: loss ${actual} on webgpu, ${expected} on the CPU`);
  });
}

interface GanRun {
  trainer: { history: { discriminator: number[]; generator: (number | null)[] } };
}

/**
 * Runs a GAN example's `train` on webgpu and on the CPU from the same seed (files into a temporary
 * folder, one small evaluation at the end) and compares the discriminator's and the generator's
 * losses step by step.
 */
export async function expectSameGanLosses(train: (options: object) => Promise<GanRun>, options: object): Promise<void> {
  const histories = async (device: string) => {
    const out = mkdtempSync(join(tmpdir(), 'gan-parity-'));
    const { trainer } = await train({ device, out, evaluations: 1, evaluationSize: 64, sampleEvery: 1_000, ...options });
    return trainer.history;
  };
  const [gpu, cpu] = [await histories('webgpu'), await histories('cpu')];
  expectSameLosses(gpu.discriminator, cpu.discriminator);
  // the generator's loss is null on the steps without a generator step (WGAN's critic-only steps)
  expect(gpu.generator.map((loss) => loss === null)).toEqual(cpu.generator.map((loss) => loss === null));
  expectSameLosses(
    gpu.generator.filter((loss) => loss !== null),
    cpu.generator.filter((loss) => loss !== null),
  );
}

/**
 * Runs `train` on webgpu and on the CPU from the same seed, collecting every step's loss through its
 * `onStep(step, loss)` option, and compares them.
 */
export async function expectSameStepLosses(train: (options: object) => Promise<unknown>, options: object): Promise<void> {
  const losses = async (device: string) => {
    const steps: number[] = [];
    await train({ device, ...options, onStep: (_step: number, loss: number) => steps.push(loss) });
    return steps;
  };
  expectSameLosses(await losses('webgpu'), await losses('cpu'));
}
