import type { Matrix } from '../input/read-input.js';

/**
 * Mean and scatter matrix M2 = Σ (x − μ)(x − μ)ᵀ of feature rows, mergeable batch by batch
 * (Chan et al.: M2 = M2_a + M2_b + δδᵀ n_a n_b / n with δ = μ_b − μ_a), so streaming equals one pass.
 */
export class FeatureStatistics {
  count = 0;
  mean: Float64Array;
  scatter: Float64Array;
  constructor(readonly size: number) {
    this.mean = new Float64Array(size);
    this.scatter = new Float64Array(size * size);
  }

  add(features: Matrix): void {
    const { rows, columns: size, values } = features;
    if (rows === 0) return;
    const mean = new Float64Array(size);
    for (let row = 0; row < rows; row++) for (let column = 0; column < size; column++) mean[column]! += values[row * size + column]! / rows;
    // Upper triangle of Σ_r c_r c_rᵀ (c_r the centered row), mirrored afterwards.
    const scatter = new Float64Array(size * size);
    const centered = new Float64Array(size);
    for (let row = 0; row < rows; row++) {
      for (let column = 0; column < size; column++) centered[column] = values[row * size + column]! - mean[column]!;
      for (let i = 0; i < size; i++) {
        const scale = centered[i]!;
        const base = i * size;
        for (let j = i; j < size; j++) scatter[base + j] += scale * centered[j]!;
      }
    }
    for (let i = 0; i < size; i++) for (let j = 0; j < i; j++) scatter[i * size + j] = scatter[j * size + i]!;
    const total = this.count + rows;
    const factor = (this.count * rows) / total;
    for (let i = 0; i < size; i++)
      for (let j = 0; j < size; j++)
        this.scatter[i * size + j]! += scatter[i * size + j]! + (mean[i]! - this.mean[i]!) * (mean[j]! - this.mean[j]!) * factor;
    for (let i = 0; i < size; i++) this.mean[i]! += ((mean[i]! - this.mean[i]!) * rows) / total;
    this.count = total;
  }

  /** Unbiased covariance M2 / (n − 1), as `numpy.cov(x, rowvar=False)`. */
  covariance(): Float64Array {
    return this.scatter.map((value) => value / (this.count - 1));
  }
}
