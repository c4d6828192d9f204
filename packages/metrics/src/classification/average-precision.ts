import { checkChoice, checkOptions, choicesOf } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import type { SampleWeightOption } from '../input/sample-weight.js';
import { precisionRecallCurveOnHost } from './precision-recall-curve.js';
import { averageOverClasses, pooledOneVsRest } from './one-vs-rest.js';
import { readScoredLabels, ScoreBuffer, scoreColumn, type ScoredLabels } from './score-buffer.js';

export interface AveragePrecisionOptions {
  /** Multiclass averaging of one-vs-rest APs (default `'macro'`); `'micro'` pools every (sample, class) pair. */
  average?: 'macro' | 'weighted' | 'micro';
}

/** The function's options: the streaming class's plus scikit-learn's `sample_weight`. */
export interface AveragePrecisionFunctionOptions extends AveragePrecisionOptions, SampleWeightOption {}

const metric = 'averagePrecision';

/** Checks names and values: an unknown `average` used to give the macro average. */
function checkAveragePrecisionOptions(name: string, options: AveragePrecisionOptions, accepted = ['average']): void {
  checkOptions(name, options, accepted);
  if (options.average !== undefined) checkChoice(name, 'average', options.average, choicesOf('macro', 'weighted', 'micro'));
}

// AP = Σ_n (R_{n} − R_{n−1}) P_n over thresholds, without interpolation (scikit-learn); P and R weighted.
function binaryAveragePrecision(target: ArrayLike<number>, scores: ArrayLike<number>, weights: ArrayLike<number>): number {
  const { precision, recall } = precisionRecallCurveOnHost(target, scores, metric, weights);
  let sum = 0;
  for (let index = 0; index < recall.length - 1; index++) sum -= (recall[index + 1]! - recall[index]!) * precision[index]!;
  return sum;
}

/** Average precision on host data: binary for scores [n], one-vs-rest for [n, classes]. */
export function averagePrecisionOnHost(data: ScoredLabels, options: AveragePrecisionOptions = {}): number {
  if (data.isVector) return binaryAveragePrecision(data.target, data.scores, data.weights);
  // scikit-learn binarizes the target over the classes present in it, so a score column without samples is
  // an error there; counting it as AP 0 (what this did) pulled the macro average down without a word.
  const present = new Set(Array.from(data.target));
  check(
    present.size === data.columns,
    metric,
    () =>
      `target has samples of ${present.size} classes but scores have ${data.columns} columns; every class needs samples for one-vs-rest average precision`,
  );
  // One-vs-rest as scikit-learn's _average_binary_score (see averageOverClasses and pooledOneVsRest).
  if (options.average === 'micro') return binaryAveragePrecision(...pooledOneVsRest(data));
  return averageOverClasses(data, options.average ?? 'macro', (indicator, column) =>
    binaryAveragePrecision(indicator, scoreColumn(data, column), data.weights),
  );
}

/**
 * Average precision (area under the step precision-recall curve), as scikit-learn's
 * `average_precision_score`; multiclass scores `[n, classes]` are averaged one-vs-rest.
 * `sampleWeight` weighs the samples in precision and recall.
 * @example
 * await averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.8333…
 */
export async function averagePrecision(
  target: MetricInput,
  scores: MetricInput,
  options: AveragePrecisionFunctionOptions = {},
): Promise<number> {
  checkAveragePrecisionOptions(metric, options, ['average', 'sampleWeight']);
  return averagePrecisionOnHost(await readScoredLabels(metric, target, scores, options.sampleWeight), options);
}

/** Streaming average precision (keeps every score on the host). */
export class AveragePrecision extends ScoreBuffer<number> {
  constructor(options: AveragePrecisionOptions = {}) {
    checkAveragePrecisionOptions('AveragePrecision', options);
    super(metric, (data) => averagePrecisionOnHost(data, options));
  }
}
