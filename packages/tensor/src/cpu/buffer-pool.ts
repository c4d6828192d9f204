import { allocateTypedArray, bytesPerElement, typedArrayConstructors, type DType, type TypedArray } from '../core/dtype.js';

/**
 * Typed arrays freed by tensors, kept for reuse by the next allocation of the same dtype and length.
 * Allocating (and zero-filling) a fresh ArrayBuffer is a large share of a small op's cost, and a
 * training step allocates the same sizes every time. For large arrays the cost is the operating
 * system's: every 4 KiB page of a fresh buffer faults on its first write (on this project's CI
 * machines ≈ 30 µs each, so the 150 MB activation of a CNN forward at batch 1,000 took a second to
 * write, and the whole forward 3–6 s instead of 0.6–0.8 s).
 *
 * Bounded: freed arrays are kept while the pool holds at most `max(minimumCapacity, 2 · peak)` bytes,
 * where `peak` is the most bytes the device's tensors have held at once since the pool was last
 * emptied. A forward pass frees its working set at the end of the call and allocates it again in
 * the next; twice the peak leaves room for the other frees of a step, so a steady loop reuses its own
 * buffers, and memory stays within three times the program's own high-water mark (`emptyCache()`
 * gives it all back). Beyond that freed arrays are left to the garbage collector.
 *
 * Small arrays that the pool cannot serve (a loop that never disposes frees its handles only when the
 * garbage collector runs) are cut from a shared slab instead of getting an ArrayBuffer each: a fresh
 * 512-byte ArrayBuffer measured ~600 ns (backing store, zeroing, external-memory accounting that
 * also brings garbage collections forward), a view on a slab ~65 ns. The price: a slab stays
 * allocated while any array cut from it is alive, so slabs are small and only small arrays share them.
 */
const SLAB_BYTES = 16 * 1024;
/** Larger arrays get their own ArrayBuffer (the allocation is then small next to the op's loop). */
const LARGEST_SLICE_BYTES = 2048;
/** V8 keeps typed arrays of at most 64 bytes inside the JavaScript heap: already cheap, no slab needed. */
const ON_HEAP_BYTES = 64;
/** Slices start on 8-byte boundaries, which every dtype's typed array (float64 included) accepts. */
const SLICE_ALIGNMENT = 8;

export class BufferPool {
  // per dtype, then per length: two lookups on small Maps instead of building a "dtype:length" key
  // string on every allocation and free
  private readonly free = new Map<DType, Map<number, TypedArray[]>>();
  private pooled = 0;
  private slab = new ArrayBuffer(0);
  private slabUsed = 0;

  /** The most bytes in use at once (reported by the backend at each allocation) since the last `clear()`. */
  private peakInUse = 0;

  constructor(private readonly minimumCapacity = 64 * 1024 * 1024) {}

  /** The backend's bytes in use right after an allocation: raises the bound if it is a new high. */
  noteBytesInUse(bytes: number): void {
    if (bytes > this.peakInUse) this.peakInUse = bytes;
  }

  /** A typed array of `size` elements; its contents are unspecified (kernels overwrite it). */
  take(dtype: DType, size: number): TypedArray {
    const reused = this.free.get(dtype)?.get(size)?.pop();
    if (reused) {
      this.pooled -= reused.byteLength;
      return reused;
    }
    return this.fresh(dtype, size);
  }

  /** A zero-filled array that no freed one could serve: its own ArrayBuffer, or a slice of the slab when small. */
  private fresh(dtype: DType, size: number): TypedArray {
    const bytes = size * bytesPerElement(dtype);
    if (bytes <= ON_HEAP_BYTES || bytes > LARGEST_SLICE_BYTES) return allocateTypedArray(dtype, size);
    const slice = Math.ceil(bytes / SLICE_ALIGNMENT) * SLICE_ALIGNMENT;
    if (this.slabUsed + slice > this.slab.byteLength) {
      this.slab = new ArrayBuffer(SLAB_BYTES);
      this.slabUsed = 0;
    }
    const array = new typedArrayConstructors[dtype](this.slab, this.slabUsed, size);
    this.slabUsed += slice;
    return array;
  }

  give(array: TypedArray, dtype: DType): void {
    if (array.length === 0 || this.pooled + array.byteLength > Math.max(this.minimumCapacity, 2 * this.peakInUse)) return;
    let bySize = this.free.get(dtype);
    if (!bySize) this.free.set(dtype, (bySize = new Map()));
    let list = bySize.get(array.length);
    if (!list) bySize.set(array.length, (list = []));
    list.push(array);
    this.pooled += array.byteLength;
  }

  get bytes(): number {
    return this.pooled;
  }

  /** Drops every pooled array (for `memory()`-driven trimming and tests). */
  clear(): void {
    this.free.clear();
    this.pooled = 0;
    this.peakInUse = 0;
    // the current slab goes with its last array
    this.slab = new ArrayBuffer(0);
    this.slabUsed = 0;
  }
}
