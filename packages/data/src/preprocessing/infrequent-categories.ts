import type { Category } from './categorical-input.js';

/** The name scikit-learn gives the column that groups a feature's infrequent categories. */
export const INFREQUENT_NAME = 'infrequent_sklearn';

/** When a category is infrequent: `minFrequency` and `maxCategories` as validated, null where not given. */
export interface InfrequentRule {
  /** An integer ≥ 1: fewer occurrences than this; a number in (0, 1): fewer than this fraction of the samples. */
  minFrequency: number | null;
  /** At most this many output columns for the feature, the infrequent group included. */
  maxCategories: number | null;
}

/**
 * How a feature's categories map to its output columns once the infrequent ones are grouped: the
 * frequent categories keep their order, and the group comes last (scikit-learn's
 * `_default_to_infrequent_mappings`).
 */
export interface CategoryGrouping {
  /** Indices into the feature's categories of the infrequent ones, ascending. */
  readonly infrequent: readonly number[];
  /** For each category index, its column among the grouped categories. */
  readonly columnOf: readonly number[];
  /** The grouped categories: the frequent ones, then INFREQUENT_NAME. */
  readonly categories: readonly Category[];
}

/** Whether the rule groups anything at all (scikit-learn's `_infrequent_enabled`). */
export function groupsInfrequent(rule: InfrequentRule): boolean {
  return rule.minFrequency !== null || rule.maxCategories !== null;
}

/** How often each category occurs in `values` (unknown values are not counted). */
export function categoryCounts(categories: readonly Category[], values: readonly Category[]): number[] {
  // a Map compares keys with SameValueZero, so NaN counts as one category, as in scikit-learn
  const indexOf = new Map(categories.map((category, index) => [category, index]));
  const counts = new Array<number>(categories.length).fill(0);
  for (const value of values) {
    const index = indexOf.get(value);
    if (index !== undefined) counts[index]!++;
  }
  return counts;
}

/**
 * The grouping of one feature's categories from their counts over `samples` rows, or null when none is
 * infrequent (scikit-learn's `_identify_infrequent`): a category is infrequent when its count is below
 * `minFrequency` (or below minFrequency·samples for a fraction); then, while more than `maxCategories`
 * columns would remain (the frequent ones plus the group), the least frequent categories join the group,
 * ties going to the earlier category (a stable sort by count). `maxCategories` 1 groups every category,
 * as scikit-learn 1.3 does (1.2 grouped none there).
 */
export function groupInfrequent(
  categories: readonly Category[],
  counts: readonly number[],
  samples: number,
  rule: InfrequentRule,
): CategoryGrouping | null {
  const { minFrequency, maxCategories } = rule;
  const threshold = minFrequency === null ? 0 : Number.isInteger(minFrequency) ? minFrequency : minFrequency * samples;
  const isInfrequent = counts.map((count) => count < threshold);
  const frequent = isInfrequent.filter((flag) => !flag).length;
  if (maxCategories !== null && maxCategories < frequent + 1) {
    const byCount = counts.map((_, index) => index).sort((a, b) => counts[a]! - counts[b]! || a - b);
    // keep the maxCategories − 1 most frequent categories (none when maxCategories is 1)
    const grouped = Math.max(0, byCount.length - (maxCategories - 1));
    for (const index of byCount.slice(0, grouped)) isInfrequent[index] = true;
  }
  const infrequent = isInfrequent.flatMap((flag, index) => (flag ? [index] : []));
  if (infrequent.length === 0) return null;
  const frequentCategories = categories.filter((_, index) => !isInfrequent[index]);
  let next = 0;
  const columnOf = isInfrequent.map((flag) => (flag ? frequentCategories.length : next++));
  return { infrequent, columnOf, categories: [...frequentCategories, INFREQUENT_NAME] };
}
