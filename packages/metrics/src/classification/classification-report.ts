import { checkOptions, pythonFloat } from '@dl/tensor';
import type { MetricInput } from '../input/read-input.js';
import { check } from '../input/metric-error.js';
import { readSampleWeight, type SampleWeightOption } from '../input/sample-weight.js';
import { ConfusionCounts } from './confusion-counts.js';
import { multilabelColumns } from './multilabel-counts.js';
import { readClassificationInput } from './multilabel-input.js';
import {
  checkZeroDivision,
  multilabelPrecisionRecallFScore,
  precisionRecallFScoreFromCounts,
  type Average,
  type PrecisionRecallFScore,
} from './precision-recall-f-score.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';
import { numpySum } from './numpy-sum.js';
import { checkSameLength } from '../input/validate.js';
import { alignRight, formatFixed } from './python-format.js';
import { refuseExtraArguments, sampleWeightHint } from '../input/extra-arguments.js';

export interface ClassificationReportOptions {
  /** Labels to report (default: those present in target or prediction; multilabel: every column). */
  labels?: readonly number[];
  /** Row names, one per label (default: the label numbers). */
  targetNames?: readonly string[];
  /** Decimals (default 2). */
  digits?: number;
  zeroDivision?: 0 | 1;
  /** Return scikit-learn's `output_dict` object instead of the text (default false). */
  outputDict?: boolean;
}

/** The function's options plus scikit-learn's `sample_weight` (supports then are sums of weights). */
export interface ClassificationReportFunctionOptions extends ClassificationReportOptions, SampleWeightOption {}

/** One row of scikit-learn's `output_dict`: its keys, `'f1-score'` included. */
export interface ClassificationReportRow {
  precision: number;
  recall: number;
  'f1-score': number;
  support: number;
}

/**
 * scikit-learn's `output_dict`: a row per label name, then `'accuracy'` (a number) or `'micro avg'`,
 * and `'macro avg'`, `'weighted avg'` (and `'samples avg'` for multilabel input).
 */
export type ClassificationReportDict = Record<string, ClassificationReportRow | number>;

const metric = 'classificationReport';

/** Where a report's scores come from: the labels (rows) and precision/recall/F for any average. */
interface ReportSource {
  readonly labels: number[];
  /** Whether the micro average is the accuracy (label vectors reporting every present label), printed as such. */
  readonly microIsAccuracy: boolean;
  readonly averages: readonly Average[];
  /** Sample weights were given: supports are floats, printed as Python prints them. */
  readonly weighted: boolean;
  /** The supports as scikit-learn sums them (weights in sample order), where they differ from the scores' in the last digits. */
  readonly supports?: number[];
  scores(average: Average): PrecisionRecallFScore;
}

/** scikit-learn's report source for label vectors: counts over the labels present (or `labels`). */
function labelSource(
  counts: ConfusionCounts,
  options: ClassificationReportOptions,
  weighted: boolean,
  supportOf?: (label: number) => number,
): ReportSource {
  const present = counts.presentLabels();
  const labels = options.labels ? [...options.labels] : present;
  const zeroDivision = options.zeroDivision ?? 0;
  // micro_is_accuracy: no `labels`, or a label set equal to the present one.
  const microIsAccuracy = !options.labels || (new Set(labels).size === present.length && present.every((label) => labels.includes(label)));
  return {
    labels,
    microIsAccuracy,
    averages: ['micro', 'macro', 'weighted'],
    weighted,
    supports: supportOf && labels.map(supportOf),
    scores: (average) => precisionRecallFScoreFromCounts(counts, { labels, average, zeroDivision }, metric),
  };
}

/** The lines or the object of the report, laid out as scikit-learn 1.2's `classification_report`. */
function buildReport(source: ReportSource, options: ClassificationReportOptions): string | ClassificationReportDict {
  const digits = options.digits ?? 2;
  const { labels } = source;
  const names = options.targetNames ? [...options.targetNames] : labels.map(String);
  check(names.length === labels.length, metric, `${labels.length} labels but ${names.length} targetNames`);
  const perClass = source.scores('none');
  const [precision, recall, fScore] = [perClass.precision, perClass.recall, perClass.fScore] as number[][];
  const support = source.supports ?? perClass.support!;
  const totalSupport = numpySum(support);
  const averageRows = source.averages.map((average) => {
    const scores = source.scores(average);
    const heading = average === 'micro' && source.microIsAccuracy ? 'accuracy' : `${average} avg`;
    return { heading, scores: [scores.precision, scores.recall, scores.fScore] as number[] };
  });
  if (options.outputDict) {
    const report: ClassificationReportDict = {};
    const row = (scores: number[], rowSupport: number): ClassificationReportRow => ({
      precision: scores[0]!,
      recall: scores[1]!,
      'f1-score': scores[2]!,
      support: rowSupport,
    });
    names.forEach((name, index) => {
      report[name] = row([precision![index]!, recall![index]!, fScore![index]!], support[index]!);
    });
    // scikit-learn keeps only the precision of the 'accuracy' row: the accuracy itself.
    for (const { heading, scores } of averageRows) report[heading] = heading === 'accuracy' ? scores[0]! : row(scores, totalSupport);
    return report;
  }
  // A name column as wide as the longest name (at least 'weighted avg'), then four 9-wide columns each
  // preceded by a space. Supports print as Python prints an int, or a float when weighted.
  const width = Math.max(...names.map((name) => name.length), 'weighted avg'.length, digits);
  const cell = (value: number) => ' ' + alignRight(formatFixed(value, digits), 9);
  const supportCell = (value: number) => ' ' + alignRight(source.weighted ? pythonFloat(value) : String(value), 9);
  const line = (name: string, scores: number[], rowSupport: number) =>
    alignRight(name, width) + ' ' + scores.map(cell).join('') + supportCell(rowSupport) + '\n';
  let report =
    alignRight('', width) +
    ' ' +
    ['precision', 'recall', 'f1-score', 'support'].map((header) => ' ' + alignRight(header, 9)).join('') +
    '\n\n';
  names.forEach((name, index) => {
    report += line(name, [precision![index]!, recall![index]!, fScore![index]!], support[index]!);
  });
  report += '\n';
  for (const { heading, scores } of averageRows)
    report +=
      heading === 'accuracy'
        ? // The accuracy alone, in the f1-score column.
          alignRight(heading, width) + ' ' + ' '.repeat(20) + cell(scores[2]!) + supportCell(totalSupport) + '\n'
        : line(heading, scores, totalSupport);
  return report;
}

/** The report text from accumulated (unweighted) counts of label vectors; see {@link classificationReport}. */
export function classificationReportFromCounts(counts: ConfusionCounts, options: ClassificationReportOptions = {}): string {
  return buildReport(labelSource(counts, { ...options, outputDict: false }, false), { ...options, outputDict: false }) as string;
}

/**
 * A text report of per-class precision, recall, F1 and support plus accuracy and macro/weighted
 * averages, laid out and rounded exactly as scikit-learn's `classification_report`. Multilabel
 * indicator matrices `[n, L]` report one row per column and the "micro avg", "macro avg",
 * "weighted avg" and "samples avg" rows. `outputDict: true` returns scikit-learn's `output_dict`
 * object instead; `sampleWeight` weighs every count (supports become sums of weights).
 * @example
 * console.log(await classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], { targetNames: ['cat', 'dog', 'bird'] }));
 * const report = await classificationReport([[1, 0], [1, 1]], [[1, 0], [0, 1]], { outputDict: true });
 * report['samples avg']; // { precision: 1, recall: 0.75, 'f1-score': 0.8333…, support: 3 }
 */
export async function classificationReport(
  target: MetricInput,
  prediction: MetricInput,
  options: ClassificationReportFunctionOptions & { outputDict: true },
): Promise<ClassificationReportDict>;
export async function classificationReport(
  target: MetricInput,
  prediction: MetricInput,
  options?: ClassificationReportFunctionOptions & { outputDict?: false },
): Promise<string>;
export async function classificationReport(
  target: MetricInput,
  prediction: MetricInput,
  options?: ClassificationReportFunctionOptions,
): Promise<string | ClassificationReportDict>;
export async function classificationReport(
  target: MetricInput,
  prediction: MetricInput,
  options: ClassificationReportFunctionOptions = {},
  ...extra: never[]
): Promise<string | ClassificationReportDict> {
  refuseExtraArguments(metric, ['target', 'prediction', 'options?'], extra, sampleWeightHint(metric));
  checkOptions(metric, options, ['labels', 'targetNames', 'digits', 'zeroDivision', 'outputDict', 'sampleWeight']);
  // zeroDivision 'warn' printed -inf and nan; digits −1 failed inside toFixed.
  checkZeroDivision(metric, options.zeroDivision);
  const { digits, outputDict } = options;
  check(
    digits === undefined || (Number.isInteger(digits) && digits >= 0 && digits <= 40),
    metric,
    () => `digits must be an integer in [0, 40], got ${String(digits)}`,
  );
  check(
    outputDict === undefined || typeof outputDict === 'boolean',
    metric,
    () => `outputDict must be a boolean, got ${String(outputDict)}`,
  );
  const weighted = options.sampleWeight !== undefined;
  const input = await readClassificationInput(metric, target, prediction);
  if (input.kind === 'labels') {
    const targetLabels = await readTargetLabels(input.target, metric);
    const predictedLabels = await readPredictedLabels(input.prediction, metric);
    checkSameLength(metric, targetLabels, predictedLabels);
    const weights = await readSampleWeight(metric, options.sampleWeight, targetLabels.length);
    const counts = new ConfusionCounts();
    counts.add(metric, targetLabels, predictedLabels, weights);
    // scikit-learn's supports are bincounts: each label's weights summed in sample order.
    const supportOf = (label: number) => targetLabels.reduce((sum, value, index) => (value === label ? sum + weights[index]! : sum), 0);
    return buildReport(labelSource(counts, options, weighted, supportOf), options);
  }
  const { indicators } = input;
  const weights = await readSampleWeight(metric, options.sampleWeight, indicators.rows);
  const labels = multilabelColumns(metric, indicators.columns, options.labels);
  const zeroDivision = options.zeroDivision ?? 0;
  return buildReport(
    {
      labels,
      microIsAccuracy: false,
      averages: ['micro', 'macro', 'weighted', 'samples'],
      weighted,
      scores: (average) => multilabelPrecisionRecallFScore(metric, indicators, weights, weighted, { labels, average, zeroDivision }),
    },
    options,
  );
}
