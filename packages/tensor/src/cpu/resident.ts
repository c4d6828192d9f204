import type { Storage } from '../core/storage.js';
import {
  currentBuffer,
  holdsView,
  kernelInstanceIfMade,
  onKernelMemoryRelease,
  sharedKernelInstance,
  type KernelInstance,
} from './wasm/instance.js';

/**
 * Float32 tensors of 64 KiB to 64 MiB that live in the kernels' WebAssembly memory: their typed array
 * is a view of it,
 * so the WebAssembly kernels (matrix products, convolutions, recurrent layers, Adam) read and write
 * them where they are instead of copying them in and out (≈ 12 % of a CNN step when every operand
 * was copied). Only where that memory is shared (Node, cross-origin isolated pages): a shared memory's
 * old buffers stay valid when it grows, so a view taken once stays a view of the same bytes.
 *
 * Why there is a limit: the collector frees a typed array by itself, but a region of WebAssembly
 * memory only when code gives it back. A storage released by the library (a scope, backward, a
 * consumed graph, `dispose()`) gives its region back at once. One whose handles are dropped gives it
 * back when the safety net's callback settles its ledger, and a loop that never yields never gets
 * that callback. So at most `RESIDENT_CAPACITY_BYTES` live here; past that, new tensors are ordinary
 * typed arrays again (copied in and out, as before), and the memory such a loop holds stays bounded.
 * In a training loop the large tensors are activations, gradients and parameters, all released by
 * the library: the tutorial CNN's 15 large allocations per step are all given back within the step.
 *
 * `emptyCache()` drops the memory; the tensors still living in it are moved to ordinary typed
 * arrays first (same values, same tensors), so nothing keeps the old memory alive.
 */
const RESIDENT_MINIMUM_BYTES = 64 * 1024;
/**
 * Larger tensors stay ordinary arrays: their copies cost little next to the work on them, and they
 * are typically a dataset and its preprocessing (`images.sub(m).div(s)` makes a 188 MB temporary for
 * MNIST), whose dropped temporaries would each hold a region until the program yields.
 */
const RESIDENT_MAXIMUM_BYTES = 64 * 1024 * 1024;
const RESIDENT_CAPACITY_BYTES = 256 * 1024 * 1024;

/**
 * Storages living in the current memory, by address: what `emptyCache()` moves out. Only the current
 * memory's: `emptyCache()` clears every ledger's region when it moves them out, and a private memory
 * (the one the kernels start on) holds none.
 */
const residents = new Map<number, Storage>();

/** A float32 array of `size` elements in the kernels' memory, or null where it should be an ordinary one. */
export function allocateResident(size: number): Float32Array | null {
  const bytes = size * 4;
  if (bytes < RESIDENT_MINIMUM_BYTES || bytes > RESIDENT_MAXIMUM_BYTES) return null;
  const instance = sharedKernelInstance();
  if (instance === null || !instance.arena.fits(bytes, RESIDENT_CAPACITY_BYTES + instance.arena.scratchBytes)) return null;
  const address = instance.arena.allocate(bytes);
  return new Float32Array(currentBuffer(instance), address, size);
}

/** Whether `array` is a view of the kernels' current memory (its region is then freed through the ledger). */
export function isResident(array: ArrayBufferView): boolean {
  return residentInstance(array) !== null;
}

/** Records a new storage whose buffer lives in the kernels' memory (`Backend.adopt`, called for every storage). */
export function adoptResident(storage: Storage): void {
  const array = storage.buffer as ArrayBufferView;
  if (residentInstance(array) === null) return;
  storage.ledger.region = array.byteOffset;
  storage.ledger.releaseRegion = releaseRegion;
  residents.set(array.byteOffset, storage);
}

/** Bytes of freed regions waiting for reuse in the current memory. */
export function residentPooledBytes(): number {
  return kernelInstanceIfMade()?.arena.pooledBytes ?? 0;
}

function releaseRegion(address: number): void {
  residents.delete(address);
  kernelInstanceIfMade()!.arena.release(address);
}

/** The current instance when `array` is a view of its memory, else null; a size compare first, as every CPU allocation and free asks. */
function residentInstance(array: ArrayBufferView): KernelInstance | null {
  if (array.byteLength < RESIDENT_MINIMUM_BYTES) return null;
  const instance = kernelInstanceIfMade();
  return instance !== null && holdsView(instance, array) ? instance : null;
}

/** Before the memory is dropped: every tensor still in it gets an ordinary copy of its values. */
function moveOut(): void {
  for (const storage of residents.values()) {
    storage.buffer = (storage.buffer as Float32Array).slice();
    storage.ledger.region = -1;
    storage.ledger.releaseRegion = null;
  }
  residents.clear();
}

onKernelMemoryRelease(moveOut);
