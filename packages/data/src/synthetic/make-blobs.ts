import { checkOptions, describeValue, refuseExtraArguments, tensor, type Tensor } from '@dl/tensor';
import { resolveGenerator } from '../random/generator.js';
import { SAMPLE_OPTION_NAMES, takeRows, toSamples, type SampleOptions, type Samples } from './samples.js';

export interface MakeBlobsOptions extends SampleOptions {
  /** Total points split evenly over the centers (the first n mod k centers get one more), or a count per center; default 100. */
  nSamples?: number | number[];
  /** Features per point when centers are drawn; default 2. */
  nFeatures?: number;
  /** How many centers to draw (default 3), or their coordinates [k][features]. */
  centers?: number | number[][];
  /** Standard deviation of each cluster (one for all, or one per center); default 1. */
  clusterStd?: number | number[];
  /** Box the drawn centers are uniform in; default [−10, 10]. */
  centerBox?: [number, number];
}

/**
 * Isotropic Gaussian blobs (scikit-learn's `make_blobs`): centers uniform in `centerBox` (unless
 * given), then for center i, nᵢ points centerᵢ + clusterStdᵢ · N(0, I); labels are the center index.
 * @example
 * const { x, y, centers } = makeBlobs({ nSamples: 300, centers: 4, randomState: 0 });
 */
export function makeBlobs(options: MakeBlobsOptions = {}, ...extra: never[]): Samples & { centers: Tensor } {
  if (extra.length > 0) refuseExtraArguments('makeBlobs', ['options'], extra);
  checkOptions('makeBlobs', options, ['nSamples', 'nFeatures', 'centers', 'clusterStd', 'centerBox', ...SAMPLE_OPTION_NAMES]);
  const generator = resolveGenerator(options.randomState);
  const requested = options.nSamples ?? 100;
  const box = options.centerBox ?? [-10, 10];
  let centers: number[][];
  let features = options.nFeatures ?? 2;
  if (Array.isArray(options.centers)) {
    centers = options.centers.map((center) => [...center]);
    features = centers[0]!.length;
    if (Array.isArray(requested) && requested.length !== centers.length)
      throw new Error(`makeBlobs: length of nSamples (${requested.length}) not consistent with number of centers (${centers.length})`);
  } else {
    // scikit-learn: with a count per center the centers are drawn one per count, or given as coordinates
    if (Array.isArray(requested) && options.centers !== undefined)
      throw new Error(
        `makeBlobs: centers must be an array of coordinates when nSamples is an array, got ${describeValue(options.centers)}`,
      );
    const count = Array.isArray(requested) ? requested.length : (options.centers ?? 3);
    const drawn = generator.uniform(count * features, box[0], box[1]);
    centers = Array.from({ length: count }, (_, i) => Array.from(drawn.subarray(i * features, (i + 1) * features)));
  }
  const standardDeviations = Array.isArray(options.clusterStd)
    ? options.clusterStd
    : centers.map(() => (options.clusterStd as number | undefined) ?? 1);
  if (standardDeviations.length !== centers.length)
    throw new Error(
      `makeBlobs: length of clusterStd (${standardDeviations.length}) not consistent with number of centers (${centers.length})`,
    );
  for (const deviation of standardDeviations)
    if (!(deviation >= 0)) throw new Error(`makeBlobs: clusterStd must be non-negative, got ${describeValue(deviation)}`);
  const counts = Array.isArray(requested)
    ? [...requested]
    : centers.map((_, i) => Math.floor(requested / centers.length) + (i < requested % centers.length ? 1 : 0));
  if (!counts.every((count) => Number.isInteger(count) && count >= 0))
    throw new Error(`makeBlobs: nSamples must be a non-negative integer or an array of them, got ${describeValue(requested)}`);
  const total = counts.reduce((a, b) => a + b, 0);
  let x: Float64Array = new Float64Array(total * features);
  let y = new Int32Array(total);
  let row = 0;
  centers.forEach((center, i) => {
    const noise = generator.normal(counts[i]! * features, 0, standardDeviations[i]!);
    for (let k = 0; k < counts[i]!; k++, row++) {
      y[row] = i;
      for (let j = 0; j < features; j++) x[row * features + j] = center[j]! + noise[k * features + j]!;
    }
  });
  if (options.shuffle ?? true) {
    const order = generator.permutation(total);
    x = takeRows(x, features, order);
    y = Int32Array.from(order, (index) => y[index]!);
  }
  return { ...toSamples(x, features, y, options.dtype), centers: tensor(centers, { dtype: options.dtype ?? 'float32' }) };
}
