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
    a.release(first);
    a.release(second);
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
    a.release(large);
    a.release(small);
    expect(a.allocate(100 * KiB)).toBe(small);
  });

  it('lowers the top when the last region is freed, so growing requests start there again', () => {
    const { arena: a } = arena();
    const size = a.size;
    const region = a.allocate(1024 * KiB);
    a.release(region);
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
    a.beginCall(); // the old block is free now
    expect(a.pooledBytes).toBeGreaterThan(inUse);
    expect(() => a.release(12345)).toThrow(/no region at address 12345/);
  });
});
