import { checkOptions, type DType, refuseExtraArguments, tensor, type Tensor, checkTensorArguments } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';

export interface SineOptions {
  /** Number of time steps; default 1000. */
  length?: number;
  /** Cycles per time step; default 1/50. */
  frequency?: number;
  amplitude?: number;
  phase?: number;
  /** Standard deviation of Gaussian noise added to each step; default 0.1. */
  noise?: number;
  randomState?: number | Generator;
  dtype?: DType;
}

/**
 * A noisy sine wave, the RNN chapter's first series: s_t = amplitude · sin(2π · frequency · t + phase) + noise · ε_t.
 * @example
 * const series = noisySine({ length: 500, noise: 0.05, randomState: 0 }); // [500]
 */
export function noisySine(options: SineOptions = {}, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('noisySine', ['options'], extra);
  checkOptions('noisySine', options, ['length', 'frequency', 'amplitude', 'phase', 'noise', 'randomState', 'dtype']);
  const length = options.length ?? 1000;
  const frequency = options.frequency ?? 1 / 50;
  const noise = resolveGenerator(options.randomState).normal(length, 0, options.noise ?? 0.1);
  const values = Float64Array.from(
    noise,
    (epsilon, t) => (options.amplitude ?? 1) * Math.sin(2 * Math.PI * frequency * t + (options.phase ?? 0)) + epsilon,
  );
  return tensor(values, { dtype: options.dtype ?? 'float32' });
}

/**
 * A Gaussian random walk: s_0 = 0, s_t = s_{t−1} + step · ε_t.
 * @example
 * const walk = randomWalk({ length: 200, randomState: 1 });
 */
export function randomWalk(
  options: { length?: number; step?: number; randomState?: number | Generator; dtype?: DType } = {},
  ...extra: never[]
): Tensor {
  if (extra.length > 0) refuseExtraArguments('randomWalk', ['options'], extra);
  checkOptions('randomWalk', options, ['length', 'step', 'randomState', 'dtype']);
  const length = options.length ?? 1000;
  const steps = resolveGenerator(options.randomState).normal(length, 0, options.step ?? 1);
  let position = 0;
  const values = Float64Array.from(steps, (step, t) => (t === 0 ? 0 : (position += step)));
  return tensor(values, { dtype: options.dtype ?? 'float32' });
}

/**
 * Sliding windows over a series for next-step prediction: input i is series[i·stride, i·stride + window)
 * and its target the `horizon` values after it. A [T] series gives x [N, window, 1] (RNN layout:
 * batch, time, features) and y [N, horizon]; a [T, F] series gives x [N, window, F], y [N, horizon, F].
 * N = ⌊(T − window − horizon) / stride⌋ + 1.
 * @example
 * const { x, y } = slidingWindows(noisySine({ length: 100 }), 20); // x [80, 20, 1], y [80, 1]
 */
export function slidingWindows(
  series: Tensor,
  window: number,
  options: { horizon?: number; stride?: number } = {},
  ...extra: never[]
): { x: Tensor; y: Tensor } {
  if (extra.length > 0) refuseExtraArguments('slidingWindows', ['series', 'window', 'options'], extra);
  checkTensorArguments('slidingWindows', { series });
  checkOptions('slidingWindows', options, ['horizon', 'stride']);
  const horizon = options.horizon ?? 1;
  const stride = options.stride ?? 1;
  const steps = series.shape[0]!;
  const features = series.ndim === 1 ? 1 : series.shape[1]!;
  if (series.ndim > 2) throw new Error(`slidingWindows: expects a series [T] or [T, F], got [${series.shape.join(', ')}]`);
  const count = Math.floor((steps - window - horizon) / stride) + 1;
  if (count <= 0) throw new Error(`slidingWindows: a series of ${steps} steps is too short for window ${window} + horizon ${horizon}`);
  const values = series.to('float64').dataSync();
  const inputs = new Float64Array(count * window * features);
  const targets = new Float64Array(count * horizon * features);
  for (let i = 0; i < count; i++) {
    const start = i * stride * features;
    inputs.set(values.subarray(start, start + window * features), i * window * features);
    targets.set(values.subarray(start + window * features, start + (window + horizon) * features), i * horizon * features);
  }
  const dtype = series.dtype;
  return {
    x: tensor(inputs, { shape: [count, window, features], dtype }),
    y: tensor(targets, { shape: series.ndim === 1 ? [count, horizon] : [count, horizon, features], dtype }),
  };
}
