import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import type { StreamingMetric } from '../streaming-metric.js';
import type { ColumnRegressionMetric, ColumnsEvaluator } from './column-regression-metric.js';
import { d2AbsoluteErrorScoreMetric, d2PinballScoreMetric } from './d2-pinball-score.js';
import { d2TweedieScoreMetric } from './d2-tweedie-score.js';
import { maxErrorMetric } from './max-error.js';
import { meanPinballLossMetric } from './mean-pinball-loss.js';
import { meanSquaredLogErrorMetric } from './mean-squared-log-error.js';
import { medianAbsoluteErrorMetric } from './median-absolute-error.js';
import { RegressionColumnBuffer, readRegressionColumns } from './regression-columns.js';
import { meanGammaDevianceMetric, meanPoissonDevianceMetric, meanTweedieDevianceMetric } from './tweedie-deviance.js';
import { refuseExtraArguments, streamingSampleWeightHint } from '../input/extra-arguments.js';

const metrics = {
  meanSquaredLogError: meanSquaredLogErrorMetric,
  medianAbsoluteError: medianAbsoluteErrorMetric,
  maxError: maxErrorMetric,
  meanPinballLoss: meanPinballLossMetric,
  meanTweedieDeviance: meanTweedieDevianceMetric,
  meanPoissonDeviance: meanPoissonDevianceMetric,
  meanGammaDeviance: meanGammaDevianceMetric,
  d2AbsoluteErrorScore: d2AbsoluteErrorScoreMetric,
  d2PinballScore: d2PinballScoreMetric,
  d2TweedieScore: d2TweedieScoreMetric,
};

/** The metrics BufferedRegressionMetric computes. */
export type BufferedRegressionMetricName = keyof typeof metrics;

/** The options each of them takes, as its function does. */
export type BufferedRegressionOptions = {
  [Name in BufferedRegressionMetricName]: (typeof metrics)[Name] extends ColumnRegressionMetric<infer Options> ? Options : never;
};

/**
 * Streaming form of the regression metrics that need every sample (medians, quantiles, deviances
 * around the mean): `update` keeps each batch on the host, `compute` evaluates the metric on all of them.
 * @example
 * const metric = new BufferedRegressionMetric('medianAbsoluteError', { multioutput: 'rawValues' });
 * for (const [inputs, target] of batches) await metric.update(target, model(inputs));
 * metric.compute();
 */
export class BufferedRegressionMetric<Name extends BufferedRegressionMetricName = BufferedRegressionMetricName>
  implements StreamingMetric<[MetricInput, MetricInput], number | number[]>
{
  private readonly buffer = new RegressionColumnBuffer();
  private readonly metric: ColumnRegressionMetric<BufferedRegressionOptions[Name]>;
  private readonly evaluate: ColumnsEvaluator;
  constructor(
    readonly name: Name,
    options: BufferedRegressionOptions[Name] = {} as BufferedRegressionOptions[Name],
    ...extra: never[]
  ) {
    refuseExtraArguments('BufferedRegressionMetric', ['name', 'options?'], extra);
    check(
      typeof name === 'string' && Object.hasOwn(metrics, name),
      'BufferedRegressionMetric',
      () => `unknown metric ${typeof name === 'string' ? `'${name}'` : String(name)}; expected one of ${Object.keys(metrics).join(', ')}`,
    );
    this.metric = metrics[name] as unknown as ColumnRegressionMetric<BufferedRegressionOptions[Name]>;
    this.evaluate = this.metric.prepare(options, false);
  }
  async update(target: MetricInput, prediction: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments(
      'BufferedRegressionMetric.update',
      ['target', 'prediction'],
      extra,
      this.metric.extraArgumentHint ?? streamingSampleWeightHint(this.name),
    );
    this.buffer.add(this.name, await readRegressionColumns(this.name, target, prediction, this.metric.singleOutput));
  }
  compute(...extra: never[]): number | number[] {
    refuseExtraArguments('BufferedRegressionMetric.compute', [], extra);
    return this.evaluate(this.buffer.columns(this.name));
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('BufferedRegressionMetric.reset', [], extra);
    this.buffer.reset();
  }
}
