import { readFileSync } from 'node:fs';

/** The scikit-learn / torch reference values written by tools/fixtures/data_reference.py. */
export const reference = JSON.parse(readFileSync(new URL('./__fixtures__/data_reference.json', import.meta.url), 'utf8'));

/** Largest absolute difference between two nested arrays of numbers (Infinity when shapes differ). */
export function maxDifference(actual: unknown, expected: unknown): number {
  if (typeof expected === 'number') return typeof actual === 'number' ? Math.abs(actual - expected) : Infinity;
  if (!Array.isArray(expected) || !Array.isArray(actual) || actual.length !== expected.length) return Infinity;
  return expected.reduce((worst: number, item, i) => Math.max(worst, maxDifference(actual[i], item)), 0);
}
