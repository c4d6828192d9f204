import type { Storage } from '../core/storage.js';
import { holdsView, kernelInstanceIfMade, onKernelMemoryRelease, sharedKernelInstance, type KernelInstance } from './wasm/instance.js';

/**
 * Float32 tensors of up to 64 MiB that live in the kernels' WebAssembly memory: their typed array is
 * a view of it, so the WebAssembly kernels (matrix products, convolutions, recurrent layers, Adam,
 * the elementwise and row kernels) read and write them where they are instead of copying them in and
 * out (≈ 12 % of a CNN step when every operand was copied). Small ones too (their regions come from
 * the arena's size classes): a small model's every op copied its operands in and its result out,
 * and ran the copy path's code besides (the moons MLP: 9 % of a steady epoch, 15 % of one in V8's
 * warm-up, bench/README.md). Only where that memory is shared (Node, cross-origin isolated pages): a
 * shared memory's old buffers stay valid when it grows, so a view taken once stays a view of the same
 * bytes.
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
/**
 * Larger tensors stay ordinary arrays: their copies cost little next to the work on them, and they
 * are typically a dataset and its preprocessing (`images.sub(m).div(s)` makes a 188 MB temporary for
 * MNIST), whose dropped temporaries would each hold a region until the program yields.
 */
const RESIDENT_MAXIMUM_BYTES = 64 * 1024 * 1024;
const RESIDENT_CAPACITY_BYTES = 256 * 1024 * 1024;

/**
 * Storages living in the current memory, each in a numbered slot (the number its ledger carries as
 * `region`): what `emptyCache()` moves out, and how a freed storage finds its region. Only the
 * current memory's: `emptyCache()` clears every ledger's region when it moves them out, and a
 * private memory (the one the kernels start on) holds none.
 *
 * Why slots and not a Map keyed by address: every CPU tensor of a small model lives here, so a Map
 * would take a set and a delete per tensor, and V8 reallocates a Map's table as entries come and go.
 * Those tables survived young collections and died in the old generation: the moons loop's heap grew
 * by 28 MiB over 9,000 steps (bench/README.md). A slot array of the largest number of storages ever
 * live at once, with a stack of the free slots, allocates nothing once it has that size.
 */
const residents: (Storage | null)[] = [];
const freeSlots: number[] = [];

/** A float32 array of `size` elements in the kernels' memory, or null where it should be an ordinary one. */
export function allocateResident(size: number): Float32Array | null {
  const bytes = size * 4;
  if (bytes === 0 || bytes > RESIDENT_MAXIMUM_BYTES) return null;
  const instance = sharedKernelInstance();
  if (instance === null) return null;
  const address = instance.arena.allocateWithin(bytes, RESIDENT_CAPACITY_BYTES + instance.arena.scratchBytes);
  return address < 0 ? null : new Float32Array(instance.arena.buffer, address, size);
}

/** Whether `array` is a view of the kernels' current memory (its region is then freed through the ledger). */
export function isResident(array: ArrayBufferView): boolean {
  return residentInstance(array) !== null;
}

/** Records a new storage whose buffer lives in the kernels' memory (`Backend.adopt`, called for every storage). */
export function adoptResident(storage: Storage): void {
  if (residentInstance(storage.buffer as ArrayBufferView) === null) return;
  const slot = freeSlots.length > 0 ? freeSlots.pop()! : residents.length;
  residents[slot] = storage;
  storage.ledger.region = slot;
  storage.ledger.releaseRegion = releaseRegion;
}

/** Bytes of freed regions waiting for reuse in the current memory. */
export function residentPooledBytes(): number {
  return kernelInstanceIfMade()?.arena.pooledBytes ?? 0;
}

/** The ledger of the storage in `slot` is settled: its region goes back to the arena, the slot to the free ones. */
function releaseRegion(slot: number): void {
  const array = residents[slot]!.buffer as Float32Array;
  residents[slot] = null;
  freeSlots.push(slot);
  kernelInstanceIfMade()!.arena.release(array.byteOffset, array.byteLength);
}

/** The current instance when `array` is a view of its memory, else null. */
function residentInstance(array: ArrayBufferView): KernelInstance | null {
  // a region never starts at 0 (the module's static data is there); and asking a small ordinary
  // array (kept in the engine's heap) for its buffer would move its elements out of the heap
  if (array.byteOffset === 0) return null;
  const instance = kernelInstanceIfMade();
  return instance !== null && holdsView(instance, array) ? instance : null;
}

/** Before the memory is dropped: every tensor still in it gets an ordinary copy of its values. */
function moveOut(): void {
  for (const storage of residents) {
    if (storage === null) continue;
    storage.buffer = (storage.buffer as Float32Array).slice();
    storage.ledger.region = -1;
    storage.ledger.releaseRegion = null;
  }
  residents.length = 0;
  freeSlots.length = 0;
}

onKernelMemoryRelease(moveOut);
