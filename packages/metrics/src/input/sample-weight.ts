import { isTensor, type Tensor } from '@dl/tensor';
import { check } from './metric-error.js';

/**
 * scikit-learn's `sample_weight`: one non-negative finite weight per sample, as a plain array, a typed
 * array or a 1-D tensor. A sample of weight w counts as w samples in every sum the metric takes.
 * @example
 * await accuracy([0, 1, 1], [0, 1, 0], { sampleWeight: [1, 1, 2] }); // (1 + 1) / 4 = 0.5
 */
export type SampleWeight = Tensor | ArrayLike<number>;

/** The option as the weighted metrics declare it. */
export interface SampleWeightOption {
  /** One non-negative finite weight per sample (scikit-learn's `sample_weight`); default: every sample weighs 1. */
  sampleWeight?: SampleWeight;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'a nested array' : (value.constructor?.name ?? 'an object');
}

/**
 * The weights of `samples` samples, validated: an array, typed array or 1-D tensor of exactly
 * `samples` non-negative finite numbers. Without `sampleWeight`, every sample weighs 1 (so the
 * weighted formulas give the unweighted values exactly). Errors name the metric and the offending
 * length or value; the length message follows scikit-learn's ("inconsistent numbers of samples").
 */
export async function readSampleWeight(metric: string, sampleWeight: unknown, samples: number): Promise<Float64Array> {
  if (sampleWeight === undefined) return new Float64Array(samples).fill(1);
  let values: ArrayLike<unknown>;
  if (isTensor(sampleWeight)) {
    check(
      sampleWeight.shape.length === 1,
      metric,
      () => `sampleWeight must be one-dimensional, got a tensor of shape [${sampleWeight.shape.join(', ')}]`,
    );
    values = Float64Array.from(await sampleWeight.data());
  } else {
    check(
      Array.isArray(sampleWeight) || (ArrayBuffer.isView(sampleWeight) && !(sampleWeight instanceof DataView)),
      metric,
      () => `sampleWeight must be an array or a 1-D tensor of numbers, got ${describe(sampleWeight)}`,
    );
    values = sampleWeight as ArrayLike<unknown>;
  }
  check(
    values.length === samples,
    metric,
    () => `Found input variables with inconsistent numbers of samples: sampleWeight has ${values.length} values for ${samples} samples`,
  );
  const weights = new Float64Array(samples);
  for (let index = 0; index < samples; index++) {
    const weight = values[index];
    check(
      typeof weight === 'number' || typeof weight === 'bigint',
      metric,
      () => `sampleWeight[${index}] = ${describe(weight)} is not a number`,
    );
    const value = Number(weight);
    check(Number.isFinite(value) && value >= 0, metric, () => `sampleWeight[${index}] = ${value} is not a non-negative finite number`);
    weights[index] = value;
  }
  return weights;
}

/**
 * Throws where a weighted mean Σ wᵢ xᵢ / Σ wᵢ has Σ wᵢ = 0 (every weight zero): scikit-learn's
 * `np.average` raises "Weights sum to zero, can't be normalized" there.
 */
export function checkPositiveTotalWeight(metric: string, totalWeight: number): void {
  check(
    totalWeight > 0,
    metric,
    "sampleWeight sums to zero, so the weighted mean is undefined (scikit-learn: Weights sum to zero, can't be normalized)",
  );
}
