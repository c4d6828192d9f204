import type { Generator } from '../random/generator.js';

/**
 * How many of `draws` to take from each class so the counts follow the class proportions
 * (scikit-learn's `_approximate_mode`): floor(count · draws / total) each, then the remaining draws go
 * to the classes with the largest fractional parts, ties broken at random.
 */
export function approximateMode(classCounts: readonly number[], draws: number, generator: Generator): number[] {
  const total = classCounts.reduce((a, b) => a + b, 0);
  const continuous = classCounts.map((count) => (count / total) * draws);
  const floored = continuous.map(Math.floor);
  let needToAdd = draws - floored.reduce((a, b) => a + b, 0);
  if (needToAdd > 0) {
    const remainder = continuous.map((value, i) => value - floored[i]!);
    const levels = [...new Set(remainder)].sort((a, b) => b - a);
    for (const level of levels) {
      const tied = [...remainder.keys()].filter((i) => remainder[i] === level);
      const addNow = Math.min(tied.length, needToAdd);
      const order = generator.permutation(tied.length);
      for (let k = 0; k < addNow; k++) floored[tied[order[k]!]!]! += 1;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return floored;
}
