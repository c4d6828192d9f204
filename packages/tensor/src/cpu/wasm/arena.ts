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
 *
 * Small regions (up to 32 KiB: most of a small model's tensors, its parameters and their gradients
 * and moments) come in power-of-two size classes from 64 bytes, and a freed one waits on its class's
 * stack for the next request of that class: taking and freeing one costs the same whatever number of
 * free blocks the large regions left, where best fit scans them all. A small region costs at most twice
 * its bytes, and is never merged back into the large ones.
 *
 * A region is given back with the bytes it was asked for (sized deallocation, as C++'s two-argument
 * `operator delete`): its owner knows them, so the arena keeps no table of regions. Such a table, a
 * Map with a set and a delete per small tensor, was reallocated by V8 as entries came and went, and
 * its tables were garbage that outlived young collections (bench/README.md).
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
  /** Blocks replaced during the current call, as [address, bytes] pairs flattened: still in use until the next call begins. */
  private readonly retiredScratch: number[] = [];
  /** Freed small regions by size class (64 B, 128 B, …, 32 KiB), each a stack of addresses. */
  private readonly smallFree: number[][] = Array.from({ length: SMALL_CLASSES }, () => []);
  /** Bytes in the small regions' stacks. */
  private smallFreeBytes = 0;

  /**
   * The memory's buffer object now. Growing replaces it (a shared memory's old ones stay valid), and only
   * this arena grows the memory, so it is refreshed there; reading `memory.buffer` calls into the engine.
   */
  buffer: ArrayBufferLike;
  /** The buffer objects growing replaced: views of them are views of this memory still. */
  private readonly pastBuffers = new WeakSet<ArrayBufferLike>();

  constructor(
    private readonly memory: WebAssembly.Memory,
    base: number,
  ) {
    this.top = alignUp(base);
    this.buffer = memory.buffer;
  }

  /** Whether `buffer` is one of this memory's buffer objects, now or before it grew: a view of it lives here. */
  holds(buffer: ArrayBufferLike): boolean {
    return buffer === this.buffer || this.pastBuffers.has(buffer);
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
    return this.freeBytes + this.smallFreeBytes;
  }

  /** The address of a region of at least `bytes` bytes, 64-byte aligned. */
  allocate(bytes: number): number {
    return this.allocateWithin(bytes, Number.POSITIVE_INFINITY);
  }

  /**
   * The address of a region of at least `bytes` bytes, 64-byte aligned, or −1 where it would take
   * the memory past `limit` bytes (no free region fits and the top is too high).
   */
  allocateWithin(bytes: number, limit: number): number {
    // the last guard of the memory every tensor shares: a size of NaN (a shape read from a missing
    // argument) once set `top` to NaN, and every later region was handed out at address 0
    if (!Number.isSafeInteger(bytes) || bytes < 0)
      throw new Error(`cpu allocate: cannot allocate ${bytes} bytes (a tensor's shape is not whole numbers)`);
    const size = regionSize(bytes);
    if (size <= LARGEST_SMALL_BYTES) {
      const address = this.smallFree[smallClass(size)]!.pop();
      if (address !== undefined) {
        this.smallFreeBytes -= size;
        return address;
      }
    }
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
      if (this.top + size > limit) return -1;
      address = this.top;
      this.top += size;
      this.ensure(this.top);
    }
    return address;
  }

  /** Gives back the region at `address` that `allocate(bytes)` handed out, for reuse, merged with free neighbours. */
  release(address: number, bytes: number): void {
    const size = regionSize(bytes);
    if (size <= LARGEST_SMALL_BYTES) {
      this.smallFree[smallClass(size)]!.push(address);
      this.smallFreeBytes += size;
      return;
    }
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
    const retired = this.retiredScratch;
    while (retired.length > 0) {
      const bytes = retired.pop()!;
      this.release(retired.pop()!, bytes);
    }
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
      this.top = this.scratchStart + wanted;
      this.ensure(this.top);
      this.scratchEnd = this.top;
      return;
    }
    if (current > 0) this.retiredScratch.push(this.scratchStart, current);
    this.scratchStart = this.allocate(wanted);
    this.scratchEnd = this.scratchStart + wanted;
    this.scratchUsed = 0;
  }

  /** Grows the memory so that bytes below `end` exist. */
  private ensure(end: number): void {
    const missing = end - this.buffer.byteLength;
    if (missing > 0) {
      this.memory.grow(Math.ceil(missing / PAGE_BYTES));
      this.pastBuffers.add(this.buffer);
      this.buffer = this.memory.buffer;
    }
  }
}

const PAGE_BYTES = 65536;
/** Regions start on cache-line boundaries. */
const ALIGNMENT_BYTES = 64;
const MINIMUM_SCRATCH_BYTES = 65536;

/** Small regions: classes of 64 · 2ᶜ bytes for c = 0 … 9, up to 32 KiB. */
const SMALL_CLASSES = 10;
const LARGEST_SMALL_BYTES = ALIGNMENT_BYTES << (SMALL_CLASSES - 1);

function alignUp(address: number): number {
  return Math.ceil(address / ALIGNMENT_BYTES) * ALIGNMENT_BYTES;
}

/** The bytes a request of `bytes` takes: its small class's size, or itself aligned when larger. */
function regionSize(bytes: number): number {
  const aligned = alignUp(Math.max(bytes, 1));
  return aligned <= LARGEST_SMALL_BYTES ? ALIGNMENT_BYTES << smallClass(aligned) : aligned;
}

/** The size class of a small region of `bytes` (a multiple of 64 up to 32 KiB): ⌈log₂(bytes / 64)⌉. */
function smallClass(bytes: number): number {
  return 32 - Math.clz32(bytes / ALIGNMENT_BYTES - 1);
}
