import { tensor } from '@dl/tensor';

/**
 * A synthetic seasonal series, like hourly demand: a daily cycle (period 24), a weekly one (period
 * 168), a slow trend and Gaussian noise (Box–Muller over a small seeded generator, data only):
 *   y_t = sin(2πt/24) + 0.5·sin(2πt/168) + 0.001·t + 0.1·ε_t
 * @param {number} length
 * @param {number} seed
 */
export function seasonalSeries(length, seed = 1) {
  let state = seed;
  const uniform = () => ((state = (state * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  return Float32Array.from({ length }, (_, t) => {
    const noise = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    return Math.sin((2 * Math.PI * t) / 24) + 0.5 * Math.sin((2 * Math.PI * t) / 168) + 0.001 * t + 0.1 * noise;
  });
}

/**
 * Sliding windows for one-step-ahead forecasting: inputs [count, window, 1] (the `window` values before
 * each target) and targets [count, 1], for the targets at positions from..to−1.
 * @param {Float32Array} values
 * @param {number} window
 * @param {number} from
 * @param {number} to
 */
export function windows(values, window, from, to) {
  const count = to - from;
  const inputs = new Float32Array(count * window);
  const targets = new Float32Array(count);
  for (let row = 0; row < count; row++) {
    const target = from + row;
    inputs.set(values.subarray(target - window, target), row * window);
    targets[row] = values[target];
  }
  return { inputs: tensor(inputs, { shape: [count, window, 1] }), targets: tensor(targets, { shape: [count, 1] }) };
}
