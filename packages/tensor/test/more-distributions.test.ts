import { describe, expect, it } from 'vitest';
import { type Distribution, distributions, eye, manualSeed, randn, rand, type Tensor, tensor } from '../src/index.js';
import { onionCholesky } from '../src/distributions/lkj-cholesky.js';
import {
  type Builder,
  type CaseSettings,
  columns,
  type DistributionCase,
  type DistributionHarness,
  type DrawCase as FixtureDraw,
  expectBuilderForEveryCase,
  expectColumnMoments,
  expectDrawGradients,
  expectDrawValues,
  expectLikeTorch,
  expectMean,
  expectNoTensorsLeft,
  expectReproducible,
  f64,
  familyOf,
  type Inputs,
  inputsOf,
  itMatchesTorch,
  lookup,
  type Noise,
  noiseOf,
  properties,
  sharedBuilders,
  validation,
  valuesOf,
} from './helpers/distribution-fixtures.js';
import { type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// LowRankMultivariateNormal, Kumaraswamy, ContinuousBernoulli, VonMises and LKJCholesky against torch
// 1.13 (tools/fixtures/tensor_more_distributions_reference.py): logProb, cdf, icdf, entropy, moments,
// the low-rank matrices and the KL pairs torch registers, with the gradient of Σ output·w in every
// parameter and value, in float64 and float32; torch's own rsample (LKJCholesky: sample) run on fixed
// noise against ours on the same noise, and ours on the seeded noise it draws; then sampling statistics
// over 100k draws, reproducibility, validation errors, shapes and memory.

const {
  LowRankMultivariateNormal,
  MultivariateNormal,
  Kumaraswamy,
  ContinuousBernoulli,
  VonMises,
  LKJCholesky,
  Beta,
  klDivergence,
  constraints,
} = distributions;

/** LKJCholesky's draw carries its dim. */
type DrawCase = FixtureDraw & { dim?: number };
interface Fixture {
  cases: DistributionCase[];
  rsample: DrawCase[];
  errors: Record<string, string>;
  torchMode: FixtureTensor;
  vonMisesTorchError: Record<'logProb' | 'variance' | 'stddev' | 'logProbGradient' | 'varianceGradient' | 'stddevGradient', number>;
  continuousBernoulliDefaultProbs: FixtureTensor;
  lkjTorchSamples: { draws: number; expected: number; variance10: number; variance20: number };
}
const fixture = readTorchFixture<Fixture>('torch-more-distributions-reference.json');

/** What a case of this fixture may carry besides CaseSettings: ContinuousBernoulli's lims, LKJCholesky's dim. */
type Settings = CaseSettings & { lims?: [number, number]; dim?: number };
const limsOf = (settings: CaseSettings) => (settings as Settings).lims ?? ([0.499, 0.501] as [number, number]);
const builders: Record<string, Builder> = {
  LowRankMultivariateNormal: (x, settings) => new LowRankMultivariateNormal(x('loc'), x('covFactor'), x('covDiag'), validation(settings)),
  MultivariateNormal: (x, settings) => new MultivariateNormal(x('loc'), { scaleTril: x('scaleTril'), ...validation(settings) }),
  Kumaraswamy: (x, settings) => new Kumaraswamy(x('concentration1'), x('concentration0'), validation(settings)),
  'ContinuousBernoulli(probs)': (x, settings) => new ContinuousBernoulli({ probs: x('probs'), ...validation(settings) }, limsOf(settings)),
  'ContinuousBernoulli(logits)': (x, settings) =>
    new ContinuousBernoulli({ logits: x('logits'), ...validation(settings) }, limsOf(settings)),
  VonMises: (x, settings) => new VonMises(x('loc'), x('concentration'), validation(settings)),
  LKJCholesky: (x, settings) => new LKJCholesky((settings as Settings).dim!, x('concentration'), validation(settings)),
  ...sharedBuilders,
};

// torch 1.13's VonMises log_prob and variance use Abramowitz and Stegun's polynomial fits of log I₀
// and log I₁, ours special.i0e and i1e. The fixture measures torch's error against the same formulas
// through torch.special.i0e/i1e over κ in [1e-4, 1e3] (per unit of 1 + |value|): up to 1.5e-8 for
// logProb, 1.0e-6 for the variance and 7.7e-6 for the stddev, up to 1.4e-6 for their derivatives in κ.
// These runs compare to 2e-5, values and gradients (a case's gradient in κ sums the derivatives of the
// 4 angles it broadcasts over); the "Exact" quantities (torch.special's) to the usual tolerances.
const VON_MISES_TORCH_FIT = 2e-5;
const vonMisesFitRuns = Object.fromEntries(
  fixture.cases
    .filter((entry) => entry.kind === 'VonMises')
    .flatMap((entry) => ['logProb', 'variance', 'stddev'].map((quantity) => `${entry.name}: ${quantity}`))
    .map((label) => [label, { float64: VON_MISES_TORCH_FIT, float32: VON_MISES_TORCH_FIT }]),
);

const harness: DistributionHarness = {
  builders,
  quantities: {
    ...properties('covarianceMatrix', 'precisionMatrix', 'scaleTril'),
    // torch 1.13's Kumaraswamy.mode is NaN everywhere; the fixture's closed form, evaluated by torch
    modeClosedForm: (d) => d.mode,
    logProbExact: (d, x) => d.logProb(x.value!),
    varianceExact: (d) => d.variance,
    stddevExact: (d) => d.stddev,
  },
  // float64 values to 1e-12 relative (|ours − torch| ≤ 1e-12·(1 + |torch|)) and gradients to 1e-9
  // (Cholesky factors and triangular solves, each library rounding its own way); float32 to 2e-5
  // (the low-rank matrices go through float32 Cholesky factors and solves).
  tolerances: { float64: 1e-12, float32: 2e-5 },
  gradientTolerances: { float64: 1e-9, float32: 2e-5 },
  // at the edges of ContinuousBernoulli's lims the closed forms cancel about 1e6-fold ((1 − 2λ)⁻² at
  // λ = 0.499): torch's values there hold about 1e-16·1e6 of rounding, compared to 1e-9 (values only)
  looserRuns: {
    ...vonMisesFitRuns,
    ...Object.fromEntries(
      ['logProb', 'cdf', 'icdf', 'entropy', 'mean', 'variance', 'stddev'].map((quantity) => [
        `ContinuousBernoulli near lims: ${quantity}`,
        { float64: 1e-9, float32: 1e-9 },
      ]),
    ),
  },
};

describe('more distributions against torch 1.13', () => {
  const { cases } = fixture;

  it('has a builder for every kind and a case for every new distribution and KL pair', () => {
    expectBuilderForEveryCase(cases, builders);
    const kinds = new Set(cases.map((entry) => entry.kind));
    for (const kind of Object.keys(builders).slice(2, 7).concat('LowRankMultivariateNormal')) expect(kinds.has(kind), kind).toBe(true);
    const pairs = new Set(cases.filter((entry) => entry.kind === 'kl').map((entry) => `${entry.p} ${entry.q}`));
    expect(pairs.size).toBe(16);
  });

  it("torch's VonMises fits err less than the tolerance their runs use; torch's Kumaraswamy mode is NaN", () => {
    const { logProb, variance, stddev, logProbGradient, varianceGradient, stddevGradient } = fixture.vonMisesTorchError;
    for (const error of [logProb, variance, stddev]) expect(2.5 * error).toBeLessThan(VON_MISES_TORCH_FIT);
    for (const error of [logProbGradient, varianceGradient, stddevGradient]) expect(5 * error).toBeLessThan(VON_MISES_TORCH_FIT);
    // torch's fits do differ from the exact values: the exact quantities compare at the usual tolerances
    expect(stddev).toBeGreaterThan(1e-6);
    expect(numbers(fixture.torchMode).every(Number.isNaN)).toBe(true);
    const mode = new Kumaraswamy(f64([1.5, 2, 7, 0.5]), f64([1.3, 3, 3, 2])).mode;
    expect(valuesOf(mode).map(Number.isNaN)).toEqual([false, false, false, true]);
  });

  itMatchesTorch(cases, harness);
});

/** Each distribution's draw as a function of its parameters and its noise, as torch's rsample builds it. */
const fromNoise: Record<string, (d: Distribution, x: Inputs, noise: Noise) => Tensor> = {
  // loc + W·ε₁ + √D·ε₂
  LowRankMultivariateNormal: (_, x, noise) =>
    x.loc!.add(x.covFactor!.matmul(noise.normal0!.unsqueeze(-1)).squeeze(-1)).add(x.covDiag!.sqrt().mul(noise.normal1!)),
  // (1 − u^(1/b))^(1/a)
  Kumaraswamy: (_, x, noise) => noise.uniform!.pow(x.concentration0!.reciprocal()).neg().add(1).pow(x.concentration1!.reciprocal()),
  ContinuousBernoulli: (d, _, noise) => d.icdf(noise.uniform!),
  LKJCholesky: (_, __, noise) => onionCholesky(noise.beta!.unsqueeze(-1), noise.randn!),
};
const drawOf = (d: Distribution, kind: string, shape: number[]) => (kind === 'LKJCholesky' ? d.sample(shape) : d.rsample(shape));

/** Our noise for a draw of `d`, drawn in the order its sampler draws it. */
function ourNoise(kind: string, d: Distribution, sampleShape: number[]): Noise {
  const shape = d.extendedShape(sampleShape);
  const options = { dtype: 'float64' as const };
  switch (familyOf(kind)) {
    case 'LowRankMultivariateNormal': {
      const rank = (d as InstanceType<typeof LowRankMultivariateNormal>).covFactor.shape.at(-1)!;
      const normal0 = randn([...shape.slice(0, -1), rank], options);
      return { normal0, normal1: randn(shape, options) };
    }
    case 'LKJCholesky': {
      const lkj = d as InstanceType<typeof LKJCholesky>;
      // the onion method's Beta: row i ≥ 1 takes Beta(i/2, η + (d − 2)/2 − (i − 1)/2), offsets o = [0, 0, 1, …, d − 2]
      const offsets = Array.from({ length: lkj.dim }, (_, i) => Math.max(0, i - 1));
      const beta = new Beta(
        f64(offsets.map((o) => o / 2 + 0.5)),
        lkj.concentration
          .add(0.5 * (lkj.dim - 2))
          .unsqueeze(-1)
          .sub(f64(offsets).mul(0.5)),
      );
      const draws = beta.sample(sampleShape);
      return { beta: draws, randn: randn(shape, options) };
    }
    default:
      return { uniform: rand(shape, options) };
  }
}

describe('rsample: reparameterised draws', () => {
  const settingsOf = (entry: DrawCase) => ({ validateArgs: true, dim: entry.dim }) as Settings;

  it.each(fixture.rsample.map((entry) => [entry.name, entry] as const))(
    "%s: torch's draw on fixed noise equals ours on that noise, with the same gradients",
    (label, entry) => {
      const x = inputsOf(entry.inputs);
      const d = builders[entry.kind]!(lookup(x), settingsOf(entry));
      const noise = noiseOf(entry);
      expectLikeTorch(fromNoise[familyOf(entry.kind)]!(d, x, noise), entry, x, `${label} from noise`, harness);
    },
  );

  it.each(fixture.rsample.map((entry, i) => [entry.name, entry, i] as const))(
    '%s: the sampler draws that noise (same seed), and rsample its gradients',
    (label, entry, i) => {
      const x = inputsOf(entry.inputs);
      const d = builders[entry.kind]!(lookup(x), settingsOf(entry));
      manualSeed(200 + i);
      const noise = ourNoise(entry.kind, d, entry.sampleShape);
      manualSeed(200 + i);
      const sample = drawOf(d, entry.kind, entry.sampleShape);
      const want = fromNoise[familyOf(entry.kind)]!(d, x, noise);
      expectDrawValues(sample, want, label);
      if (entry.kind === 'LKJCholesky') {
        expect(d.hasRsample).toBe(false);
        expect(sample.requiresGrad).toBe(false);
        return;
      }
      expectDrawGradients(sample, want, x, label, true);
      expect(d.hasRsample).toBe(true);
      expect(d.sample(entry.sampleShape).requiresGrad).toBe(false);
    },
  );
});

const DRAWS = 100_000;

/** Iₙ(κ) = Σₖ (κ/2)^(2k+n)/(k!(k + n)!), summed until the terms vanish (κ ≤ 30 here). */
function besselI(order: number, kappa: number): number {
  let term = (kappa / 2) ** order;
  for (let j = 2; j <= order; j++) term /= j;
  let sum = term;
  for (let k = 1; k < 200 && term > sum * 1e-17; k++) {
    term *= (kappa / 2) ** 2 / (k * (k + order));
    sum += term;
  }
  return sum;
}

/** ∫₀¹ f by Simpson's rule on 2000 intervals. */
function integrate(f: (x: number) => number): number {
  const n = 2000;
  let sum = f(0) + f(1);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(i / n);
  return sum / (3 * n);
}

describe('sampling statistics (seeded, 100k draws)', () => {
  it('LowRankMultivariateNormal: mean loc, covariance W·Wᵀ + diag(D)', () => {
    manualSeed(11);
    const [loc, factor, diagonal] = [
      [0.5, -1, 2],
      [
        [1, 0.3],
        [-0.8, 0.5],
        [0.2, -1.2],
      ],
      [0.3, 1.5, 0.1],
    ];
    const d = new LowRankMultivariateNormal(f64(loc), f64(factor), f64(diagonal));
    const covariance = factor.map((row, i) =>
      factor.map((other, j) => row[0]! * other[0]! + row[1]! * other[1]! + (i === j ? diagonal[i]! : 0)),
    );
    const draws = d.sample([DRAWS]);
    expect(draws.shape).toEqual([DRAWS, 3]);
    // normal marginals: kurtosis 3
    expectColumnMoments(
      draws,
      loc,
      covariance.map((row, i) => row[i]!),
      [3, 3, 3],
    );
    // E[(x₀ − μ₀)(x₂ − μ₂)] = Σ₀₂, with variance Σ₀₀Σ₂₂ + Σ₀₂²
    const [first, , third] = columns(draws);
    expectMean(
      first!.map((value, k) => (value - loc[0]!) * (third![k]! - loc[2]!)),
      covariance[0]![2]!,
      covariance[0]![0]! * covariance[2]![2]! + covariance[0]![2]! ** 2,
      'Σ₀₂',
    );
  });

  it('Kumaraswamy: the moments b·B(1 + n/a, b), draws in [0, 1]', () => {
    manualSeed(12);
    // integer b: E[Xⁿ] = b!/Πⱼ₌₀^(b−1) (1 + n/a + j)
    const [a, b] = [
      [0.5, 2, 5],
      [3, 1, 2],
    ];
    const moment = (j: number, n: number) => {
      let value = 1;
      for (let k = 1; k <= b[j]!; k++) value *= k / (k + n / a[j]!);
      return value;
    };
    const means = a.map((_, j) => moment(j, 1));
    const variances = a.map((_, j) => moment(j, 2) - means[j]! ** 2);
    const kurtosis = a.map((_, j) => {
      const m = means[j]!;
      const central4 = moment(j, 4) - 4 * m * moment(j, 3) + 6 * m * m * moment(j, 2) - 3 * m ** 4;
      return central4 / variances[j]! ** 2;
    });
    const draws = new Kumaraswamy(f64(a), f64(b)).sample([DRAWS]);
    expectColumnMoments(draws, means, variances, kurtosis);
    expect(valuesOf(draws).every((value) => value >= 0 && value <= 1)).toBe(true);
    expect(valuesOf(new Kumaraswamy(f64(a), f64(b)).mean)).toEqual(means.map((m) => expect.closeTo(m, 13)));
  });

  it('ContinuousBernoulli: mean, variance and kurtosis of the density C·λ^x(1 − λ)^(1−x)', () => {
    manualSeed(13);
    const probs = [0.1, 0.5, 0.85, 0.4996];
    const momentsOf = (lambda: number) => {
      const weight = (x: number) => lambda ** x * (1 - lambda) ** (1 - x);
      const total = integrate(weight);
      const mean = integrate((x) => x * weight(x)) / total;
      const central = (n: number) => integrate((x) => (x - mean) ** n * weight(x)) / total;
      return { mean, variance: central(2), kurtosis: central(4) / central(2) ** 2 };
    };
    const moments = probs.map(momentsOf);
    const d = new ContinuousBernoulli({ probs: f64(probs) });
    const draws = d.sample([DRAWS]);
    expectColumnMoments(
      draws,
      moments.map((m) => m.mean),
      moments.map((m) => m.variance),
      moments.map((m) => m.kurtosis),
    );
    // the closed forms and the Taylor expansions against the integrals
    valuesOf(d.mean).forEach((value, j) => expect(value).toBeCloseTo(moments[j]!.mean, 9));
    valuesOf(d.variance).forEach((value, j) => expect(value).toBeCloseTo(moments[j]!.variance, 9));
  });

  it('VonMises: E[cos(x − loc)] = I₁/I₀, E[sin(x − loc)] = 0, E[cos 2(x − loc)] = I₂/I₀, draws in [−π, π)', () => {
    manualSeed(14);
    const [loc, kappa] = [
      [0, 3, -2.5, 1],
      [0.3, 2, 15, 1e-9],
    ];
    const draws = columns(new VonMises(f64(loc), f64(kappa)).sample([DRAWS]));
    draws.forEach((values, j) => {
      const k = kappa[j]!;
      const [i0, i1, i2] = [0, 1, 2].map((order) => besselI(order, k)) as [number, number, number];
      const [resultant, second] = [i1 / i0, i2 / i0];
      // cos²θ = (1 + cos 2θ)/2, sin²θ = (1 − cos 2θ)/2; E[cos 4θ] = I₄/I₀ for the variance of cos 2θ
      const fourth = besselI(4, k) / i0;
      const shifted = values.map((value) => value - loc[j]!);
      expectMean(shifted.map(Math.cos), resultant, (1 + second) / 2 - resultant ** 2, `VonMises ${j} cos`);
      expectMean(shifted.map(Math.sin), 0, (1 - second) / 2, `VonMises ${j} sin`);
      expectMean(
        shifted.map((value) => Math.cos(2 * value)),
        second,
        (1 + fourth) / 2 - second ** 2,
        `VonMises ${j} cos 2θ`,
      );
      // the circular mean direction: atan2(Σ sin, Σ cos) near loc (not for the uniform-like κ = 1e-9)
      if (k > 1) {
        const direction = Math.atan2(
          values.reduce((sum, value) => sum + Math.sin(value), 0),
          values.reduce((sum, value) => sum + Math.cos(value), 0),
        );
        expect(Math.abs(Math.sin(direction - loc[j]!)), `VonMises ${j} direction`).toBeLessThan(0.02);
      }
      expect(values.every((value) => value >= -Math.PI && value < Math.PI)).toBe(true);
    });
    // the circular variance 1 − I₁/I₀
    valuesOf(new VonMises(0, f64(kappa.slice(0, 3))).variance).forEach((value, j) =>
      expect(value).toBeCloseTo(1 - besselI(1, kappa[j]!) / besselI(0, kappa[j]!), 13),
    );
  });

  it('LKJCholesky: L·Lᵀ is a correlation matrix whose off-diagonal entries have mean 0 and variance 1/(2η + d − 1)', () => {
    manualSeed(15);
    const dim = 4;
    const eta = [0.5, 2];
    const draws = new LKJCholesky(dim, f64(eta)).sample([DRAWS / 2]);
    expect(draws.shape).toEqual([DRAWS / 2, 2, dim, dim]);
    expect(valuesOf(constraints.corrCholesky.check(draws)).every(Boolean)).toBe(true);
    const correlations = draws.matmul(draws.transpose(-2, -1));
    const diagonal = valuesOf(correlations.diagonal(0, -2, -1));
    expect(diagonal.reduce((worst, value) => Math.max(worst, Math.abs(value - 1)), 0)).toBeLessThan(1e-12);
    // each off-diagonal r: (r + 1)/2 ~ Beta(β, β) with β = η − 1 + d/2: variance 1/(2β + 1),
    // E[r⁴] = 3/((2β + 1)(2β + 3)), so kurtosis 3(2β + 1)/(2β + 3)
    const values = valuesOf(correlations);
    eta.forEach((concentration, b) => {
      const beta = concentration - 1 + dim / 2;
      const variance = 1 / (2 * concentration + dim - 1);
      const kurtosis = (3 * (2 * beta + 1)) / (2 * beta + 3);
      for (let i = 1; i < dim; i++)
        for (let j = 0; j < i; j++) {
          const entries = Array.from({ length: DRAWS / 2 }, (_, n) => values[((n * 2 + b) * dim + i) * dim + j]!);
          const column = tensor(entries, { dtype: 'float64', shape: [DRAWS / 2, 1] });
          expectColumnMoments(column, [0], [variance], [kurtosis]);
        }
    });
  });

  it("torch 1.13's LKJCholesky samples are too wide below the second row (its Beta takes i − ½ for i/2); ours are not", () => {
    // d = 4, η = ½: r has variance ¼ and kurtosis 3(2β + 1)/(2β + 3) = 2 (β = 3/2), so E[r²] over n
    // draws has standard error ¼·√(1/n)
    const { draws, expected, variance10, variance20 } = fixture.lkjTorchSamples;
    const error = expected * Math.sqrt(1 / draws);
    expect(Math.abs(variance10 - expected)).toBeLessThan(5 * error);
    expect(variance20 - expected).toBeGreaterThan(20 * error);
    manualSeed(16);
    const l = new LKJCholesky(4, f64(0.5)).sample([draws]);
    const values = valuesOf(l.matmul(l.transpose(-2, -1)));
    const secondMoment = (i: number, j: number) =>
      Array.from({ length: draws }, (_, n) => values[n * 16 + i * 4 + j]! ** 2).reduce((a, b) => a + b, 0) / draws;
    expect(Math.abs(secondMoment(1, 0) - expected)).toBeLessThan(5 * error);
    expect(Math.abs(secondMoment(2, 0) - expected)).toBeLessThan(5 * error);
  });

  it('manualSeed makes every sampler reproducible', () => {
    const samplers: (() => Tensor)[] = [
      () => new LowRankMultivariateNormal(f64([0, 1]), f64([[1], [0.5]]), f64([1, 2])).sample([5]),
      () => new Kumaraswamy(f64([0.5, 2]), 3).sample([5]),
      () => new ContinuousBernoulli({ probs: f64([0.2, 0.5, 0.9]) }).sample([5]),
      () => new VonMises(f64([0, 1]), f64([0.5, 8])).sample([5]),
      () => new LKJCholesky(3, f64([0.5, 2])).sample([5]),
    ];
    expectReproducible(samplers, 60);
  });
});

describe('validation and errors', () => {
  const { errors } = fixture;
  /** torch's message with its snake_case names and sizes in ours. */
  const ours = (message: string) =>
    message
      .replaceAll('cov_factor', 'covFactor')
      .replaceAll('cov_diag', 'covDiag')
      .replace(/torch\.Size\(\[([\d, ]*)\]\)/g, '[$1]');

  it("LowRankMultivariateNormal refuses what torch refuses, in torch's words", () => {
    const z = (...shape: number[]) => f64(0).expand(shape).contiguous();
    for (const [key, build] of [
      ['LowRank loc', () => new LowRankMultivariateNormal(f64(0), f64([[1]]), f64([1]))],
      ['LowRank covFactor dims', () => new LowRankMultivariateNormal(f64([0]), f64([1]), f64([1]))],
      ['LowRank covFactor shape', () => new LowRankMultivariateNormal(f64([0, 0, 0]), f64([[1], [0]]), f64([1, 1, 1]))],
      ['LowRank covDiag shape', () => new LowRankMultivariateNormal(f64([0, 0, 0]), z(3, 1).add(1), f64([1, 1]))],
      ['LowRank batch', () => new LowRankMultivariateNormal(z(2, 3), z(3, 3, 1).add(1), z(3).add(1))],
    ] as const)
      expect(build, key).toThrow(`LowRankMultivariateNormal: ${ours(errors[key]!)}`);
    expect(errors['LowRank covDiag']).toContain('to satisfy the constraint IndependentConstraint(GreaterThan(lower_bound=0.0), 1)');
    expect(() => new LowRankMultivariateNormal(f64([0, 0]), f64([[1], [0]]), f64([1, -0.5]))).toThrow(
      'LowRankMultivariateNormal: Expected parameter covDiag (Tensor of shape [2]) of distribution LowRankMultivariateNormal(loc: [2], covFactor: [2, 1], covDiag: [2]) to satisfy the constraint IndependentConstraint(GreaterThan(lower_bound=0.0), 1), but found invalid values: [1, -0.5]',
    );
    expect(errors['LowRank loc NaN']).toContain('IndependentConstraint(Real(), 1)');
    expect(() => new LowRankMultivariateNormal(f64([0, Number.NaN]), f64([[1], [0]]), f64([1, 1]))).toThrow(
      /Expected parameter loc .*IndependentConstraint\(Real\(\), 1\)/,
    );
    const d = new LowRankMultivariateNormal(f64([0, 0]), f64([[1], [0]]), f64([1, 1]));
    expect(() => d.logProb(f64([0, 0, 0]))).toThrow(
      `LowRankMultivariateNormal.logProb: ${ours(errors['LowRank value']!).replace(/\(3,?\)|\[3\]/, '[3]')}`,
    );
    expect(errors['LowRank kl']).toMatch(
      /^KL-divergence between two Low Rank Multivariate Normals with\s+different event shapes cannot be computed$/,
    );
    expect(() => klDivergence(d, new LowRankMultivariateNormal(f64([0]), f64([[1]]), f64([1])))).toThrow(
      'klDivergence: KL-divergence between two Low Rank Multivariate Normals with different event shapes cannot be computed ([2] vs [1])',
    );
    expect(() => klDivergence(d, new MultivariateNormal(f64([0]), { scaleTril: f64([[1]]) }))).toThrow(/\(Low Rank\) Multivariate Normals/);
  });

  it("Kumaraswamy, VonMises and LKJCholesky refuse invalid parameters and values with torch's wording", () => {
    const wording = (message: string) => message.split(/\(Tensor of shape/)[0]!;
    for (const [key, build, pattern] of [
      [
        'Kumaraswamy concentration1',
        () => new Kumaraswamy(f64([1, -1]), f64([1, 1])),
        /^Kumaraswamy: Expected parameter concentration1 .*: \[1, -1\]$/,
      ],
      [
        'Kumaraswamy concentration0',
        () => new Kumaraswamy(f64([1]), f64([0])),
        /^Kumaraswamy: Expected parameter concentration0 .*: \[0\]$/,
      ],
      ['VonMises concentration', () => new VonMises(f64([0]), f64([0])), /^VonMises: Expected parameter concentration .*: \[0\]$/],
      ['VonMises loc', () => new VonMises(f64([Number.NaN]), f64([1])), /^VonMises: Expected parameter loc .*Real\(\).*: \[NaN\]$/],
      [
        'ContinuousBernoulli logits',
        () => new ContinuousBernoulli({ logits: f64([0, Number.NaN]) }),
        /Expected parameter logits .*Real\(\)/,
      ],
    ] as const) {
      expect(build, key).toThrow(pattern);
      expect(pattern.source.replaceAll('\\', ''), key).toContain(wording(errors[key]!).replace(/ $/, ''));
    }
    for (const [key, call, pattern] of [
      [
        'Kumaraswamy value',
        () => new Kumaraswamy(f64([1]), f64([2])).logProb(f64([1.5])),
        /^Kumaraswamy\.logProb: .*\(Interval\(lower_bound=0\.0, upper_bound=1\.0\)\)/,
      ],
      ['VonMises value', () => new VonMises(f64([0]), f64([1])).logProb(f64([Number.NaN])), /^VonMises\.logProb: .*\(Real\(\)\)/],
      [
        'ContinuousBernoulli value',
        () => new ContinuousBernoulli({ probs: f64([0.3]) }).logProb(f64([1.5])),
        /^ContinuousBernoulli\.logProb: .*Interval/,
      ],
      [
        'LKJCholesky value',
        () =>
          new LKJCholesky(2, 1).logProb(
            f64([
              [1, 0],
              [0.5, 0.5],
            ]),
          ),
        /^LKJCholesky\.logProb: .*\(CorrCholesky\(\)\)/,
      ],
    ] as const) {
      expect(call, key).toThrow(pattern);
      expect(errors[key], key).toContain('Expected value argument');
    }
    expect(errors['LKJCholesky value']).toContain('(CorrCholesky())');
    expect(() => new LKJCholesky(1)).toThrow(`LKJCholesky: ${errors['LKJCholesky dim']}`);
    expect(() => new LKJCholesky(2.5)).toThrow(/Found dim=2\.5\./);
    // torch reports the inner Beta's Dirichlet; ours names LKJCholesky's concentration
    expect(errors['LKJCholesky concentration']).toMatch(/^Expected parameter concentration .* of distribution Dirichlet/);
    expect(() => new LKJCholesky(3, f64([-1]))).toThrow(
      /^LKJCholesky: Expected parameter concentration .*GreaterThan\(lower_bound=0\.0\).*: \[-1\]$/,
    );
  });

  it('ContinuousBernoulli validates probs before clamping them (torch only with validate_args=True)', () => {
    expect(errors['ContinuousBernoulli probs']).toBe('The parameter probs has invalid values');
    // torch's default validation checks the clamped probs, which always pass
    expect(numbers(fixture.continuousBernoulliDefaultProbs)[0]).toBeCloseTo(1 - 2 ** -23, 12);
    expect(() => new ContinuousBernoulli({ probs: f64([0.5, 1.5]) })).toThrow(
      /^ContinuousBernoulli: Expected parameter probs .*Interval\(lower_bound=0\.0, upper_bound=1\.0\).*invalid values: \[0\.5, 1\.5\]$/,
    );
    expect(valuesOf(new ContinuousBernoulli({ probs: f64([1.5]), validateArgs: false }).probs)).toEqual([1 - 2 ** -52]);
    expect(() => new ContinuousBernoulli({ probs: 0.5, logits: 0 })).toThrow(`ContinuousBernoulli: ${errors['ContinuousBernoulli both']}`);
    expect(() => new ContinuousBernoulli({ probs: 0.5 }, [0.6, 0.4])).toThrow(
      'ContinuousBernoulli: lims must be increasing, got [0.6, 0.4]',
    );
    expect(() => new ContinuousBernoulli({ probs: 0.5 }, [0.4] as never)).toThrow(/lims must be a pair of numbers in \[0, 1\]/);
  });

  it('what torch does not implement throws, naming the distribution', () => {
    expect(errors['ContinuousBernoulli mode']).toBe('NotImplementedError');
    expect(() => new ContinuousBernoulli({ probs: 0.3 }).mode).toThrow(
      'ContinuousBernoulli.mode is not implemented (torch raises NotImplementedError)',
    );
    expect([errors['VonMises rsample'], errors['VonMises entropy']]).toEqual(['NotImplementedError', 'NotImplementedError']);
    const vonMises = new VonMises(0, 1);
    expect(vonMises.hasRsample).toBe(false);
    expect(() => vonMises.rsample()).toThrow(/VonMises\.rsample is not implemented/);
    expect(() => vonMises.entropy()).toThrow('VonMises.entropy is not implemented (torch raises NotImplementedError)');
    expect([errors['LKJCholesky rsample'], errors['LKJCholesky mean'], errors['LKJCholesky entropy']]).toEqual([
      'NotImplementedError',
      'NotImplementedError',
      'NotImplementedError',
    ]);
    const lkj = new LKJCholesky(3);
    expect(() => lkj.rsample()).toThrow(/LKJCholesky\.rsample is not implemented/);
    expect(() => lkj.mean).toThrow('LKJCholesky.mean is not implemented (torch raises NotImplementedError)');
    expect(() => lkj.variance).toThrow(/LKJCholesky\.variance is not implemented/);
    expect(() => lkj.entropy()).toThrow(/LKJCholesky\.entropy is not implemented/);
    expect([errors['Kumaraswamy kl'], errors['VonMises kl']]).toEqual(['NotImplementedError', 'NotImplementedError']);
    expect(() => klDivergence(new Kumaraswamy(1, 2), new Kumaraswamy(1, 3))).toThrow(
      /No KL\(p \|\| q\) is implemented for p type Kumaraswamy/,
    );
    expect(() => klDivergence(new VonMises(0, 2), new VonMises(0, 3))).toThrow(/No KL\(p \|\| q\) is implemented for p type VonMises/);
  });

  it('validateArgs: false skips the checks; unknown options are refused', () => {
    expect(new Kumaraswamy(-1, 1, { validateArgs: false }).logProb(0.5).itemSync()).toBeNaN();
    expect(valuesOf(new VonMises(0, -1, { validateArgs: false }).sample([3])).every(Number.isNaN)).toBe(true);
    expect(new LKJCholesky(2, -1, { validateArgs: false }).validateArgs).toBe(false);
    expect(
      new LowRankMultivariateNormal(f64([0, 0]), f64([[1], [0]]), f64([1, -0.5]), { validateArgs: false }).logProb(f64([0, 1])).itemSync(),
    ).toBeNaN();
    for (const [name, build] of [
      ['LowRankMultivariateNormal', () => new LowRankMultivariateNormal(f64([0]), f64([[1]]), f64([1]), { seed: 1 } as never)],
      ['Kumaraswamy', () => new Kumaraswamy(1, 1, { seed: 1 } as never)],
      ['ContinuousBernoulli', () => new ContinuousBernoulli({ probs: 0.5, seed: 1 } as never)],
      ['VonMises', () => new VonMises(0, 1, { seed: 1 } as never)],
      ['LKJCholesky', () => new LKJCholesky(2, 1, { seed: 1 } as never)],
    ] as const)
      expect(build, name).toThrow(new RegExp(`^${name}: unknown option \`seed\``));
  });
});

describe('shapes, consistency and KL dispatch', () => {
  it('names the parameters in toString and keeps float32', () => {
    const low = new LowRankMultivariateNormal(f64([0, 0, 0]), tensor([[[1], [0], [2]]], { dtype: 'float64' }), f64([1, 1, 1]));
    expect(String(low)).toBe('LowRankMultivariateNormal(loc: [1, 3], covFactor: [1, 3, 1], covDiag: [1, 3])');
    expect([low.batchShape, low.eventShape]).toEqual([[1], [3]]);
    expect(low.rsample([2]).shape).toEqual([2, 1, 3]);
    expect(String(new LKJCholesky(3, f64([1, 2])))).toBe('LKJCholesky(concentration: [2])');
    expect(new LKJCholesky(3).sample([2]).dtype).toBe('float32');
    expect(new VonMises(0, 1).sample([2]).dtype).toBe('float32');
    expect(new Kumaraswamy(1, 2).rsample([2]).dtype).toBe('float32');
    expect(String(new ContinuousBernoulli({ logits: f64([0, 1]) }))).toBe('ContinuousBernoulli(logits: [2])');
  });

  it("LowRankMultivariateNormal's matrices agree, and its KL equals that of the full-covariance normals", () => {
    const p = new LowRankMultivariateNormal(
      f64([0.5, -1, 2]),
      f64([
        [1, 0.3],
        [-0.8, 0.5],
        [0.2, -1.2],
      ]),
      f64([0.3, 1.5, 0.1]),
    );
    const q = new LowRankMultivariateNormal(f64([0, 1, 0]), f64([[0.5], [1], [-1]]), f64([1, 0.4, 2]));
    const identity = valuesOf(p.precisionMatrix.matmul(p.covarianceMatrix));
    valuesOf(eye(3, 3, { dtype: 'float64' })).forEach((value, i) => expect(identity[i]).toBeCloseTo(value, 12));
    const lower = p.scaleTril;
    valuesOf(lower.matmul(lower.t())).forEach((value, i) => expect(value).toBeCloseTo(valuesOf(p.covarianceMatrix)[i]!, 12));
    const full = (d: InstanceType<typeof LowRankMultivariateNormal>) =>
      new MultivariateNormal(d.loc, { covarianceMatrix: d.covarianceMatrix });
    const x = f64([0.3, 0.1, -2]);
    expect(p.logProb(x).itemSync()).toBeCloseTo(full(p).logProb(x).itemSync(), 12);
    expect(p.entropy().itemSync()).toBeCloseTo(full(p).entropy().itemSync(), 12);
    const kl = klDivergence(full(p), full(q)).itemSync();
    expect(klDivergence(p, q).itemSync()).toBeCloseTo(kl, 11);
    expect(klDivergence(full(p), q).itemSync()).toBeCloseTo(kl, 11);
    expect(klDivergence(p, full(q)).itemSync()).toBeCloseTo(kl, 11);
    expect(Math.abs(klDivergence(p, p).itemSync())).toBeLessThan(1e-13);
  });

  it('KL(p ‖ p) is 0 for ContinuousBernoulli on both sides of the Taylor region', () => {
    const p = new ContinuousBernoulli({ probs: f64([0.1, 0.4995, 0.5, 0.7]) });
    expect(valuesOf(klDivergence(p, p)).every((value) => Math.abs(value) < 1e-15)).toBe(true);
  });

  it('the CDF and the ICDF invert each other', () => {
    const quantiles = f64([0.05, 0.3, 0.5, 0.77, 0.99]);
    const kumaraswamy = new Kumaraswamy(f64([0.5, 2, 1, 4, 0.8]), f64([3, 0.7, 1, 2, 5]));
    valuesOf(kumaraswamy.cdf(kumaraswamy.icdf(quantiles))).forEach((value, i) => expect(value).toBeCloseTo(valuesOf(quantiles)[i]!, 12));
    const bernoulli = new ContinuousBernoulli({ probs: f64([0.1, 0.4995, 0.5, 0.502, 0.9]) });
    valuesOf(bernoulli.cdf(bernoulli.icdf(quantiles))).forEach((value, i) => expect(value).toBeCloseTo(valuesOf(quantiles)[i]!, 12));
  });
});

describe('memory', () => {
  it('logProb, cdf, icdf, entropy, moments, samples and klDivergence leave no intermediates once their result is disposed', () => {
    const low = new LowRankMultivariateNormal(f64([0, 1]), f64([[1], [0.5]]), f64([1, 2]));
    const full = new MultivariateNormal(f64([0, 0]), {
      scaleTril: f64([
        [1, 0],
        [0.3, 2],
      ]),
    });
    const kumaraswamy = new Kumaraswamy(f64([0.5, 2]), f64([3, 1]));
    const bernoulli = new ContinuousBernoulli({ probs: f64([0.2, 0.5]) });
    const vonMises = new VonMises(f64([0, 1]), f64([0.5, 3]));
    const lkj = new LKJCholesky(3, f64([0.5, 2]));
    const [inside, pair, identity] = [f64([0.3, 0.6]), f64([0.2, -0.4]), eye(3, 3, { dtype: 'float64' })];
    const calls = [
      () => low.logProb(pair),
      () => low.entropy(),
      () => low.precisionMatrix,
      () => low.scaleTril,
      () => low.covarianceMatrix,
      () => low.rsample([3]),
      () => kumaraswamy.logProb(inside),
      () => kumaraswamy.icdf(inside),
      () => kumaraswamy.variance,
      () => kumaraswamy.mode,
      () => kumaraswamy.rsample([2]),
      () => bernoulli.logProb(inside),
      () => bernoulli.cdf(inside),
      () => bernoulli.entropy(),
      () => bernoulli.rsample([2]),
      () => vonMises.logProb(inside),
      () => vonMises.variance,
      () => vonMises.sample([4]),
      () => lkj.logProb(identity),
      () => lkj.sample([2]),
      () => klDivergence(low, low),
      () => klDivergence(low, full),
      () => klDivergence(full, low),
      () => klDivergence(bernoulli, bernoulli),
    ];
    expectNoTensorsLeft(calls);
  });
});
