import { refuseArgumentsPast } from './options.js';
import { registeredDevices, getBackend } from './backend.js';
import { collectGarbage } from './collect-garbage.js';
import { registerWaitingCohorts } from './collection.js';
import { sharedState } from './shared-state.js';

/** Per-device counters behind `memory()`. */
export interface DeviceCounters {
  liveTensors: number;
  bytesInUse: number;
  bytesCached: number;
}

/** Shared by every copy of @dl/tensor in the process, so `memory()` counts every copy's tensors. */
const counters = sharedState('memoryCounters@1', () => new Map<string, DeviceCounters>());

/** The device's counters; one object per device for the process's life, so storages keep a reference to it. */
export function countersFor(device: string): DeviceCounters {
  let entry = counters.get(device);
  if (!entry) counters.set(device, (entry = { liveTensors: 0, bytesInUse: 0, bytesCached: 0 }));
  return entry;
}

export interface DeviceMemory {
  /** Tensor handles neither disposed nor garbage-collected (views and saved-for-backward aliases count). */
  liveTensors: number;
  /** Bytes of buffers referenced by some tensor. */
  bytesInUse: number;
  /** Bytes the backend keeps for reuse (freed buffers waiting for an allocation of their size). */
  bytesPooled: number;
  /** Bytes of the scalar constants ops share (`x.mul(0.5)`'s 0.5; at most 1,024 per process). */
  bytesCached: number;
}

/**
 * What is alive, per device.
 * @example
 * const before = memory().cpu.liveTensors;
 * scope(() => tensor([1, 2]).mul(2));
 * memory().cpu.liveTensors === before; // true
 */
export function memory(): Record<string, DeviceMemory> {
  if (arguments.length > 0) refuseArgumentsPast('memory', [], arguments);
  const report: Record<string, DeviceMemory> = {};
  for (const device of new Set([...registeredDevices(), ...counters.keys()])) {
    const { liveTensors, bytesInUse, bytesCached } = countersFor(device);
    let bytesPooled = 0;
    try {
      bytesPooled = getBackend(device).pooledBytes?.() ?? 0;
    } catch {
      // a device whose backend was unregistered still reports its counters
    }
    report[device] = { liveTensors, bytesInUse, bytesPooled, bytesCached };
  }
  return report;
}

/** What `emptyCache()` asks first, with its device (all when undefined): caches above the backends drop their tensors. */
const emptyCacheHooks: ((device: string | undefined) => void)[] = [];

/** Internal: `hook` runs at the start of every `emptyCache()` (ops/scalar.ts drops its constants). */
export function onEmptyCache(hook: (device: string | undefined) => void): void {
  emptyCacheHooks.push(hook);
}

/**
 * Returns the buffers backends keep for reuse to the system (PyTorch's `torch.cuda.empty_cache`), on
 * one device or all: pooled buffers, the scalar constants ops share (`bytesCached`; made again when
 * next needed), and on the CPU the WebAssembly module's memory, which only grows otherwise (the
 * tensors living in it move to ordinary arrays, same values). In Node it then runs a full garbage
 * collection so that the engine really frees them (see collect-garbage.ts); in browsers they go with
 * the collector's next run. Live tensors are not affected; handles dropped without a release leave
 * `memory()`'s counts once the event loop has turned after the collection.
 * @example
 * emptyCache();
 * memory().cpu.bytesPooled; // 0
 */
export function emptyCache(device?: string): void {
  if (arguments.length > 1) refuseArgumentsPast('emptyCache', ['device'], arguments);
  for (const hook of emptyCacheHooks) hook(device);
  for (const name of device === undefined ? registeredDevices() : [device]) getBackend(name, 'emptyCache').emptyPool?.();
  // handles dropped recently are settled by the callbacks after this collection, not 1,024 handles later
  registerWaitingCohorts();
  collectGarbage();
}
