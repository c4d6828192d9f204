// The CPU buffer pool's bound: freed arrays are kept while the pool holds at most
// max(minimum capacity, 2 × the peak bytes in use since the last clear()).
import { describe, expect, it } from 'vitest';
import { BufferPool } from './buffer-pool.js';

const KIB = 1024;

describe('BufferPool', () => {
  it('serves a freed array of the same dtype and length again', () => {
    const pool = new BufferPool(64 * KIB);
    const array = pool.take('float32', 4096);
    pool.give(array, 'float32');
    expect(pool.bytes).toBe(16 * KIB);
    expect(pool.take('float32', 4096)).toBe(array);
    expect(pool.take('float32', 4096)).not.toBe(array);
    expect(pool.bytes).toBe(0);
  });

  it('keeps at most the minimum capacity when nothing larger was ever in use', () => {
    const pool = new BufferPool(32 * KIB);
    const arrays = [0, 1, 2].map(() => pool.take('float32', 4096)); // 16 KiB each
    for (const array of arrays) pool.give(array, 'float32');
    expect(pool.bytes).toBe(32 * KIB); // the third did not fit
  });

  it('keeps up to twice the peak bytes in use, so a large working set is reused rather than faulted in again', () => {
    const pool = new BufferPool(16 * KIB);
    const arrays = [0, 1, 2, 3, 4].map(() => pool.take('float32', 4096));
    pool.noteBytesInUse(40 * KIB); // the backend saw 40 KiB of tensors alive at once
    for (const array of arrays) pool.give(array, 'float32');
    expect(pool.bytes).toBe(80 * KIB); // five of 16 KiB: all fit under 2 × 40 KiB
    const more = pool.take('float32', 8192); // a fresh 32 KiB array
    pool.give(more, 'float32');
    expect(pool.bytes).toBe(80 * KIB); // 112 KiB would exceed the bound
  });

  it('clear() drops the pooled arrays and forgets the peak', () => {
    const pool = new BufferPool(16 * KIB);
    pool.noteBytesInUse(1024 * KIB);
    pool.clear();
    const arrays = [0, 1].map(() => pool.take('float32', 4096));
    for (const array of arrays) pool.give(array, 'float32');
    expect(pool.bytes).toBe(16 * KIB);
  });
});
