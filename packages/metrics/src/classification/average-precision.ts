import { checkChoice, checkOptions, choicesOf } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import type { SampleWeightOption } from '../input/sample-weight.js';
import { precisionRecallCurveOnHost } from './precision-recall-curve.js';
import { averageOverClasses, pooledOneVsRest } from './one-vs-rest.js';
import { ScoreBuffer, scoreColumn, type ScoredLabels } from './score-buffer.js';
import { averageBinaryScore } from './average-binary-score.js';
import { readRankingInput } from './ranking-input.js';
import { refuseExtraArguments, sampleWeightHint } from '../input/extra-arguments.js';

export interface AveragePrecisionOptions {
  /**
   * Multiclass and multilabel averaging of one-vs-rest APs (default `'macro'`); `'weighted'` by class
   * prevalence; `'micro'` pools every (sample, class) pair; `'samples'` averages the AP of each
   * sample's row; `'none'` (scikit-learn's None) one AP per class.
   */
  average?: 'macro' | 'weighted' | 'micro' | 'samples' | 'none';
}

/** The function's options: the streaming class's plus scikit-learn's `sample_weight`. */
export interface AveragePrecisionFunctionOptions extends AveragePrecisionOptions, SampleWeightOption {}

const metric = 'averagePrecision';

const streamingAverages = choicesOf('macro', 'weighted', 'micro');

/**
 * Checks names and values: an unknown `average` used to give the macro average. The streaming class
 * takes label vectors and one number: not `'samples'` (multilabel) nor `'none'`.
 */
function checkAveragePrecisionOptions(
  name: string,
  options: AveragePrecisionOptions,
  accepted = ['average'],
  averages: Record<string, string> = streamingAverages,
): void {
  checkOptions(name, options, accepted);
  if (options.average !== undefined) checkChoice(name, 'average', options.average, averages);
}

// AP = Σ_n (R_{n} − R_{n−1}) P_n over thresholds, without interpolation (scikit-learn); P and R weighted.
function binaryAveragePrecision(target: Float64Array, scores: Float64Array, weights: Float64Array): number {
  const { precision, recall } = precisionRecallCurveOnHost(target, scores, metric, weights);
  let sum = 0;
  for (let index = 0; index < recall.length - 1; index++) sum -= (recall[index + 1]! - recall[index]!) * precision[index]!;
  return sum;
}

/** Average precision on host data: binary for scores [n] (`average` ignored, as scikit-learn), one-vs-rest for [n, classes]. */
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
  // scikit-learn 1.2 takes no multiclass target at all; the macro, weighted and micro one-vs-rest averages
  // here are its later versions', which binarize the labels. 'samples' and 'none' stay multilabel-only.
  check(
    options.average !== 'samples' && options.average !== 'none',
    metric,
    () => `average '${options.average}' needs a multilabel indicator target (scikit-learn 1.2: multiclass format is not supported)`,
  );
  // One-vs-rest as scikit-learn's _average_binary_score (see averageOverClasses and pooledOneVsRest).
  if (options.average === 'micro') return binaryAveragePrecision(...pooledOneVsRest(data));
  return averageOverClasses(data, options.average ?? 'macro', (indicator, column) =>
    binaryAveragePrecision(indicator, scoreColumn(data, column), data.weights),
  );
}

/**
 * Average precision (area under the step precision-recall curve), as scikit-learn's
 * `average_precision_score`; multiclass scores `[n, classes]` are averaged one-vs-rest, and so are the
 * columns of a multilabel indicator target `[n, L]` with scores `[n, L]` (or its rows, `'samples'`).
 * `sampleWeight` weighs the samples in precision and recall.
 * @example
 * await averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.8333…
 * await averagePrecision([[1, 0], [0, 1], [1, 1]], [[0.9, 0.2], [0.3, 0.6], [0.4, 0.7]], { average: 'samples' }); // 1
 */
export async function averagePrecision(
  target: MetricInput,
  scores: MetricInput,
  options: AveragePrecisionFunctionOptions & { average: 'none' },
): Promise<number | number[]>;
export async function averagePrecision(
  target: MetricInput,
  scores: MetricInput,
  options?: AveragePrecisionFunctionOptions & { average?: Exclude<AveragePrecisionOptions['average'], 'none'> },
): Promise<number>;
export async function averagePrecision(
  target: MetricInput,
  scores: MetricInput,
  options?: AveragePrecisionFunctionOptions,
): Promise<number | number[]>;
export async function averagePrecision(
  target: MetricInput,
  scores: MetricInput,
  options: AveragePrecisionFunctionOptions = {},
  ...extra: never[]
): Promise<number | number[]> {
  refuseExtraArguments(metric, ['target', 'scores', 'options?'], extra, sampleWeightHint(metric));
  checkAveragePrecisionOptions(metric, options, ['average', 'sampleWeight'], choicesOf('macro', 'weighted', 'micro', 'samples', 'none'));
  const input = await readRankingInput(metric, target, scores, options.sampleWeight);
  if (input.kind === 'labels') return averagePrecisionOnHost(input.data, options);
  return averageBinaryScore(metric, input.data, options.average ?? 'macro', binaryAveragePrecision);
}

/** Streaming average precision of label vectors (keeps every score on the host). */
export class AveragePrecision extends ScoreBuffer<number> {
  constructor(options: AveragePrecisionOptions = {}, ...extra: never[]) {
    refuseExtraArguments('AveragePrecision', ['options?'], extra);
    checkAveragePrecisionOptions('AveragePrecision', options);
    super(metric, (data) => averagePrecisionOnHost(data, options), 'AveragePrecision');
  }
}
