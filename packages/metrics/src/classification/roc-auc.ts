import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import { checkProbabilityRows } from '../input/validate.js';
import { rocCurveOnHost } from './roc-curve.js';
import { readScoredLabels, ScoreBuffer, scoreColumn, type ScoredLabels } from './score-buffer.js';
import { trapezoid } from './trapezoid.js';

export interface RocAucOptions {
  /** Multiclass averaging of the one-vs-rest AUCs: unweighted (`'macro'`, default) or by class prevalence (`'weighted'`). */
  average?: 'macro' | 'weighted';
}

const metric = 'rocAuc';

function binaryRocAuc(target: ArrayLike<number>, scores: ArrayLike<number>): number {
  const classes = new Set(Array.from(target));
  check(classes.size === 2, metric, 'only one class present in target; ROC AUC is not defined in that case');
  const curve = rocCurveOnHost(target, scores, true, metric);
  return trapezoid(curve.falsePositiveRate, curve.truePositiveRate);
}

/** ROC AUC on host data: binary for scores [n] (or [n, 2]: column 1), one-vs-rest for [n, classes]. */
export function rocAucOnHost(data: ScoredLabels, options: RocAucOptions = {}): number {
  if (data.isVector || data.columns === 2) return binaryRocAuc(data.target, scoreColumn(data, data.isVector ? 0 : 1));
  // scikit-learn requires probabilities for multiclass ROC AUC (rows summing to one).
  checkProbabilityRows(metric, data.scores, data.rows, data.columns, 1e-5);
  const present = new Set(Array.from(data.target));
  check(
    present.size === data.columns,
    metric,
    `target has ${present.size} classes but scores have ${data.columns} columns; every class needs samples for one-vs-rest AUC`,
  );
  // One-vs-rest: AUC_c of (target == c) against scores[:, c]; macro mean, or weighted by prevalence n_c / n.
  const aucs: number[] = [];
  const weights: number[] = [];
  for (let column = 0; column < data.columns; column++) {
    const isClass = Float64Array.from(data.target, (label) => (label === column ? 1 : 0));
    aucs.push(binaryRocAuc(isClass, scoreColumn(data, column)));
    weights.push(options.average === 'weighted' ? isClass.reduce((sum, value) => sum + value, 0) : 1);
  }
  const totalWeight = weights.reduce((sum, value) => sum + value, 0);
  return aucs.reduce((sum, auc, index) => sum + auc * weights[index]!, 0) / totalWeight;
}

/**
 * Area under the ROC curve, as scikit-learn's `roc_auc_score`: binary labels with scores `[n]`,
 * or multiclass labels with probabilities `[n, classes]` (one-vs-rest, macro or weighted).
 * @example
 * await rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 */
export async function rocAuc(target: MetricInput, scores: MetricInput, options: RocAucOptions = {}): Promise<number> {
  checkOptions('rocAuc', options, ['average']);
  return rocAucOnHost(await readScoredLabels(metric, target, scores), options);
}

/** Streaming ROC AUC (keeps every score on the host). */
export class RocAuc extends ScoreBuffer<number> {
  constructor(options: RocAucOptions = {}) {
    checkOptions('RocAuc', options, ['average']);
    super(metric, (data) => rocAucOnHost(data, options));
  }
}
