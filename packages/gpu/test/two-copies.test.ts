// Two copies of @dl/tensor in one process, of different versions, as npm nests them: the app's and
// @dl/gpu's own. `init()` registers `webgpu` through @dl/gpu's copy; the app's copy must see it
// (the backend registry is shared through globalThis), and training on `webgpu` must work across
// them: tensors made by one copy, kernels registered by the other. Issue #16: this threw
// "device 'webgpu' is not available" while the registry was a module-level Map.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installTwoTensorCopies, versionAt } from './two-copies/nested-install.js';
import { setupWebGPU } from './webgpu-setup.js';

const run = promisify(execFile);
const info = await setupWebGPU();

const trainingScript = `
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { manualSeed, memory, noGrad, randn, registeredDevices, tensor } from '@dl/tensor';
import { init } from '@dl/gpu';

const require = createRequire(import.meta.url);
const gpuEntry = require.resolve('@dl/gpu');
await init();
manualSeed(0);
// least squares for y = x [2, -3] on the GPU, with the app's copy of @dl/tensor
const inputs = randn([64, 2], { device: 'webgpu' });
const targets = inputs.matmul(tensor([[2], [-3]]).to('webgpu'));
const weight = randn([2, 1], { device: 'webgpu', requiresGrad: true });
const losses = [];
for (let step = 0; step < 60; step += 1) {
  const loss = inputs.matmul(weight).sub(targets).square().mean();
  losses.push(await loss.item());
  loss.backward();
  noGrad(() => weight.sub_(weight.grad.mul(0.1)));
  weight.grad = null;
}
console.log(JSON.stringify({
  devices: registeredDevices(),
  appTensor: dirname(require.resolve('@dl/tensor')),
  gpuTensor: dirname(createRequire(gpuEntry).resolve('@dl/tensor')),
  first: losses[0],
  last: losses[losses.length - 1],
  weightDevice: weight.device,
  counted: memory().webgpu.liveTensors > 0,
}));
`;

describe.skipIf(!info)('two copies of @dl/tensor of different versions', () => {
  let workspace = '';
  let project = '';

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'dl-two-copies-'));
    project = await installTwoTensorCopies(workspace);
    await writeFile(join(project, 'train.mjs'), trainingScript);
  }, 120_000);

  afterAll(async () => {
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it('are installed nested, as npm does for a range the app does not satisfy', async () => {
    expect(await versionAt(join(project, 'node_modules', '@dl', 'tensor'))).toBe('0.1.0');
    expect(await versionAt(join(project, 'node_modules', '@dl', 'gpu', 'node_modules', '@dl', 'tensor'))).toBe('0.2.0');
  });

  it('train on webgpu together: the app sees the device @dl/gpu registered through its own copy', async () => {
    const { stdout } = await run(process.execPath, ['train.mjs'], { cwd: project, env: process.env }).catch(
      (error: { stderr?: string; message: string }) => {
        throw new Error(`train.mjs failed: ${error.stderr || error.message}`);
      },
    );
    const report = JSON.parse(stdout.trim().split('\n').pop()!);
    // really two module instances, not one deduplicated copy
    expect(report.appTensor).not.toBe(report.gpuTensor);
    expect(report.gpuTensor).toContain(join('@dl', 'gpu', 'node_modules', '@dl', 'tensor'));
    expect(report.devices).toEqual(expect.arrayContaining(['cpu', 'webgpu']));
    expect(report.weightDevice).toBe('webgpu');
    expect(report.last).toBeLessThan(report.first * 0.05);
    expect(report.counted).toBe(true);
  }, 120_000);
});
