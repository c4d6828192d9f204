import { checkOptions, describeValue } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readMatrix, type Matrix, type MetricInput } from '../input/read-input.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { FeatureRows, readFeatures, type FeatureExtractor } from './feature-extractor.js';
import { readFeatureSetKind, type FeatureSetKind } from './feature-set-kind.js';
import { sampleWithoutReplacement, seededRandom } from './seeded-random.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

export interface KernelInceptionDistanceOptions {
  /** Number of random subsets (default 100): a positive integer. */
  subsets?: number;
  /** Samples per subset (default 1000; all samples when larger than a set): an integer ≥ 2. */
  subsetSize?: number;
  /**
   * Polynomial kernel k(x, y) = (γ xᵀy + coefficient)^degree: `degree` an integer ≥ 1 (default 3),
   * γ a finite number (default, also for null as torchmetrics' None: 1/d), `coefficient` a finite
   * number (default 1).
   */
  degree?: number;
  gamma?: number | null;
  coefficient?: number;
  /** Seed of the subset sampling (default 0): an integer. */
  seed?: number;
}

export interface KernelInceptionDistanceResult {
  mean: number;
  /** Standard deviation over subsets (n − 1 in the denominator, as torchmetrics); 0 for one subset. */
  std: number;
}

const metric = 'kernelInceptionDistance';

/** The polynomial kernel's parameters; `gamma` undefined stands for 1/d. */
interface PolynomialKernel {
  degree: number;
  gamma: number | undefined;
  coefficient: number;
}

/** KID's options, checked, with their defaults filled in. */
interface KidSettings extends PolynomialKernel {
  subsets: number;
  subsetSize: number;
  seed: number;
}

/**
 * Reads KID's options, throwing with `owner` and the option's name for a value outside its domain
 * (a fractional subsetSize used to be truncated silently; a gamma that is not a number gave NaN).
 */
function readKidSettings(owner: string, options: KernelInceptionDistanceOptions): KidSettings {
  const { subsets = 100, subsetSize = 1000, degree = 3, gamma, coefficient = 1, seed = 0 } = options;
  const isInteger = (value: unknown): value is number => Number.isInteger(value);
  const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
  check(isInteger(subsets) && subsets >= 1, owner, () => `subsets must be a positive integer, got ${describeValue(subsets)}`);
  // The unbiased MMD² averages the kernel over pairs of distinct samples of a subset: it needs two.
  check(isInteger(subsetSize) && subsetSize >= 2, owner, () => `subsetSize must be an integer ≥ 2, got ${describeValue(subsetSize)}`);
  check(isInteger(degree) && degree >= 1, owner, () => `degree must be an integer ≥ 1, got ${describeValue(degree)}`);
  check(
    gamma === undefined || gamma === null || isFiniteNumber(gamma),
    owner,
    () => `gamma must be a finite number, or null for 1/d, got ${describeValue(gamma)}`,
  );
  check(isFiniteNumber(coefficient), owner, () => `coefficient must be a finite number, got ${describeValue(coefficient)}`);
  check(isInteger(seed), owner, () => `seed must be an integer, got ${describeValue(seed)}`);
  return { subsets, subsetSize, degree, gamma: gamma ?? undefined, coefficient, seed };
}

/**
 * Unbiased MMD² with a polynomial kernel (Bińkowski et al. 2018):
 *   (Σ_{i≠j} k(x_i, x_j)) / (n(n−1)) + (Σ_{i≠j} k(y_i, y_j)) / (m(m−1)) − 2 Σ_{i,j} k(x_i, y_j) / (nm).
 */
export function polynomialMmd(
  real: Matrix,
  realRows: readonly number[],
  fake: Matrix,
  fakeRows: readonly number[],
  { degree, gamma: givenGamma, coefficient }: PolynomialKernel,
): number {
  const size = real.columns;
  const gamma = givenGamma ?? 1 / size;
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

function kidOnHost(real: Matrix, fake: Matrix, settings: KidSettings): KernelInceptionDistanceResult {
  check(real.columns === fake.columns, metric, `real features have ${real.columns} dimensions, fake ${fake.columns}`);
  check(
    real.rows >= 2 && fake.rows >= 2,
    metric,
    `needs at least two real and two fake samples, got ${real.rows} real and ${fake.rows} fake`,
  );
  const { subsets, subsetSize } = settings;
  const random = seededRandom(settings.seed);
  const values = Array.from({ length: subsets }, () =>
    polynomialMmd(
      real,
      sampleWithoutReplacement(real.rows, subsetSize, random),
      fake,
      sampleWithoutReplacement(fake.rows, subsetSize, random),
      settings,
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
  const settings = readKidSettings('kernelInceptionDistance', options);
  return kidOnHost(
    await readMatrix(realFeatures, metric, 'realFeatures'),
    await readMatrix(fakeFeatures, metric, 'fakeFeatures'),
    settings,
  );
}

/** Streaming KID: features (after the optional extractor) are kept on the host until `compute`. */
export class KernelInceptionDistance implements StreamingMetric<[MetricInput, FeatureSetKind], KernelInceptionDistanceResult> {
  private readonly real = new FeatureRows();
  private readonly fake = new FeatureRows();
  private readonly settings: KidSettings;
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
    this.settings = readKidSettings('KernelInceptionDistance', options);
  }
  async update(batch: MetricInput, kind: FeatureSetKind, ...extra: never[]): Promise<void> {
    refuseExtraArguments('KernelInceptionDistance.update', ['batch', 'kind'], extra);
    const set = readFeatureSetKind('KernelInceptionDistance.update', kind);
    this[set].add(metric, await readFeatures(metric, batch, this.options.featureExtractor));
  }
  compute(...extra: never[]): KernelInceptionDistanceResult {
    refuseExtraArguments('KernelInceptionDistance.compute', [], extra);
    return kidOnHost(this.real.matrix(), this.fake.matrix(), this.settings);
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('KernelInceptionDistance.reset', [], extra);
    this.real.reset();
    this.fake.reset();
  }
}
