import { afterEach, describe, expect, it } from 'vitest';
import {
  binomial,
  binomialAsync,
  full,
  grad,
  inferenceMode,
  initialSeed,
  isGradEnabled,
  manualSeed,
  noGrad,
  poisson,
  poissonAsync,
  rand,
  randintLike,
  seed,
  setGradEnabled,
  tensor,
  zeros,
  type GeneratorState,
  type RandomGenerator,
  type Tensor,
} from '../src/index.js';

// randintLike, poisson, binomial, initialSeed/seed and setGradEnabled/inferenceMode. The samplers are
// checked by their law with a fixed seed: sample means and variances within 5 standard errors (a
// fixed seed makes each check deterministic; 5 σ fails a correct sampler with probability < 1e-6),
// chi-square statistics against the pmf below the 0.999 quantile of their χ² law, and reproducibility
// from manualSeed or a generator.

const DRAWS = 4000;

/** Mean and (unbiased) variance of every `DRAWS`-long run of `values`. */
function moments(values: ArrayLike<number>, start: number): { mean: number; variance: number } {
  let sum = 0;
  for (let i = start; i < start + DRAWS; i++) sum += values[i]!;
  const mean = sum / DRAWS;
  let squares = 0;
  for (let i = start; i < start + DRAWS; i++) squares += (values[i]! - mean) ** 2;
  return { mean, variance: squares / (DRAWS - 1) };
}

/** Pearson's χ² of counts of `values` against `probability(k)`, pooling the tails below 5 expected. */
function chiSquare(
  values: ArrayLike<number>,
  start: number,
  probability: (k: number) => number,
  support: number,
): { statistic: number; bins: number } {
  const counts = new Array<number>(support + 1).fill(0);
  for (let i = start; i < start + DRAWS; i++) counts[Math.min(values[i]!, support)]! += 1;
  let statistic = 0;
  let bins = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  let total = 0;
  for (let k = 0; k <= support; k++) {
    const p = k === support ? 1 - total : probability(k);
    total += p;
    pooledObserved += counts[k]!;
    pooledExpected += p * DRAWS;
    if (pooledExpected >= 5 || k === support) {
      statistic += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
      bins += 1;
      pooledObserved = 0;
      pooledExpected = 0;
    }
  }
  return { statistic, bins };
}

/** The 0.999 quantile of χ² with `degrees` degrees of freedom (Wilson–Hilferty, good to 1% here). */
function chiSquareQuantile(degrees: number): number {
  const z = 3.0902; // Φ⁻¹(0.999)
  return degrees * (1 - 2 / (9 * degrees) + z * Math.sqrt(2 / (9 * degrees))) ** 3;
}

function logFactorial(k: number): number {
  let total = 0;
  for (let j = 2; j <= k; j++) total += Math.log(j);
  return total;
}
const poissonPmf = (rate: number) => (k: number) => Math.exp(-rate + k * Math.log(rate) - logFactorial(k));
const binomialPmf = (n: number, p: number) => (k: number) =>
  Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p));

/** A generator of its own: counters from a seed of 11, as @dl/data's Generator hands them out. */
function ownGenerator(): RandomGenerator {
  let offset = 0n;
  return {
    reserveRandom(size: number): GeneratorState {
      const start = { seed: 11n, offset };
      offset += BigInt(Math.ceil(size / 4));
      return start;
    },
  };
}

afterEach(() => setGradEnabled(true));

describe('randintLike', () => {
  it("draws uniform integers in [low, high) with x's shape, dtype and device", () => {
    manualSeed(1);
    const like = zeros([DRAWS, 2]);
    const draws = randintLike(like, 10);
    expect([draws.shape, draws.dtype, draws.device]).toEqual([[DRAWS, 2], 'float32', 'cpu']);
    const values = draws.dataSync();
    expect(values.every((value) => Number.isInteger(value) && value >= 0 && value < 10)).toBe(true);
    // uniform over 10 values: χ² with 9 degrees of freedom
    const { statistic, bins } = chiSquare(values, 0, () => 0.1, 9);
    expect(bins).toBe(10);
    expect(statistic).toBeLessThan(chiSquareQuantile(9));
    const shifted = randintLike(tensor([1, 2, 3], { dtype: 'int32' }), 5, 8, { dtype: 'float64' });
    expect(shifted.dtype).toBe('float64');
    expect(shifted.dataSync().every((value) => value >= 5 && value < 8)).toBe(true);
  });

  it('is reproducible from manualSeed and from a generator', () => {
    manualSeed(5);
    const first = Array.from(randintLike(zeros([50]), 3, 100).dataSync());
    manualSeed(5);
    expect(Array.from(randintLike(zeros([50]), 3, 100).dataSync())).toEqual(first);
    const fromGenerator = Array.from(randintLike(zeros([50]), 100, { generator: ownGenerator() }).dataSync());
    expect(Array.from(randintLike(zeros([50]), 100, { generator: ownGenerator() }).dataSync())).toEqual(fromGenerator);
  });

  it('rejects an empty range and unknown options', () => {
    expect(() => randintLike(zeros([2]), 4, 4)).toThrow('randint: expects high > low, got low=4, high=4');
    expect(() => randintLike(zeros([2]), 4, { seed: 1 } as never)).toThrow('unknown option `seed`');
  });
});

describe('poisson', () => {
  // 0.5 and 4: Knuth's product of uniforms; 30 and 250: the PTRS rejection sampler
  const rates = [0.5, 4, 30, 250];
  const drawRates = () => poisson(tensor(rates.flatMap((rate) => new Array<number>(DRAWS).fill(rate))));

  it('has mean and variance λ for small and large rates', () => {
    manualSeed(2);
    const values = drawRates().dataSync();
    rates.forEach((rate, index) => {
      const { mean, variance } = moments(values, index * DRAWS);
      expect(Math.abs(mean - rate), `mean at λ = ${rate}`).toBeLessThan(5 * Math.sqrt(rate / DRAWS));
      // Var(s²) ≈ (λ + 2λ²)/N for a Poisson law
      expect(Math.abs(variance / rate - 1), `variance at λ = ${rate}`).toBeLessThan(5 * Math.sqrt((1 / rate + 2) / DRAWS));
    });
  });

  it('follows the Poisson pmf (χ²) on both algorithms', () => {
    manualSeed(3);
    const values = drawRates().dataSync();
    for (const [index, support] of [
      [1, 14],
      [2, 60],
    ] as const) {
      const { statistic, bins } = chiSquare(values, index * DRAWS, poissonPmf(rates[index]!), support);
      expect(statistic, `λ = ${rates[index]}`).toBeLessThan(chiSquareQuantile(bins - 1));
    }
  });

  it("keeps the rates' dtype and shape, gives 0 for rate 0, is seeded, has gradient 0", async () => {
    manualSeed(4);
    const ratesTensor = tensor(
      [
        [0, 3.5],
        [12, 0],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    const draws = poisson(ratesTensor);
    expect([draws.shape, draws.dtype]).toEqual([[2, 2], 'float64']);
    const values = Array.from(draws.dataSync());
    expect([values[0], values[3]]).toEqual([0, 0]);
    expect(values.every(Number.isInteger)).toBe(true);
    manualSeed(4);
    expect(Array.from((await poissonAsync(ratesTensor)).dataSync())).toEqual(values);
    const [gradient] = grad(
      draws
        .mul(
          tensor(
            [
              [1, 2],
              [3, 4],
            ],
            { dtype: 'float64' },
          ),
        )
        .sum(),
      [ratesTensor],
    );
    expect(Array.from(gradient!.dataSync())).toEqual([0, 0, 0, 0]);
    const generated = Array.from(poisson(full([20], 7), { generator: ownGenerator() }).dataSync());
    expect(Array.from(poisson(full([20], 7), { generator: ownGenerator() }).dataSync())).toEqual(generated);
  });

  it('rejects negative, NaN and infinite rates, integer rates and unknown options', () => {
    expect(() => poisson(tensor([1, -0.5]))).toThrow('poisson: invalid Poisson rate -0.5 at flat index 1 of shape [2]');
    expect(() => poisson(tensor([Number.NaN]))).toThrow('poisson: invalid Poisson rate NaN');
    expect(() => poisson(tensor([Number.POSITIVE_INFINITY]))).toThrow('poisson: invalid Poisson rate Infinity');
    expect(() => poisson(tensor([1], { dtype: 'int32' }))).toThrow('poisson: rates must have a floating dtype, got int32');
    expect(() => poisson(tensor([1]), { seed: 3 } as never)).toThrow('poisson: unknown option `seed`');
  });
});

describe('binomial', () => {
  // (n, p): inversion (n·p < 10), BTRS (n·p ≥ 10), and both by symmetry for p > ½
  const cases = [
    [10, 0.3],
    [200, 0.05],
    [1000, 0.5],
    [20, 0.9],
    [400, 0.93],
  ] as const;
  const drawCases = () =>
    binomial(
      tensor(cases.flatMap(([n]) => new Array<number>(DRAWS).fill(n))),
      tensor(cases.flatMap(([, p]) => new Array<number>(DRAWS).fill(p))),
    );

  it('has mean np and variance np(1 − p) on every branch', () => {
    manualSeed(6);
    const values = drawCases().dataSync();
    cases.forEach(([n, p], index) => {
      const { mean, variance } = moments(values, index * DRAWS);
      const expectedVariance = n * p * (1 - p);
      expect(Math.abs(mean - n * p), `mean for n = ${n}, p = ${p}`).toBeLessThan(5 * Math.sqrt(expectedVariance / DRAWS));
      // Var(s²) ≈ (μ₄ − σ⁴)/N with μ₄ = σ²(1 + 3(n − 2)p(1 − p)), a little below 2σ⁴/N + σ²/N
      expect(Math.abs(variance / expectedVariance - 1), `variance for n = ${n}, p = ${p}`).toBeLessThan(
        5 * Math.sqrt((2 + 1 / expectedVariance) / DRAWS),
      );
    });
  });

  it('follows the binomial pmf (χ²) for inversion and BTRS', () => {
    manualSeed(7);
    const values = drawCases().dataSync();
    for (const [index, support] of [
      [0, 10],
      [2, 1000],
    ] as const) {
      const [n, p] = cases[index]!;
      const { statistic, bins } = chiSquare(values, index * DRAWS, binomialPmf(n, p), support);
      expect(statistic, `n = ${n}, p = ${p}`).toBeLessThan(chiSquareQuantile(bins - 1));
    }
  });

  it("handles torch's edge values, broadcasts prob, is seeded, has gradient 0", async () => {
    const count = tensor([0, 5, 5, 5, 7], { requiresGrad: true });
    const probability = tensor([0.5, 0, 1, Number.NaN, -0.2], { requiresGrad: true });
    const edges = binomial(count, probability);
    expect(Array.from(edges.dataSync())).toEqual([0, 0, 5, Number.NaN, 0]);
    const [countGradient, probabilityGradient] = grad(edges.mul(tensor([1, 1, 1, 0, 1])).sum(), [count, probability]);
    expect(Array.from(countGradient!.dataSync())).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(probabilityGradient!.dataSync())).toEqual([0, 0, 0, 0, 0]);
    manualSeed(8);
    const broadcast = binomial(full([3, 4], 50), tensor(0.4));
    expect([broadcast.shape, broadcast.dtype]).toEqual([[3, 4], 'float32']);
    manualSeed(8);
    expect(Array.from((await binomialAsync(full([3, 4], 50), tensor(0.4))).dataSync())).toEqual(Array.from(broadcast.dataSync()));
  });

  it('rejects shapes that do not broadcast to count, integer dtypes, infinite counts, unknown options', () => {
    expect(() => binomial(full([3], 5), full([2, 3], 0.5))).toThrow(
      "binomial: prob of shape [2, 3] does not broadcast to count's shape [3]",
    );
    expect(() => binomial(tensor([5], { dtype: 'int32' }), tensor([0.5]))).toThrow(
      'binomial: count and prob must have floating dtypes, got int32 and float32',
    );
    expect(() => binomial(tensor([Number.POSITIVE_INFINITY]), tensor([0.5]))).toThrow(
      'binomial: count Infinity at flat index 0 of shape [1] is not finite',
    );
    expect(() => binomial(tensor([5]), tensor([0.5]), { replacement: true } as never)).toThrow('binomial: unknown option `replacement`');
  });
});

describe('initialSeed and seed', () => {
  it('initialSeed is the seed manualSeed set, as a bigint', () => {
    manualSeed(7);
    expect(initialSeed()).toBe(7n);
    manualSeed(2n ** 63n + 5n);
    expect(initialSeed()).toBe(2n ** 63n + 5n);
  });

  it('seed() reseeds non-deterministically and returns the seed, which replays the draws', () => {
    const first = seed();
    expect(typeof first).toBe('bigint');
    expect(initialSeed()).toBe(first);
    const draws = Array.from(rand(8).dataSync());
    const second = seed();
    expect(second).not.toBe(first);
    manualSeed(first);
    expect(Array.from(rand(8).dataSync())).toEqual(draws);
  });
});

describe('setGradEnabled and inferenceMode', () => {
  const weight = () => tensor([1, 2], { requiresGrad: true });
  const recorded = (make: () => Tensor) => make().requiresGrad;

  it('sets the mode globally, as torch.set_grad_enabled(mode) the function', () => {
    const w = weight();
    setGradEnabled(false);
    expect(isGradEnabled()).toBe(false);
    expect(recorded(() => w.mul(2))).toBe(false);
    setGradEnabled(true);
    expect(isGradEnabled()).toBe(true);
    expect(recorded(() => w.mul(2))).toBe(true);
  });

  it('runs a body in the mode and restores the previous one, as the context manager', async () => {
    const w = weight();
    expect(setGradEnabled(false, () => recorded(() => w.mul(2)))).toBe(false);
    expect(isGradEnabled()).toBe(true);
    expect(noGrad(() => setGradEnabled(true, () => recorded(() => w.mul(2))))).toBe(true);
    expect(() =>
      setGradEnabled(false, () => {
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(isGradEnabled()).toBe(true);
    const pending = setGradEnabled(false, async () => {
      await Promise.resolve();
      return isGradEnabled();
    });
    expect(await pending).toBe(false);
    expect(isGradEnabled()).toBe(true);
  });

  it('inferenceMode is noGrad; inferenceMode(false, body) records, as torch.inference_mode(False)', () => {
    const w = weight();
    expect(inferenceMode(() => recorded(() => w.mul(2)))).toBe(false);
    expect(inferenceMode(true, () => isGradEnabled())).toBe(false);
    expect(noGrad(() => inferenceMode(false, () => recorded(() => w.mul(2))))).toBe(true);
    expect(isGradEnabled()).toBe(true);
  });

  it('rejects a mode that is not a boolean and a body that is not a function', () => {
    expect(() => setGradEnabled(1 as never)).toThrow('setGradEnabled: mode must be true or false, got 1');
    expect(() => setGradEnabled(true, 3 as never)).toThrow('setGradEnabled: the body must be a function');
    expect(() => inferenceMode('yes' as never, () => 1)).toThrow('inferenceMode: expected (body) or (mode, body)');
  });
});
