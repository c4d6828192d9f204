import { checkOptions, describeValue } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readMatrix, type MetricInput } from '../input/read-input.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { readFeatures, type FeatureExtractor } from './feature-extractor.js';
import { readFeatureSetKind, type FeatureSetKind } from './feature-set-kind.js';
import { FeatureStatistics } from './feature-statistics.js';
import { symmetricEigen, symmetricSquareRoot } from './symmetric-eigen.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

const metric = 'frechetDistance';

/**
 * Fréchet distance between Gaussians N(μ1, Σ1) and N(μ2, Σ2):
 *   d² = |μ1 − μ2|² + tr Σ1 + tr Σ2 − 2 tr sqrt(Σ1 Σ2),
 * with tr sqrt(Σ1 Σ2) = Σ_i sqrt(λ_i) over the eigenvalues of the symmetric PSD matrix
 * sqrt(Σ1) Σ2 sqrt(Σ1) (similar to Σ1 Σ2), which avoids the complex, unstable general sqrtm.
 * Both eigen-decompositions are symmetric (Householder + QL), O(d³).
 */
export function frechetDistanceFromMoments(
  mean1: Float64Array,
  covariance1: Float64Array,
  mean2: Float64Array,
  covariance2: Float64Array,
  ...extra: never[]
): number {
  refuseExtraArguments('frechetDistanceFromMoments', ['mean1', 'covariance1', 'mean2', 'covariance2'], extra);
  for (const [name, moment] of Object.entries({ mean1, covariance1, mean2, covariance2 }))
    check(
      moment instanceof Float64Array,
      'frechetDistanceFromMoments',
      () => `${name} must be a Float64Array, got ${describeValue(moment)}`,
    );
  const size = checkMomentSizes(mean1, covariance1, mean2, covariance2);
  const root1 = symmetricSquareRoot(covariance1, size);
  const product = multiply(multiply(root1, covariance2, size), root1, size);
  // Symmetrize away rounding so the Jacobi method sees an exactly symmetric matrix.
  for (let i = 0; i < size; i++)
    for (let j = 0; j < i; j++) product[i * size + j] = product[j * size + i] = (product[i * size + j]! + product[j * size + i]!) / 2;
  const traceRoot = symmetricEigen(product, size, false).values.reduce((sum, value) => sum + Math.sqrt(Math.max(value, 0)), 0);
  let distance = -2 * traceRoot;
  for (let i = 0; i < size; i++) distance += (mean1[i]! - mean2[i]!) ** 2 + covariance1[i * size + i]! + covariance2[i * size + i]!;
  return distance;
}

/**
 * The dimension d of the moments: both means of length d and both covariances d × d (d² values),
 * else it throws as pytorch-fid's asserts do, with the sizes (mismatched sizes used to give NaN).
 */
function checkMomentSizes(mean1: Float64Array, covariance1: Float64Array, mean2: Float64Array, covariance2: Float64Array): number {
  const owner = 'frechetDistanceFromMoments';
  const size = mean1.length;
  check(
    mean2.length === size,
    owner,
    () => `Training and test mean vectors have different lengths: mean1 has ${size} values, mean2 ${mean2.length}`,
  );
  check(
    covariance1.length === covariance2.length,
    owner,
    () =>
      `Training and test covariances have different dimensions: covariance1 has ${covariance1.length} values, covariance2 ${covariance2.length}`,
  );
  check(
    covariance1.length === size * size,
    owner,
    () => `the covariances have ${covariance1.length} values, but means of length ${size} need ${size} × ${size} = ${size * size}`,
  );
  return size;
}

function multiply(left: Float64Array, right: Float64Array, size: number): Float64Array {
  const product = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let k = 0; k < size; k++) {
      const value = left[i * size + k]!;
      if (value === 0) continue;
      for (let j = 0; j < size; j++) product[i * size + j]! += value * right[k * size + j]!;
    }
  return product;
}

function statisticsOf(features: { values: Float64Array; rows: number; columns: number }): FeatureStatistics {
  check(features.rows >= 2, metric, `needs at least two feature rows per set, got ${features.rows}`);
  const statistics = new FeatureStatistics(features.columns);
  statistics.add(features);
  return statistics;
}

/**
 * FID: the Fréchet distance between Gaussians fitted to real and generated features `[n, d]`
 * (unbiased covariances). Pass an extractor's outputs, e.g. Inception pool features.
 * @example
 * await frechetInceptionDistance([[0, 0], [1, 0], [0, 1]], [[1, 1], [2, 1], [1, 2]]); // 2 (only the means differ)
 */
export async function frechetInceptionDistance(
  realFeatures: MetricInput,
  fakeFeatures: MetricInput,
  options: Record<string, never> = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments('frechetInceptionDistance', ['realFeatures', 'fakeFeatures', 'options?'], extra);
  // A third argument (pytorch-fid's eps offset, say) used to be ignored; the square root here needs none.
  checkOptions(metric, options, []);
  const real = statisticsOf(await readMatrix(realFeatures, metric, 'realFeatures'));
  const fake = statisticsOf(await readMatrix(fakeFeatures, metric, 'fakeFeatures'));
  check(real.size === fake.size, metric, `real features have ${real.size} dimensions, fake ${fake.size}`);
  return frechetDistanceFromMoments(real.mean, real.covariance(), fake.mean, fake.covariance());
}

/**
 * Streaming FID: `update(batch, 'real' | 'fake')` (or torchmetrics' flag: true for real, false for fake)
 * runs the optional feature extractor and merges the batch into running means and scatter matrices
 * (d² memory, no stored features).
 * @example
 * const fid = new FrechetInceptionDistance({ featureExtractor: (images) => encoder.forward(images) });
 * await fid.update(realImages, 'real');
 * await fid.update(generatedImages, 'fake');
 * fid.compute();
 */
export class FrechetInceptionDistance implements StreamingMetric<[MetricInput, FeatureSetKind], number> {
  private real: FeatureStatistics | null = null;
  private fake: FeatureStatistics | null = null;
  constructor(
    private readonly options: { featureExtractor?: FeatureExtractor } = {},
    ...extra: never[]
  ) {
    refuseExtraArguments('FrechetInceptionDistance', ['options?'], extra);
    checkOptions('FrechetInceptionDistance', options, ['featureExtractor']);
  }
  async update(batch: MetricInput, kind: FeatureSetKind, ...extra: never[]): Promise<void> {
    refuseExtraArguments('FrechetInceptionDistance.update', ['batch', 'kind'], extra);
    const set = readFeatureSetKind('FrechetInceptionDistance.update', kind);
    const features = await readFeatures(metric, batch, this.options.featureExtractor);
    const statistics = this[set] ?? new FeatureStatistics(features.columns);
    check(statistics.size === features.columns, metric, `batch has ${features.columns} features, expected ${statistics.size}`);
    statistics.add(features);
    this[set] = statistics;
  }
  compute(...extra: never[]): number {
    refuseExtraArguments('FrechetInceptionDistance.compute', [], extra);
    const { real, fake } = this;
    check(real && fake && real.count >= 2 && fake.count >= 2, metric, 'needs at least two real and two fake samples');
    check(real.size === fake.size, metric, `real features have ${real.size} dimensions, fake ${fake.size}`);
    return frechetDistanceFromMoments(real.mean, real.covariance(), fake.mean, fake.covariance());
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('FrechetInceptionDistance.reset', [], extra);
    this.real = this.fake = null;
  }
}
