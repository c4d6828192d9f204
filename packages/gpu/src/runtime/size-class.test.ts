import { describe, expect, it } from 'vitest';
import { sizeClass } from './size-class.js';

describe('sizeClass', () => {
  it('rounds small sizes up to powers of two, at least 16 bytes', () => {
    expect([0, 1, 16, 17, 100, 4096, 4097].map(sizeClass)).toEqual([16, 16, 16, 32, 128, 4096, 8192]);
  });

  it('uses eighth steps above 1 MiB so no class wastes more than 12.5%', () => {
    const mebibyte = 2 ** 20;
    expect(sizeClass(mebibyte + 1)).toBe(mebibyte + mebibyte / 8);
    for (const bytes of [1.3, 2.7, 5.01, 100.5].map((m) => Math.round(m * mebibyte))) {
      const capacity = sizeClass(bytes);
      expect(capacity).toBeGreaterThanOrEqual(bytes);
      expect(capacity / bytes).toBeLessThanOrEqual(1.125);
    }
  });
});
