import { tensor, type DType, type Tensor } from '@dl/tensor';
import type { Generator } from '../random/generator.js';

/** What the scikit-learn-style generators return: features [n, features] and targets [n]. */
export interface Samples {
  x: Tensor;
  y: Tensor;
}

/** Options every generator shares (scikit-learn's names, in camelCase). */
export interface SampleOptions {
  /** Shuffle the samples; default true. */
  shuffle?: boolean;
  /** A seed or a Generator; default @dl/tensor's global generator (`manualSeed`). */
  randomState?: number | Generator;
  /** Feature dtype; default float32 (computed in float64). */
  dtype?: DType;
}

/** The keys of `SampleOptions`, for each generator's option check. */
export const SAMPLE_OPTION_NAMES = ['shuffle', 'randomState', 'dtype'] as const;

/** Rows of a row-major [rows, columns] matrix in `order`, as a new matrix. */
export function takeRows(values: Float64Array, columns: number, order: ArrayLike<number>): Float64Array {
  const out = new Float64Array(order.length * columns);
  for (let row = 0; row < order.length; row++) out.set(values.subarray(order[row]! * columns, (order[row]! + 1) * columns), row * columns);
  return out;
}

/** Packs a float64 feature matrix and integer or real targets into tensors. */
export function toSamples(
  x: Float64Array,
  columns: number,
  y: ArrayLike<number>,
  dtype: DType = 'float32',
  targetDtype: DType = 'int32',
): Samples {
  return {
    x: tensor(x, { shape: [y.length, columns], dtype }),
    y: tensor(targetDtype === 'int32' ? Int32Array.from(y) : Float64Array.from(y), { dtype: targetDtype }),
  };
}

/** numpy.linspace(start, stop, count, endpoint): start + i · step, step = (stop − start) / (count − 1 or count). */
export function linspace(start: number, stop: number, count: number, endpoint = true): Float64Array {
  const out = new Float64Array(count);
  const divisions = endpoint ? count - 1 : count;
  const step = divisions > 0 ? (stop - start) / divisions : 0;
  for (let i = 0; i < count; i++) out[i] = start + i * step;
  if (endpoint && count > 1) out[count - 1] = stop;
  return out;
}

/**
 * The common tail of make_moons and make_circles (scikit-learn's order): shuffle the rows of the
 * [n, 2] points and their labels, then add N(0, noise²) to every coordinate.
 */
export function shuffleAndJitter(
  x: Float64Array,
  y: Int32Array,
  generator: Generator,
  options: SampleOptions & { noise?: number | null },
): Samples {
  let points = x;
  let labels = y;
  if (options.shuffle ?? true) {
    const order = generator.permutation(labels.length);
    points = takeRows(points, 2, order);
    labels = Int32Array.from(order, (index) => y[index]!);
  }
  if (options.noise) {
    const noise = generator.normal(points.length, 0, options.noise);
    for (let i = 0; i < points.length; i++) points[i]! += noise[i]!;
  }
  return toSamples(points, 2, labels, options.dtype);
}
