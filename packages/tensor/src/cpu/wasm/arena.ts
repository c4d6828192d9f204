/**
 * The layout of the kernels' WebAssembly memory above the module's static data: regions for two kinds
 * of tenant.
 *
 * - **Resident buffers**: float32 tensors whose typed array is a view of this memory, so that kernels
 *   read and write them in place (cpu/resident.ts). Each lives until its storage is freed.
 * - **Call scratch**: what one kernel call lays out (`CallFrame`): packed panels, copies of operands
 *   that are not resident, workspaces. A call's scratch is free again when the next call begins (the
 *   kernels are synchronous and never nest), so it comes from one block that is reused by every call
 *   and replaced by a larger one when a call needs more.
 *
 * A WebAssembly memory grows but never shrinks, so what is freed must serve later requests of any
 * size: free blocks are kept in address order, a request takes the smallest one that fits (best fit)
 * and leaves the rest free, and a freed region merges with free neighbours. Without that, the
 * temporaries of one large op (`randn` of a 20 MB dataset frees five 20–40 MB draws) stayed as
 * regions no training step could use, and the memory grew by their size. A free block at the top
 * lowers the top, so growing requests reuse it too.
 */
export class Arena {
  /** First byte never handed out: a request no free block fits is served here (growing the memory). */
  private top: number;
  /** Free blocks in address order, as [address, bytes] pairs flattened: [a0, b0, a1, b1, …]. */
  private readonly freeBlocks: number[] = [];
  /** Bytes in the free blocks. */
  private freeBytes = 0;
  /** The block call scratch is taken from, and how much of it the current call uses. */
  private scratchStart = 0;
  private scratchEnd = 0;
  private scratchUsed = 0;
  /** Blocks replaced during the current call: still in use until the next call begins. */
  private readonly retiredScratch: number[] = [];
  /** Bytes of every region handed out, by address. */
  private readonly regionBytes = new Map<number, number>();

  constructor(
    private readonly memory: WebAssembly.Memory,
    base: number,
  ) {
    this.top = alignUp(base);
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
    return this.bestFit(alignUp(bytes)) >= 0 || this.top + alignUp(bytes) <= limit;
  }

  /** The address of a region of at least `bytes` bytes, 64-byte aligned. */
  allocate(bytes: number): number {
    const size = alignUp(Math.max(bytes, 1));
    const index = this.bestFit(size);
    let address: number;
    if (index >= 0) {
      const blocks = this.freeBlocks;
      address = blocks[index]!;
      const rest = blocks[index + 1]! - size;
      if (rest > 0) {
        blocks[index] = address + size;
        blocks[index + 1] = rest;
      } else blocks.splice(index, 2);
      this.freeBytes -= size;
    } else {
      address = this.top;
      this.top += size;
      this.ensure(this.top);
    }
    this.regionBytes.set(address, size);
    return address;
  }

  /** Gives a region back for reuse, merged with free neighbours. */
  release(address: number): void {
    const size = this.regionBytes.get(address);
    if (size === undefined) throw new Error(`kernel memory: no region at address ${address} to release`);
    this.regionBytes.delete(address);
    this.freeBytes += size;
    const blocks = this.freeBlocks;
    // the first free block after this region
    let index = 0;
    while (index < blocks.length && blocks[index]! < address) index += 2;
    let start = address;
    let end = address + size;
    if (index < blocks.length && blocks[index] === end) {
      end += blocks[index + 1]!;
      blocks.splice(index, 2);
    }
    if (index > 0 && blocks[index - 2]! + blocks[index - 1]! === start) {
      index -= 2;
      start = blocks[index]!;
      blocks.splice(index, 2);
    }
    if (end === this.top) {
      // the top block goes back to the top: a request of any size grows from here again
      this.top = start;
      this.freeBytes -= end - start;
    } else blocks.splice(index, 0, start, end - start);
  }

  /** The index in `freeBlocks` of the smallest free block of at least `size` bytes, or −1. */
  private bestFit(size: number): number {
    const blocks = this.freeBlocks;
    let best = -1;
    for (let index = 0; index < blocks.length; index += 2) {
      const bytes = blocks[index + 1]!;
      if (bytes >= size && (best < 0 || bytes < blocks[best + 1]!)) best = index;
    }
    return best;
  }

  /** A new kernel call begins: the previous call's scratch is free again. */
  beginCall(): void {
    this.scratchUsed = 0;
    while (this.retiredScratch.length > 0) this.release(this.retiredScratch.pop()!);
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
    // at least doubled: a call that needs a little more each time must not move its block each time
    const wanted = alignUp(Math.max(2 * current, this.scratchUsed + needed, MINIMUM_SCRATCH_BYTES));
    if (current > 0 && this.scratchEnd === this.top) {
      this.regionBytes.set(this.scratchStart, wanted);
      this.top = this.scratchStart + wanted;
      this.ensure(this.top);
      this.scratchEnd = this.top;
      return;
    }
    if (current > 0) this.retiredScratch.push(this.scratchStart);
    this.scratchStart = this.allocate(wanted);
    this.scratchEnd = this.scratchStart + wanted;
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
const MINIMUM_SCRATCH_BYTES = 65536;

function alignUp(address: number): number {
  return Math.ceil(address / ALIGNMENT_BYTES) * ALIGNMENT_BYTES;
}
