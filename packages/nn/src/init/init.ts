import { checkChoice, choicesOf, noGrad, normal as normalSamples, readArguments, tensor as makeTensor, type Tensor } from '@dl/tensor';
import { calculateFanInAndFanOut, calculateGain, type Nonlinearity } from './gain.js';
import { householderQ } from './householder.js';
import { isInitSkipped } from './skip-init.js';

/** Writes `values()` into `target` under noGrad (unless `skipInit` is open); returns `target`. */
function fill(target: Tensor, values: () => Tensor): Tensor {
  if (isInitSkipped()) return target;
  noGrad(() => {
    const source = values();
    target.copy_(source);
    source.dispose();
  });
  return target;
}

const like = (target: Tensor) => ({ dtype: target.dtype, device: target.device });

/**
 * Runs target's own random fill under noGrad (unless `skipInit` is open), as torch's init functions
 * call `tensor.uniform_`/`normal_`: the same draw as a new tensor copied in, written in place.
 */
function drawInto(target: Tensor, draw: () => Tensor): Tensor {
  if (isInitSkipped()) return target;
  noGrad(draw);
  return target;
}

/**
 * Fills with U(low, high), in place.
 * @example
 * init.uniform(weight, -0.1, 0.1);
 */
export function uniform(target: Tensor, low?: number, high?: number): Tensor;
/** PyTorch's keywords: `uniform_(tensor, a=0, b=1)`. */
export function uniform(target: Tensor, options: { a?: number; b?: number }): Tensor;
export function uniform(target: Tensor, ...rest: unknown[]): Tensor {
  const { a: low = 0, b: high = 1 } = readArguments<{ a?: number; b?: number }>('init.uniform', rest, ['a', 'b'], ['a', 'b']);
  return drawInto(target, () => target.uniform_(low, high));
}

/** Fills with N(mean, std²), in place. */
export function normal(target: Tensor, mean?: number, std?: number): Tensor;
export function normal(target: Tensor, options: { mean?: number; std?: number }): Tensor;
export function normal(target: Tensor, ...rest: unknown[]): Tensor {
  const { mean = 0, std = 1 } = readArguments<{ mean?: number; std?: number }>('init.normal', rest, ['mean', 'std'], ['mean', 'std']);
  return drawInto(target, () => target.normal_(mean, std));
}

/** Fills with `value`, in place. */
export function constant(target: Tensor, value: number): Tensor {
  if (isInitSkipped()) return target;
  return noGrad(() => target.fill_(value));
}
export const zeros = (target: Tensor): Tensor => constant(target, 0);
export const ones = (target: Tensor): Tensor => constant(target, 1);

/**
 * Xavier/Glorot uniform: U(−a, a) with a = gain·√(6 / (fan_in + fan_out)).
 * @example
 * init.xavierUniform(linear.weight, calculateGain('tanh'));
 */
export function xavierUniform(target: Tensor, gain?: number): Tensor;
export function xavierUniform(target: Tensor, options: { gain?: number }): Tensor;
export function xavierUniform(target: Tensor, ...rest: unknown[]): Tensor {
  const { gain = 1 } = readArguments<{ gain?: number }>('init.xavierUniform', rest, ['gain'], ['gain']);
  const { fanIn, fanOut } = calculateFanInAndFanOut(target.shape);
  const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform(target, -bound, bound);
}

/** Xavier/Glorot normal: N(0, std²) with std = gain·√(2 / (fan_in + fan_out)). */
export function xavierNormal(target: Tensor, gain?: number): Tensor;
export function xavierNormal(target: Tensor, options: { gain?: number }): Tensor;
export function xavierNormal(target: Tensor, ...rest: unknown[]): Tensor {
  const { gain = 1 } = readArguments<{ gain?: number }>('init.xavierNormal', rest, ['gain'], ['gain']);
  const { fanIn, fanOut } = calculateFanInAndFanOut(target.shape);
  return normal(target, 0, gain * Math.sqrt(2 / (fanIn + fanOut)));
}

export interface KaimingOptions {
  /** Negative slope of the leaky relu that follows (only used with 'leaky_relu'); default 0. */
  a?: number;
  /** Keep the variance of activations ('fanIn' or PyTorch's 'fan_in', default) or of gradients ('fanOut', 'fan_out'). */
  mode?: 'fanIn' | 'fanOut' | 'fan_in' | 'fan_out';
  /** Default 'leaky_relu' (as PyTorch). */
  nonlinearity?: Nonlinearity;
}

/** Both spellings of each mode; anything else throws (a misspelt mode once gave fan-out statistics). */
const kaimingModes = choicesOf('fanIn', 'fanOut');

/** gain/√fan from `kaimingUniform(t, a, mode, nonlinearity)` or `kaimingUniform(t, { a, mode, nonlinearity })`. */
function kaimingStd(owner: string, target: Tensor, rest: readonly unknown[]): number {
  const names = ['a', 'mode', 'nonlinearity'];
  const options = readArguments<KaimingOptions>(owner, rest, names, names);
  const mode = checkChoice(owner, 'mode', options.mode ?? 'fanIn', kaimingModes);
  const { fanIn, fanOut } = calculateFanInAndFanOut(target.shape);
  return calculateGain(options.nonlinearity ?? 'leaky_relu', options.a ?? 0) / Math.sqrt(mode === 'fanIn' ? fanIn : fanOut);
}

/**
 * Kaiming/He uniform: U(−b, b) with b = √3·gain/√fan (fan_in by default). Linear and Conv layers
 * use a = √5, which gives b = 1/√fan_in.
 * @example
 * init.kaimingUniform(conv.weight, { mode: 'fanOut', nonlinearity: 'relu' });
 */
export function kaimingUniform(target: Tensor, options?: KaimingOptions): Tensor;
/** PyTorch's order: `kaiming_uniform_(tensor, a, mode, nonlinearity)`. */
export function kaimingUniform(target: Tensor, a: number, mode?: KaimingOptions['mode'], nonlinearity?: Nonlinearity): Tensor;
export function kaimingUniform(target: Tensor, ...rest: unknown[]): Tensor {
  const bound = Math.sqrt(3) * kaimingStd('init.kaimingUniform', target, rest);
  return uniform(target, -bound, bound);
}

/** Kaiming/He normal: N(0, std²) with std = gain/√fan. */
export function kaimingNormal(target: Tensor, options?: KaimingOptions): Tensor;
/** PyTorch's order: `kaiming_normal_(tensor, a, mode, nonlinearity)`. */
export function kaimingNormal(target: Tensor, a: number, mode?: KaimingOptions['mode'], nonlinearity?: Nonlinearity): Tensor;
export function kaimingNormal(target: Tensor, ...rest: unknown[]): Tensor {
  return normal(target, 0, kaimingStd('init.kaimingNormal', target, rest));
}

/**
 * Truncated normal: N(mean, std²) restricted to [a, b], by redrawing the samples that fall outside
 * (the same distribution as torch's inverse-CDF method, not the same numbers).
 */
export function truncNormal(target: Tensor, mean?: number, std?: number, a?: number, b?: number): Tensor;
export function truncNormal(target: Tensor, options: { mean?: number; std?: number; a?: number; b?: number }): Tensor;
export function truncNormal(target: Tensor, ...rest: unknown[]): Tensor {
  const names = ['mean', 'std', 'a', 'b'];
  const {
    mean = 0,
    std = 1,
    a = -2,
    b = 2,
  } = readArguments<{ mean?: number; std?: number; a?: number; b?: number }>('init.truncNormal', rest, names, names);
  if (isInitSkipped()) return target;
  const count = target.numel();
  const values = new Float64Array(count);
  let pending = Array.from({ length: count }, (_, index) => index);
  for (let round = 0; pending.length > 0; round++) {
    if (round > 1000) throw new Error(`truncNormal: [${a}, ${b}] is too far from mean ${mean} (std ${std}) to sample`);
    const draws = noGrad(() => normalSamples([pending.length], mean, std, { dtype: 'float64' }));
    const drawn = draws.dataSync();
    draws.dispose();
    pending = pending.filter((index, k) => {
      const value = drawn[k]!;
      if (value < a || value > b) return true;
      values[index] = value;
      return false;
    });
  }
  return fill(target, () => makeTensor(values, { shape: target.shape, ...like(target) }));
}

/**
 * A (semi-)orthogonal matrix, scaled by `gain` (torch.nn.init.orthogonal_): the Q of the QR
 * decomposition of a normal sample, with Q's columns multiplied by sign(diag R) so the result is
 * uniform over orthogonal matrices. Dims after the first are flattened. Computed on the host.
 * @example
 * init.orthogonal(rnn.weightHh, 1);
 */
export function orthogonal(target: Tensor, gain?: number): Tensor;
export function orthogonal(target: Tensor, options: { gain?: number }): Tensor;
export function orthogonal(target: Tensor, ...rest: unknown[]): Tensor {
  const { gain = 1 } = readArguments<{ gain?: number }>('init.orthogonal', rest, ['gain'], ['gain']);
  if (target.ndim < 2)
    throw new Error(`orthogonal: only tensors with 2 or more dimensions are supported, got [${target.shape.join(', ')}]`);
  if (isInitSkipped() || target.numel() === 0) return target;
  const rows = target.shape[0]!;
  const columns = target.numel() / rows;
  const sample = noGrad(() => normalSamples([rows, columns], 0, 1, { dtype: 'float64' }));
  const flat = sample.dataSync();
  sample.dispose();
  // QR of the tall orientation: A (m×n, m ≥ n) = QR; a wide target takes the transpose of Q.
  const transposed = rows < columns;
  const m = transposed ? columns : rows;
  const n = transposed ? rows : columns;
  const matrix = new Float64Array(m * n);
  for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) matrix[transposed ? j * n + i : i * n + j] = flat[i * columns + j]!;
  const q = householderQ(matrix, m, n); // m×n, signs fixed
  const result = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) result[i * columns + j] = gain * q[transposed ? j * n + i : i * n + j]!;
  return fill(target, () => makeTensor(result, { shape: target.shape, ...like(target) }));
}

/** Fills a 2-D tensor with the identity matrix (torch.nn.init.eye_). */
export function eye(target: Tensor): Tensor {
  if (target.ndim !== 2) throw new Error(`eye: only tensors with 2 dimensions are supported, got [${target.shape.join(', ')}]`);
  const [rows, columns] = target.shape as [number, number];
  const values = new Float64Array(rows * columns);
  for (let i = 0; i < Math.min(rows, columns); i++) values[i * columns + i] = 1;
  return fill(target, () => makeTensor(values, { shape: target.shape, ...like(target) }));
}

export { calculateGain, calculateFanInAndFanOut };
