import type { Tensor } from '../core/tensor.js';
import type { DType } from '../core/dtype.js';
import { getDefaultDtype } from '../core/default-dtype.js';
import { reserveFrom, type RandomGenerator } from '../random/generator.js';
import { philoxUniform } from '../random/philox.js';
import { allocate, fromTypedArray } from './allocate.js';
import { castTo } from './convert.js';
import { add, cos, floor, log, lt, mul, sqrt, sub, where } from './elementwise.js';
import { scalarTensor } from './scalar.js';
import { getBackend, type NormalAffine } from '../core/backend.js';
import { narrow, reshape } from './views.js';
import { noGrad } from '../autograd/grad-mode.js';
import { scope } from '../core/scope.js';
import type { CreationOptions } from './creation.js';
import { sizeOf } from '../core/shape.js';
import { checkCreationOptions, checkShape, creationKeys, shapeArguments } from './creation-arguments.js';
import { checkNumber, refuseArgumentsPast } from '../core/options.js';
import { checkLive } from '../core/tensor-arguments.js';
import { normalInPlace, uniformInPlace } from './random-in-place.js';

/** Keys of RandomOptions, for the option check. */
const randomKeys = [...creationKeys, 'generator'];

/** Creation options of a random op: those of every creation function, plus the generator to draw from. */
export interface RandomOptions extends CreationOptions {
  /** Draw from this generator (e.g. `new Generator(0)` from @dl/data) instead of the global one. Default: the global generator (`manualSeed`). */
  generator?: RandomGenerator | null;
}

function finish(result: Tensor, options: CreationOptions): Tensor {
  if (options.requiresGrad) result.requiresGrad = true;
  return result;
}

/** Refuses a dtype random samples cannot have (integers and bool; float16 is drawn in float32 and cast). */
function checkRandomDtype(operation: string, dtype: DType): void {
  if (dtype !== 'float32' && dtype !== 'float64' && dtype !== 'float16')
    throw new Error(`${operation}: dtype must be floating point, got ${dtype}`);
}

/** Uniform [0, 1) from the global Philox generator; the same numbers on every device. */
function uniformRaw(shape: readonly number[], options: RandomOptions, operation = 'rand'): Tensor {
  const dtype = options.dtype ?? getDefaultDtype();
  checkRandomDtype(operation, dtype);
  const output = allocate(shape, 'float32', options.device ?? 'cpu');
  const { seed, offset } = reserveFrom(options.generator, sizeOf(shape));
  output.storage.backend.uniform(output.kernelView(), seed, offset);
  return castTo(output, dtype);
}

/** The arguments of `rand`/`randn`: a shape array or PyTorch's sizes as arguments, then options. */
export type RandomShapeArguments =
  | [shape: readonly number[], options?: RandomOptions]
  | [...sizes: number[]]
  | [...sizes: number[], options: RandomOptions];

/**
 * Uniform samples in [0, 1).
 * @example
 * rand([2, 3]); rand(2, 3); rand(2, 3, { generator: new Generator(0) });
 */
export function rand(...args: RandomShapeArguments): Tensor {
  const { shape, options } = shapeArguments<RandomOptions>('rand', args, randomKeys);
  return finish(uniformRaw(shape, options), options);
}

/** Uniform samples in [low, high). */
export function uniform(shape: readonly number[], low = 0, high = 1, options: RandomOptions = {}): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('uniform', ['shape', 'low', 'high', 'options'], arguments);
  shape = checkShape('uniform', shape);
  checkUniformRange('uniform', low, high, sizeOf(shape));
  options = checkCreationOptions('uniform', options, randomKeys);
  const dtype = options.dtype ?? getDefaultDtype();
  const device = options.device ?? 'cpu';
  if (getBackend(device).fused?.uniformRange && (dtype === 'float32' || dtype === 'float64')) {
    const output = allocate(shape, dtype, device);
    uniformInPlace(output, low, high, options.generator);
    return finish(output, options);
  }
  // the reference the fused kernel follows (DESIGN §2)
  return finish(
    scope(() => noGrad(() => add(mul(uniformRaw(shape, options, 'uniform'), high - low), low))),
    options,
  );
}

/** Throws unless low and high are numbers, finite where there are elements to draw (torch's uniform_ raises). */
export function checkUniformRange(operation: string, low: unknown, high: unknown, size: number): void {
  checkNumber(operation, 'low', low, true);
  checkNumber(operation, 'high', high, true);
  // an infinite bound is harmless with no elements to draw (a layer of zero features initialised with
  // ±1/√0); with elements it would draw NaN
  if (size > 0 && !(Number.isFinite(low) && Number.isFinite(high)))
    throw new Error(`${operation}: expects a finite range [low, high), got low=${low}, high=${high}`);
}

/**
 * Standard normal samples by Box–Muller: two uniforms u1, u2 give √(−2 ln(1 − u1))·cos(2π u2)
 * (1 − u1 lies in (0, 1], so the log is finite).
 */
export function randn(...args: RandomShapeArguments): Tensor {
  const { shape, options } = shapeArguments<RandomOptions>('randn', args, randomKeys);
  return finish(normalSamples(shape, null, options, 'randn'), options);
}

/** Normal samples with the given mean and standard deviation. */
export function normal(shape: readonly number[], mean = 0, std = 1, options: RandomOptions = {}): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('normal', ['shape', 'mean', 'std', 'options'], arguments);
  shape = checkShape('normal', shape);
  checkNormalParameters('normal', mean, std);
  options = checkCreationOptions('normal', options, randomKeys);
  return finish(normalSamples(shape, { mean, std }, options, 'normal'), options);
}

/** Throws unless mean is a number and std a number ≥ 0 (torch raises for a negative std too). */
export function checkNormalParameters(operation: string, mean: unknown, std: unknown): void {
  checkNumber(operation, 'mean', mean, true);
  if (checkNumber(operation, 'std', std, true) < 0) throw new Error(`${operation}: expects std >= 0, got std=${std}`);
}

/**
 * randn's samples, times std plus mean with `affine` (normal's): the backend's fused kernel where it
 * has one, else the composite below, which is the reference (DESIGN §2). Both draw the same 2n
 * uniforms, so the generator advances alike.
 */
function normalSamples(shape: readonly number[], affine: NormalAffine | null, options: RandomOptions, operation: string): Tensor {
  const dtype = options.dtype ?? getDefaultDtype();
  checkRandomDtype(operation, dtype);
  // float16 (webgpu's half storage) is drawn in float32 and rounded once, as torch's half samples are
  if (dtype === 'float16') return scope(() => castTo(normalSamples(shape, affine, { ...options, dtype: 'float32' }, operation), 'float16'));
  const device = options.device ?? 'cpu';
  const size = sizeOf(shape);
  if (getBackend(device).fused?.normal) {
    const output = allocate(shape, dtype, device);
    normalInPlace(output, affine, options.generator);
    return output;
  }
  // scope: the intermediate draws are freed now, only the samples survive
  return scope(() =>
    noGrad(() => {
      const pairs = uniformRaw([2, size], options, operation);
      const [first, second] = [narrow(pairs, 0, 0, 1), narrow(pairs, 0, 1, 1)];
      const radius = sqrt(mul(log(sub(1, first)), -2));
      const samples = reshape(mul(radius, cos(mul(second, 2 * Math.PI))), shape);
      return affine === null ? samples : add(mul(samples, affine.std), affine.mean);
    }),
  );
}

/** Integers uniform in [low, high) (int32 unless a dtype is given). */
export function randint(low: number, high: number, shape: readonly number[], options: RandomOptions = {}): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('randint', ['low', 'high', 'shape', 'options'], arguments);
  shape = checkShape('randint', shape);
  options = checkCreationOptions('randint', options, randomKeys);
  if (!(high > low)) throw new Error(`randint: expects high > low, got low=${low}, high=${high}`);
  // float32 uniforms carry 24 random bits: exact for ranges up to 2^24, and every device has float32
  // (rounding of u·span can reach span itself near the top of large ranges: clamp it back)
  const values = noGrad(() =>
    add(floor(mul(uniformRaw(shape, { device: options.device, dtype: 'float32', generator: options.generator }), high - low)), low).clamp(
      undefined,
      high - 1,
    ),
  );
  return castTo(values, options.dtype ?? 'int32');
}

/** 1 with probability p (a tensor of probabilities or a number), else 0 (torch.bernoulli). */
export function bernoulli(probabilities: Tensor | number, shape?: readonly number[], options: RandomOptions = {}): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('bernoulli', ['probabilities', 'shape', 'options'], arguments);
  const p = typeof probabilities === 'number' ? undefined : probabilities;
  if (p) checkLive('bernoulli', 'input', p);
  const drawShape = p ? p.shape : checkShape('bernoulli', shape ?? []);
  const device = p ? p.device : options.device;
  const draws = uniformRaw(drawShape, { device, dtype: 'float32', generator: options.generator });
  const hits = noGrad(() => lt(draws, p ? castTo(p, 'float32') : (probabilities as number)));
  return castTo(hits, options.dtype ?? (p ? p.dtype : getDefaultDtype()));
}

/**
 * `scale` with probability p, else 0: where(rand(shape) < p, scale, 0) in `dtype` (float32 by default).
 * Inverted dropout's mask is scaledBernoulli(1 − p, 1/(1 − p)), which a backend with a fused kernel
 * draws in one pass instead of a uniform draw, a comparison and a select. The draw is always float32
 * (as `bernoulli`'s), so both paths and every device give the same mask; `scale` is rounded to `dtype`.
 * @example
 * const mask = scaledBernoulli(0.75, 1 / 0.75, [64, 9216]); // keeps ~75 %, scaled by 4/3
 */
export function scaledBernoulli(probability: number, scale: number, shape: readonly number[], options: RandomOptions = {}): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('scaledBernoulli', ['probability', 'scale', 'shape', 'options'], arguments);
  shape = checkShape('scaledBernoulli', shape);
  const dtype = options.dtype ?? getDefaultDtype();
  if (dtype !== 'float32' && dtype !== 'float64') throw new Error(`scaledBernoulli: dtype must be floating point, got ${dtype}`);
  if (!(probability >= 0 && probability <= 1)) throw new Error(`scaledBernoulli: probability must be in [0, 1], got ${probability}`);
  const device = options.device ?? 'cpu';
  const fused = getBackend(device).fused?.scaledBernoulli;
  if (fused) {
    const output = allocate(shape, dtype, device);
    const { seed, offset } = reserveFrom(options.generator, sizeOf(shape));
    fused(output.kernelView(), seed, offset, probability, dtype === 'float32' ? Math.fround(scale) : scale);
    return finish(output, options);
  }
  // scope: the draws and the comparison are freed now, only the mask survives
  const mask = scope(() =>
    noGrad(() => {
      const draws = uniformRaw(shape, { device, dtype: 'float32', generator: options.generator });
      return where(lt(draws, probability), scalarTensor(scale, dtype, device), scalarTensor(0, dtype, device));
    }),
  );
  return finish(mask, options);
}

/**
 * A random permutation of 0..n-1 (Fisher–Yates with Philox draws, on the host, then uploaded).
 */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('randperm', ['n', 'options'], arguments);
  checkShape('randperm', [n]);
  options = checkCreationOptions('randperm', options, randomKeys);
  const { seed, offset } = reserveFrom(options.generator, n);
  const draws = new Float64Array(n);
  philoxUniform(draws, seed, offset);
  const permutation = new Int32Array(n);
  for (let i = 0; i < n; i++) permutation[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(draws[i]! * (i + 1));
    [permutation[i], permutation[j]] = [permutation[j]!, permutation[i]!];
  }
  return castTo(fromTypedArray(permutation, [n], 'int32', options.device ?? 'cpu'), options.dtype ?? 'int32');
}
