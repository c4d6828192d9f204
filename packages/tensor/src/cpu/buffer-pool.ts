import { allocateTypedArray, type DType, type TypedArray } from '../core/dtype.js';

/**
 * Typed arrays freed by tensors, kept for reuse by the next allocation of the same dtype and length.
 * Allocating (and zero-filling) a fresh ArrayBuffer is a large share of a small op's cost, and a
 * training step allocates the same sizes every time. Bounded: beyond `capacityBytes` freed arrays are
 * left to the garbage collector.
 */
export class BufferPool {
  private readonly free = new Map<string, TypedArray[]>();
  private pooled = 0;

  constructor(private readonly capacityBytes = 64 * 1024 * 1024) {}

  /** A typed array of `size` elements; its contents are unspecified (kernels overwrite it). */
  take(dtype: DType, size: number): TypedArray {
    const list = this.free.get(key(dtype, size));
    const reused = list?.pop();
    if (reused) {
      this.pooled -= reused.byteLength;
      return reused;
    }
    return allocateTypedArray(dtype, size);
  }

  give(array: TypedArray, dtype: DType): void {
    if (array.length === 0 || this.pooled + array.byteLength > this.capacityBytes) return;
    const slot = key(dtype, array.length);
    let list = this.free.get(slot);
    if (!list) this.free.set(slot, (list = []));
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
  }
}

function key(dtype: DType, size: number): string {
  return `${dtype}:${size}`;
}
