import { expect } from 'vitest';

/** Fixture JSON writes NaN and infinities as strings; this turns them back into numbers, deeply. */
export function decode<T = unknown>(value: unknown): T {
  if (value === 'NaN') return NaN as T;
  if (value === 'Infinity') return Infinity as T;
  if (value === '-Infinity') return -Infinity as T;
  if (Array.isArray(value)) return value.map(decode) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, decode(inner)])) as T;
  return value as T;
}

/** Deep comparison with |a − b| ≤ absolute + relative·|b|; NaN equals NaN. */
export function expectClose(actual: unknown, expected: unknown, relative = 1e-9, absolute = 1e-12, path = 'value'): void {
  expected = decode(expected);
  if (typeof expected === 'number') {
    expect(typeof actual, `${path} type`).toBe('number');
    const value = actual as number;
    if (Number.isNaN(expected)) return void expect(value, path).toBeNaN();
    if (!Number.isFinite(expected)) return void expect(value, path).toBe(expected);
    expect(Math.abs(value - expected), `${path}: ${value} vs ${expected}`).toBeLessThanOrEqual(absolute + relative * Math.abs(expected));
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    expect((actual as unknown[]).length, `${path} length`).toBe(expected.length);
    expected.forEach((item, index) => expectClose((actual as unknown[])[index], item, relative, absolute, `${path}[${index}]`));
    return;
  }
  if (expected && typeof expected === 'object') {
    for (const [key, item] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[key], item, relative, absolute, `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}
