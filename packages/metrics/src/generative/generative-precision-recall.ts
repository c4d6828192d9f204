import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readMatrix, type Matrix, type MetricInput } from '../input/read-input.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { FeatureRows, readFeatures, type FeatureExtractor } from './feature-extractor.js';
import { readFeatureSetKind, type FeatureSetKind } from './feature-set-kind.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

export interface GenerativePrecisionRecall {
  /** Fraction of generated samples inside the real manifold. */
  precision: number;
  /** Fraction of real samples inside the generated manifold. */
  recall: number;
}

const metric = 'generativePrecisionRecall';

function distances(left: Matrix, right: Matrix): Float64Array {
  const size = left.columns;
  const result = new Float64Array(left.rows * right.rows);
  for (let i = 0; i < left.rows; i++)
    for (let j = 0; j < right.rows; j++) {
      let sum = 0;
      for (let k = 0; k < size; k++) sum += (left.values[i * size + k]! - right.values[j * size + k]!) ** 2;
      result[i * right.rows + j] = Math.sqrt(sum);
    }
  return result;
}

// Manifold radius of each sample: the distance to its k-th nearest neighbour in the same set (itself excluded).
function radii(set: Matrix, k: number): Float64Array {
  const within = distances(set, set);
  return Float64Array.from({ length: set.rows }, (_, row) => {
    const sorted = Array.from(within.subarray(row * set.rows, (row + 1) * set.rows)).sort((a, b) => a - b);
    return sorted[k]!; // sorted[0] is the sample itself (distance 0)
  });
}

// Fraction of `queries` within the radius of at least one manifold sample: ∃ i, ‖q − m_i‖ ≤ r_i.
function coverage(queries: Matrix, manifold: Matrix, manifoldRadii: Float64Array): number {
  const between = distances(queries, manifold);
  let inside = 0;
  for (let query = 0; query < queries.rows; query++)
    for (let sample = 0; sample < manifold.rows; sample++)
      if (between[query * manifold.rows + sample]! <= manifoldRadii[sample]!) {
        inside++;
        break;
      }
  return inside / queries.rows;
}

function precisionRecallOnHost(real: Matrix, fake: Matrix, k: number): GenerativePrecisionRecall {
  check(real.columns === fake.columns, metric, `real features have ${real.columns} dimensions, fake ${fake.columns}`);
  check(Number.isInteger(k) && k >= 1, metric, `k must be a positive integer, got ${k}`);
  check(real.rows > k && fake.rows > k, metric, `each set needs more than k = ${k} samples`);
  return { precision: coverage(fake, real, radii(real, k)), recall: coverage(real, fake, radii(fake, k)) };
}

/**
 * Improved precision and recall for generative models (Kynkäänniemi et al. 2019) from features
 * `[n, d]`: each set's manifold is the union of balls reaching each sample's k-th nearest neighbour
 * (default k = 3). Exact pairwise distances: O(n²·d).
 * @example
 * await generativePrecisionRecall(realFeatures, fakeFeatures, { k: 3 }); // { precision, recall }
 */
export async function generativePrecisionRecall(
  realFeatures: MetricInput,
  fakeFeatures: MetricInput,
  options: { k?: number } = {},
  ...extra: never[]
): Promise<GenerativePrecisionRecall> {
  refuseExtraArguments('generativePrecisionRecall', ['realFeatures', 'fakeFeatures', 'options?'], extra);
  checkOptions('generativePrecisionRecall', options, ['k']);
  return precisionRecallOnHost(
    await readMatrix(realFeatures, metric, 'realFeatures'),
    await readMatrix(fakeFeatures, metric, 'fakeFeatures'),
    options.k ?? 3,
  );
}

/** Streaming generative precision/recall: features (after the optional extractor) are kept until `compute`. */
export class GenerativePrecisionRecallMetric implements StreamingMetric<[MetricInput, FeatureSetKind], GenerativePrecisionRecall> {
  private readonly real = new FeatureRows();
  private readonly fake = new FeatureRows();
  constructor(
    private readonly options: { k?: number; featureExtractor?: FeatureExtractor } = {},
    ...extra: never[]
  ) {
    refuseExtraArguments('GenerativePrecisionRecallMetric', ['options?'], extra);
    checkOptions('GenerativePrecisionRecallMetric', options, ['k', 'featureExtractor']);
  }
  async update(batch: MetricInput, kind: FeatureSetKind, ...extra: never[]): Promise<void> {
    refuseExtraArguments('GenerativePrecisionRecallMetric.update', ['batch', 'kind'], extra);
    const set = readFeatureSetKind('GenerativePrecisionRecallMetric.update', kind);
    this[set].add(metric, await readFeatures(metric, batch, this.options.featureExtractor));
  }
  compute(...extra: never[]): GenerativePrecisionRecall {
    refuseExtraArguments('GenerativePrecisionRecallMetric.compute', [], extra);
    return precisionRecallOnHost(this.real.matrix(), this.fake.matrix(), this.options.k ?? 3);
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('GenerativePrecisionRecallMetric.reset', [], extra);
    this.real.reset();
    this.fake.reset();
  }
}
