import { refuseExtraArguments } from '@dl/tensor';
import type { Tensor } from '@dl/tensor';
import { resolveGenerator } from '../random/generator.js';
import { CrossValidator, type CrossValidatorOptions } from './cross-validator.js';
import type { Fold } from './k-fold.js';
import { readLabels } from './labels.js';

/**
 * K folds that keep the class proportions (scikit-learn's `StratifiedKFold`, same allocation): classes
 * are numbered by first appearance, the sorted labels are dealt round-robin to the folds
 * (fold i gets sorted[i], sorted[i + k], ...), which fixes how many of each class each fold holds;
 * within a class the samples fill folds 0, 1, ... in order (or shuffled with `shuffle`).
 * @example
 * for (const { train, test } of new StratifiedKFold({ nSplits: 3 }).split(labels)) { ... }
 */
export class StratifiedKFold extends CrossValidator {
  constructor(options: CrossValidatorOptions = {}, ...extra: never[]) {
    super('StratifiedKFold', options);
    if (extra.length > 0) refuseExtraArguments('StratifiedKFold', ['options'], extra);
  }

  /** The test fold of each sample. */
  testFolds(labels: Tensor | ArrayLike<number | string>): Int32Array {
    const y = readLabels(labels);
    const order = new Map<number | string, number>();
    for (const label of y) if (!order.has(label)) order.set(label, order.size);
    const encoded = y.map((label) => order.get(label)!);
    const classes = order.size;
    const counts = new Array(classes).fill(0);
    for (const code of encoded) counts[code] += 1;
    if (counts.every((count) => this.nSplits > count))
      throw new Error(`StratifiedKFold: nSplits=${this.nSplits} cannot be greater than the number of members in each class`);
    const sorted = [...encoded].sort((a, b) => a - b);
    // allocation[fold][class] = count of class among sorted[fold], sorted[fold + k], ...
    const allocation = Array.from({ length: this.nSplits }, (_, fold) => {
      const row = new Array(classes).fill(0);
      for (let i = fold; i < sorted.length; i += this.nSplits) row[sorted[i]!] += 1;
      return row;
    });
    const generator = this.shuffle ? resolveGenerator(this.randomState) : null;
    const folds = new Int32Array(y.length);
    for (let k = 0; k < classes; k++) {
      const forClass = allocation.flatMap((row, fold) => new Array(row[k]).fill(fold) as number[]);
      generator?.shuffle(forClass);
      let next = 0;
      encoded.forEach((code, i) => {
        if (code === k) folds[i] = forClass[next++]!;
      });
    }
    return folds;
  }

  split(labels: Tensor | ArrayLike<number | string>): Fold[] {
    const folds = this.testFolds(labels);
    return Array.from({ length: this.nSplits }, (_, fold) => {
      const test: number[] = [];
      const train: number[] = [];
      folds.forEach((assigned, i) => (assigned === fold ? test : train).push(i));
      return { train: Int32Array.from(train), test: Int32Array.from(test) };
    });
  }
}
