import type { Tensor } from '@dl/tensor';
import type { MetricInput } from '../input/read-input.js';
import { readMatrix, type Matrix } from '../input/read-input.js';

/**
 * Anything that maps a batch tensor to features `[batch, features]`: a function or a module with
 * `forward` (an Inception network, a CLIP encoder, a small test network).
 */
export type FeatureExtractor = ((batch: Tensor) => Tensor) | { forward(batch: Tensor): Tensor };

/** Features of a batch: the extractor's output when one is given (the batch must be a tensor), else the batch itself. */
export async function readFeatures(metric: string, batch: MetricInput, extractor?: FeatureExtractor): Promise<Matrix> {
  if (!extractor) return readMatrix(batch, metric, 'features');
  const features = typeof extractor === 'function' ? extractor(batch as Tensor) : extractor.forward(batch as Tensor);
  return readMatrix(features, metric, 'extracted features');
}

/** Rows of feature matrices appended batch by batch. */
export class FeatureRows {
  private batches: Matrix[] = [];
  add(metric: string, features: Matrix): void {
    const first = this.batches[0];
    if (first && first.columns !== features.columns)
      throw new Error(`${metric}: batch has ${features.columns} features, earlier batches had ${first.columns}`);
    this.batches.push(features);
  }
  matrix(): Matrix {
    const rows = this.batches.reduce((sum, batch) => sum + batch.rows, 0);
    const columns = this.batches[0]?.columns ?? 0;
    const values = new Float64Array(rows * columns);
    let offset = 0;
    for (const batch of this.batches) {
      values.set(batch.values, offset);
      offset += batch.values.length;
    }
    return { values, rows, columns };
  }
  reset(): void {
    this.batches = [];
  }
}
