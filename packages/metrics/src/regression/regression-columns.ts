import { check } from '../input/metric-error.js';
import { readInput, type HostArray, type MetricInput } from '../input/read-input.js';
import { readSampleWeight } from '../input/sample-weight.js';

/**
 * Every sample's target and prediction, one column per output (scikit-learn's y of shape [n, outputs]),
 * and each sample's weight (1 without `sampleWeight`).
 */
export interface RegressionColumns {
  readonly targets: readonly Float64Array[];
  readonly predictions: readonly Float64Array[];
  readonly weights: Float64Array;
  /** Whether `sampleWeight` was given: scikit-learn then takes medians and quantiles by its weighted percentile, even for unit weights. */
  readonly weighted: boolean;
}

/** The columns of `[n]` (one output) or `[n, outputs]`, every value checked finite (scikit-learn's check_array). */
function columnsOf(metric: string, { values, shape }: HostArray, name: string): Float64Array[] {
  check(shape.length === 1 || shape.length === 2, metric, () => `${name} must be [n] or [n, outputs], got shape [${shape.join(', ')}]`);
  const rows = shape[0]!;
  const outputs = shape.length === 2 ? shape[1]! : 1;
  values.forEach((value, index) => {
    const position = shape.length === 2 ? `[${Math.floor(index / outputs)}, ${index % outputs}]` : `[${index}]`;
    check(Number.isFinite(value), metric, () => `${name}${position} = ${value} is not finite`);
  });
  return Array.from({ length: outputs }, (_, column) => Float64Array.from({ length: rows }, (_, row) => values[row * outputs + column]!));
}

/**
 * Reads target and prediction as columns: `[n]` is one output like `[n, 1]`, as scikit-learn. With
 * `singleOutput`, more than one output throws (scikit-learn: "Multioutput not supported").
 * `sampleWeight`, checked against the sample count, gives the weights (default 1 each).
 * No sample is fine here, a streaming batch may be empty: the function forms and `compute` check
 * that there is one (checkSomeSamples).
 */
export async function readRegressionColumns(
  metric: string,
  target: MetricInput,
  prediction: MetricInput,
  singleOutput: boolean,
  sampleWeight?: unknown,
): Promise<RegressionColumns> {
  const targets = columnsOf(metric, await readInput(target, metric, 'target'), 'target');
  const predictions = columnsOf(metric, await readInput(prediction, metric, 'prediction'), 'prediction');
  const samples = (columns: Float64Array[]) => columns[0]?.length ?? 0;
  check(
    samples(targets) === samples(predictions),
    metric,
    () => `target has ${samples(targets)} samples but prediction has ${samples(predictions)}`,
  );
  check(
    targets.length === predictions.length,
    metric,
    () => `target has ${targets.length} outputs but prediction has ${predictions.length}`,
  );
  check(
    !singleOutput || targets.length === 1,
    metric,
    () => `takes one output, [n] or [n, 1], got ${targets.length} outputs (scikit-learn: multioutput not supported)`,
  );
  return {
    targets,
    predictions,
    weights: await readSampleWeight(metric, sampleWeight, samples(targets)),
    weighted: sampleWeight !== undefined,
  };
}

/** Throws unless `columns` hold at least one sample (every metric here is a mean, median or maximum over them). */
export function checkSomeSamples(metric: string, columns: RegressionColumns): void {
  check((columns.targets[0]?.length ?? 0) > 0, metric, 'needs at least one sample');
}

/** Columns appended batch by batch, for the streaming form of metrics that need every sample (medians, quantiles). */
export class RegressionColumnBuffer {
  private targets: number[][] = [];
  private predictions: number[][] = [];

  add(metric: string, columns: RegressionColumns): void {
    if (this.targets.length === 0) {
      this.targets = columns.targets.map(() => []);
      this.predictions = columns.targets.map(() => []);
    }
    check(
      columns.targets.length === this.targets.length,
      metric,
      () => `batch has ${columns.targets.length} outputs, earlier batches had ${this.targets.length}`,
    );
    // A loop, not push(...column): spreading a long batch overflows the argument limit.
    columns.targets.forEach((column, output) => {
      for (const value of column) this.targets[output]!.push(value);
    });
    columns.predictions.forEach((column, output) => {
      for (const value of column) this.predictions[output]!.push(value);
    });
  }

  /** Every batch's columns, concatenated; empty batches add nothing, and no sample at all throws. */
  columns(metric: string): RegressionColumns {
    const columns = {
      targets: this.targets.map((column) => Float64Array.from(column)),
      predictions: this.predictions.map((column) => Float64Array.from(column)),
      // The streaming form takes no weights: every sample weighs 1.
      weights: new Float64Array(this.targets[0]?.length ?? 0).fill(1),
      weighted: false,
    };
    checkSomeSamples(metric, columns);
    return columns;
  }

  reset(): void {
    this.targets = [];
    this.predictions = [];
  }
}

/**
 * Throws unless every value of `side` satisfies `holds`: "`metric`: `requirement`; target[3] = -1"
 * (`[row, output]` with several outputs).
 */
export function requireEvery(
  metric: string,
  columns: RegressionColumns,
  side: 'target' | 'prediction',
  holds: (value: number) => boolean,
  requirement: string,
): void {
  const sideColumns = side === 'target' ? columns.targets : columns.predictions;
  sideColumns.forEach((column, output) =>
    column.forEach((value, row) => {
      const position = sideColumns.length > 1 ? `[${row}, ${output}]` : `[${row}]`;
      check(holds(value), metric, () => `${requirement}; ${side}${position} = ${value}`);
    }),
  );
}
