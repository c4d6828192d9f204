import { checkOptions, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { handleZerosInScale, readMatrix, writeMatrix } from './matrix.js';
import { readMethodArguments } from './method-arguments.js';

/** The keyword of `fit`, `partialFit` and `fitTransform` (scikit-learn's `y=None`). */
export interface MinMaxScalerFitOptions {
  /** Ignored, as in scikit-learn (a Pipeline passes the labels). */
  y?: null;
}

// scikit-learn 1.2's MinMaxScaler.fit(X, y=None) has no sample_weight: a third argument is refused, not dropped
const noSampleWeight = "; scikit-learn's MinMaxScaler takes no sample_weight";

/**
 * Scales each feature to `featureRange` (scikit-learn's `MinMaxScaler`): with range [a, b],
 * scale = (b − a) / (max − min) (1 when max = min) and min_ = a − dataMin · scale, x' = x · scale + min_.
 * `partialFit` widens the range batch by batch. Every method refuses arguments it does not take (there
 * are no sample weights, as in scikit-learn).
 * @example
 * const scaler = new MinMaxScaler({ featureRange: [-1, 1] }).fit(x);
 * scaler.transform(x); // every column in [-1, 1]
 */
export class MinMaxScaler {
  dataMin: Float64Array | null = null;
  dataMax: Float64Array | null = null;
  dataRange: Float64Array | null = null;
  scale: Float64Array | null = null;
  min: Float64Array | null = null;
  /** Rows seen by fit and partialFit (scikit-learn's `n_samples_seen_`); 0 before. */
  nSamplesSeen = 0;
  private readonly featureRange: [number, number];
  private readonly clip: boolean;

  constructor(options: { featureRange?: [number, number]; clip?: boolean } = {}, ...extra: never[]) {
    if (extra.length > 0) refuseExtraArguments('MinMaxScaler', ['options'], extra);
    checkOptions('MinMaxScaler', options, ['featureRange', 'clip']);
    this.featureRange = options.featureRange ?? [0, 1];
    this.clip = options.clip ?? false;
    if (this.featureRange[0] >= this.featureRange[1])
      throw new Error(`MinMaxScaler: minimum of desired feature range must be smaller than maximum, got [${this.featureRange.join(', ')}]`);
  }

  /**
   * Computes the per-column minimum and maximum of `x` afresh (scikit-learn's `fit(X, y=None)`: a reset,
   * then one partialFit). `y` is ignored.
   * @example
   * new MinMaxScaler().fit(x);
   */
  fit(x: Tensor | number[][], y?: null): this;
  /** scikit-learn's keyword as an options object. */
  fit(x: Tensor | number[][], options: MinMaxScalerFitOptions): this;
  fit(x: Tensor | number[][], ...rest: unknown[]): this {
    readMethodArguments('MinMaxScaler.fit', rest, ['y'], noSampleWeight);
    this.dataMin = this.dataMax = this.dataRange = this.scale = this.min = null;
    this.nSamplesSeen = 0;
    return this.update('fit', x);
  }

  /**
   * Adds a batch of rows (scikit-learn's `partial_fit`): dataMin and dataMax become the minimum and
   * maximum over every row seen, so after several batches scale and min are exactly those of one fit
   * on their concatenation. A partialFit after fit continues from fit's range.
   * @example
   * const scaler = new MinMaxScaler();
   * for (const batch of batches) scaler.partialFit(batch);
   * scaler.transform(batches[0]); // in [0, 1]
   */
  partialFit(x: Tensor | number[][], y?: null): this;
  /** scikit-learn's keyword as an options object. */
  partialFit(x: Tensor | number[][], options: MinMaxScalerFitOptions): this;
  partialFit(x: Tensor | number[][], ...rest: unknown[]): this {
    readMethodArguments('MinMaxScaler.partialFit', rest, ['y'], noSampleWeight);
    return this.update('partialFit', x);
  }

  private update(operation: string, x: Tensor | number[][]): this {
    const { values, rows, columns } = readMatrix(`MinMaxScaler.${operation}`, x);
    if (rows === 0) throw new Error(`MinMaxScaler.${operation}: found array with 0 sample(s) while a minimum of 1 is required`);
    const previousMin = this.dataMin;
    const previousMax = this.dataMax;
    if (previousMin) checkColumns(operation, columns, previousMin.length);
    // min and max are exact, so merging batches is min(min₁, min₂) and max(max₁, max₂)
    const dataMin = previousMin ? Float64Array.from(previousMin) : new Float64Array(columns).fill(Infinity);
    const dataMax = previousMax ? Float64Array.from(previousMax) : new Float64Array(columns).fill(-Infinity);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) {
        const value = values[r * columns + c]!;
        if (value < dataMin[c]!) dataMin[c] = value;
        if (value > dataMax[c]!) dataMax[c] = value;
      }
    const [low, high] = this.featureRange;
    this.dataMin = dataMin;
    this.dataMax = dataMax;
    this.dataRange = dataMax.map((max, c) => max - dataMin[c]!);
    const safeRange = handleZerosInScale(this.dataRange);
    this.scale = safeRange.map((range) => (high - low) / range);
    this.min = dataMin.map((min, c) => low - min * this.scale![c]!);
    this.nSamplesSeen += rows;
    return this;
  }

  /**
   * x · scale + min, clipped to featureRange with `clip` (scikit-learn's `transform(X)`).
   * @example
   * new MinMaxScaler().fit(train).transform(test);
   */
  transform(x: Tensor | number[][]): Tensor;
  transform(x: Tensor | number[][], ...rest: unknown[]): Tensor {
    readMethodArguments('MinMaxScaler.transform', rest, []);
    const { scale, min } = this.fitted('transform');
    const { values, rows, columns, dtype } = readMatrix('MinMaxScaler.transform', x);
    checkColumns('transform', columns, scale.length);
    const [low, high] = this.featureRange;
    const out = values.map((value, i) => {
      const scaled = value * scale[i % columns]! + min[i % columns]!;
      return this.clip ? Math.min(high, Math.max(low, scaled)) : scaled;
    });
    return writeMatrix(out, [rows, columns], dtype);
  }

  /**
   * fit, then transform of the same rows (scikit-learn's `fit_transform(X, y=None)`).
   * @example
   * const unit = new MinMaxScaler({ featureRange: [-1, 1] }).fitTransform(x);
   */
  fitTransform(x: Tensor | number[][], y?: null): Tensor;
  /** scikit-learn's keyword as an options object. */
  fitTransform(x: Tensor | number[][], options: MinMaxScalerFitOptions): Tensor;
  fitTransform(x: Tensor | number[][], ...rest: unknown[]): Tensor {
    readMethodArguments('MinMaxScaler.fitTransform', rest, ['y'], noSampleWeight);
    return this.fit(x).transform(x);
  }

  /**
   * (z − min) / scale, back to the original units (scikit-learn's `inverse_transform(X)`).
   * @example
   * scaler.inverseTransform(scaler.transform(x)); // x again
   */
  inverseTransform(z: Tensor | number[][]): Tensor;
  inverseTransform(z: Tensor | number[][], ...rest: unknown[]): Tensor {
    readMethodArguments('MinMaxScaler.inverseTransform', rest, []);
    const { scale, min } = this.fitted('inverseTransform');
    const { values, rows, columns, dtype } = readMatrix('MinMaxScaler.inverseTransform', z);
    checkColumns('inverseTransform', columns, scale.length);
    const out = values.map((value, i) => (value - min[i % columns]!) / scale[i % columns]!);
    return writeMatrix(out, [rows, columns], dtype);
  }

  private fitted(operation: string): { scale: Float64Array; min: Float64Array } {
    if (!this.scale || !this.min)
      throw new Error(`MinMaxScaler.${operation}: this MinMaxScaler instance is not fitted yet; call fit first`);
    return { scale: this.scale, min: this.min };
  }
}

/** Both directions need the fitted number of features (scikit-learn refuses the broadcast). */
function checkColumns(operation: string, columns: number, expected: number): void {
  if (columns !== expected)
    throw new Error(`MinMaxScaler.${operation}: x has ${columns} features, but MinMaxScaler is expecting ${expected} features as input`);
}
