import { isFloating } from '../core/dtype.js';
import { checkOptions, refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { UniformStream } from '../random/uniform-stream.js';
import type { RandomGenerator } from '../random/generator.js';
import { countSampleOutput } from './count-sample-output.js';
import { checkLive } from '../core/tensor-arguments.js';

/** poisson's options. */
export interface PoissonOptions {
  /** Draw from this generator instead of the global one. Default: the global generator (`manualSeed`). */
  generator?: RandomGenerator | null;
}

// ln k! summed exactly below this, by Stirling's series from here on
const STIRLING_FROM = 64;
const SMALL_LOG_FACTORIALS: number[] = [0];
for (let k = 1; k < STIRLING_FROM; k++) SMALL_LOG_FACTORIALS.push(SMALL_LOG_FACTORIALS[k - 1]! + Math.log(k));

/**
 * ln k! = ln Γ(k + 1) for an integer k ≥ 0: a table below 64, else Stirling's series
 * k·ln k − k + ½·ln(2πk) + 1/(12k) − 1/(360k³) + 1/(1260k⁵) (its next term is below 1e-13/k⁷).
 */
function logFactorial(k: number): number {
  if (k < STIRLING_FROM) return SMALL_LOG_FACTORIALS[k]!;
  const inverse = 1 / k;
  const inverseSquare = inverse * inverse;
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + inverse * (1 / 12 - inverseSquare * (1 / 360 - inverseSquare / 1260));
}

/**
 * One Poisson(λ) draw, as torch's CPU sample_poisson: for λ ≥ 10 Hörmann's transformed rejection
 * (PTRS, 1993) with its constants; below, Knuth's product of uniforms (the count of uniforms whose
 * running product stays above e^(−λ)); 0 for λ = 0.
 */
function samplePoisson(rate: number, uniform: UniformStream): number {
  if (rate >= 10) {
    const rootRate = Math.sqrt(rate);
    const logRate = Math.log(rate);
    const b = 0.931 + 2.53 * rootRate;
    const a = -0.059 + 0.02483 * b;
    const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const acceptBelow = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = uniform.next() - 0.5;
      const v = uniform.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + rate + 0.43);
      if (us >= 0.07 && v <= acceptBelow) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b) <= -rate + k * logRate - logFactorial(k)) return k;
    }
  }
  if (rate === 0) return 0;
  const threshold = Math.exp(-rate);
  let count = 0;
  let product = 1;
  for (;;) {
    product *= uniform.next();
    if (product > threshold) count += 1;
    else return count;
  }
}

/** The checked rates, read on the host. */
function checkedRates(rates: Tensor, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++)
    if (!(values[i]! >= 0 && values[i]! < Number.POSITIVE_INFINITY))
      throw new Error(
        `poisson: invalid Poisson rate ${values[i]} at flat index ${i} of shape [${rates.shape.join(', ')}], expected a finite rate ≥ 0`,
      );
}

function draw(rates: Tensor, values: ArrayLike<number>, options: PoissonOptions): Tensor {
  checkedRates(rates, values);
  const uniform = new UniformStream(options.generator, 2 * values.length);
  const samples = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) samples[i] = samplePoisson(values[i]!, uniform);
  return countSampleOutput(samples, rates, [rates]);
}

function checkRates(rates: Tensor, options: PoissonOptions | undefined): PoissonOptions {
  checkLive('poisson', 'rates', rates);
  if (!isFloating(rates.dtype)) throw new Error(`poisson: rates must have a floating dtype, got ${rates.dtype}`);
  return checkOptions('poisson', options ?? {}, ['generator']);
}

/**
 * Poisson counts with the given rates, one per element (torch.poisson), in the rates' dtype and
 * device, drawn on the host as torch's CPU does (Hörmann's PTRS for rates ≥ 10, Knuth's product of
 * uniforms below) from the library's Philox generator, so `manualSeed` (or `generator`) makes them
 * reproducible. The gradient with respect to the rates is 0, as torch's. The rates are read
 * synchronously (the CPU); on a GPU use `await poissonAsync(rates)`.
 * @example
 * manualSeed(0);
 * poisson(tensor([0.5, 4, 100])); // e.g. [0, 3, 104]
 */
export function poisson(rates: Tensor, options?: PoissonOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('poisson', ['rates', 'options'], arguments);
  const checked = checkRates(rates, options);
  return draw(rates, rates.dataSync(), checked);
}

/** `poisson` for any device: waits for the rates to be read. */
export async function poissonAsync(rates: Tensor, options?: PoissonOptions): Promise<Tensor> {
  if (arguments.length > 2) refuseArgumentsPast('poissonAsync', ['rates', 'options'], arguments);
  const checked = checkRates(rates, options);
  return draw(rates, await rates.data(), checked);
}
