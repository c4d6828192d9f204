import { checkOptions, type Tensor } from '@dl/tensor';
import { handleZerosInScale, isConstantFeature, readMatrix, writeMatrix } from './matrix.js';

/**
 * Standardises features to zero mean and unit variance (scikit-learn's `StandardScaler`):
 * z = (x − mean) / scale with mean and the population variance (ddof = 0) of each column over the
 * fitted rows, scale = √variance, and 1 for constant columns.
 * @example
 * const scaler = new StandardScaler().fit(train);
 * const z = scaler.transform(test);
 * scaler.inverseTransform(z); // test again
 */
export class StandardScaler {
  /** Column means; null before fit and when neither withMean nor withStd (scikit-learn's `mean_`). */
  mean: Float64Array | null = null;
  /** Population variances; null before fit and without withStd (`var_`). */
  variance: Float64Array | null = null;
  /** √variance, 1 for constant columns; null before fit and without withStd (`scale_`). */
  scale: Float64Array | null = null;
  nSamplesSeen = 0;
  /** Features seen by fit; 0 before. */
  private columns = 0;
  private readonly withMean: boolean;
  private readonly withStd: boolean;

  constructor(options: { withMean?: boolean; withStd?: boolean } = {}) {
    checkOptions('StandardScaler', options, ['withMean', 'withStd']);
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
  }

  fit(x: Tensor | number[][]): this {
    const { values, rows, columns } = readMatrix('StandardScaler.fit', x);
    if (rows === 0) throw new Error('StandardScaler.fit: found array with 0 sample(s) while a minimum of 1 is required');
    const mean = new Float64Array(columns);
    for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) mean[c]! += values[r * columns + c]!;
    for (let c = 0; c < columns; c++) mean[c]! /= rows;
    // corrected two-pass variance (scikit-learn's _incremental_mean_and_var on a first fit):
    // (Σ d² − (Σ d)² / n) / n with d = x − mean; Σ d is 0 in exact arithmetic and removes the rounding of mean
    const squares = new Float64Array(columns);
    const deviations = new Float64Array(columns);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) {
        const deviation = values[r * columns + c]! - mean[c]!;
        squares[c]! += deviation * deviation;
        deviations[c]! += deviation;
      }
    const variance = squares.map((sum, c) => (sum - (deviations[c]! * deviations[c]!) / rows) / rows);
    // as scikit-learn: mean_ is None when neither centring nor scaling, var_ and scale_ are None without scaling
    this.mean = this.withMean || this.withStd ? mean : null;
    this.variance = this.withStd ? variance : null;
    this.scale = this.withStd ? handleZerosInScale(variance.map(Math.sqrt), isConstantFeature(variance, mean, rows)) : null;
    this.columns = columns;
    this.nSamplesSeen = rows;
    return this;
  }

  transform(x: Tensor | number[][]): Tensor {
    this.checkFitted('transform');
    const { values, rows, columns, dtype } = readMatrix('StandardScaler.transform', x);
    this.checkColumns(columns);
    const { mean, scale } = this;
    const out = new Float64Array(values.length);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) {
        let value = values[r * columns + c]!;
        if (this.withMean) value -= mean![c]!;
        if (this.withStd) value /= scale![c]!;
        out[r * columns + c] = value;
      }
    return writeMatrix(out, [rows, columns], dtype);
  }

  fitTransform(x: Tensor | number[][]): Tensor {
    return this.fit(x).transform(x);
  }

  inverseTransform(z: Tensor | number[][]): Tensor {
    this.checkFitted('inverseTransform');
    const { values, rows, columns, dtype } = readMatrix('StandardScaler.inverseTransform', z);
    this.checkColumns(columns);
    const { mean, scale } = this;
    const out = new Float64Array(values.length);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) {
        let value = values[r * columns + c]!;
        if (this.withStd) value *= scale![c]!;
        if (this.withMean) value += mean![c]!;
        out[r * columns + c] = value;
      }
    return writeMatrix(out, [rows, columns], dtype);
  }

  private checkFitted(operation: string): void {
    if (this.nSamplesSeen === 0)
      throw new Error(`StandardScaler.${operation}: this StandardScaler instance is not fitted yet; call fit first`);
  }

  private checkColumns(columns: number): void {
    if (columns !== this.columns)
      throw new Error(`StandardScaler: x has ${columns} features, but StandardScaler is expecting ${this.columns} features as input`);
  }
}
