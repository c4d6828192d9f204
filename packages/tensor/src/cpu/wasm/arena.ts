/**
 * The layout of the kernels' WebAssembly memory above the module's static data: regions handed out
 * by size class, for two kinds of tenant.
 *
 * - **Resident buffers**: float32 tensors whose typed array is a view of this memory, so that kernels
 *   read and write them in place (cpu/resident.ts). Each lives until its storage is freed.
 * - **Call scratch**: what one kernel call lays out (`CallFrame`): packed panels, copies of operands
 *   that are not resident, workspaces. A call's scratch is free again when the next call begins (the
 *   kernels are synchronous and never nest), so it comes from one block that is reused by every call
 *   and replaced by a larger one when a call needs more.
 *
 * A WebAssembly memory grows but never shrinks, so freed regions wait in per-class free lists for the
 * next request of their class. Classes are a power of two and its 1¼, 1½ and 1¾ multiples (at least
 * 64 KiB): a region wastes at most a fifth of itself, and a loop whose sizes vary a little (the last
 * batch of an epoch, packed sequences) reuses its regions instead of growing the memory.
 */
export class Arena {
  /** First byte never handed out: regions come from free lists, else from here (growing the memory). */
  private top: number;
  private readonly freeRegions = new Map<number, number[]>();
  /** Bytes in the free lists. */
  private freeBytes = 0;
  /** The block call scratch is taken from, and how much of it the current call uses. */
  private scratchStart = 0;
  private scratchEnd = 0;
  private scratchUsed = 0;
  /** Blocks replaced during the current call: still in use until the next call begins. */
  private readonly retiredScratch: number[] = [];
  /** Class size of every region handed out, by address. */
  private readonly regionBytes = new Map<number, number>();

  constructor(
    private readonly memory: WebAssembly.Memory,
    base: number,
  ) {
    this.top = alignUp(base);
  }

  /** Bytes of the region that serves a request of `bytes` (its size class). */
  static classBytes(bytes: number): number {
    if (bytes <= MINIMUM_REGION_BYTES) return MINIMUM_REGION_BYTES;
    const step = 2 ** (Math.floor(Math.log2(bytes)) - 2);
    return Math.ceil(bytes / step) * step;
  }

  /** Bytes the memory holds above the static data (regions in use, free, and scratch). */
  get size(): number {
    return this.top;
  }

  /** Bytes of the block call scratch is taken from. */
  get scratchBytes(): number {
    return this.scratchEnd - this.scratchStart;
  }

  /** Bytes of scratch the current (or last) call reserved in its block. */
  get scratchInUse(): number {
    return this.scratchUsed;
  }

  /** Bytes of freed regions waiting for reuse. */
  get pooledBytes(): number {
    return this.freeBytes;
  }

  /** Whether a region of `bytes` can be had without the memory holding more than `limit` bytes. */
  fits(bytes: number, limit: number): boolean {
    const size = Arena.classBytes(bytes);
    return (this.freeRegions.get(size)?.length ?? 0) > 0 || this.top + size <= limit;
  }

  /** The address of a region of at least `bytes` bytes, 64-byte aligned. */
  allocate(bytes: number): number {
    const size = Arena.classBytes(bytes);
    const reused = this.freeRegions.get(size)?.pop();
    let address: number;
    if (reused !== undefined) {
      this.freeBytes -= size;
      address = reused;
    } else {
      address = this.top;
      this.top += size;
      this.ensure(this.top);
    }
    this.regionBytes.set(address, size);
    return address;
  }

  /** Gives a region back for reuse. */
  release(address: number): void {
    const size = this.regionBytes.get(address);
    if (size === undefined) throw new Error(`kernel memory: no region at address ${address} to release`);
    this.regionBytes.delete(address);
    let list = this.freeRegions.get(size);
    if (list === undefined) this.freeRegions.set(size, (list = []));
    list.push(address);
    this.freeBytes += size;
  }

  /** A new kernel call begins: the previous call's scratch is free again. */
  beginCall(): void {
    this.scratchUsed = 0;
    for (const block of this.retiredScratch.splice(0)) this.release(block);
  }

  /** The address of `bytes` bytes of scratch for the current call, 64-byte aligned. */
  reserveScratch(bytes: number): number {
    const size = alignUp(bytes);
    if (this.scratchStart + this.scratchUsed + size > this.scratchEnd) this.replaceScratch(size);
    const address = this.scratchStart + this.scratchUsed;
    this.scratchUsed += size;
    return address;
  }

  /**
   * A larger scratch block: the current one grows in place when it is the last region of the memory,
   * else a new block takes over (the old one still holds this call's earlier regions, so it is freed
   * when the next call begins).
   */
  private replaceScratch(needed: number): void {
    const current = this.scratchEnd - this.scratchStart;
    const wanted = Arena.classBytes(Math.max(2 * current, this.scratchUsed + needed));
    if (current > 0 && this.scratchEnd === this.top) {
      this.regionBytes.set(this.scratchStart, wanted);
      this.top = this.scratchStart + wanted;
      this.ensure(this.top);
      this.scratchEnd = this.top;
      return;
    }
    if (current > 0) this.retiredScratch.push(this.scratchStart);
    const block = this.allocate(Math.max(wanted, Arena.classBytes(needed)));
    this.scratchStart = block;
    this.scratchEnd = block + this.regionBytes.get(block)!;
    this.scratchUsed = 0;
  }

  /** Grows the memory so that bytes below `end` exist. */
  private ensure(end: number): void {
    const missing = end - this.memory.buffer.byteLength;
    if (missing > 0) this.memory.grow(Math.ceil(missing / PAGE_BYTES));
  }
}

const PAGE_BYTES = 65536;
/** Regions start on cache-line boundaries. */
const ALIGNMENT_BYTES = 64;
const MINIMUM_REGION_BYTES = 65536;

function alignUp(address: number): number {
  return Math.ceil(address / ALIGNMENT_BYTES) * ALIGNMENT_BYTES;
}
