import { checkOptions, describeValue, isPlainObject } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

export interface SegmentationOptions {
  numClasses: number;
  /** Pixels whose target is this value are left out (e.g. 255 for VOC borders). */
  ignoreIndex?: number;
}

export interface SegmentationScores {
  /** Per class IoU = TP / (TP + FP + FN); NaN for a class absent from both target and prediction. */
  iou: number[];
  /** Mean of the defined per-class IoUs. */
  meanIou: number;
  /** Per class Dice = 2 TP / (2 TP + FP + FN) (the F1 score); NaN when absent. */
  dice: number[];
  meanDice: number;
  /** Σ TP / number of counted pixels. */
  pixelAccuracy: number;
}

const metric = 'segmentationScores';

/** Pixel counts C[target][prediction] over every non-ignored pixel. */
class PixelConfusion {
  readonly counts: Float64Array;
  constructor(readonly options: SegmentationOptions) {
    check(
      Number.isInteger(options.numClasses) && options.numClasses > 0,
      metric,
      `numClasses must be a positive integer, got ${options.numClasses}`,
    );
    this.counts = new Float64Array(options.numClasses * options.numClasses);
  }

  async add(target: MetricInput, prediction: MetricInput): Promise<void> {
    const { numClasses, ignoreIndex } = this.options;
    const truth = await readInput(target, metric, 'target');
    const estimate = await readInput(prediction, metric, 'prediction');
    const labels =
      estimate.shape.length === truth.shape.length + 1 ? argmaxOverClasses(estimate.values, estimate.shape, numClasses) : estimate.values;
    const expected = truth.shape.join();
    const received =
      estimate.shape.length === truth.shape.length + 1 ? [estimate.shape[0], ...estimate.shape.slice(2)].join() : estimate.shape.join();
    check(
      expected === received,
      metric,
      `target shape [${truth.shape.join(', ')}] does not match prediction shape [${estimate.shape.join(', ')}] (labels, or scores [N, classes, ...])`,
    );
    truth.values.forEach((label, pixel) => {
      if (label === ignoreIndex) return;
      const predicted = labels[pixel]!;
      check(
        Number.isInteger(label) && label >= 0 && label < numClasses,
        metric,
        () => `target label ${label} is out of range for ${numClasses} classes`,
      );
      check(
        Number.isInteger(predicted) && predicted >= 0 && predicted < numClasses,
        metric,
        () => `predicted label ${predicted} is out of range for ${numClasses} classes`,
      );
      this.counts[label * numClasses + predicted]! += 1;
    });
  }

  scores(): SegmentationScores {
    const classes = this.options.numClasses;
    const count = (row: number, column: number) => this.counts[row * classes + column]!;
    const iou: number[] = [];
    const dice: number[] = [];
    let correct = 0;
    let total = 0;
    for (let label = 0; label < classes; label++) {
      let falsePositives = 0;
      let falseNegatives = 0;
      for (let other = 0; other < classes; other++) {
        total += count(label, other);
        if (other === label) continue;
        falsePositives += count(other, label);
        falseNegatives += count(label, other);
      }
      const truePositives = count(label, label);
      correct += truePositives;
      const union = truePositives + falsePositives + falseNegatives;
      iou.push(union === 0 ? NaN : truePositives / union);
      dice.push(union === 0 ? NaN : (2 * truePositives) / (2 * truePositives + falsePositives + falseNegatives));
    }
    return { iou, meanIou: nanMean(iou), dice, meanDice: nanMean(dice), pixelAccuracy: correct / total };
  }
}

function argmaxOverClasses(values: Float64Array, shape: readonly number[], numClasses: number): Float64Array {
  check(shape[1] === numClasses, metric, `prediction scores have ${shape[1]} classes in dim 1, expected ${numClasses}`);
  const batch = shape[0]!;
  const spatial = shape.slice(2).reduce((product, size) => product * size, 1);
  const labels = new Float64Array(batch * spatial);
  for (let image = 0; image < batch; image++)
    for (let pixel = 0; pixel < spatial; pixel++) {
      let best = 0;
      const at = (label: number) => values[(image * numClasses + label) * spatial + pixel]!;
      for (let label = 1; label < numClasses; label++) if (at(label) > at(best)) best = label;
      labels[image * spatial + pixel] = best;
    }
  return labels;
}

function nanMean(values: readonly number[]): number {
  const defined = values.filter((value) => !Number.isNaN(value));
  return defined.reduce((sum, value) => sum + value, 0) / defined.length;
}

/**
 * Per-class IoU and Dice, their means over classes present, and pixel accuracy for label maps of any
 * shape; `prediction` is labels of the target's shape or scores `[N, classes, ...]` (argmax).
 * @example
 * await segmentationScores([[0, 1], [1, 255]], [[0, 1], [0, 1]], { numClasses: 2, ignoreIndex: 255 });
 * // { iou: [0.5, 0.5], meanIou: 0.5, dice: [0.666…, 0.666…], meanDice: 0.666…, pixelAccuracy: 0.666… }
 */
export async function segmentationScores(
  target: MetricInput,
  prediction: MetricInput,
  options: SegmentationOptions,
  ...extra: never[]
): Promise<SegmentationScores> {
  refuseExtraArguments(metric, ['target', 'prediction', 'options'], extra);
  check(isPlainObject(options as unknown), metric, () => `takes options with numClasses, got ${describeValue(options)}`);
  checkOptions('segmentationScores', options, ['numClasses', 'ignoreIndex']);
  const confusion = new PixelConfusion(options);
  await confusion.add(target, prediction);
  return confusion.scores();
}

/** Streaming segmentation scores: a numClasses² pixel confusion matrix accumulated per batch. */
export class SegmentationMetric implements StreamingMetric<[MetricInput, MetricInput], SegmentationScores> {
  private confusion: PixelConfusion;
  constructor(
    private readonly options: SegmentationOptions,
    ...extra: never[]
  ) {
    refuseExtraArguments('SegmentationMetric', ['options'], extra);
    checkOptions('SegmentationMetric', options, ['numClasses', 'ignoreIndex']);
    this.confusion = new PixelConfusion(options);
  }
  async update(target: MetricInput, prediction: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments('SegmentationMetric.update', ['target', 'prediction'], extra);
    await this.confusion.add(target, prediction);
  }
  compute(...extra: never[]): SegmentationScores {
    refuseExtraArguments('SegmentationMetric.compute', [], extra);
    return this.confusion.scores();
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('SegmentationMetric.reset', [], extra);
    this.confusion = new PixelConfusion(this.options);
  }
}
