export interface AcquireOptions {
  powerPreference?: GPUPowerPreference;
  featureLevel?: 'core' | 'compatibility';
  /** Dawn toggles for the Node `webgpu` package, e.g. `['backend=opengles']`. Ignored in browsers. */
  dawnFlags?: string[];
}

export interface AcquiredDevice {
  adapter: GPUAdapter;
  device: GPUDevice;
  featureLevel: 'core' | 'compatibility';
}

const installHint =
  'no WebGPU adapter: in Node install the optional package `webgpu` (npm i webgpu); on a machine without a GPU ' +
  'set DL_WEBGPU_FLAGS=backend=opengles and DL_WEBGPU_FEATURE_LEVEL=compatibility (Mesa llvmpipe, with EGL_PLATFORM=surfaceless) ' +
  'or VK_ICD_FILENAMES pointing at a SwiftShader ICD and DL_WEBGPU_FLAGS=backend=vulkan';

/** Dawn's GPU objects, one per set of flags (creating an instance is expensive). */
const nodeInstances = new Map<string, GPU>();

/** `navigator.gpu` in browsers, else the `webgpu` package (Dawn) imported on demand. */
async function gpuEntryPoint(dawnFlags: readonly string[]): Promise<GPU> {
  const browserGpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (browserGpu) return browserGpu;
  const key = dawnFlags.join(',');
  const cached = nodeInstances.get(key);
  if (cached) return cached;
  let dawn: { create: (flags: string[]) => GPU; globals: object };
  try {
    // a variable specifier keeps bundlers from resolving the optional Node-only package
    const specifier = 'webgpu';
    dawn = await import(/* @vite-ignore */ specifier);
  } catch (error) {
    throw new Error(`${installHint} (importing 'webgpu' failed: ${(error as Error).message})`, { cause: error });
  }
  // GPUBufferUsage, GPUMapMode, GPUShaderStage, ... as browsers define them
  for (const [name, value] of Object.entries(dawn.globals)) if (!(name in globalThis)) Object.assign(globalThis, { [name]: value });
  const gpu = dawn.create([...dawnFlags]);
  nodeInstances.set(key, gpu);
  return gpu;
}

/** Limits worth raising to the adapter's maximum (compatibility defaults allow only 128 invocations). */
const raisedLimits = [
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeWorkgroupStorageSize',
  'maxStorageBuffersPerShaderStage',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupsPerDimension',
] as const;

/** An adapter, or null; never throws. */
export async function requestAdapter(
  options: AcquireOptions,
): Promise<{ adapter: GPUAdapter; featureLevel: 'core' | 'compatibility' } | null> {
  const gpu = await gpuEntryPoint(options.dawnFlags ?? []);
  const levels: ('core' | 'compatibility')[] = options.featureLevel ? [options.featureLevel] : ['core', 'compatibility'];
  for (const featureLevel of levels) {
    const adapter = await gpu.requestAdapter({ powerPreference: options.powerPreference, featureLevel } as GPURequestAdapterOptions);
    if (adapter) return { adapter, featureLevel };
  }
  return null;
}

/**
 * Requests an adapter and a device with the adapter's maximum compute limits and `features` (an
 * adapter without one of them is an error naming it and the adapter).
 */
export async function acquireDevice(options: AcquireOptions, features: readonly GPUFeatureName[] = []): Promise<AcquiredDevice> {
  const found = await requestAdapter(options);
  if (!found)
    throw new Error(
      `${installHint} (flags: [${(options.dawnFlags ?? []).join(', ')}], feature level: ${options.featureLevel ?? 'core, then compatibility'})`,
    );
  const { adapter, featureLevel } = found;
  const requiredLimits: Record<string, number> = {};
  for (const name of raisedLimits) {
    const value = (adapter.limits as unknown as Record<string, number | undefined>)[name];
    if (value !== undefined) requiredLimits[name] = value;
  }
  const missing = features.filter((feature) => !adapter.features.has(feature));
  if (missing.length > 0) {
    const { description, device: name, vendor } = adapter.info;
    throw new Error(
      `init: the adapter '${description || name || vendor}' (${featureLevel} feature level) lacks ${missing.map((feature) => `'${feature}'`).join(', ')}, ` +
        `which ${missing.includes('timestamp-query') ? '`profile: true` needs' : 'was asked for'}; ` +
        "SwiftShader and most Vulkan, Metal and D3D12 drivers have 'timestamp-query' (OpenGL ES does not)",
    );
  }
  const device = await adapter.requestDevice({ requiredLimits, requiredFeatures: [...features], label: '@dl/gpu' });
  return { adapter, device, featureLevel };
}
