import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import { checkLabels, checkProbabilityRows, checkSameLength } from '../input/validate.js';
import { checkPositiveTotalWeight, readSampleWeight, type SampleWeightOption } from '../input/sample-weight.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { refuseExtraArguments, sampleWeightHint, streamingSampleWeightHint } from '../input/extra-arguments.js';

export interface LogLossOptions {
  /** Probabilities are clipped to [eps, 1 − eps], eps ∈ [0, 0.5) (default `'auto'`: float64 machine epsilon, as scikit-learn for float64). */
  eps?: number | 'auto';
  /** false gives the summed loss instead of the mean (scikit-learn's `normalize`). Default true. */
  normalize?: boolean;
  /**
   * The classes the probability columns stand for, in increasing order (scikit-learn's `labels`): each
   * target value is the column of its label. Default: the classes are 0 … columns − 1.
   */
  labels?: readonly number[];
}

/** The function's options: the streaming class's plus scikit-learn's `sample_weight`. */
export interface LogLossFunctionOptions extends LogLossOptions, SampleWeightOption {}

const metric = 'logLoss';

/** Checks names and values: eps = 0.7 clipped every probability to 0.3, eps = 'auto' gave NaN. */
function checkLogLossOptions(name: string, options: LogLossOptions, accepted = ['eps', 'normalize', 'labels']): void {
  checkOptions(name, options, accepted);
  const { eps, normalize, labels } = options;
  check(
    labels === undefined ||
      (Array.isArray(labels) && labels.every((label, index) => Number.isFinite(label) && (index === 0 || label > labels[index - 1]!))),
    name,
    () => `labels must be an increasing list of numbers (the classes of the probability columns, in order), got ${JSON.stringify(labels)}`,
  );
  check(
    eps === undefined || eps === 'auto' || (typeof eps === 'number' && eps >= 0 && eps < 0.5),
    name,
    () => `eps must be 'auto' or a number in [0, 0.5), got ${typeof eps === 'string' ? `'${eps}'` : String(eps)}`,
  );
  check(normalize === undefined || typeof normalize === 'boolean', name, () => `normalize must be a boolean, got ${String(normalize)}`);
}

/**
 * The weighted sum −Σ wᵢ log p̃ᵢ[yᵢ] over one batch and its total weight Σ wᵢ (every wᵢ = 1 without
 * `sampleWeight`: the summed loss and the sample count).
 */
async function batchLoss(target: MetricInput, probabilities: MetricInput, options: LogLossFunctionOptions): Promise<[number, number]> {
  const given = (await readInput(target, metric, 'target')).values;
  const { values, shape } = await readInput(probabilities, metric, 'probabilities');
  check(
    shape.length === 1 || shape.length === 2,
    metric,
    `probabilities must be [n] (positive class) or [n, classes], got shape [${shape.join(', ')}]`,
  );
  const rows = shape.length === 1 ? values.length : shape[0]!;
  const columns = shape.length === 1 ? 2 : shape[1]!;
  checkSameLength(metric, given, { length: rows }, ['target', 'probabilities']);
  const labels = options.labels === undefined ? given : columnsOf(given, options.labels, columns);
  checkLabels(metric, labels, 'target', columns);
  if (shape.length === 2) checkProbabilityRows(metric, values, rows, columns);
  else
    for (const probability of values) check(probability >= 0 && probability <= 1, metric, `probability ${probability} is outside [0, 1]`);
  const weights = await readSampleWeight(metric, options.sampleWeight, rows);
  const eps = options.eps === undefined || options.eps === 'auto' ? Number.EPSILON : options.eps;
  let total = 0;
  let totalWeight = 0;
  for (let row = 0; row < rows; row++) {
    // Clip every probability to [eps, 1 − eps], renormalize the row, then loss = −log p[target].
    const clipped =
      shape.length === 1
        ? [1 - clip(values[row]!, eps), clip(values[row]!, eps)]
        : Array.from(values.subarray(row * columns, (row + 1) * columns), (probability) => clip(probability, eps));
    const rowSum = clipped.reduce((sum, probability) => sum + probability, 0);
    total -= weights[row]! * Math.log(clipped[labels[row]!]! / rowSum);
    totalWeight += weights[row]!;
  }
  return [total, totalWeight];
}

/**
 * Each target value's column among `labels` (scikit-learn's `labels`: the probability columns stand for
 * those classes, in order). A value not among them, or labels that do not match the columns, throw.
 */
function columnsOf(given: ArrayLike<number>, labels: readonly number[], columns: number): Int32Array {
  check(
    labels.length === columns,
    metric,
    `labels has ${labels.length} classes but the probabilities have ${columns} columns; give one label per column`,
  );
  const column = new Map(labels.map((label, index) => [label, index]));
  return Int32Array.from(given, (value) => {
    const index = column.get(value);
    check(index !== undefined, metric, () => `target holds ${value}, which is not among labels [${labels.join(', ')}]`);
    return index!;
  });
}

function clip(probability: number, eps: number): number {
  return Math.min(Math.max(probability, eps), 1 - eps);
}

/**
 * Mean cross-entropy −(1/n) Σ log p_i[y_i] of probabilities (scikit-learn's `log_loss`; the sum with
 * `{ normalize: false }`). Scores
 * `[n]` are the positive-class probability of binary labels; rows of `[n, classes]` must sum to one.
 * `sampleWeight`: −Σ wᵢ log p_i[y_i] / Σ wᵢ (the numerator alone with `normalize: false`); weights
 * summing to 0 throw, as scikit-learn ("Weights sum to zero").
 * @example
 * await logLoss([0, 1, 1], [[0.9, 0.1], [0.2, 0.8], [0.3, 0.7]]); // 0.2283…
 */
export async function logLoss(
  target: MetricInput,
  probabilities: MetricInput,
  options: LogLossFunctionOptions = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments(metric, ['target', 'probabilities', 'options?'], extra, sampleWeightHint(metric));
  checkLogLossOptions(metric, options, ['eps', 'normalize', 'labels', 'sampleWeight']);
  const [total, totalWeight] = await batchLoss(target, probabilities, options);
  if (options.normalize === false) return total;
  if (options.sampleWeight !== undefined) checkPositiveTotalWeight(metric, totalWeight);
  return total / totalWeight;
}

/** Streaming log loss: the summed loss and the sample count. */
export class LogLoss implements StreamingMetric<[MetricInput, MetricInput], number> {
  private total = 0;
  private count = 0;
  constructor(
    private readonly options: LogLossOptions = {},
    ...extra: never[]
  ) {
    refuseExtraArguments('LogLoss', ['options?'], extra);
    checkLogLossOptions('LogLoss', options);
  }
  async update(target: MetricInput, probabilities: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments('LogLoss.update', ['target', 'probabilities'], extra, streamingSampleWeightHint(metric));
    const [total, count] = await batchLoss(target, probabilities, this.options);
    this.total += total;
    this.count += count;
  }
  compute(...extra: never[]): number {
    refuseExtraArguments('LogLoss.compute', [], extra);
    return this.options.normalize === false ? this.total : this.total / this.count;
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('LogLoss.reset', [], extra);
    this.total = 0;
    this.count = 0;
  }
}
