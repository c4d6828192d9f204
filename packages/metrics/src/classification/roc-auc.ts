import { checkChoice, checkOptions, choicesOf } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import type { SampleWeightOption } from '../input/sample-weight.js';
import { checkProbabilityRows } from '../input/validate.js';
import { rocCurveOnHost } from './roc-curve.js';
import { averageOverClasses, pooledOneVsRest } from './one-vs-rest.js';
import { ScoreBuffer, scoreColumn, type ScoredLabels } from './score-buffer.js';
import { averageBinaryScore } from './average-binary-score.js';
import { binarizedLabels, readRankingInput } from './ranking-input.js';
import { trapezoid } from './trapezoid.js';
import { refuseExtraArguments, sampleWeightHint } from '../input/extra-arguments.js';

export interface RocAucOptions {
  /**
   * Multiclass and multilabel averaging: unweighted (`'macro'`, default), by class prevalence
   * (`'weighted'`), or (one-vs-rest only) the AUC of every (sample, class) pair pooled (`'micro'`);
   * `'none'` (scikit-learn's None; functional form, multilabel and one-vs-rest) one AUC per class;
   * `'samples'` (functional form, multilabel only) the mean AUC of each sample's row.
   */
  average?: 'macro' | 'weighted' | 'micro' | 'samples' | 'none';
  /** Multiclass scheme: one-vs-rest (`'ovr'`, default) or one-vs-one over class pairs (`'ovo'`, Hand and Till 2001). */
  multiClass?: 'ovr' | 'ovo';
  /** Binary only: the standardized partial AUC over FPR ∈ [0, maxFpr] (McClish correction), maxFpr ∈ (0, 1]. */
  maxFpr?: number;
}

/** The function's options: the streaming class's plus scikit-learn's `sample_weight`. */
export interface RocAucFunctionOptions extends RocAucOptions, SampleWeightOption {}

const metric = 'rocAuc';
const optionNames = ['average', 'multiClass', 'maxFpr'];

const streamingAverages = choicesOf('macro', 'weighted', 'micro');

/**
 * Checks names and values: an unknown `average` used to give the macro average. The streaming class
 * takes label vectors and gives one number: not `'samples'` (multilabel) nor `'none'`.
 */
function checkRocAucOptions(
  name: string,
  options: RocAucOptions,
  accepted = optionNames,
  averages: Record<string, string> = streamingAverages,
): void {
  checkOptions(name, options, accepted);
  if (options.average !== undefined) checkChoice(name, 'average', options.average, averages);
  if (options.multiClass !== undefined) checkChoice(name, 'multiClass', options.multiClass, choicesOf('ovr', 'ovo'));
  check(
    options.average !== 'micro' || options.multiClass !== 'ovo',
    name,
    "average 'micro' applies to multiClass 'ovr' only; choose 'macro' or 'weighted' for 'ovo'",
  );
  const { maxFpr } = options;
  check(
    maxFpr === undefined || (typeof maxFpr === 'number' && maxFpr > 0 && maxFpr <= 1),
    name,
    () => `maxFpr must be in (0, 1], got ${String(maxFpr)}`,
  );
}

// The classes are those present whatever their weights (scikit-learn checks y_true before weighing).
function binaryRocAuc(target: ArrayLike<number>, scores: ArrayLike<number>, weights: ArrayLike<number>, maxFpr = 1): number {
  const classes = new Set(Array.from(target));
  check(
    classes.size === 2,
    metric,
    'only one class present in target; ROC AUC is not defined in that case (scikit-learn: Only one class present in y_true. ROC AUC score is not defined in that case.)',
  );
  const curve = rocCurveOnHost(target, scores, true, metric, weights);
  if (maxFpr === 1) return trapezoid(curve.falsePositiveRate, curve.truePositiveRate);
  // Cut the curve at FPR = maxFpr, adding a point there by linear interpolation (as numpy.interp).
  const falsePositiveRate = curve.falsePositiveRate;
  const truePositiveRate = curve.truePositiveRate;
  let stop = 0;
  while (stop < falsePositiveRate.length && falsePositiveRate[stop]! <= maxFpr) stop++;
  const slope = (truePositiveRate[stop]! - truePositiveRate[stop - 1]!) / (falsePositiveRate[stop]! - falsePositiveRate[stop - 1]!);
  const partialArea = trapezoid(
    [...falsePositiveRate.slice(0, stop), maxFpr],
    [...truePositiveRate.slice(0, stop), slope * (maxFpr - falsePositiveRate[stop - 1]!) + truePositiveRate[stop - 1]!],
  );
  // McClish: rescale so that the chance diagonal (area maxFpr²/2) gives 0.5 and a perfect ranking (area maxFpr) gives 1.
  const minimumArea = 0.5 * maxFpr ** 2;
  return 0.5 * (1 + (partialArea - minimumArea) / (maxFpr - minimumArea));
}

const isClass = (target: ArrayLike<number>, label: number) => Float64Array.from(target, (value) => (value === label ? 1 : 0));

// One-vs-rest (scikit-learn's _average_binary_score): AUC_c of (target == c) against scores[:, c], each
// weighted by the sample weights; macro mean, or weighted by the class's weighted prevalence
// Σ wᵢ [yᵢ = c]; micro: one AUC over the flattened indicator matrix and scores, each sample's weight
// repeated over its classes.
function oneVsRest(data: ScoredLabels, average: 'macro' | 'weighted' | 'micro'): number {
  if (average === 'micro') return binaryRocAuc(...pooledOneVsRest(data));
  return averageOverClasses(data, average, (indicator, column) => binaryRocAuc(indicator, scoreColumn(data, column), data.weights));
}

// One-vs-one (scikit-learn's _average_multiclass_ovo_score): for each pair a < b, restricted to the
// samples of a or b, the mean of AUC(a positive, scores[:, a]) and AUC(b positive, scores[:, b]);
// macro mean over pairs, or weighted by the pair's share of the samples.
function oneVsOne(data: ScoredLabels, average: 'macro' | 'weighted'): number {
  let total = 0;
  let totalWeight = 0;
  for (let first = 0; first < data.columns; first++)
    for (let second = first + 1; second < data.columns; second++) {
      const rows = Array.from(data.target.keys()).filter((row) => data.target[row] === first || data.target[row] === second);
      const pairTarget = rows.map((row) => data.target[row]!);
      const scoresOf = (column: number) => rows.map((row) => data.scores[row * data.columns + column]!);
      const unitWeights = pairTarget.map(() => 1);
      const auc =
        (binaryRocAuc(isClass(pairTarget, first), scoresOf(first), unitWeights) +
          binaryRocAuc(isClass(pairTarget, second), scoresOf(second), unitWeights)) /
        2;
      const weight = average === 'weighted' ? rows.length / data.rows : 1;
      total += weight * auc;
      totalWeight += weight;
    }
  return total / totalWeight;
}

/**
 * ROC AUC on host data: binary for scores [n] (or [n, 2]: column 1; `average` ignored, as
 * scikit-learn), multiclass for [n, classes].
 */
export function rocAucOnHost(data: ScoredLabels, options: RocAucFunctionOptions = {}): number | number[] {
  if (data.isVector || data.columns === 2)
    return binaryRocAuc(data.target, scoreColumn(data, data.isVector ? 0 : 1), data.weights, options.maxFpr);
  check(options.maxFpr === undefined || options.maxFpr === 1, metric, 'maxFpr (partial AUC) is defined for binary scores only');
  // scikit-learn requires probabilities for multiclass ROC AUC (rows summing to one).
  checkProbabilityRows(metric, data.scores, data.rows, data.columns, 1e-5);
  const present = new Set(Array.from(data.target));
  check(
    present.size === data.columns,
    metric,
    `target has ${present.size} classes but scores have ${data.columns} columns; every class needs samples for multiclass AUC`,
  );
  const average = options.average ?? 'macro';
  const averages = options.multiClass === 'ovo' ? "('macro', 'weighted', None)" : "('micro', 'macro', 'weighted', None)";
  check(average !== 'samples', metric, `average must be one of ${averages} for multiclass problems`);
  if (options.multiClass === 'ovo') {
    check(
      options.sampleWeight === undefined,
      metric,
      "sampleWeight is not supported for multiclass one-vs-one ROC AUC (scikit-learn 1.2 refuses it too); use multiClass 'ovr'",
    );
    // scikit-learn's one-vs-one None is its unweighted mean.
    return oneVsOne(data, average === 'weighted' ? 'weighted' : 'macro');
  }
  // One AUC per class: scikit-learn's label_binarize and _average_binary_score.
  if (average === 'none')
    return averageBinaryScore(metric, binarizedLabels(data, options.sampleWeight !== undefined), 'none', binaryRocAuc);
  return oneVsRest(data, average);
}

/**
 * Area under the ROC curve, as scikit-learn's `roc_auc_score`: binary labels with scores `[n]`
 * (`maxFpr` for the standardized partial AUC), multiclass labels with probabilities `[n, classes]`
 * (`multiClass` `'ovr'`, the default, or `'ovo'`; `average` macro, weighted, micro or `'none'`), or a
 * multilabel indicator target `[n, L]` with scores `[n, L]` (`average` macro, weighted, micro,
 * samples or `'none'`; `maxFpr` applies to every column). `sampleWeight` weighs the samples in the
 * ROC curves (one-vs-one refuses it, as scikit-learn 1.2).
 * @example
 * await rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * await rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], { maxFpr: 0.5 }); // 0.6666…
 * await rocAuc([[1, 0], [0, 1], [1, 1]], [[0.9, 0.2], [0.3, 0.6], [0.4, 0.7]], { average: 'none' }); // [1, 1]
 */
export async function rocAuc(
  target: MetricInput,
  scores: MetricInput,
  options: RocAucFunctionOptions & { average: 'none' },
): Promise<number | number[]>;
export async function rocAuc(
  target: MetricInput,
  scores: MetricInput,
  options?: RocAucFunctionOptions & { average?: Exclude<RocAucOptions['average'], 'none'> },
): Promise<number>;
export async function rocAuc(target: MetricInput, scores: MetricInput, options?: RocAucFunctionOptions): Promise<number | number[]>;
export async function rocAuc(
  target: MetricInput,
  scores: MetricInput,
  options: RocAucFunctionOptions = {},
  ...extra: never[]
): Promise<number | number[]> {
  refuseExtraArguments(metric, ['target', 'scores', 'options?'], extra, sampleWeightHint(metric));
  checkRocAucOptions(metric, options, [...optionNames, 'sampleWeight'], choicesOf('macro', 'weighted', 'micro', 'samples', 'none'));
  const input = await readRankingInput(metric, target, scores, options.sampleWeight);
  if (input.kind === 'labels') return rocAucOnHost(input.data, options);
  check(options.multiClass === undefined, metric, 'multiClass applies to multiclass labels, not to a multilabel indicator target');
  return averageBinaryScore(metric, input.data, options.average ?? 'macro', (columnTarget, columnScores, weights) =>
    binaryRocAuc(columnTarget, columnScores, weights, options.maxFpr),
  );
}

/** Streaming ROC AUC of label vectors (keeps every score on the host). */
export class RocAuc extends ScoreBuffer<number> {
  constructor(options: RocAucOptions = {}, ...extra: never[]) {
    refuseExtraArguments('RocAuc', ['options?'], extra);
    checkRocAucOptions('RocAuc', options);
    // Without 'none' and 'samples' (refused above) the AUC is one number.
    super(metric, (data) => rocAucOnHost(data, options) as number, 'RocAuc');
  }
}
