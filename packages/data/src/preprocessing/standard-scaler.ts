import { checkOptions, type Tensor } from '@dl/tensor';
import { handleZerosInScale, readMatrix, writeMatrix } from './matrix.js';

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
  mean: Float64Array | null = null;
  variance: Float64Array | null = null;
  scale: Float64Array | null = null;
  nSamplesSeen = 0;
  private readonly withMean: boolean;
  private readonly withStd: boolean;

  constructor(options: { withMean?: boolean; withStd?: boolean } = {}) {
    checkOptions('StandardScaler', options, ['withMean', 'withStd']);
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
  }

  fit(x: Tensor | number[][]): this {
    const { values, rows, columns } = readMatrix('StandardScaler.fit', x);
    const mean = new Float64Array(columns);
    const variance = new Float64Array(columns);
    for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) mean[c]! += values[r * columns + c]!;
    for (let c = 0; c < columns; c++) mean[c]! /= rows;
    // two-pass variance: Σ (x − mean)² / n, stable where Σx² − n·mean² cancels
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) {
        const deviation = values[r * columns + c]! - mean[c]!;
        variance[c]! += deviation * deviation;
      }
    for (let c = 0; c < columns; c++) variance[c]! /= rows;
    this.mean = mean;
    this.variance = variance;
    this.scale = handleZerosInScale(variance.map(Math.sqrt));
    this.nSamplesSeen = rows;
    return this;
  }

  transform(x: Tensor | number[][]): Tensor {
    const { mean, scale } = this.fitted('transform');
    const { values, rows, columns, dtype } = readMatrix('StandardScaler.transform', x);
    this.checkColumns(columns, mean.length);
    const out = new Float64Array(values.length);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) {
        let value = values[r * columns + c]!;
        if (this.withMean) value -= mean[c]!;
        if (this.withStd) value /= scale[c]!;
        out[r * columns + c] = value;
      }
    return writeMatrix(out, [rows, columns], dtype);
  }

  fitTransform(x: Tensor | number[][]): Tensor {
    return this.fit(x).transform(x);
  }

  inverseTransform(z: Tensor | number[][]): Tensor {
    const { mean, scale } = this.fitted('inverseTransform');
    const { values, rows, columns, dtype } = readMatrix('StandardScaler.inverseTransform', z);
    this.checkColumns(columns, mean.length);
    const out = new Float64Array(values.length);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) {
        let value = values[r * columns + c]!;
        if (this.withStd) value *= scale[c]!;
        if (this.withMean) value += mean[c]!;
        out[r * columns + c] = value;
      }
    return writeMatrix(out, [rows, columns], dtype);
  }

  private fitted(operation: string): { mean: Float64Array; scale: Float64Array } {
    if (!this.mean || !this.scale)
      throw new Error(`StandardScaler.${operation}: this StandardScaler instance is not fitted yet; call fit first`);
    return { mean: this.mean, scale: this.scale };
  }

  private checkColumns(columns: number, expected: number): void {
    if (columns !== expected)
      throw new Error(`StandardScaler: x has ${columns} features, but StandardScaler is expecting ${expected} features as input`);
  }
}
