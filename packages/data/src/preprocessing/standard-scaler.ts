import { checkOptions, type Tensor } from '@dl/tensor';
import { mergeMoments } from './incremental-mean-variance.js';
import { handleZerosInScale, isConstantFeature, readMatrix, writeMatrix } from './matrix.js';

/**
 * Standardises features to zero mean and unit variance (scikit-learn's `StandardScaler`):
 * z = (x − mean) / scale with mean and the population variance (ddof = 0) of each column over the
 * fitted rows, scale = √variance, and 1 for constant columns. `partialFit` accumulates them over batches.
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
  /** Rows seen by fit and partialFit (scikit-learn's `n_samples_seen_`); 0 before. */
  nSamplesSeen = 0;
  /** Features seen by fit or the first partialFit; 0 before. */
  private columns = 0;
  private readonly withMean: boolean;
  private readonly withStd: boolean;

  constructor(options: { withMean?: boolean; withStd?: boolean } = {}) {
    checkOptions('StandardScaler', options, ['withMean', 'withStd']);
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
  }

  /** Computes the statistics of `x` afresh (scikit-learn: a reset, then one partialFit). */
  fit(x: Tensor | number[][]): this {
    this.reset();
    return this.update('fit', x);
  }

  /**
   * Adds a batch of rows to the statistics (scikit-learn's `partial_fit`): after batches b₁, …, bₖ the
   * mean, variance and scale are those of one fit on their concatenation, up to float64 rounding (the
   * batches are merged by Chan et al.'s pairwise update, see `mergeMoments`). A partialFit after fit
   * continues from fit's statistics. Every batch needs the features of the first one.
   * @example
   * const scaler = new StandardScaler();
   * for (const batch of batches) scaler.partialFit(batch); // statistics of all the rows
   * scaler.nSamplesSeen; // total rows
   */
  partialFit(x: Tensor | number[][]): this {
    return this.update('partialFit', x);
  }

  private update(operation: string, x: Tensor | number[][]): this {
    const { values, rows, columns } = readMatrix(`StandardScaler.${operation}`, x);
    if (rows === 0) throw new Error(`StandardScaler.${operation}: found array with 0 sample(s) while a minimum of 1 is required`);
    const first = this.columns === 0;
    if (!first) this.checkColumns(operation, columns);
    const count = this.nSamplesSeen;
    if (this.withMean || this.withStd) {
      // scikit-learn starts from mean 0 and variance 0 over 0 rows; without withStd the variance is not tracked
      const previous = {
        mean: first ? new Float64Array(columns) : this.mean!,
        variance: this.withStd ? (first ? new Float64Array(columns) : this.variance!) : null,
        count,
      };
      const merged = mergeMoments(previous, values, rows, columns);
      this.mean = merged.mean;
      this.variance = merged.variance;
    }
    this.nSamplesSeen = count + rows;
    this.columns = columns;
    // the constant-feature test runs on the raw variances of all rows seen, before the square root
    this.scale =
      this.variance && this.mean
        ? handleZerosInScale(this.variance.map(Math.sqrt), isConstantFeature(this.variance, this.mean, this.nSamplesSeen))
        : null;
    return this;
  }

  /** Forgets the fitted statistics (fit starts from nothing, as scikit-learn's `_reset`). */
  private reset(): void {
    this.mean = null;
    this.variance = null;
    this.scale = null;
    this.nSamplesSeen = 0;
    this.columns = 0;
  }

  transform(x: Tensor | number[][]): Tensor {
    this.checkFitted('transform');
    const { values, rows, columns, dtype } = readMatrix('StandardScaler.transform', x);
    this.checkColumns('transform', columns);
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
    this.checkColumns('inverseTransform', columns);
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

  private checkColumns(operation: string, columns: number): void {
    if (columns !== this.columns)
      throw new Error(
        `StandardScaler.${operation}: x has ${columns} features, but StandardScaler is expecting ${this.columns} features as input`,
      );
  }
}
