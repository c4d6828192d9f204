// The devices the training examples run on, and their setup. This folder is not a package and has no
// node_modules, so it imports no @dl package: bare names resolve from the importing file's folder.
// Each example passes in `init` from its own @dl/gpu dependency.

/** The values `--device` accepts. */
export const devices = ['cpu', 'webgpu'];

/**
 * Throws for a device the examples do not know (no silent fallback to the CPU); awaits `init()` for
 * WebGPU, which registers the 'webgpu' device with @dl/tensor. Returns the device.
 * @param {string} device
 * @param {{ init: () => Promise<unknown> }} gpu `import * as gpu from '@dl/gpu'`, or `{ init }`
 * @returns {Promise<string>}
 * @example
 * import { init } from '@dl/gpu';
 * await prepareDevice('webgpu', { init });
 */
export async function prepareDevice(device, { init }) {
  if (!devices.includes(device)) throw new Error(`unknown device '${device}': use one of ${devices.join(', ')}`);
  if (device === 'webgpu') await init();
  return device;
}

/**
 * The batches of `loader`, each moved to `device` as it is taken (PyTorch's `batch.to(device)` inside
 * the loop), for code that takes a loader, such as `GanTrainer.fit`. Iterable again at every epoch, as
 * the loader is.
 * @param {AsyncIterable<import('@dl/tensor').Tensor[]> | Iterable<import('@dl/tensor').Tensor[]>} loader
 * @param {string} device
 * @returns {AsyncIterable<import('@dl/tensor').Tensor[]>}
 */
export function batchesOn(loader, device) {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const batch of loader) yield batch.map((tensor) => tensor.to(device));
    },
  };
}
