import { describe, expect, it } from 'vitest';
import { Arena } from './arena.js';

const KiB = 1024;
const base = 4096;

function arena(): { arena: Arena; memory: WebAssembly.Memory } {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1024 });
  return { arena: new Arena(memory, base), memory };
}

describe('the kernels memory arena', () => {
  it('hands out aligned regions that do not overlap, growing the memory as needed', () => {
    const { arena: a, memory } = arena();
    const regions = [100, 200 * KiB, 3, 5 * KiB * KiB].map((bytes) => [a.allocate(bytes), bytes] as const);
    for (const [address] of regions) expect(address % 64).toBe(0);
    const sorted = [...regions].sort((x, y) => x[0] - y[0]);
    for (let index = 1; index < sorted.length; index++)
      expect(sorted[index]![0]).toBeGreaterThanOrEqual(sorted[index - 1]![0] + sorted[index - 1]![1]);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(a.size);
  });

  it('reuses a freed block for a smaller request, and merges neighbours freed apart', () => {
    const { arena: a } = arena();
    const first = a.allocate(256 * KiB);
    const second = a.allocate(256 * KiB);
    const guard = a.allocate(64); // keeps the two below the top
    a.release(first, 256 * KiB);
    a.release(second, 256 * KiB);
    expect(a.pooledBytes).toBe(512 * KiB);
    // one merged block of 512 KiB serves a request no single region could have
    expect(a.allocate(400 * KiB)).toBe(first);
    expect(a.pooledBytes).toBe(112 * KiB);
    // and the rest serves the next one, best fit before the top
    expect(a.allocate(100 * KiB)).toBe(first + 400 * KiB);
    // a small request takes what is left of it (12 KiB), not new memory past the guard
    expect(a.allocate(64)).toBe(first + 500 * KiB);
    expect(guard).toBe(first + 512 * KiB);
  });

  it('takes the smallest free block that fits', () => {
    const { arena: a } = arena();
    const large = a.allocate(512 * KiB);
    a.allocate(64);
    const small = a.allocate(128 * KiB);
    a.allocate(64);
    a.release(large, 512 * KiB);
    a.release(small, 128 * KiB);
    expect(a.allocate(100 * KiB)).toBe(small);
  });

  it('lowers the top when the last region is freed, so growing requests start there again', () => {
    const { arena: a } = arena();
    const size = a.size;
    const region = a.allocate(1024 * KiB);
    a.release(region, 1024 * KiB);
    expect(a.size).toBe(size);
    expect(a.pooledBytes).toBe(0);
    expect(a.allocate(2048 * KiB)).toBe(region);
  });

  it("keeps a call's scratch until the next call begins, even when a larger block replaces it", () => {
    const { arena: a } = arena();
    a.beginCall();
    const early = a.reserveScratch(100 * KiB);
    a.allocate(64 * KiB); // a tensor above the block: the block cannot grow in place
    const late = a.reserveScratch(300 * KiB);
    expect(late < early || late >= early + 100 * KiB).toBe(true);
    const inUse = a.pooledBytes;
    a.beginCall(); // the old block (100 KiB, the first request's size) is free now
    expect(a.pooledBytes - inUse).toBe(100 * KiB);
  });

  it('serves small requests from power-of-two classes, reusing a freed region of the same class at once', () => {
    const { arena: a } = arena();
    const first = a.allocate(100); // class 128
    const neighbour = a.allocate(100);
    expect(neighbour).toBe(first + 128);
    a.release(first, 100);
    expect(a.pooledBytes).toBe(128);
    expect(a.allocate(200)).not.toBe(first); // class 256: another class's stack
    expect(a.allocate(65)).toBe(first); // class 128 again: the freed region
    expect(a.pooledBytes).toBe(0);
  });

  it('never merges small regions: two freed neighbours stay two regions of their class', () => {
    const { arena: a } = arena();
    const left = a.allocate(64);
    const right = a.allocate(64);
    a.allocate(64 * KiB); // keeps them below the top
    a.release(left, 64);
    a.release(right, 64);
    expect(a.pooledBytes).toBe(128);
    const pair = a.allocate(128);
    expect(pair === left || pair === right).toBe(false);
    expect([a.allocate(64), a.allocate(64)].sort((x, y) => x - y)).toEqual([left, right]);
  });

  it('counts a small region at its class size, up to 32 KiB; larger ones at their own aligned size', () => {
    const { arena: a } = arena();
    const small = a.allocate(32 * KiB - 100); // class 32 KiB
    a.allocate(64 * KiB);
    a.release(small, 32 * KiB - 100);
    expect(a.pooledBytes).toBe(32 * KiB);
    const large = a.allocate(32 * KiB + 1); // not a class: 32 KiB + 64 bytes
    a.allocate(64);
    a.release(large, 32 * KiB + 1);
    expect(a.pooledBytes).toBe(32 * KiB + 32 * KiB + 64);
  });

  it('allocateWithin refuses what would take the memory past the limit, and serves it from freed regions', () => {
    const { arena: a } = arena();
    const start = a.size;
    const region = a.allocate(256 * KiB);
    a.allocate(64); // keeps the region below the top
    expect(a.allocateWithin(512 * KiB, start + 512 * KiB)).toBe(-1);
    expect(a.size).toBe(start + 256 * KiB + 64); // nothing taken
    a.release(region, 256 * KiB);
    expect(a.allocateWithin(200 * KiB, a.size)).toBe(region); // a freed block fits: no growth needed
    const small = a.allocate(100);
    a.release(small, 100);
    expect(a.allocateWithin(100, 0)).toBe(small); // its size class's freed region
  });

  it('holds the buffer objects of its memory, the current one and those growing replaced, and no other', () => {
    const { arena: a, memory } = arena();
    const before = memory.buffer;
    a.allocate(200 * KiB); // past the one page the memory starts with: it grows
    expect(memory.buffer).not.toBe(before);
    expect(a.buffer).toBe(memory.buffer);
    expect(a.holds(memory.buffer)).toBe(true);
    expect(a.holds(before)).toBe(true);
    expect(a.holds(new ArrayBuffer(8))).toBe(false);
  });
});
