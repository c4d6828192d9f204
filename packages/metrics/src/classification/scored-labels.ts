import { check } from '../input/metric-error.js';
import type { ConfusionCounts } from './confusion-counts.js';

/**
 * The labels a one-vs-rest score is computed for (scikit-learn's `labels` and `pos_label`): with
 * average 'binary', only `positiveLabel` (default 1), which needs at most two labels in the data and,
 * when there are two, to be one of them; otherwise `labels`, or every label seen.
 */
export function scoredLabels(
  counts: ConfusionCounts,
  metric: string,
  average: string,
  options: { labels?: readonly number[]; numClasses?: number; positiveLabel?: number },
): number[] {
  if (average !== 'binary') return counts.resolveLabels(metric, options);
  counts.resolveLabels(metric, options); // checks `labels` even where binary ignores them, as before
  const positiveLabel = options.positiveLabel ?? 1;
  const present = counts.presentLabels();
  check(
    present.length <= 2,
    metric,
    `average 'binary' needs at most two labels, got [${present.join(', ')}]; choose 'micro', 'macro', 'weighted' or 'none'`,
  );
  check(
    present.length < 2 || present.includes(positiveLabel),
    metric,
    `positiveLabel ${positiveLabel} is not one of the labels [${present.join(', ')}]`,
  );
  return [positiveLabel];
}
