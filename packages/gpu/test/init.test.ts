import { afterEach, describe, expect, it, vi } from 'vitest';
import { registeredDevices, tensor } from '@dl/tensor';
import { deviceInfo, GpuRuntime, init, isWebGPUAvailable, webgpuBackend } from '../src/index.js';
import { readEnvironment } from '../src/environment.js';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

describe('environment variables', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('reads Dawn flags, the feature level and debug from DL_WEBGPU_*', () => {
    process.env.DL_WEBGPU_FLAGS = 'backend=opengles, enable_dawn_features=allow_unsafe_apis';
    process.env.DL_WEBGPU_FEATURE_LEVEL = 'compatibility';
    process.env.DL_WEBGPU_DEBUG = '1';
    expect(readEnvironment()).toEqual({
      dawnFlags: ['backend=opengles', 'enable_dawn_features=allow_unsafe_apis'],
      featureLevel: 'compatibility',
      debug: true,
    });
  });

  it('rejects an unknown feature level by name', () => {
    process.env.DL_WEBGPU_FEATURE_LEVEL = 'turbo';
    expect(() => readEnvironment()).toThrow(/DL_WEBGPU_FEATURE_LEVEL must be 'core' or 'compatibility', got 'turbo'/);
  });
});

describe('init given an option it does not know', () => {
  it('rejects the promise (with or without a GPU), rather than throwing before it', async () => {
    let promise: Promise<unknown> | undefined;
    expect(() => (promise = init({ fusion: false } as never))).not.toThrow();
    await expect(promise).rejects.toThrow(/^init: unknown option `fusion`/);
  });
});

describe.skipIf(!info)('init on this machine', () => {
  it('registers the webgpu device once and describes it', async () => {
    expect(registeredDevices()).toContain('webgpu');
    expect(await init()).toBe(info);
    expect(deviceInfo()).toBe(info);
    expect(await isWebGPUAvailable()).toBe(true);
    expect(['core', 'compatibility']).toContain(info!.featureLevel);
    expect(info!.limits.maxComputeInvocationsPerWorkgroup).toBeGreaterThanOrEqual(128);
  });

  it('refuses options it does not know, and options the device was not made with, by name', async () => {
    // rejected, not thrown before the promise: `init(options).catch(...)` sees every failure
    await expect(init({ fusion: false } as never)).rejects.toThrow(/init: unknown option `fusion`\. Accepted options: .*fuse, profile/);
    await expect(init({ fuse: true })).resolves.toBe(info);
    await expect(init({ profile: true, fuse: true })).rejects.toThrow(
      /init: the webgpu device was already initialised with \{ profile: false \}, not \{ profile: true \}/,
    );
  });

  it('logs generated WGSL with the debug option', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const runtime = new GpuRuntime(webgpuBackend()!.runtime.device, { debug: true });
    const buffer = webgpuBackend()!.runtime.storagePool.acquire(16);
    runtime.dispatch({
      label: 'debug probe',
      source: '@group(0) @binding(0) var<storage, read_write> o: array<f32>;\n@compute @workgroup_size(1) fn main() { o[0] = 1.0; }',
      bindings: [{ buffer, access: 'read-write' }],
      workgroups: [1, 1, 1],
    });
    runtime.flush();
    webgpuBackend()!.runtime.storagePool.release(buffer);
    expect(
      log.mock.calls.some(([message]) => String(message).includes('compiling debug probe') && String(message).includes('o[0] = 1.0')),
    ).toBe(true);
    log.mockRestore();
  });

  it('says which device a mixed-device op involves', () => {
    expect(() => tensor([1], { device: 'webgpu' }).add(tensor([1]))).toThrow(/'webgpu' and 'cpu'/);
  });
});
