import { describe, expect, it } from 'vitest';
import { type Distribution, distributions, grad, manualSeed, type Tensor, tensor } from '../src/index.js';
import {
  type Builder,
  type DistributionCase,
  type DistributionHarness,
  expectBuilderForEveryCase,
  expectColumnMoments,
  expectNoTensorsLeft,
  f64,
  itMatchesTorch,
  quantityRuns,
  valuesOf,
} from './helpers/distribution-fixtures.js';
import { readTorchFixture, type Tolerances } from './helpers/torch-fixtures.js';

// The discrete distributions of torch.distributions (Poisson, Binomial, Geometric, NegativeBinomial,
// Multinomial) against torch 1.13 (tools/fixtures/tensor_discrete_distributions_reference.py): values
// and gradients of logProb (at 0, inside and at totalCount), entropy, the moments, mode, the derived
// probs/logits and kl_divergence in float64 and float32, from probs and from logits; then what torch's
// random draws cannot give: sampling statistics over 100k draws, reproducibility under manualSeed,
// validation errors against torch's messages, shapes and memory.

const { Poisson, Binomial, Geometric, NegativeBinomial, Multinomial, Bernoulli, Categorical, klDivergence } = distributions;

interface Fixture {
  torch: string;
  cases: DistributionCase[];
  errors: Record<string, string>;
}
const fixture = readTorchFixture<Fixture>('torch-discrete-distributions-reference.json');
// Where torch's own result is less accurate than the tolerance, the fixture also records the exact
// value (the quantity's "Exact" twin), which is compared at the usual tolerances, and torch's at these:
// - torch's float64 Multinomial entropy takes lgamma(n + 1) of an int64 tensor, which torch computes in
//   float32, so it is off by up to 1e-6 (entropyExact);
// - torch's float32 Geometric(logits).logProb takes log1p(−σ(l)), which keeps a few digits of 1 − p
//   for l ≫ 0 (1.2e-5 relative at l = 9); this takes log σ(−l) (logProbExact: float64, rounded).
const torchLessAccurate: Record<string, Tolerances> = {
  'Multinomial(probs) float64: entropy': { float64: 1e-6, float32: 1e-5 },
  'Multinomial(logits) float64: entropy': { float64: 1e-6, float32: 1e-5 },
  'Geometric(logits) float32: logProb': { float64: 1e-12, float32: 2e-5 },
};

const builders: Record<string, Builder> = {
  Poisson: (x) => new Poisson(x('rate')),
  'Binomial(probs)': (x) => new Binomial(x('totalCount'), { probs: x('probs') }),
  'Binomial(logits)': (x) => new Binomial(x('totalCount'), { logits: x('logits') }),
  'Geometric(probs)': (x) => new Geometric({ probs: x('probs') }),
  'Geometric(logits)': (x) => new Geometric({ logits: x('logits') }),
  'NegativeBinomial(probs)': (x) => new NegativeBinomial(x('totalCount'), { probs: x('probs') }),
  'NegativeBinomial(logits)': (x) => new NegativeBinomial(x('totalCount'), { logits: x('logits') }),
  'Multinomial(probs)': (x, { totalCount }) => new Multinomial(totalCount!, { probs: x('probs') }),
  'Multinomial(logits)': (x, { totalCount }) => new Multinomial(totalCount!, { logits: x('logits') }),
  'Bernoulli(probs)': (x) => new Bernoulli({ probs: x('probs') }),
};
const harness: DistributionHarness = {
  builders,
  quantities: {
    logProbExact: (d, x) => d.logProb(x.value!),
    entropyExact: (d) => d.entropy(),
    enumerateSupport: (d) => (d as InstanceType<typeof Binomial>).enumerateSupport(),
  },
  // lgamma, digamma, log1p and exp agree with torch's to a few ulps; in float32 the Binomial and
  // Multinomial logProbs cancel terms of size 40 (log n! against k·l) to a few units
  tolerances: { float64: 1e-12, float32: 1e-5 },
  looserRuns: torchLessAccurate,
};

describe('discrete distributions against torch 1.13', () => {
  const { cases } = fixture;

  it('has a builder for every kind and a case for every distribution, from probs and from logits', () => {
    expect(fixture.torch).toMatch(/^1\.13/);
    expectBuilderForEveryCase(cases, builders);
    const kinds = new Set(cases.map((entry) => entry.kind));
    for (const kind of Object.keys(builders).filter((name) => name !== 'Bernoulli(probs)')) expect(kinds.has(kind), kind).toBe(true);
    const pairs = new Set(cases.filter((entry) => entry.kind === 'kl').map((entry) => `${entry.p} ${entry.q}`));
    expect(pairs.size).toBe(8);
    // each looser comparison with torch has an exact twin compared at the usual tolerance
    const labels = new Set<string>(quantityRuns(cases).map(([label]) => label));
    for (const label of Object.keys(torchLessAccurate)) {
      expect(labels.has(label), label).toBe(true);
      expect(labels.has(`${label}Exact`), `${label}Exact`).toBe(true);
    }
  });

  itMatchesTorch(cases, harness);
});

/** Every draw a whole number ≥ 0 (and ≤ `upTo` where given). */
function expectCounts(draws: Tensor, upTo?: number[]) {
  const values = valuesOf(draws);
  const width = upTo?.length ?? 1;
  values.forEach((value, i) => {
    if (!(Number.isInteger(value) && value >= 0 && (upTo === undefined || value <= upTo[i % width]!)))
      expect.fail(`draw ${i} is ${value}, not a count${upTo ? ` up to ${upTo[i % width]}` : ''}`);
  });
}

// kurtosis (the fourth standardised moment) of each law, for the error of the sample variance
const poissonKurtosis = (rate: number) => 3 + 1 / rate;
const binomialKurtosis = (n: number, p: number) => 3 + (1 - 6 * p * (1 - p)) / (n * p * (1 - p));
// failures before the first success: excess kurtosis 6 + p²/(1 − p)
const geometricKurtosis = (p: number) => 9 + (p * p) / (1 - p);
// successes before r failures (success probability p): excess kurtosis 6/r + (1 − p)²/(r·p)
const negativeBinomialKurtosis = (r: number, p: number) => 3 + 6 / r + (1 - p) ** 2 / (r * p);
const DRAWS = 100_000;

describe('sampling statistics (seeded, 100k draws)', () => {
  it('Poisson(λ): counts with mean λ and variance λ, for λ on both sides of the sampler switch at 10', () => {
    manualSeed(41);
    const rates = [0.3, 4, 25];
    for (const dtype of ['float64', 'float32'] as const) {
      const draws = new Poisson(tensor(rates, { dtype })).sample([DRAWS]);
      expect([draws.shape, draws.dtype, draws.requiresGrad]).toEqual([[DRAWS, 3], dtype, false]);
      expectCounts(draws);
      expectColumnMoments(draws, rates, rates, rates.map(poissonKurtosis));
    }
  });

  it('Binomial(n, p): counts in 0 … n with mean np and variance np(1 − p), from probs and from logits', () => {
    manualSeed(42);
    const [counts, probs] = [
      [10, 50, 3, 40],
      [0.3, 0.8, 0.5, 0.05],
    ];
    const logits = probs.map((p) => Math.log(p / (1 - p)));
    for (const d of [new Binomial(f64(counts), { probs: f64(probs) }), new Binomial(f64(counts), { logits: f64(logits) })]) {
      const draws = d.sample([DRAWS]);
      expect(draws.shape).toEqual([DRAWS, 4]);
      expectCounts(draws, counts);
      expectColumnMoments(
        draws,
        counts.map((n, j) => n * probs[j]!),
        counts.map((n, j) => n * probs[j]! * (1 - probs[j]!)),
        counts.map((n, j) => binomialKurtosis(n, probs[j]!)),
      );
    }
    // p = 0 and p = 1 give 0 and n
    expect(valuesOf(new Binomial(f64([4, 4]), { probs: f64([0, 1]) }).sample([3]))).toEqual([0, 4, 0, 4, 0, 4]);
  });

  it('Geometric(p): failures before the first success, mean (1 − p)/p and variance (1 − p)/p²', () => {
    manualSeed(43);
    const probs = [0.05, 0.3, 0.8];
    for (const dtype of ['float64', 'float32'] as const) {
      const draws = new Geometric({ probs: tensor(probs, { dtype }) }).sample([DRAWS]);
      expect(draws.dtype).toBe(dtype);
      expectCounts(draws);
      expectColumnMoments(
        draws,
        probs.map((p) => (1 - p) / p),
        probs.map((p) => (1 - p) / p ** 2),
        probs.map(geometricKurtosis),
      );
    }
    // P(0) = p: the frequency of zeros
    const draws = valuesOf(new Geometric({ logits: f64([0]) }).sample([DRAWS]));
    const zeros = draws.filter((value) => value === 0).length / DRAWS;
    expect(Math.abs(zeros - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / DRAWS));
    // p = 1: always 0
    expect(valuesOf(new Geometric({ probs: f64([1]) }).sample([5])).every((value) => value === 0)).toBe(true);
  });

  it('NegativeBinomial(r, p): the gamma–Poisson mixture has mean rp/(1 − p) and variance rp/(1 − p)²', () => {
    manualSeed(44);
    const [counts, probs] = [
      [0.7, 5, 20],
      [0.3, 0.6, 0.1],
    ];
    const draws = new NegativeBinomial(f64(counts), { probs: f64(probs) }).sample([DRAWS]);
    expect(draws.shape).toEqual([DRAWS, 3]);
    expectCounts(draws);
    expectColumnMoments(
      draws,
      counts.map((r, j) => (r * probs[j]!) / (1 - probs[j]!)),
      counts.map((r, j) => (r * probs[j]!) / (1 - probs[j]!) ** 2),
      counts.map((r, j) => negativeBinomialKurtosis(r, probs[j]!)),
    );
    // r = 0 puts all mass on 0
    expect(valuesOf(new NegativeBinomial(f64([0]), { probs: f64([0.5]) }).sample([20])).every((value) => value === 0)).toBe(true);
  });

  it('Multinomial(n, p): count vectors summing to n, each count Binomial(n, pᵢ)', () => {
    manualSeed(45);
    const probs = [0.2, 0.3, 0.5];
    const n = 10;
    for (const d of [new Multinomial(n, { probs: f64(probs) }), new Multinomial(n, { logits: f64(probs.map(Math.log)) })]) {
      const draws = d.sample([DRAWS]);
      expect([draws.shape, draws.dtype]).toEqual([[DRAWS, 3], 'float64']);
      expectCounts(draws, [n, n, n]);
      expect(valuesOf(draws.sum(-1)).every((total) => total === n)).toBe(true);
      expectColumnMoments(
        draws,
        probs.map((p) => n * p),
        probs.map((p) => n * p * (1 - p)),
        probs.map((p) => binomialKurtosis(n, p)),
      );
    }
    // a zero-probability category is never drawn; totalCount 0 gives zeros
    const draws = new Multinomial(5, { probs: f64([[1, 0, 1]]) }).sample([1000]);
    expect(draws.shape).toEqual([1000, 1, 3]);
    expect(valuesOf(draws.select(-1, 1)).every((value) => value === 0)).toBe(true);
    expect(valuesOf(new Multinomial(0, { probs: f64([0.5, 0.5]) }).sample([2]))).toEqual([0, 0, 0, 0]);
  });

  it('manualSeed makes every sampler reproducible', () => {
    const makers = [
      () => new Poisson(f64([0.5, 30])),
      () => new Binomial(f64([5, 60]), { probs: f64([0.4, 0.3]) }),
      () => new Geometric({ probs: f64([0.2, 0.9]) }),
      () => new NegativeBinomial(f64([1.5, 4]), { logits: f64([0.3, -1]) }),
      () => new Multinomial(7, { probs: f64([0.1, 0.6, 0.3]) }),
    ];
    for (const make of makers) {
      manualSeed(46);
      const first = valuesOf(make().sample([200]));
      manualSeed(46);
      expect(valuesOf(make().sample([200])), make().name).toEqual(first);
      expect(valuesOf(make().sample([200])), `${make().name} moves on`).not.toEqual(first);
    }
  });
});

describe('validation and errors', () => {
  const { errors } = fixture;
  // torch's wording up to the tensor it prints: "(Tensor of shape (2,))" reads "(Tensor of shape [2])" here
  const wording = (message: string) => message.split(/ \(Tensor of shape| of distribution|, but found|:\n/)[0]!;

  it("rejects invalid parameters with torch's wording, naming the distribution, the parameter and the values", () => {
    expect(() => new Poisson(f64([1, -2]))).toThrow(
      'Poisson: Expected parameter rate (Tensor of shape [2]) of distribution Poisson(rate: [2]) to satisfy the constraint GreaterThanEq(lower_bound=0.0), but found invalid values: [1, -2]',
    );
    expect(errors['Poisson rate']).toContain('to satisfy the constraint GreaterThanEq(lower_bound=0.0), but found invalid values');
    expect(() => new Binomial(f64([1.5]), { probs: f64([0.2]) })).toThrow(
      'Binomial: Expected parameter totalCount (Tensor of shape [1]) of distribution Binomial(totalCount: [1], probs: [1]) to satisfy the constraint IntegerGreaterThan(lower_bound=0), but found invalid values: [1.5]',
    );
    expect(errors['Binomial total count']).toContain('to satisfy the constraint IntegerGreaterThan(lower_bound=0)');
    expect(() => new Binomial(f64([-1]), { probs: 0.2 })).toThrow(/^Binomial: Expected parameter totalCount .*: \[-1\]$/);
    expect(() => new Binomial(3, { probs: f64([0.2, 1.2]) })).toThrow(
      /^Binomial: Expected parameter probs .* Interval\(lower_bound=0\.0, upper_bound=1\.0\), but found invalid values: \[0\.2, 1\.2\]$/,
    );
    expect(errors['Binomial probs']).toContain('Interval(lower_bound=0.0, upper_bound=1.0)');
    expect(() => new Binomial(3, { logits: f64([Number.NaN]) })).toThrow(/^Binomial: Expected parameter logits .* Real\(\), .*: \[NaN\]$/);
    expect(wording(errors['Binomial logits']!)).toBe('Expected parameter logits');
    expect(() => new Binomial(3, { probs: 0.2, logits: 0 })).toThrow(`Binomial: ${errors['Binomial both']}`);
    // torch's extra check of Geometric's probs, with its own wording and only the invalid values
    expect(() => new Geometric({ probs: f64([0.5, 0]) })).toThrow(
      'Geometric: Expected parameter probs (Tensor of shape [2]) of distribution Geometric(probs: [2]) to be positive but found invalid values: [0]',
    );
    expect(errors['Geometric probs zero']).toMatch(/to be positive but found invalid values:\ntensor\(\[0\.\]\)$/);
    expect(() => new Geometric({ probs: 1.5 })).toThrow(/^Geometric: Expected parameter probs .* Interval\(lower_bound=0\.0/);
    expect(() => new NegativeBinomial(f64([-1]), { probs: 0.2 })).toThrow(
      /^NegativeBinomial: Expected parameter totalCount .* GreaterThanEq\(lower_bound=0\), but found invalid values: \[-1\]$/,
    );
    expect(errors['NegativeBinomial total count']).toContain('GreaterThanEq(lower_bound=0), but found');
    expect(() => new NegativeBinomial(1, { probs: f64([1]) })).toThrow(
      /^NegativeBinomial: Expected parameter probs .* HalfOpenInterval\(lower_bound=0\.0, upper_bound=1\.0\), .*: \[1\]$/,
    );
    expect(errors['NegativeBinomial probs']).toContain('HalfOpenInterval(lower_bound=0.0, upper_bound=1.0)');
    // torch reports the inner Categorical; this names the Multinomial and its normalised probs
    expect(() => new Multinomial(2, { probs: f64([-0.2, 0.8]) })).toThrow(
      /^Multinomial: Expected parameter probs .* Simplex\(\), but found invalid values: \[-0\.3333333333333333, 1\.3333333333333333\]$/,
    );
    expect(errors['Multinomial probs']).toContain('Simplex()');
    expect(() => new Multinomial(2.5, { probs: f64([0.2, 0.8]) })).toThrow(
      /^Multinomial: inhomogeneous total_count is not supported: totalCount must be one whole number, got 2\.5/,
    );
    expect(errors['Multinomial total count']).toBe('inhomogeneous total_count is not supported');
    expect(() => new Multinomial(f64([2]) as unknown as number, { probs: f64([0.2, 0.8]) })).toThrow(/got a tensor/);
    expect(() => new Multinomial(-1, { probs: f64([0.5, 0.5]) })).toThrow(/^Multinomial: Expected parameter totalCount \(-1\)/);
    expect(() => new Multinomial(2, { probs: 0.5 })).toThrow(`Multinomial: ${errors['Multinomial scalar']}`);
    expect(() => new Poisson(tensor([1], { dtype: 'int32' }))).toThrow(/Poisson: expects floating-point parameters, got int32/);
  });

  it("rejects values outside the support with torch's wording, naming the values", () => {
    for (const [key, value] of [
      ['Poisson value fraction', 1.5],
      ['Poisson value negative', -1],
      ['Poisson value infinite', Number.POSITIVE_INFINITY],
    ] as const) {
      expect(errors[key]).toContain('to be within the support (IntegerGreaterThan(lower_bound=0))');
      expect(() => new Poisson(f64([1])).logProb(f64([value]))).toThrow(
        `Poisson.logProb: Expected value argument (Tensor of shape [1]) to be within the support (IntegerGreaterThan(lower_bound=0)) of the distribution Poisson(rate: [1]), but found invalid values: [${value}]`,
      );
    }
    expect(() => new Binomial(f64([2]), { probs: f64([0.2]) }).logProb(f64([3]))).toThrow(
      'Binomial.logProb: Expected value argument (Tensor of shape [1]) to be within the support (IntegerInterval(lower_bound=0, upper_bound=[2])) of the distribution Binomial(totalCount: [1], probs: [1]), but found invalid values: [3]',
    );
    expect(errors['Binomial value']).toContain('(IntegerInterval(lower_bound=0, upper_bound=tensor([2.])))');
    expect(() => new Binomial(f64([2, 5]), { probs: 0.5 }).logProb(f64([2, 5.5]))).toThrow(/Binomial\.logProb: .*: \[2, 5\.5\]$/);
    expect(() => new Geometric({ probs: 0.5 }).logProb(-1)).toThrow(
      /^Geometric\.logProb: .*\(IntegerGreaterThan\(lower_bound=0\)\).*: \[-1\]$/,
    );
    expect(errors['Geometric value']).toContain('(IntegerGreaterThan(lower_bound=0))');
    expect(() => new NegativeBinomial(1, { probs: 0.5 }).logProb(0.5)).toThrow(/^NegativeBinomial\.logProb: .*: \[0\.5\]$/);
    expect(() => new Multinomial(2, { probs: f64([0.2, 0.8]) }).logProb(f64([3, 0]))).toThrow(
      'Multinomial.logProb: Expected value argument (Tensor of shape [2]) to be within the support (Multinomial()) of the distribution Multinomial(probs: [2]), but found invalid values: [3, 0]',
    );
    expect(errors['Multinomial value']).toContain('(Multinomial())');
    expect(() => new Multinomial(2, { probs: f64([0.2, 0.8]) }).logProb(f64([1, 0, 1]))).toThrow(
      'Multinomial.logProb: The right-most size of value must match event_shape: [3] vs [2].',
    );
    expect(errors['Multinomial event shape']).toContain('The right-most size of value must match event_shape');
  });

  it('refuses what torch does not implement: Binomial entropy over differing totalCounts, Poisson and NegativeBinomial entropy, Multinomial mode, KL with q.totalCount > p.totalCount', () => {
    const inhomogeneous = new Binomial(f64([1, 2]), { probs: f64([0.2, 0.3]) });
    expect(() => inhomogeneous.entropy()).toThrow(
      'Binomial.entropy: Inhomogeneous total count not supported by `entropy` (totalCount ranges from 1 to 2; torch raises NotImplementedError)',
    );
    expect(errors['Binomial entropy']).toBe('Inhomogeneous total count not supported by `entropy`.');
    expect(() => inhomogeneous.enumerateSupport()).toThrow(/Inhomogeneous total count not supported by `enumerateSupport`/);
    expect(errors['Binomial enumerate support']).toContain('Inhomogeneous total count not supported');
    expect(errors['Poisson entropy']).toBe('');
    expect(() => new Poisson(1).entropy()).toThrow(/^Poisson\.entropy is not implemented/);
    expect(errors['NegativeBinomial entropy']).toBe('');
    expect(() => new NegativeBinomial(1, { probs: 0.5 }).entropy()).toThrow(/^NegativeBinomial\.entropy is not implemented/);
    expect(errors['Multinomial mode']).toContain('does not implement mode');
    expect(() => new Multinomial(2, { probs: f64([0.5, 0.5]) }).mode).toThrow(/^Multinomial\.mode is not implemented/);
    expect(() => klDivergence(new Binomial(f64([2]), { probs: 0.2 }), new Binomial(f64([3]), { probs: 0.2 }))).toThrow(
      `klDivergence: ${errors['Binomial kl']} (torch raises NotImplementedError)`,
    );
    expect(() => new Geometric({ probs: 0.5 }).rsample()).toThrow(/Geometric\.rsample is not implemented/);
    expect(new Poisson(1).hasRsample).toBe(false);
  });

  it('validateArgs: false skips the checks; unknown options and wrong arguments are refused, naming the distribution', () => {
    expect(new Poisson(-1, { validateArgs: false }).mean.itemSync()).toBe(-1);
    expect(new Geometric({ probs: 0, validateArgs: false }).mean.itemSync()).toBe(Number.POSITIVE_INFINITY);
    // log Γ(n − k + 1) = log Γ(0) = ∞ for k = n + 1, as torch
    expect(new Binomial(2, { probs: 0.5, validateArgs: false }).logProb(3).itemSync()).toBe(Number.NEGATIVE_INFINITY);
    expect(() => new Poisson(1, { validate: false } as never)).toThrow(/Poisson: unknown option `validate`/);
    expect(() => new Binomial(3, { probs: 0.5, total_count: 3 } as never)).toThrow(/Binomial: unknown option `total_count`/);
    expect(() => new NegativeBinomial(3, { probs: 0.5, seed: 1 } as never)).toThrow(/NegativeBinomial: unknown option `seed`/);
    expect(() => new Geometric({})).toThrow('Geometric: Either `probs` or `logits` must be specified, but not both.');
    expect(() => new Multinomial(3, { probs: f64([0.5, 0.5]), logits: f64([0, 0]) })).toThrow(/^Multinomial: Either `probs` or `logits`/);
    expect(() => new Binomial({ probs: 0.5 } as never, { probs: 0.5 })).toThrow(
      /^Binomial: expects \(totalCount, \{ probs \} or \{ logits \}\)/,
    );
  });
});

describe('classes, shapes, special values and KL', () => {
  it("Binomial and Multinomial take torch's default totalCount of 1; integer totalCounts take the parameters' dtype", () => {
    const coin = new Binomial({ probs: f64([0.3]) });
    expect(valuesOf(coin.totalCount)).toEqual([1]);
    expect(coin.logProb(f64([1])).itemSync()).toBeCloseTo(Math.log(0.3), 14);
    // a Binomial of one trial is a Bernoulli
    const bernoulli = new Bernoulli({ probs: f64([0.3, 0.9]) });
    const binomial = new Binomial({ probs: f64([0.3, 0.9]) });
    valuesOf(binomial.entropy()).forEach((value, i) => expect(value).toBeCloseTo(valuesOf(bernoulli.entropy())[i]!, 14));
    const counts = new Binomial(tensor([3, 5], { dtype: 'int32' }), { probs: f64([0.5, 0.5]) });
    expect(counts.totalCount.dtype).toBe('float64');
    expect(new Binomial(tensor([3], { dtype: 'int32' }), { probs: 0.5 }).totalCount.dtype).toBe('float32');
    expect(new Multinomial({ probs: f64([0.5, 0.5]) }).totalCount).toBe(1);
    // a Multinomial of one draw gives a Categorical's probabilities at the one-hot vectors
    const multinomial = new Multinomial({ probs: f64([0.2, 0.3, 0.5]) });
    const categorical = new Categorical({ probs: f64([0.2, 0.3, 0.5]) });
    expect(valuesOf(multinomial.logProb(f64([[0, 0, 1]])))[0]).toBeCloseTo(
      valuesOf(categorical.logProb(tensor([2], { dtype: 'int32' })))[0]!,
      14,
    );
    expect(multinomial.entropy().itemSync()).toBeCloseTo(categorical.entropy().itemSync(), 14);
  });

  it('logProb takes integer values and broadcasts them against the batch; sample shapes are [...sampleShape, ...batchShape, ...eventShape]', () => {
    const d = new Poisson(f64([1, 2]));
    expect(valuesOf(d.logProb(tensor([[0], [3]], { dtype: 'int32' })))).toEqual(valuesOf(d.logProb(f64([[0], [3]]))));
    expect(d.logProb(f64([[0], [3]])).shape).toEqual([2, 2]);
    expect(new Binomial(f64([[2], [4]]), { probs: f64([0.1, 0.5, 0.9]) }).sample([5]).shape).toEqual([5, 2, 3]);
    expect(new Geometric({ logits: f64([[0, 1]]) }).sample([2, 3]).shape).toEqual([2, 3, 1, 2]);
    expect(new NegativeBinomial(2, { probs: f64([0.5]) }).sample().shape).toEqual([1]);
    expect(
      new Multinomial(4, {
        logits: f64([
          [0, 1],
          [1, 0],
          [2, 2],
        ]),
      }).sample([6]).shape,
    ).toEqual([6, 3, 2]);
    expect(String(new Binomial(f64([3]), { logits: f64([0, 1]) }))).toBe('Binomial(totalCount: [2], logits: [2])');
    expect(String(new Poisson(2))).toBe('Poisson(rate: [])');
  });

  it('enumerateSupport gives 0 … n over the batch, expanded or not', () => {
    const d = new Binomial(2, { probs: f64([[0.1, 0.2, 0.3]]) });
    expect(d.enumerateSupport().shape).toEqual([3, 1, 3]);
    expect(d.enumerateSupport(false).shape).toEqual([3, 1, 1]);
    expect(valuesOf(d.enumerateSupport(false))).toEqual([0, 1, 2]);
    // the probabilities of the support add up to 1
    valuesOf(d.logProb(d.enumerateSupport()).exp().sum(0)).forEach((total) => expect(total).toBeCloseTo(1, 14));
  });

  it('gradients where torch has 0/0 or 0·ψ(0) = NaN are finite here: Poisson at λ = 0, k = 0 and NegativeBinomial at r = 0, k = 0', () => {
    // d/dλ (xlogy(k, λ) − λ) at k = 0 is −1 (torch: 0/0 − 1 = NaN)
    const rate = f64([0, 2], true);
    const [dRate] = grad(new Poisson(rate).logProb(f64([0, 0])).sum(), [rate]);
    expect(valuesOf(dRate!)).toEqual([-1, -1]);
    // d/dr of r·log σ(−l) at r = 0, k = 0 is log(1 − p) (torch: NaN through lgamma(0))
    const count = f64([0], true);
    const [dCount] = grad(new NegativeBinomial(count, { probs: f64([0.3]) }).logProb(f64([0])).sum(), [count]);
    expect(dCount!.itemSync()).toBeCloseTo(Math.log(0.7), 14);
  });

  it('KL(p ‖ p) is 0 for each pair of a kind; the mixed Poisson pairs are ∞ or closed-form', () => {
    const pairs: Distribution[] = [
      new Poisson(f64([0.5, 3])),
      new Binomial(f64([4, 9]), { probs: f64([0.2, 0.7]) }),
      new Geometric({ logits: f64([-1, 2]) }),
    ];
    for (const d of pairs)
      expect(
        valuesOf(klDivergence(d, d)).every((value) => Math.abs(value) < 1e-14),
        d.name,
      ).toBe(true);
    expect(valuesOf(klDivergence(new Poisson(f64([1, 2])), new Binomial(5, { probs: 0.5 })))).toEqual([Infinity, Infinity]);
    expect(valuesOf(klDivergence(new Poisson(f64([1])), new Bernoulli({ probs: 0.5 })))).toEqual([Infinity]);
    // KL(Bernoulli(p) ‖ Poisson(λ)) = −H(p) − p·log λ + λ
    const [p, rate] = [0.3, 1.7];
    const entropy = -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
    expect(klDivergence(new Bernoulli({ probs: f64([p]) }), new Poisson(f64([rate]))).itemSync()).toBeCloseTo(
      -entropy - p * Math.log(rate) + rate,
      14,
    );
    expect(() => klDivergence(new Poisson(1), new Geometric({ probs: 0.5 }))).toThrow(
      /No KL\(p \|\| q\) is implemented for p type Poisson and q type Geometric/,
    );
    expect(() => klDivergence(new Multinomial(2, { probs: f64([0.5, 0.5]) }), new Multinomial(2, { probs: f64([0.5, 0.5]) }))).toThrow(
      /p type Multinomial and q type Multinomial/,
    );
  });

  it("the new constraints read as torch's", () => {
    const { constraints } = distributions;
    expect(valuesOf(constraints.nonnegativeInteger.check(f64([0, 3, -1, 0.5, Infinity, Number.NaN])).to('float64'))).toEqual([
      1, 1, 0, 0, 0, 0,
    ]);
    expect(
      valuesOf(
        constraints
          .halfOpenInterval(0, 1)
          .check(f64([0, 0.5, 1]))
          .to('float64'),
      ),
    ).toEqual([1, 1, 0]);
    expect(
      valuesOf(
        constraints
          .multinomialCounts(3)
          .check(
            f64([
              [1, 2],
              [2, 2],
              [-1, 1],
            ]),
          )
          .to('float64'),
      ),
    ).toEqual([1, 0, 0]);
    expect(
      valuesOf(
        constraints
          .integerInterval(0, f64([2, 5]))
          .check(f64([2, 5.5]))
          .to('float64'),
      ),
    ).toEqual([1, 0]);
    expect(constraints.integerInterval(0, 3).name).toBe('IntegerInterval(lower_bound=0, upper_bound=3)');
    expect(constraints.nonnegativeInteger.name).toBe('IntegerGreaterThan(lower_bound=0)');
  });
});

describe('memory', () => {
  it('logProb, entropy, the moments, sample and klDivergence leave no intermediates once their result is disposed', () => {
    const poisson = new Poisson(f64([0.5, 12]));
    const binomial = new Binomial(f64([4, 4]), { logits: f64([0.2, -1]) });
    const geometric = new Geometric({ probs: f64([0.3, 1]) });
    const negative = new NegativeBinomial(f64([0, 2.5]), { probs: f64([0.4, 0.1]) });
    const multinomial = new Multinomial(3, { logits: f64([[0, -Infinity, 1]]) });
    const [counts, boundaries, zeros, fewCounts, countVector] = [f64([0, 3]), f64([0, 4]), f64([0, 0]), f64([0, 5]), f64([1, 0, 2])];
    const calls = [
      () => poisson.logProb(counts),
      () => poisson.sample([3]),
      () => poisson.mode,
      () => binomial.logProb(boundaries),
      () => binomial.entropy(),
      () => binomial.enumerateSupport(),
      () => binomial.mode,
      () => binomial.variance,
      () => binomial.sample([2]),
      () => geometric.logProb(zeros),
      () => geometric.entropy(),
      () => geometric.sample([2]),
      () => negative.logProb(fewCounts),
      () => negative.variance,
      () => negative.sample([2]),
      () => multinomial.logProb(countVector),
      () => multinomial.entropy(),
      () => multinomial.sample([2]),
      () => klDivergence(poisson, poisson),
      () => klDivergence(binomial, binomial),
      () => klDivergence(geometric, geometric),
    ];
    expectNoTensorsLeft(calls);
  });
});
