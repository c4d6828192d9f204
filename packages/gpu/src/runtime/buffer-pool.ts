import type { DeviceBytes } from './device-bytes.js';
import { sizeClass } from './size-class.js';

/**
 * GPU buffers of one usage kept for reuse, keyed by size class. The pool is bounded: when it would
 * hold more than `limitBytes`, the least recently returned buffers are destroyed (a pool that never
 * shrinks is what TensorFlow.js got wrong).
 */
export class BufferPool {
  private readonly free = new Map<number, GPUBuffer[]>();
  /** Insertion order doubles as recency: the first entries are the oldest. */
  private readonly order = new Set<GPUBuffer>();
  private bytes = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly usage: GPUBufferUsageFlags,
    private readonly label: string,
    public limitBytes: number,
    private readonly deviceBytes?: DeviceBytes,
  ) {}

  /** A buffer of at least `bytes` (its size is the size class), reused when one is free. */
  acquire(bytes: number): GPUBuffer {
    const capacity = sizeClass(bytes);
    const reusable = this.free.get(capacity)?.pop();
    if (reusable) {
      this.order.delete(reusable);
      this.bytes -= capacity;
      return reusable;
    }
    this.deviceBytes?.created(capacity);
    return this.device.createBuffer({ size: capacity, usage: this.usage, label: `${this.label} ${capacity}B` });
  }

  /** Takes a buffer back; the caller guarantees no unsubmitted command still uses it. */
  release(buffer: GPUBuffer): void {
    const capacity = buffer.size;
    let list = this.free.get(capacity);
    if (!list) this.free.set(capacity, (list = []));
    list.push(buffer);
    this.order.add(buffer);
    this.bytes += capacity;
    this.trim(this.limitBytes);
  }

  /** Destroys the oldest pooled buffers until at most `keepBytes` remain. */
  trim(keepBytes = 0): void {
    for (const buffer of this.order) {
      if (this.bytes <= keepBytes) return;
      const list = this.free.get(buffer.size)!;
      list.splice(list.indexOf(buffer), 1);
      this.order.delete(buffer);
      this.bytes -= buffer.size;
      this.deviceBytes?.destroyed(buffer.size);
      buffer.destroy();
    }
  }

  get pooledBytes(): number {
    return this.bytes;
  }
}
