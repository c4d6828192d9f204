import { isFloating } from '../core/dtype.js';
import { checkOptions, refuseArgumentsPast } from '../core/options.js';
import { broadcastShapes, formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { UniformStream } from '../random/uniform-stream.js';
import type { RandomGenerator } from '../random/generator.js';
import { countSampleOutput } from './count-sample-output.js';
import { expand } from './views.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

/** binomial's options. */
export interface BinomialOptions {
  /** Draw from this generator instead of the global one. Default: the global generator (`manualSeed`). */
  generator?: RandomGenerator | null;
}

// ln k! − (k + ½)·ln(k + 1) + (k + 1) − ½·ln 2π for k = 0 … 9 (torch's stirling_approx_tail table)
const STIRLING_TAIL = [
  0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211, 0.0138761288230707,
  0.0118967099458917, 0.010411265261972, 0.00925546218271273, 0.00833056343336287,
];

/** The remainder of Stirling's approximation of ln k!: the table, then 1/12 − 1/(360(k+1)²) + … over k + 1. */
function stirlingTail(k: number): number {
  if (k <= 9) return STIRLING_TAIL[k]!;
  const square = (k + 1) * (k + 1);
  return (1 / 12 - (1 / 360 - 1 / 1260 / square) / square) / (k + 1);
}

/**
 * Binomial(n, p) for n·p ≥ 10 and p ≤ ½ by Hörmann's BTRS (transformed rejection with squeeze), as
 * torch's `btrs`, constants and the upper bound as torch writes them.
 */
function transformedRejection(count: number, probability: number, uniform: UniformStream): number {
  const deviation = Math.sqrt(count * probability * (1 - probability));
  const b = 1.15 + 2.53 * deviation;
  const a = -0.0873 + 0.0248 * b + 0.01 * probability;
  const c = count * probability + 0.5;
  const acceptBelow = 0.92 - 4.2 / b;
  const ratio = probability / (1 - probability);
  const alpha = (2.83 + 5.1 / b) * deviation;
  const mode = Math.floor((count + 1) * probability);
  for (;;) {
    const u = uniform.next() - 0.5;
    let v = uniform.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > count) continue;
    if (us >= 0.07 && v <= acceptBelow) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    const upperBound =
      (mode + 0.5) * Math.log((mode + 1) / (ratio * (count - mode + 1))) +
      (count + 1) * Math.log((count - mode + 1) / (count - k + 1)) +
      (k + 0.5) * Math.log((ratio * (count - k + 1)) / (k + 1)) +
      stirlingTail(mode) +
      stirlingTail(count - mode) -
      stirlingTail(k) -
      stirlingTail(count - k);
    if (v <= upperBound) return k;
  }
}

/**
 * Binomial(n, p) for n·p < 10 by inversion through geometric waiting times (torch's
 * binomial_inversion): the number of Geometric(p) gaps ⌈ln U/ln(1 − p)⌉ that fit into n trials.
 */
function inversion(count: number, probability: number, uniform: UniformStream): number {
  const logComplement = Math.log1p(-probability);
  let trials = 0;
  let successes = 0;
  for (;;) {
    trials += Math.ceil(Math.log(uniform.next()) / logComplement);
    if (trials > count) return successes;
    successes += 1;
  }
}

/** One Binomial(count, probability) draw, as torch's sample_binomial (by symmetry for p > ½). */
function sampleBinomial(count: number, probability: number, uniform: UniformStream): number {
  if (count <= 0 || probability <= 0) return 0;
  if (probability >= 1) return count;
  if (probability <= 0.5)
    return count * probability >= 10 ? transformedRejection(count, probability, uniform) : inversion(count, probability, uniform);
  if (probability > 0.5) {
    const complement = 1 - probability;
    return count - (count * complement >= 10 ? transformedRejection(count, complement, uniform) : inversion(count, complement, uniform));
  }
  return Number.NaN;
}

function checkArguments(count: Tensor, probability: Tensor, options: BinomialOptions | undefined): BinomialOptions {
  checkTensorArguments('binomial', { count, prob: probability });
  if (!isFloating(count.dtype) || !isFloating(probability.dtype))
    throw new Error(`binomial: count and prob must have floating dtypes, got ${count.dtype} and ${probability.dtype}`);
  if (count.device !== probability.device)
    throw new Error(`binomial: count and prob must be on the same device, got '${count.device}' and '${probability.device}'`);
  const shape = broadcastShapes('binomial', count.shape, probability.shape);
  if (shape.length !== count.ndim || shape.some((size, axis) => size !== count.shape[axis]))
    throw new Error(
      `binomial: prob of shape ${formatShape(probability.shape)} does not broadcast to count's shape ${formatShape(count.shape)}`,
    );
  return checkOptions('binomial', options ?? {}, ['generator']);
}

function draw(
  count: Tensor,
  probability: Tensor,
  counts: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  options: BinomialOptions,
): Tensor {
  for (let i = 0; i < counts.length; i++)
    if (!Number.isFinite(counts[i]!))
      throw new Error(`binomial: count ${counts[i]} at flat index ${i} of shape ${formatShape(count.shape)} is not finite`);
  const uniform = new UniformStream(options.generator, 2 * counts.length);
  const samples = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) samples[i] = sampleBinomial(counts[i]!, probabilities[i]!, uniform);
  return countSampleOutput(samples, count, [count, probability]);
}

/**
 * Binomial counts: successes in `count` trials of probability `prob`, one draw per element
 * (torch.binomial), with `prob` broadcast to count's shape; count's dtype and device. Drawn on the host
 * as torch's CPU does (BTRS rejection where n·min(p, 1 − p) ≥ 10, inversion by geometric gaps below)
 * from the library's Philox generator, so `manualSeed` (or `generator`) makes them reproducible. A count
 * ≤ 0 or p ≤ 0 gives 0, p ≥ 1 gives the count, NaN p gives NaN; the gradient is 0 for both inputs, as
 * torch's. Read synchronously (the CPU); on a GPU use `await binomialAsync(count, prob)`.
 * @example
 * manualSeed(0);
 * binomial(tensor([10, 100]), tensor([0.5, 0.25])); // e.g. [6, 23]
 */
export function binomial(count: Tensor, prob: Tensor, options?: BinomialOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('binomial', ['count', 'prob', 'options'], arguments);
  const checked = checkArguments(count, prob, options);
  const probabilities = expand(prob.detach(), count.shape);
  return draw(count, prob, count.dataSync(), probabilities.dataSync(), checked);
}

/** `binomial` for any device: waits for the counts and probabilities to be read. */
export async function binomialAsync(count: Tensor, prob: Tensor, options?: BinomialOptions): Promise<Tensor> {
  if (arguments.length > 3) refuseArgumentsPast('binomialAsync', ['count', 'prob', 'options'], arguments);
  const checked = checkArguments(count, prob, options);
  const probabilities = expand(prob.detach(), count.shape);
  return draw(count, prob, await count.data(), await probabilities.data(), checked);
}
