import { checkChoice, checkOptions, choicesOf } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import type { SampleWeightOption } from '../input/sample-weight.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';
import { ConfusionCounts } from './confusion-counts.js';
import { readConfusionCounts } from './read-confusion-counts.js';
import { refuseExtraArguments, sampleWeightHint, streamingSampleWeightHint } from '../input/extra-arguments.js';

const metric = 'cohenKappaScore';

/**
 * cohenKappaScore's options (scikit-learn's keywords).
 * @example
 * await cohenKappaScore(first, second, { weights: 'quadratic', labels: [0, 1, 2] });
 */
export interface CohenKappaOptions {
  /** Disagreement weights: null (default) 1 off the diagonal, 'linear' |i − j|, 'quadratic' (i − j)², i and j positions in the label set. */
  weights?: 'linear' | 'quadratic' | null;
  /** The label set and its order (default: the labels present, ascending); samples with other labels are left out. */
  labels?: readonly number[];
}

/** The function's options: the streaming class's plus scikit-learn's `sample_weight`. */
export interface CohenKappaFunctionOptions extends CohenKappaOptions, SampleWeightOption {}

type Weighting = 'unweighted' | 'linear' | 'quadratic';

/** The options, checked: an unknown key or weighting throws naming `name`. */
function readWeighting(name: string, options: CohenKappaOptions, accepted = ['weights', 'labels']): Weighting {
  checkOptions(name, options, accepted);
  if (options.weights === undefined || options.weights === null) return 'unweighted';
  return checkChoice(name, 'weights', options.weights, choicesOf('linear', 'quadratic'));
}

/**
 * Cohen's kappa from the confusion matrix C over the label set (n = Σ C, rᵢ row and cⱼ column sums):
 *   κ = 1 − Σ wᵢⱼ Cᵢⱼ / Σ wᵢⱼ Eᵢⱼ,  Eᵢⱼ = rᵢ cⱼ / n  (the agreement expected by chance),
 * NaN when both sums are 0 (a single label agreed on everywhere), as scikit-learn. With sample
 * weights C is weighted (n = Σ wᵢ); the label set and its positions ignore the weights, as
 * scikit-learn's; all weights 0 give NaN (0/0).
 */
export function cohenKappaFromCounts(counts: ConfusionCounts, weighting: Weighting, labelSet?: readonly number[]): number {
  check(counts.samples > 0, metric, 'needs at least one sample');
  const labels = counts.resolveLabels(metric, { labels: labelSet });
  // As scikit-learn's confusion_matrix: a label set none of whose labels is in the target is an error.
  check(
    labels.some((label) => counts.occursInTarget(label)),
    metric,
    () => `none of labels [${labels.join(', ')}] occurs in target; at least one must`,
  );
  const matrix = counts.matrix(labels);
  const rowSums = matrix.map((row) => row.reduce((sum, value) => sum + value, 0));
  const columnSums = labels.map((_, column) => matrix.reduce((sum, row) => sum + row[column]!, 0));
  const total = rowSums.reduce((sum, value) => sum + value, 0);
  const weight = (row: number, column: number) =>
    weighting === 'unweighted' ? Number(row !== column) : weighting === 'linear' ? Math.abs(row - column) : (row - column) ** 2;
  let observed = 0;
  let expected = 0;
  for (let row = 0; row < labels.length; row++)
    for (let column = 0; column < labels.length; column++) {
      observed += weight(row, column) * matrix[row]![column]!;
      expected += (weight(row, column) * rowSums[row]! * columnSums[column]!) / total;
    }
  return 1 - observed / expected;
}

/**
 * Cohen's kappa, the agreement of two labelings beyond chance (scikit-learn's `cohen_kappa_score`);
 * `weights` 'linear' or 'quadratic' for ordinal labels; `sampleWeight` weighs each sample. Either side
 * may be scores `[n, classes]` (argmax).
 * @example
 * await cohenKappaScore([0, 1, 1, 2, 2], [0, 1, 2, 2, 2]); // 0.6875
 */
export async function cohenKappaScore(
  first: MetricInput,
  second: MetricInput,
  options: CohenKappaFunctionOptions = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments(metric, ['first', 'second', 'options?'], extra, sampleWeightHint(metric));
  const weighting = readWeighting(metric, options, ['weights', 'labels', 'sampleWeight']);
  return cohenKappaFromCounts(await readConfusionCounts(metric, first, second, options), weighting, options.labels);
}

/** Streaming Cohen's kappa: the confusion counts are accumulated per batch. */
export class CohenKappaScore implements StreamingMetric<[MetricInput, MetricInput], number> {
  private readonly counts = new ConfusionCounts();
  private readonly weighting: Weighting;
  constructor(
    private readonly options: CohenKappaOptions = {},
    ...extra: never[]
  ) {
    refuseExtraArguments('CohenKappaScore', ['options?'], extra);
    this.weighting = readWeighting('CohenKappaScore', options);
  }
  async update(first: MetricInput, second: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments('CohenKappaScore.update', ['first', 'second'], extra, streamingSampleWeightHint(metric));
    this.counts.add(metric, await readTargetLabels(first, metric), await readPredictedLabels(second, metric));
  }
  compute(...extra: never[]): number {
    refuseExtraArguments('CohenKappaScore.compute', [], extra);
    return cohenKappaFromCounts(this.counts, this.weighting, this.options.labels);
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('CohenKappaScore.reset', [], extra);
    this.counts.reset();
  }
}
