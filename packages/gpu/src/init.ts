import { checkOptions, registerBackend } from '@dl/tensor';
import { acquireDevice, requestAdapter, type AcquireOptions } from './acquire-device.js';
import { createWebGPUBackend, type WebGPUBackend } from './backend/webgpu-backend.js';
import { readEnvironment } from './environment.js';
import { GpuRuntime, type RuntimeOptions, runtimeDefaults } from './runtime/gpu-runtime.js';
import type { KernelTime } from './runtime/kernel-timer.js';

export interface InitOptions extends AcquireOptions, RuntimeOptions {}

/** What `init()` acquired. */
export interface WebGPUDeviceInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  featureLevel: 'core' | 'compatibility';
  limits: {
    maxComputeInvocationsPerWorkgroup: number;
    maxComputeWorkgroupStorageSize: number;
    maxStorageBuffersPerShaderStage: number;
    maxStorageBufferBindingSize: number;
  };
}

const initOptionNames: readonly (keyof InitOptions)[] = [
  'powerPreference',
  'featureLevel',
  'dawnFlags',
  'debug',
  'dispatchesPerSubmit',
  'poolLimitBytes',
  'checkIndices',
  'fuse',
  'profile',
];

let active: { backend: WebGPUBackend; info: WebGPUDeviceInfo; options: InitOptions } | null = null;
let pending: Promise<WebGPUDeviceInfo> | null = null;

/** Explicit options win over the environment variables (DL_WEBGPU_FLAGS, DL_WEBGPU_FEATURE_LEVEL, DL_WEBGPU_DEBUG). */
function resolveOptions(options: InitOptions): InitOptions {
  const environment = readEnvironment();
  return {
    ...options,
    dawnFlags: options.dawnFlags ?? environment.dawnFlags,
    featureLevel: options.featureLevel ?? environment.featureLevel,
    debug: options.debug ?? environment.debug,
  };
}

/**
 * Acquires a GPUDevice and registers the `'webgpu'` device with @dl/tensor. Calling it again returns
 * the same device; options it was not made with are then an error, as are options it does not know.
 * @example
 * import { tensor } from '@dl/tensor';
 * import { init } from '@dl/gpu';
 * await init();
 * const y = tensor([1, 2, 3]).to('webgpu').mul(2);
 * await y.data(); // Float32Array [2, 4, 6]
 */
export async function init(options: InitOptions = {}): Promise<WebGPUDeviceInfo> {
  // async: a bad option rejects the promise, as a failed start does, instead of throwing before it
  checkOptions('init', options, initOptionNames);
  if (active) {
    assertSameOptions(active.options, options);
    return active.info;
  }
  pending ??= start(resolveOptions(options)).finally(() => (pending = null));
  return pending;
}

/**
 * A device is acquired once per process: options given again must be what it was made with, or the
 * caller would believe (say) `profile: true` had taken effect.
 */
function assertSameOptions(used: InitOptions, given: InitOptions): void {
  // an option left out means its default
  const shownValue = (options: InitOptions, name: keyof InitOptions) =>
    JSON.stringify(options[name] ?? (runtimeDefaults as InitOptions)[name]);
  const differing = (Object.keys(given) as (keyof InitOptions)[]).filter(
    (name) => given[name] !== undefined && shownValue(given, name) !== shownValue(used, name),
  );
  if (differing.length === 0) return;
  const shown = (options: InitOptions) => differing.map((name) => `${name}: ${shownValue(options, name)}`).join(', ');
  throw new Error(
    `init: the webgpu device was already initialised with { ${shown(used)} }, not { ${shown(given)} }; ` +
      'init() acquires one device per process and takes its options once (elementwise fusion can be switched later with webgpuBackend().runtime.fuse)',
  );
}

async function start(options: InitOptions): Promise<WebGPUDeviceInfo> {
  const { adapter, device, featureLevel } = await acquireDevice(options, options.profile ? ['timestamp-query'] : []);
  const runtime = new GpuRuntime(device, options);
  const backend = createWebGPUBackend(runtime);
  const { vendor, architecture, device: name, description } = adapter.info;
  const limits = device.limits;
  const info: WebGPUDeviceInfo = {
    vendor,
    architecture,
    device: name,
    description,
    featureLevel,
    limits: {
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
    },
  };
  device.lost.then((lost) => {
    if (lost.reason !== 'destroyed') console.error(`[@dl/gpu] the WebGPU device was lost: ${lost.message}`);
  });
  registerBackend(backend);
  active = { backend, info, options };
  return info;
}

/**
 * Whether a WebGPU adapter can be acquired here (true after a successful `init`). Never throws.
 * @example
 * if (await isWebGPUAvailable()) await init();
 */
export async function isWebGPUAvailable(options: AcquireOptions = {}): Promise<boolean> {
  if (active) return true;
  try {
    return (await requestAdapter(resolveOptions(options))) !== null;
  } catch {
    return false;
  }
}

/** The acquired device's description, or null before `init`. */
export function deviceInfo(): WebGPUDeviceInfo | null {
  return active?.info ?? null;
}

/** The registered backend (its runtime has pools, statistics and `flush`), or null before `init`. */
export function webgpuBackend(): WebGPUBackend | null {
  return active?.backend ?? null;
}

/**
 * Releases pooled GPU buffers (storage and readback staging) now; `memory().webgpu.bytesPooled`
 * drops to 0.
 * @example
 * trimPool();
 */
export function trimPool(): void {
  active?.backend.runtime.trimPools();
}

/**
 * GPU time per kernel label since `init({ profile: true })` or `resetKernelTimes()`, longest first,
 * once the submitted work has finished (it submits what is pending). Throws when profiling is off.
 * @example
 * await init({ profile: true });
 * trainStep();
 * console.table(await kernelTimes()); // [{ kernel: 'conv2d input gradient', dispatches: 1, milliseconds: 0.41 }, ...]
 */
export async function kernelTimes(): Promise<KernelTime[]> {
  const runtime = active?.backend.runtime;
  if (!runtime?.timer) throw new Error('kernelTimes: profiling is off; call init({ profile: true }) first (it needs timestamp-query)');
  runtime.flush();
  return runtime.timer.report();
}

/** Starts the kernel times of `kernelTimes()` from zero. */
export function resetKernelTimes(): void {
  active?.backend.runtime.timer?.reset();
}
