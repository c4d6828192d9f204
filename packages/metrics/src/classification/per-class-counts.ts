import type { ConfusionCounts } from './confusion-counts.js';

/** True positives, predicted positives and actual positives (support) of each label, one-vs-rest. */
export interface PerClassCounts {
  truePositives: number[];
  predicted: number[];
  support: number[];
}

// For label l: tp = C[l][l], predicted = sum_t C[t][l] (column), support = sum_p C[l][p] (row).
export function perClassCounts(counts: ConfusionCounts, labels: readonly number[]): PerClassCounts {
  const present = counts.presentLabels();
  const everyLabel = [...new Set([...present, ...labels])];
  return {
    truePositives: labels.map((label) => counts.count(label, label)),
    predicted: labels.map((label) => everyLabel.reduce((sum, other) => sum + counts.count(other, label), 0)),
    support: labels.map((label) => everyLabel.reduce((sum, other) => sum + counts.count(label, other), 0)),
  };
}
