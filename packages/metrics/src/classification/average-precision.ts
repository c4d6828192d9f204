import { checkChoice, checkOptions, choicesOf } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import { precisionRecallCurveOnHost } from './precision-recall-curve.js';
import { readScoredLabels, ScoreBuffer, scoreColumn, type ScoredLabels } from './score-buffer.js';

export interface AveragePrecisionOptions {
  /** Multiclass averaging of one-vs-rest APs (default `'macro'`); `'micro'` pools every (sample, class) pair. */
  average?: 'macro' | 'weighted' | 'micro';
}

const metric = 'averagePrecision';

/** Checks names and values: an unknown `average` used to give the macro average. */
function checkAveragePrecisionOptions(name: string, options: AveragePrecisionOptions): void {
  checkOptions(name, options, ['average']);
  if (options.average !== undefined) checkChoice(name, 'average', options.average, choicesOf('macro', 'weighted', 'micro'));
}

// AP = Σ_n (R_{n} − R_{n−1}) P_n over thresholds, without interpolation (scikit-learn).
function binaryAveragePrecision(target: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { precision, recall } = precisionRecallCurveOnHost(target, scores, metric);
  let sum = 0;
  for (let index = 0; index < recall.length - 1; index++) sum -= (recall[index + 1]! - recall[index]!) * precision[index]!;
  return sum;
}

/** Average precision on host data: binary for scores [n], one-vs-rest for [n, classes]. */
export function averagePrecisionOnHost(data: ScoredLabels, options: AveragePrecisionOptions = {}): number {
  if (data.isVector) return binaryAveragePrecision(data.target, data.scores);
  // scikit-learn binarizes the target over the classes present in it, so a score column without samples is
  // an error there; counting it as AP 0 (what this did) pulled the macro average down without a word.
  const present = new Set(Array.from(data.target));
  check(
    present.size === data.columns,
    metric,
    () =>
      `target has samples of ${present.size} classes but scores have ${data.columns} columns; every class needs samples for one-vs-rest average precision`,
  );
  const indicator = (column: number) => Float64Array.from(data.target, (label) => (label === column ? 1 : 0));
  if (options.average === 'micro') {
    const pooledTarget = new Float64Array(data.rows * data.columns);
    data.target.forEach((label, row) => (pooledTarget[row * data.columns + label] = 1));
    return binaryAveragePrecision(pooledTarget, data.scores);
  }
  let total = 0;
  let totalWeight = 0;
  for (let column = 0; column < data.columns; column++) {
    const isClass = indicator(column);
    const weight = options.average === 'weighted' ? isClass.reduce((sum, value) => sum + value, 0) : 1;
    total += weight * binaryAveragePrecision(isClass, scoreColumn(data, column));
    totalWeight += weight;
  }
  return total / totalWeight;
}

/**
 * Average precision (area under the step precision-recall curve), as scikit-learn's
 * `average_precision_score`; multiclass scores `[n, classes]` are averaged one-vs-rest.
 * @example
 * await averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.8333…
 */
export async function averagePrecision(target: MetricInput, scores: MetricInput, options: AveragePrecisionOptions = {}): Promise<number> {
  checkAveragePrecisionOptions(metric, options);
  return averagePrecisionOnHost(await readScoredLabels(metric, target, scores), options);
}

/** Streaming average precision (keeps every score on the host). */
export class AveragePrecision extends ScoreBuffer<number> {
  constructor(options: AveragePrecisionOptions = {}) {
    checkAveragePrecisionOptions('AveragePrecision', options);
    super(metric, (data) => averagePrecisionOnHost(data, options));
  }
}
