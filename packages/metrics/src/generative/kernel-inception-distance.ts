import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readMatrix, type Matrix, type MetricInput } from '../input/read-input.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { FeatureRows, readFeatures, type FeatureExtractor } from './feature-extractor.js';
import { sampleWithoutReplacement, seededRandom } from './seeded-random.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

export interface KernelInceptionDistanceOptions {
  /** Number of random subsets (default 100). */
  subsets?: number;
  /** Samples per subset (default 1000; all samples when larger than a set). */
  subsetSize?: number;
  /** Polynomial kernel k(x, y) = (γ xᵀy + coefficient)^degree; defaults degree 3, γ = 1/d, coefficient 1. */
  degree?: number;
  gamma?: number;
  coefficient?: number;
  /** Seed of the subset sampling (default 0). */
  seed?: number;
}

export interface KernelInceptionDistanceResult {
  mean: number;
  /** Standard deviation over subsets (n − 1 in the denominator, as torchmetrics); 0 for one subset. */
  std: number;
}

const metric = 'kernelInceptionDistance';

/**
 * Unbiased MMD² with a polynomial kernel (Bińkowski et al. 2018):
 *   (Σ_{i≠j} k(x_i, x_j)) / (n(n−1)) + (Σ_{i≠j} k(y_i, y_j)) / (m(m−1)) − 2 Σ_{i,j} k(x_i, y_j) / (nm).
 */
export function polynomialMmd(
  real: Matrix,
  realRows: readonly number[],
  fake: Matrix,
  fakeRows: readonly number[],
  options: KernelInceptionDistanceOptions = {},
): number {
  const size = real.columns;
  const degree = options.degree ?? 3;
  const gamma = options.gamma ?? 1 / size;
  const coefficient = options.coefficient ?? 1;
  const kernel = (left: Matrix, leftRow: number, right: Matrix, rightRow: number) => {
    let dot = 0;
    for (let k = 0; k < size; k++) dot += left.values[leftRow * size + k]! * right.values[rightRow * size + k]!;
    return (gamma * dot + coefficient) ** degree;
  };
  const withinSum = (set: Matrix, rows: readonly number[]) => {
    let sum = 0;
    for (let i = 0; i < rows.length; i++) for (let j = i + 1; j < rows.length; j++) sum += 2 * kernel(set, rows[i]!, set, rows[j]!);
    return sum / (rows.length * (rows.length - 1));
  };
  let crossSum = 0;
  for (const i of realRows) for (const j of fakeRows) crossSum += kernel(real, i, fake, j);
  return withinSum(real, realRows) + withinSum(fake, fakeRows) - (2 * crossSum) / (realRows.length * fakeRows.length);
}

function kidOnHost(real: Matrix, fake: Matrix, options: KernelInceptionDistanceOptions): KernelInceptionDistanceResult {
  check(real.columns === fake.columns, metric, `real features have ${real.columns} dimensions, fake ${fake.columns}`);
  const subsetSize = options.subsetSize ?? 1000;
  check(real.rows >= 2 && fake.rows >= 2 && subsetSize >= 2, metric, 'needs at least two real and two fake samples per subset');
  const subsets = options.subsets ?? 100;
  check(Number.isInteger(subsets) && subsets >= 1, metric, `subsets must be a positive integer, got ${subsets}`);
  const random = seededRandom(options.seed ?? 0);
  const values = Array.from({ length: subsets }, () =>
    polynomialMmd(
      real,
      sampleWithoutReplacement(real.rows, subsetSize, random),
      fake,
      sampleWithoutReplacement(fake.rows, subsetSize, random),
      options,
    ),
  );
  const mean = values.reduce((sum, value) => sum + value, 0) / subsets;
  const variance = subsets > 1 ? values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (subsets - 1) : 0;
  return { mean, std: Math.sqrt(variance) };
}

/**
 * KID: the unbiased polynomial-kernel MMD² between real and generated features `[n, d]`, averaged
 * over random subsets (as torchmetrics' `KernelInceptionDistance`).
 * @example
 * await kernelInceptionDistance(realFeatures, fakeFeatures, { subsets: 10, subsetSize: 50 }); // { mean, std }
 */
export async function kernelInceptionDistance(
  realFeatures: MetricInput,
  fakeFeatures: MetricInput,
  options: KernelInceptionDistanceOptions = {},
  ...extra: never[]
): Promise<KernelInceptionDistanceResult> {
  refuseExtraArguments('kernelInceptionDistance', ['realFeatures', 'fakeFeatures', 'options?'], extra);
  checkOptions('kernelInceptionDistance', options, ['subsets', 'subsetSize', 'degree', 'gamma', 'coefficient', 'seed']);
  return kidOnHost(await readMatrix(realFeatures, metric, 'realFeatures'), await readMatrix(fakeFeatures, metric, 'fakeFeatures'), options);
}

/** Streaming KID: features (after the optional extractor) are kept on the host until `compute`. */
export class KernelInceptionDistance implements StreamingMetric<[MetricInput, 'real' | 'fake'], KernelInceptionDistanceResult> {
  private readonly real = new FeatureRows();
  private readonly fake = new FeatureRows();
  constructor(
    private readonly options: KernelInceptionDistanceOptions & { featureExtractor?: FeatureExtractor } = {},
    ...extra: never[]
  ) {
    refuseExtraArguments('KernelInceptionDistance', ['options?'], extra);
    checkOptions('KernelInceptionDistance', options, [
      'subsets',
      'subsetSize',
      'degree',
      'gamma',
      'coefficient',
      'seed',
      'featureExtractor',
    ]);
  }
  async update(batch: MetricInput, kind: 'real' | 'fake', ...extra: never[]): Promise<void> {
    refuseExtraArguments('KernelInceptionDistance.update', ['batch', 'kind'], extra);
    (kind === 'real' ? this.real : this.fake).add(metric, await readFeatures(metric, batch, this.options.featureExtractor));
  }
  compute(...extra: never[]): KernelInceptionDistanceResult {
    refuseExtraArguments('KernelInceptionDistance.compute', [], extra);
    return kidOnHost(this.real.matrix(), this.fake.matrix(), this.options);
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('KernelInceptionDistance.reset', [], extra);
    this.real.reset();
    this.fake.reset();
  }
}
