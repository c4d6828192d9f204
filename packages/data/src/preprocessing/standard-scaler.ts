import { checkOptions, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { mergeMoments } from './incremental-mean-variance.js';
import { handleZerosInScale, isConstantFeature, readMatrix, writeMatrix } from './matrix.js';
import { readMethodArguments } from './method-arguments.js';
import { readSampleWeight, type SampleWeight } from './sample-weight.js';

/** The keywords of `fit`, `partialFit` and `fitTransform` (scikit-learn's `y=None, sample_weight=None`). */
export interface StandardScalerFitOptions {
  /** Ignored, as in scikit-learn (a Pipeline passes the labels). */
  y?: null;
  /** One weight per row, or one number for all rows (scikit-learn's `sample_weight`); default none (all 1). */
  sampleWeight?: SampleWeight | null;
}

const fitArguments = ['y', 'sampleWeight'];

/**
 * Standardises features to zero mean and unit variance (scikit-learn's `StandardScaler`):
 * z = (x − mean) / scale with mean and the population variance (ddof = 0) of each column over the
 * fitted rows, scale = √variance, and 1 for constant columns. `partialFit` accumulates them over batches.
 * With sample weights wᵢ (scikit-learn's `sample_weight`) the mean is Σwᵢxᵢ / Σwᵢ and the variance
 * Σwᵢ(xᵢ − mean)² / Σwᵢ, and `nSamplesSeen` is Σwᵢ. Every method refuses arguments it does not take.
 * @example
 * const scaler = new StandardScaler().fit(train);
 * const z = scaler.transform(test);
 * scaler.inverseTransform(z); // test again
 * new StandardScaler().fit(train, null, weights); // scikit-learn's fit(X, sample_weight=weights)
 */
export class StandardScaler {
  /** Column means; null before fit and when neither withMean nor withStd (scikit-learn's `mean_`). */
  mean: Float64Array | null = null;
  /** Population variances; null before fit and without withStd (`var_`). */
  variance: Float64Array | null = null;
  /** √variance, 1 for constant columns; null before fit and without withStd (`scale_`). */
  scale: Float64Array | null = null;
  /**
   * Rows seen by fit and partialFit, or with sample weights the sum of the weights seen (scikit-learn's
   * `n_samples_seen_`, a float then); 0 before.
   */
  nSamplesSeen = 0;
  /** Features seen by fit or the first partialFit; 0 before. */
  private columns = 0;
  private readonly withMean: boolean;
  private readonly withStd: boolean;

  constructor(options: { withMean?: boolean; withStd?: boolean } = {}, ...extra: never[]) {
    if (extra.length > 0) refuseExtraArguments('StandardScaler', ['options'], extra);
    checkOptions('StandardScaler', options, ['withMean', 'withStd']);
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
  }

  /**
   * Computes the statistics of `x` afresh (scikit-learn's `fit(X, y=None, sample_weight=None)`: a
   * reset, then one partialFit). `y` is ignored; `sampleWeight` weights each row.
   * @example
   * scaler.fit(x);
   * scaler.fit(x, null, [1, 0, 2]); // weighted: the second row does not count
   * scaler.fit(x, { sampleWeight: [1, 0, 2] }); // scikit-learn's keyword
   */
  fit(x: Tensor | number[][], y?: null, sampleWeight?: SampleWeight | null): this;
  /** scikit-learn's keywords as an options object. */
  fit(x: Tensor | number[][], options: StandardScalerFitOptions): this;
  fit(x: Tensor | number[][], ...rest: unknown[]): this {
    const { sampleWeight } = readMethodArguments<StandardScalerFitOptions>('StandardScaler.fit', rest, fitArguments);
    this.reset();
    return this.update('fit', x, sampleWeight);
  }

  /**
   * Adds a batch of rows to the statistics (scikit-learn's `partial_fit(X, y=None, sample_weight=None)`):
   * after batches b₁, …, bₖ the mean, variance and scale are those of one fit on their concatenation
   * (with the concatenated weights), up to float64 rounding (the batches are merged by Chan et al.'s
   * pairwise update, see `mergeMoments`). A partialFit after fit continues from fit's statistics.
   * Every batch needs the features of the first one.
   * @example
   * const scaler = new StandardScaler();
   * for (const batch of batches) scaler.partialFit(batch); // statistics of all the rows
   * scaler.nSamplesSeen; // total rows
   * scaler.partialFit(rows, null, weights); // a weighted batch: nSamplesSeen grows by the weights' sum
   */
  partialFit(x: Tensor | number[][], y?: null, sampleWeight?: SampleWeight | null): this;
  /** scikit-learn's keywords as an options object. */
  partialFit(x: Tensor | number[][], options: StandardScalerFitOptions): this;
  partialFit(x: Tensor | number[][], ...rest: unknown[]): this {
    const { sampleWeight } = readMethodArguments<StandardScalerFitOptions>('StandardScaler.partialFit', rest, fitArguments);
    return this.update('partialFit', x, sampleWeight);
  }

  private update(operation: string, x: Tensor | number[][], sampleWeight: SampleWeight | null | undefined): this {
    const { values, rows, columns } = readMatrix(`StandardScaler.${operation}`, x);
    if (rows === 0) throw new Error(`StandardScaler.${operation}: found array with 0 sample(s) while a minimum of 1 is required`);
    const weights = readSampleWeight(`StandardScaler.${operation}`, sampleWeight, rows);
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
      const merged = mergeMoments(previous, values, rows, columns, weights);
      this.mean = merged.mean;
      this.variance = merged.variance;
      this.nSamplesSeen = merged.count;
    } else {
      // scikit-learn counts the rows here, weighted or not (it computes no statistic to weight)
      this.nSamplesSeen = count + rows;
    }
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

  /**
   * (x − mean) / scale, row by row (scikit-learn's `transform(X)`; its `copy` is not taken: the result is
   * always a new tensor).
   * @example
   * const z = new StandardScaler().fit(train).transform(test);
   */
  transform(x: Tensor | number[][]): Tensor;
  transform(x: Tensor | number[][], ...rest: unknown[]): Tensor {
    readMethodArguments('StandardScaler.transform', rest, []);
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

  /**
   * fit, then transform of the same rows (scikit-learn's `fit_transform(X, y=None, **fit_params)`, whose
   * fit_params reach fit: `sampleWeight`).
   * @example
   * const z = new StandardScaler().fitTransform(x, null, weights);
   */
  fitTransform(x: Tensor | number[][], y?: null, sampleWeight?: SampleWeight | null): Tensor;
  /** scikit-learn's keywords as an options object. */
  fitTransform(x: Tensor | number[][], options: StandardScalerFitOptions): Tensor;
  fitTransform(x: Tensor | number[][], ...rest: unknown[]): Tensor {
    const { sampleWeight } = readMethodArguments<StandardScalerFitOptions>('StandardScaler.fitTransform', rest, fitArguments);
    return this.fit(x, null, sampleWeight).transform(x);
  }

  /**
   * z · scale + mean, back to the original units (scikit-learn's `inverse_transform(X)`; its `copy` is
   * not taken).
   * @example
   * scaler.inverseTransform(scaler.transform(x)); // x again
   */
  inverseTransform(z: Tensor | number[][]): Tensor;
  inverseTransform(z: Tensor | number[][], ...rest: unknown[]): Tensor {
    readMethodArguments('StandardScaler.inverseTransform', rest, []);
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
    if (this.columns === 0) throw new Error(`StandardScaler.${operation}: this StandardScaler instance is not fitted yet; call fit first`);
  }

  private checkColumns(operation: string, columns: number): void {
    if (columns !== this.columns)
      throw new Error(
        `StandardScaler.${operation}: x has ${columns} features, but StandardScaler is expecting ${this.columns} features as input`,
      );
  }
}
