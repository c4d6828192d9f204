import { check } from '../input/metric-error.js';
import { checkSameLength } from '../input/validate.js';

/**
 * Counts of (target, prediction) label pairs, grown as larger labels arrive. The label set of a
 * metric is, as in scikit-learn, the sorted labels present in target or prediction, unless
 * `numClasses` (labels 0..numClasses-1) or `labels` are given.
 */
export class ConfusionCounts {
  private size = 0;
  private counts = new Float64Array(0);

  add(metric: string, target: ArrayLike<number>, prediction: ArrayLike<number>): void {
    checkSameLength(metric, target, prediction);
    let largest = this.size - 1;
    for (let index = 0; index < target.length; index++) largest = Math.max(largest, target[index]!, prediction[index]!);
    if (largest >= this.size) this.grow(largest + 1);
    for (let index = 0; index < target.length; index++) this.counts[target[index]! * this.size + prediction[index]!]! += 1;
  }

  /** Number of samples with target `row` and prediction `column`. */
  count(row: number, column: number): number {
    return row < this.size && column < this.size ? this.counts[row * this.size + column]! : 0;
  }

  /** Number of samples whose target is `label` (a row sum over every label). */
  targetCount(label: number): number {
    let total = 0;
    for (let column = 0; column < this.size; column++) total += this.count(label, column);
    return total;
  }

  get total(): number {
    return this.counts.reduce((sum, value) => sum + value, 0);
  }

  /** Labels seen in target or prediction, ascending. */
  presentLabels(): number[] {
    const labels: number[] = [];
    for (let label = 0; label < this.size; label++) {
      let seen = 0;
      for (let other = 0; other < this.size; other++)
        seen += this.counts[label * this.size + other]! + this.counts[other * this.size + label]!;
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
  }

  private grow(size: number): void {
    const counts = new Float64Array(size * size);
    for (let row = 0; row < this.size; row++) counts.set(this.counts.subarray(row * this.size, (row + 1) * this.size), row * size);
    this.size = size;
    this.counts = counts;
  }
}
