import { checkOptions } from '@dl/tensor';
import type { MetricInput } from '../input/read-input.js';
import { check } from '../input/metric-error.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';
import { ConfusionCounts } from './confusion-counts.js';
import { checkZeroDivision, precisionRecallFScoreFromCounts } from './precision-recall-f-score.js';
import { alignRight, formatFixed } from './python-format.js';

export interface ClassificationReportOptions {
  /** Labels to report (default: those present in target or prediction). */
  labels?: readonly number[];
  /** Row names, one per label (default: the label numbers). */
  targetNames?: readonly string[];
  /** Decimals (default 2). */
  digits?: number;
  zeroDivision?: 0 | 1;
}

const metric = 'classificationReport';

/** The report text from accumulated counts; see {@link classificationReport}. */
export function classificationReportFromCounts(counts: ConfusionCounts, options: ClassificationReportOptions = {}): string {
  const digits = options.digits ?? 2;
  const present = counts.presentLabels();
  const labels = options.labels ? [...options.labels] : present;
  const names = options.targetNames ? [...options.targetNames] : labels.map(String);
  check(names.length === labels.length, metric, `${labels.length} labels but ${names.length} targetNames`);
  const zeroDivision = options.zeroDivision ?? 0;
  const perClass = precisionRecallFScoreFromCounts(counts, { labels, average: 'none', zeroDivision }, metric);
  const support = perClass.support!;
  const totalSupport = support.reduce((sum, value) => sum + value, 0);
  // Layout of scikit-learn's classification_report: a name column as wide as the longest name (at
  // least 'weighted avg'), then four 9-wide columns each preceded by a space.
  const width = Math.max(...names.map((name) => name.length), 'weighted avg'.length, digits);
  const cell = (value: number) => ' ' + alignRight(formatFixed(value, digits), 9);
  const row = (name: string, scores: number[], rowSupport: number) =>
    alignRight(name, width) + ' ' + scores.map(cell).join('') + ' ' + alignRight(String(rowSupport), 9) + '\n';
  let report =
    alignRight('', width) +
    ' ' +
    ['precision', 'recall', 'f1-score', 'support'].map((header) => ' ' + alignRight(header, 9)).join('') +
    '\n\n';
  names.forEach((name, index) => {
    report += row(
      name,
      [(perClass.precision as number[])[index]!, (perClass.recall as number[])[index]!, (perClass.fScore as number[])[index]!],
      support[index]!,
    );
  });
  report += '\n';
  const labelsAreAll =
    !options.labels ||
    (labels.length === present.length && present.every((label) => labels.includes(label)) && new Set(labels).size === labels.length);
  for (const average of ['micro', 'macro', 'weighted'] as const) {
    const scores = precisionRecallFScoreFromCounts(counts, { labels, average, zeroDivision }, metric);
    if (average === 'micro' && labelsAreAll) {
      // Micro-averaged F1 over all labels is the accuracy: printed alone, in the f1-score column.
      report +=
        alignRight('accuracy', width) +
        ' ' +
        ' '.repeat(10) +
        ' '.repeat(10) +
        cell(scores.fScore as number) +
        ' ' +
        alignRight(String(totalSupport), 9) +
        '\n';
    } else {
      report += row(`${average} avg`, [scores.precision as number, scores.recall as number, scores.fScore as number], totalSupport);
    }
  }
  return report;
}

/**
 * A text report of per-class precision, recall, F1 and support plus accuracy and macro/weighted
 * averages, laid out and rounded exactly as scikit-learn's `classification_report`.
 * @example
 * console.log(await classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], { targetNames: ['cat', 'dog', 'bird'] }));
 */
export async function classificationReport(
  target: MetricInput,
  prediction: MetricInput,
  options: ClassificationReportOptions = {},
): Promise<string> {
  checkOptions('classificationReport', options, ['labels', 'targetNames', 'digits', 'zeroDivision']);
  // zeroDivision 'warn' printed -inf and nan; digits −1 failed inside toFixed.
  checkZeroDivision(metric, options.zeroDivision);
  const { digits } = options;
  check(
    digits === undefined || (Number.isInteger(digits) && digits >= 0 && digits <= 40),
    metric,
    () => `digits must be an integer in [0, 40], got ${String(digits)}`,
  );
  const counts = new ConfusionCounts();
  counts.add(metric, await readTargetLabels(target, metric), await readPredictedLabels(prediction, metric));
  return classificationReportFromCounts(counts, options);
}
