import { init, type WebGPUDeviceInfo } from '../src/index.js';

/**
 * Acquires the device once per test file. Without an adapter the GPU tests skip with a visible
 * reason, unless DL_REQUIRE_WEBGPU=1 (CI), where a missing adapter fails the file.
 */
export async function setupWebGPU(): Promise<WebGPUDeviceInfo | null> {
  try {
    return await init();
  } catch (error) {
    if (process.env.DL_REQUIRE_WEBGPU === '1')
      throw new Error(`DL_REQUIRE_WEBGPU=1 but no WebGPU device could be acquired: ${(error as Error).message}`, { cause: error });
    console.warn(`[@dl/gpu tests] skipping WebGPU tests: ${(error as Error).message}`);
    return null;
  }
}
