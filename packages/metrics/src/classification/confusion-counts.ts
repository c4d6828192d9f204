import { check } from '../input/metric-error.js';
import { checkSameLength } from '../input/validate.js';

/**
 * Counts of (target, prediction) label pairs, grown as larger labels arrive. With sample weights a
 * pair counts Σ wᵢ over its samples (scikit-learn's weighted confusion matrix); which labels occur is
 * kept apart, unweighted, because scikit-learn's label set (`unique_labels`) ignores the weights: a
 * label whose samples all weigh 0 is still present. The label set of a metric is, as in scikit-learn,
 * the sorted labels present in target or prediction, unless `numClasses` (labels 0..numClasses-1) or
 * `labels` are given.
 */
export class ConfusionCounts {
  private size = 0;
  private counts = new Float64Array(0);
  private occurrences = new Float64Array(0);

  /** Adds one sample per position; `weights` (validated by readSampleWeight) default to 1 each. */
  add(metric: string, target: ArrayLike<number>, prediction: ArrayLike<number>, weights?: ArrayLike<number>): void {
    checkSameLength(metric, target, prediction);
    let largest = this.size - 1;
    for (let index = 0; index < target.length; index++) largest = Math.max(largest, target[index]!, prediction[index]!);
    if (largest >= this.size) this.grow(largest + 1);
    for (let index = 0; index < target.length; index++) {
      const cell = target[index]! * this.size + prediction[index]!;
      this.counts[cell]! += weights ? weights[index]! : 1;
      this.occurrences[cell]! += 1;
    }
  }

  /** Weighted number of samples with target `row` and prediction `column`. */
  count(row: number, column: number): number {
    return row < this.size && column < this.size ? this.counts[row * this.size + column]! : 0;
  }

  /** Whether some sample, whatever its weight, has target `label`. */
  occursInTarget(label: number): boolean {
    for (let column = 0; column < this.size && label < this.size; column++)
      if (this.occurrences[label * this.size + column]! > 0) return true;
    return false;
  }

  /** Number of samples added, unweighted. */
  get samples(): number {
    return this.occurrences.reduce((sum, value) => sum + value, 0);
  }

  /** Labels seen in target or prediction (whatever their weights), ascending. */
  presentLabels(): number[] {
    const labels: number[] = [];
    for (let label = 0; label < this.size; label++) {
      let seen = 0;
      for (let other = 0; other < this.size; other++)
        seen += this.occurrences[label * this.size + other]! + this.occurrences[other * this.size + label]!;
      if (seen > 0) labels.push(label);
    }
    return labels;
  }

  /** The label set a metric reports on: `labels`, else 0..numClasses-1, else the present labels. */
  resolveLabels(metric: string, options: { labels?: readonly number[]; numClasses?: number }): number[] {
    if (options.labels) {
      check(options.labels.length > 0, metric, 'labels must not be empty');
      // A label outside the non-negative integers cannot occur in the data; counting it used to read NaN.
      options.labels.forEach((label, index) =>
        check(Number.isInteger(label) && label >= 0, metric, () => `labels[${index}] = ${label} is not a non-negative integer class label`),
      );
      return [...options.labels];
    }
    if (options.numClasses !== undefined) {
      check(
        Number.isInteger(options.numClasses) && options.numClasses > 0,
        metric,
        `numClasses must be a positive integer, got ${options.numClasses}`,
      );
      check(this.size <= options.numClasses, metric, `a label ${this.size - 1} is out of range for ${options.numClasses} classes`);
      return Array.from({ length: options.numClasses }, (_, label) => label);
    }
    return this.presentLabels();
  }

  /** The matrix restricted to `labels` (rows: target, columns: prediction). */
  matrix(labels: readonly number[]): number[][] {
    return labels.map((row) => labels.map((column) => this.count(row, column)));
  }

  reset(): void {
    this.size = 0;
    this.counts = new Float64Array(0);
    this.occurrences = new Float64Array(0);
  }

  private grow(size: number): void {
    const widen = (old: Float64Array) => {
      const grown = new Float64Array(size * size);
      for (let row = 0; row < this.size; row++) grown.set(old.subarray(row * this.size, (row + 1) * this.size), row * size);
      return grown;
    };
    this.counts = widen(this.counts);
    this.occurrences = widen(this.occurrences);
    this.size = size;
  }
}
