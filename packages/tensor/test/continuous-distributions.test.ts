import { describe, expect, it } from 'vitest';
import {
  type Distribution,
  distributions,
  manualSeed,
  rand,
  randn,
  standardGamma,
  standardGammaGrad,
  type Tensor,
  tensor,
} from '../src/index.js';
import {
  type Builder,
  columns,
  type DistributionCase,
  type DistributionHarness,
  type DrawCase,
  expectBuilderForEveryCase,
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
  sharedBuilders,
  validation,
  valuesOf,
} from './helpers/distribution-fixtures.js';
import { readTorchFixture } from './helpers/torch-fixtures.js';

// Cauchy, HalfNormal, HalfCauchy, Gumbel, StudentT, Pareto, Weibull, FisherSnedecor, RelaxedBernoulli
// and RelaxedOneHotCategorical against torch 1.13 (tools/fixtures/tensor_continuous_distributions_reference.py):
// logProb, cdf, icdf, entropy, moments, mode, derived parameters and the KL pairs torch registers, with
// the gradient of Σ output·w in every parameter and value, in float64 and float32; torch's own rsample
// run on fixed noise, against ours on the same noise (values and reparameterised gradients), and ours
// on the seeded noise it draws; then what torch's random draws cannot give: sampling statistics over
// 100k draws, reproducibility, validation errors, shapes and memory.

const {
  Cauchy,
  HalfNormal,
  HalfCauchy,
  Gumbel,
  StudentT,
  Pareto,
  Weibull,
  FisherSnedecor,
  RelaxedBernoulli,
  RelaxedOneHotCategorical,
  Exponential,
  Gamma,
  Normal,
  klDivergence,
} = distributions;

interface Fixture {
  cases: DistributionCase[];
  rsample: DrawCase[];
  errors: Record<string, string>;
}
const fixture = readTorchFixture<Fixture>('torch-continuous-distributions-reference.json');

const builders: Record<string, Builder> = {
  Cauchy: (x, settings) => new Cauchy(x('loc'), x('scale'), validation(settings)),
  HalfNormal: (x, settings) => new HalfNormal(x('scale'), validation(settings)),
  HalfCauchy: (x, settings) => new HalfCauchy(x('scale'), validation(settings)),
  Gumbel: sharedBuilders.Gumbel!,
  StudentT: (x, settings) => new StudentT(x('df'), x('loc'), x('scale'), validation(settings)),
  Pareto: sharedBuilders.Pareto!,
  Weibull: (x, settings) => new Weibull(x('scale'), x('concentration'), validation(settings)),
  FisherSnedecor: (x, settings) => new FisherSnedecor(x('df1'), x('df2'), validation(settings)),
  'RelaxedBernoulli(probs)': (x, settings) => new RelaxedBernoulli(x('temperature'), { probs: x('probs'), ...validation(settings) }),
  'RelaxedBernoulli(logits)': (x, settings) => new RelaxedBernoulli(x('temperature'), { logits: x('logits'), ...validation(settings) }),
  'RelaxedOneHotCategorical(probs)': (x, settings) =>
    new RelaxedOneHotCategorical(x('temperature'), { probs: x('probs'), ...validation(settings) }),
  'RelaxedOneHotCategorical(logits)': (x, settings) =>
    new RelaxedOneHotCategorical(x('temperature'), { logits: x('logits'), ...validation(settings) }),
  ...sharedBuilders,
};
type Relaxed = InstanceType<typeof RelaxedBernoulli>;
const harness: DistributionHarness = {
  builders,
  // float64 to 1e-12 relative (|ours − torch| ≤ 1e-12·(1 + |torch|)), float32 to 1e-5 (the formulas are
  // torch's, but in float32 each library rounds its own sequence of ops). Gradients in float64 to 1e-9:
  // the gradients of StudentT's entropy and of KL(Gamma ‖ Gumbel) hold trigamma (the derivative of
  // digamma), where torch's series errs by up to 5e-10 relative (4.6e-10 at 1.5 against mpmath) and ours
  // does not (gamma-family.test.ts checks ours).
  tolerances: { float64: 1e-12, float32: 1e-5 },
  gradientTolerances: { float64: 1e-9, float32: 1e-5 },
};

describe('continuous distributions against torch 1.13', () => {
  const { cases } = fixture;

  it('has a builder for every kind and a case for every new distribution and KL pair', () => {
    expectBuilderForEveryCase(cases, builders);
    const kinds = new Set(cases.map((entry) => entry.kind));
    for (const kind of Object.keys(builders).slice(0, 12)) expect(kinds.has(kind), kind).toBe(true);
    expect(cases.filter((entry) => entry.kind === 'kl').length).toBeGreaterThanOrEqual(40);
  });

  itMatchesTorch(cases, harness);
});

/**
 * A standard gamma draw `draw` of concentration α as a function of α: its value, with the implicit
 * reparameterisation derivative standardGammaGrad(α, draw) (as standardGamma's backward).
 */
function gammaOf(alpha: Tensor, draw: Tensor): Tensor {
  const derivative = standardGammaGrad(alpha.detach(), draw);
  return draw.add(alpha.sub(alpha.detach()).mul(derivative));
}

/**
 * Each distribution's draw as a function of its parameters and its noise, the way torch's rsample
 * builds it (torch's transforms and formulas, written out; icdf where the draw is icdf(u)).
 */
const fromNoise: Record<string, (d: Distribution, x: Inputs, noise: Noise) => Tensor> = {
  Cauchy: (d, _, noise) => d.icdf(noise.uniform!),
  Gumbel: (d, _, noise) => d.icdf(noise.uniform!),
  Pareto: (d, _, noise) => d.icdf(noise.uniform!),
  Weibull: (d, _, noise) => d.icdf(noise.uniform!),
  HalfNormal: (_, x, noise) => noise.normal!.mul(x.scale!).abs(),
  HalfCauchy: (d, _, noise) => (d as InstanceType<typeof HalfCauchy>).baseDist.icdf(noise.uniform!).abs(),
  // loc + scale·X/√(Z/df), Z = 2G with G ~ Gamma(df/2)
  StudentT: (_, x, noise) => {
    const z = gammaOf(x.df!.mul(0.5), noise.gamma0!).div(0.5);
    return x.loc!.add(x.scale!.mul(noise.normal!.mul(z.div(x.df!).rsqrt())));
  },
  // (G₁/d₁)/(G₂/d₂), the denominator and the ratio raised to the smallest normal number
  FisherSnedecor: (_, x, noise) => {
    const tiny = 2 ** -1022;
    const top = gammaOf(x.df1!.mul(0.5), noise.gamma0!).div(x.df1!);
    const bottom = gammaOf(x.df2!.mul(0.5), noise.gamma1!).div(x.df2!);
    return top.div(bottom.clamp({ min: tiny })).clamp({ min: tiny });
  },
  // σ((logit u + logit p)/T), u and p clamped to [ε, 1 − ε], the draw to [tiny, 1 − ε]
  RelaxedBernoulli: (d, _, noise) => {
    const eps = 2 ** -52;
    const relaxed = d as Relaxed;
    const u = noise.uniform!.clamp(eps, 1 - eps);
    const p = relaxed.probs.expand(u.shape).clamp(eps, 1 - eps);
    const logit = u.log().sub(u.neg().log1p()).add(p.log()).sub(p.neg().log1p());
    return logit
      .div(relaxed.temperature)
      .sigmoid()
      .clamp(2 ** -1022, 1 - eps);
  },
  // softmax((logits − log(−log u))/T), u clamped to [ε, 1 − ε]
  RelaxedOneHotCategorical: (d, _, noise) => {
    const eps = 2 ** -52;
    const relaxed = d as InstanceType<typeof RelaxedOneHotCategorical>;
    const gumbel = noise
      .uniform!.clamp(eps, 1 - eps)
      .log()
      .neg()
      .log()
      .neg();
    return relaxed.logits.add(gumbel).div(relaxed.temperature).softmax(-1);
  },
};

/** Our noise for an rsample of `d`, drawn in the order its rsample draws it. */
function ourNoise(kind: string, d: Distribution, x: Inputs, sampleShape: number[]): Noise {
  const shape = d.extendedShape(sampleShape);
  const options = { dtype: 'float64' as const };
  switch (familyOf(kind)) {
    case 'HalfNormal':
      return { normal: randn(shape, options) };
    case 'StudentT': {
      const normal = randn(shape, options);
      return { normal, gamma0: standardGamma(x.df!.detach().mul(0.5).expand(shape)) };
    }
    case 'FisherSnedecor': {
      const gamma0 = standardGamma(x.df1!.detach().mul(0.5).expand(shape));
      return { gamma0, gamma1: standardGamma(x.df2!.detach().mul(0.5).expand(shape)) };
    }
    default:
      return { uniform: rand(shape, options) };
  }
}

describe('rsample: reparameterised draws', () => {
  it.each(fixture.rsample.map((entry) => [entry.name, entry] as const))(
    "%s: torch's rsample on fixed noise equals ours on that noise, with the same gradients",
    (label, entry) => {
      const x = inputsOf(entry.inputs);
      const d = builders[entry.kind]!(lookup(x), { validateArgs: true });
      const noise = noiseOf(entry);
      const shape = d.extendedShape(entry.sampleShape);
      for (const values of Object.values(noise)) expect(values.shape).toEqual(shape);
      expectLikeTorch(fromNoise[familyOf(entry.kind)]!(d, x, noise), entry, x, `${label} from noise`, harness);
    },
  );

  it.each(fixture.rsample.map((entry, i) => [entry.name, entry, i] as const))(
    '%s: rsample draws that noise (same seed) and its gradients are those of the formula',
    (label, entry, i) => {
      const x = inputsOf(entry.inputs);
      const d = builders[entry.kind]!(lookup(x), { validateArgs: true });
      manualSeed(100 + i);
      const noise = ourNoise(entry.kind, d, x, entry.sampleShape);
      manualSeed(100 + i);
      const sample = d.rsample(entry.sampleShape);
      const want = fromNoise[familyOf(entry.kind)]!(d, x, noise);
      expectDrawValues(sample, want, label);
      expectDrawGradients(sample, want, x, label);
      expect(d.hasRsample).toBe(true);
      expect(d.sample(entry.sampleShape).requiresGrad).toBe(false);
    },
  );
});

const DRAWS = 100_000;

/**
 * Mean and variance within 5 standard errors: σ/√n for the mean, σ²·√((κ − 1)/n) for the variance,
 * κ the kurtosis.
 */
function expectMoments(values: number[], mean: number, variance: number, kurtosis: number, label: string): void {
  expectMean(values, mean, variance, label);
  const average = values.reduce((a, b) => a + b, 0) / values.length;
  const got = values.reduce((a, b) => a + (b - average) ** 2, 0) / values.length;
  expect(Math.abs(got - variance), `${label}: variance ${got} vs ${variance}`).toBeLessThan(
    5 * variance * Math.sqrt((kurtosis - 1) / values.length),
  );
}

/**
 * The sample p-quantile within 5 standard errors √(p(1 − p)/n)/f(x_p) of x_p (f the density there):
 * the statistic for laws without moments.
 */
function expectQuantile(values: number[], p: number, quantile: number, density: number, label: string): void {
  const sorted = [...values].sort((a, b) => a - b);
  const got = sorted[Math.floor(p * (sorted.length - 1))]!;
  const error = Math.sqrt((p * (1 - p)) / values.length) / density;
  expect(Math.abs(got - quantile), `${label}: ${p}-quantile ${got} vs ${quantile}`).toBeLessThan(5 * error);
}

describe('sampling statistics (seeded, 100k draws)', () => {
  it('Cauchy: the quartiles are loc − scale, loc, loc + scale', () => {
    manualSeed(1);
    const [loc, scale] = [
      [0, 3],
      [1, 0.5],
    ];
    const draws = columns(new Cauchy(f64(loc), f64(scale)).sample([DRAWS]));
    draws.forEach((values, j) => {
      const [m, s] = [loc[j]!, scale[j]!];
      expectQuantile(values, 0.5, m, 1 / (Math.PI * s), `Cauchy ${j}`);
      expectQuantile(values, 0.25, m - s, 1 / (2 * Math.PI * s), `Cauchy ${j}`);
      expectQuantile(values, 0.75, m + s, 1 / (2 * Math.PI * s), `Cauchy ${j}`);
    });
  });

  it('HalfNormal: mean scale·√(2/π) and E[x²] = scale², never negative', () => {
    manualSeed(2);
    const scale = [0.5, 2];
    const draws = columns(new HalfNormal(f64(scale)).sample([DRAWS]));
    draws.forEach((values, j) => {
      const s = scale[j]!;
      expectMean(values, s * Math.sqrt(2 / Math.PI), s * s * (1 - 2 / Math.PI), `HalfNormal ${j}`);
      // x² = s²·χ²₁: mean s², variance 2s⁴
      expectMean(
        values.map((v) => v * v),
        s * s,
        2 * s ** 4,
        `HalfNormal ${j} squares`,
      );
      expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    });
  });

  it('HalfCauchy: the quartiles are scale·tan(π/8), scale and scale·tan(3π/8)', () => {
    manualSeed(3);
    const scale = [1, 3];
    const draws = columns(new HalfCauchy(f64(scale)).sample([DRAWS]));
    // density 2/(πs(1 + (x/s)²))
    const density = (x: number, s: number) => 2 / (Math.PI * s * (1 + (x / s) ** 2));
    draws.forEach((values, j) => {
      const s = scale[j]!;
      for (const [p, angle] of [
        [0.25, Math.PI / 8],
        [0.5, Math.PI / 4],
        [0.75, (3 * Math.PI) / 8],
      ] as const)
        expectQuantile(values, p, s * Math.tan(angle), density(s * Math.tan(angle), s), `HalfCauchy ${j}`);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    });
  });

  it('Gumbel: mean loc + γ·scale, variance π²scale²/6 (kurtosis 5.4), in float64 and float32', () => {
    const gamma = 0.5772156649015329;
    for (const dtype of ['float64', 'float32'] as const) {
      manualSeed(4);
      const [loc, scale] = [
        [0, -2],
        [1, 3],
      ];
      const draws = new Gumbel(tensor(loc, { dtype }), tensor(scale, { dtype })).sample([DRAWS]);
      expect(draws.dtype).toBe(dtype);
      columns(draws).forEach((values, j) =>
        expectMoments(values, loc[j]! + gamma * scale[j]!, (Math.PI * scale[j]!) ** 2 / 6, 5.4, `Gumbel ${dtype} ${j}`),
      );
    }
  });

  it('StudentT: mean loc, variance scale²·df/(df − 2), kurtosis 3 + 6/(df − 4); df = 1 is a Cauchy', () => {
    manualSeed(5);
    const [df, loc, scale] = [
      [6, 12],
      [1, -2],
      [2, 0.5],
    ];
    const draws = columns(new StudentT(f64(df), f64(loc), f64(scale)).sample([DRAWS]));
    draws.forEach((values, j) => {
      const [v, s] = [df[j]!, scale[j]!];
      expectMoments(values, loc[j]!, (s * s * v) / (v - 2), 3 + 6 / (v - 4), `StudentT ${j}`);
    });
    const cauchy = columns(new StudentT(1, 0, 2).sample([DRAWS]).unsqueeze(-1))[0]!;
    expectQuantile(cauchy, 0.75, 2, 1 / (4 * Math.PI), 'StudentT(1)');
  });

  it('Pareto: log(x/scale) is Exponential(α) (mean 1/α, variance 1/α², kurtosis 9); mean αs/(α − 1) for α = 6', () => {
    manualSeed(6);
    const [scale, alpha] = [
      [1, 2.5],
      [0.8, 6],
    ];
    const draws = columns(new Pareto(f64(scale), f64(alpha)).sample([DRAWS]));
    draws.forEach((values, j) => {
      const [s, a] = [scale[j]!, alpha[j]!];
      expectMoments(
        values.map((x) => Math.log(x / s)),
        1 / a,
        1 / (a * a),
        9,
        `Pareto ${j}`,
      );
      expect(Math.min(...values)).toBeGreaterThanOrEqual(s);
    });
    expectMean(draws[1]!, (6 * 2.5) / 5, (2.5 ** 2 * 6) / (25 * 4), 'Pareto mean');
  });

  it('Weibull: (x/λ)^k is Exponential(1); mean λΓ(1 + 1/k)', () => {
    manualSeed(7);
    const [scale, concentration] = [
      [2, 0.5],
      [0.7, 3],
    ];
    const d = new Weibull(f64(scale), f64(concentration));
    const draws = columns(d.sample([DRAWS]));
    const [means, variances] = [valuesOf(d.mean), valuesOf(d.variance)];
    draws.forEach((values, j) => {
      const [s, k] = [scale[j]!, concentration[j]!];
      expectMoments(
        values.map((x) => (x / s) ** k),
        1,
        1,
        9,
        `Weibull ${j}`,
      );
      expectMean(values, means[j]!, variances[j]!, `Weibull ${j} mean`);
    });
  });

  it('FisherSnedecor: mean d₂/(d₂ − 2), variance 2d₂²(d₁ + d₂ − 2)/(d₁(d₂ − 2)²(d₂ − 4)) and its kurtosis', () => {
    manualSeed(8);
    const [df1, df2] = [
      [5, 12],
      [30, 40],
    ];
    const draws = columns(new FisherSnedecor(f64(df1), f64(df2)).sample([DRAWS]));
    draws.forEach((values, j) => {
      const [a, b] = [df1[j]!, df2[j]!];
      const variance = (2 * b * b * (a + b - 2)) / (a * (b - 2) ** 2 * (b - 4));
      const excess = (12 * (a * (5 * b - 22) * (a + b - 2) + (b - 4) * (b - 2) ** 2)) / (a * (b - 6) * (b - 8) * (a + b - 2));
      expectMoments(values, b / (b - 2), variance, 3 + excess, `FisherSnedecor ${j}`);
    });
  });

  it('RelaxedBernoulli: T·logit(x) − logit(p) is standard logistic (variance π²/3, kurtosis 4.2), inside (0, 1)', () => {
    manualSeed(9);
    const [probs, temperature] = [[0.2, 0.7], 0.5];
    const draws = columns(new RelaxedBernoulli(temperature, { probs: f64(probs) }).sample([DRAWS]));
    draws.forEach((values, j) => {
      const logitP = Math.log(probs[j]! / (1 - probs[j]!));
      expectMoments(
        values.map((x) => temperature * Math.log(x / (1 - x)) - logitP),
        0,
        Math.PI ** 2 / 3,
        4.2,
        `RelaxedBernoulli ${j}`,
      );
      expect(values.every((x) => x > 0 && x < 1)).toBe(true);
    });
  });

  it('RelaxedOneHotCategorical: rows on the simplex; T·(log xᵢ − log x₀) − (lᵢ − l₀) is standard logistic', () => {
    manualSeed(10);
    const [probs, temperature] = [[0.2, 0.3, 0.5], 0.4];
    const draws = new RelaxedOneHotCategorical(temperature, { probs: f64(probs) }).sample([DRAWS]);
    expect(draws.shape).toEqual([DRAWS, 3]);
    expect(Math.max(...valuesOf(draws.sum(-1)).map((sum) => Math.abs(sum - 1)))).toBeLessThan(1e-12);
    const [first, ...rest] = columns(draws.log());
    rest.forEach((values, k) => {
      const shift = Math.log(probs[k + 1]! / probs[0]!);
      expectMoments(
        values.map((value, i) => temperature * (value - first![i]!) - shift),
        0,
        Math.PI ** 2 / 3,
        4.2,
        `RelaxedOneHotCategorical ${k + 1}`,
      );
    });
  });

  it('manualSeed makes every sampler reproducible', () => {
    const samplers: (() => Tensor)[] = [
      () => new Cauchy(0, f64([1, 2])).sample([5]),
      () => new HalfNormal(f64([1, 2])).sample([5]),
      () => new HalfCauchy(f64([1, 2])).sample([5]),
      () => new Gumbel(0, f64([1, 2])).sample([5]),
      () => new StudentT(f64([1.5, 4])).sample([5]),
      () => new Pareto(1, f64([1, 2])).sample([5]),
      () => new Weibull(1, f64([1, 2])).sample([5]),
      () => new FisherSnedecor(f64([1, 2]), 3).sample([5]),
      () => new RelaxedBernoulli(0.5, { probs: f64([0.3, 0.6]) }).sample([5]),
      () => new RelaxedOneHotCategorical(0.5, { logits: f64([0, 1, 2]) }).sample([5]),
    ];
    expectReproducible(samplers, 50);
  });
});

describe('validation and errors', () => {
  const { errors } = fixture;
  // torch's wording up to the distribution's repr (torch prints its shapes and tensors differently)
  const wording = (message: string) => message.split(/\(Tensor of shape/)[0]!;

  it("rejects invalid parameters with torch's wording, naming the distribution, the parameter and the values", () => {
    expect(() => new Cauchy(0, f64([1, -1]))).toThrow(
      'Cauchy: Expected parameter scale (Tensor of shape [2]) of distribution Cauchy(loc: [2], scale: [2]) to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values: [1, -1]',
    );
    expect(errors['Cauchy scale']).toContain('Expected parameter scale (Tensor of shape (2,)) of distribution Cauchy(');
    expect(errors['Cauchy scale']).toContain('to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values');
    for (const [key, build, pattern] of [
      ['HalfNormal scale', () => new HalfNormal(f64([1, -1])), /^HalfNormal: Expected parameter scale .*: \[1, -1\]$/],
      ['HalfCauchy scale', () => new HalfCauchy(f64([0])), /^HalfCauchy: Expected parameter scale .*: \[0\]$/],
      ['Gumbel scale', () => new Gumbel(0, f64([0])), /^Gumbel: Expected parameter scale .*GreaterThan\(lower_bound=0\.0\).*: \[0\]$/],
      ['StudentT scale', () => new StudentT(f64([1]), 0, f64([-1])), /^StudentT: Expected parameter scale .*: \[-1\]$/],
      [
        'Pareto scale',
        () => new Pareto(f64([-1]), f64([1])),
        /^Pareto: Expected parameter scale .* of distribution Pareto\(alpha: \[1\], scale: \[1\]\)/,
      ],
      ['Weibull concentration', () => new Weibull(f64([1]), f64([-1])), /^Weibull: Expected parameter concentration .*: \[-1\]$/],
    ] as const) {
      expect(build, key).toThrow(pattern);
      expect(errors[key], key).toContain(wording(errors[key]!));
      expect(pattern.source, key).toContain(wording(errors[key]!).replace(/ $/, ''));
    }
    // torch's inner distributions report these as their own (Chi2's df, Exponential's rate, Gamma's
    // concentration); ours name the distribution built and its own parameter
    expect(errors['StudentT df']).toMatch(/^Expected parameter df .* of distribution Chi2\(\)/);
    expect(() => new StudentT(f64([-1]))).toThrow(
      /^StudentT: Expected parameter df \(Tensor of shape \[1\]\) of distribution StudentT\(df: \[1\], loc: \[1\], scale: \[1\]\)/,
    );
    expect(errors['Pareto alpha']).toMatch(/^Expected parameter rate .* of distribution Exponential/);
    expect(() => new Pareto(f64([1]), f64([-1]))).toThrow(/^Pareto: Expected parameter alpha .*: \[-1\]$/);
    expect(errors['FisherSnedecor df2']).toMatch(/^Expected parameter concentration .* of distribution Gamma/);
    expect(() => new FisherSnedecor(f64([1]), f64([-1]))).toThrow(/^FisherSnedecor: Expected parameter df2 .*: \[-1\]$/);
    expect(errors['RelaxedBernoulli probs']).toContain('Interval(lower_bound=0.0, upper_bound=1.0)');
    expect(() => new RelaxedBernoulli(1, { probs: f64([1.5]) })).toThrow(
      /^RelaxedBernoulli: Expected parameter probs .*Interval\(lower_bound=0\.0, upper_bound=1\.0\).*: \[1\.5\]$/,
    );
    expect(errors['RelaxedOneHotCategorical probs']).toContain('Simplex()');
    expect(() => new RelaxedOneHotCategorical(1, { probs: f64([-1, 2]) })).toThrow(
      /^RelaxedOneHotCategorical: Expected parameter probs .*Simplex\(\).*: \[-1, 2\]$/,
    );
    expect(() => new RelaxedOneHotCategorical(1, { logits: f64([0, Number.NaN]) })).toThrow(
      /RelaxedOneHotCategorical: Expected parameter logits .*IndependentConstraint\(Real\(\), 1\)/,
    );
    expect(() => new RelaxedBernoulli(1, { probs: 0.5, logits: 0 })).toThrow(`RelaxedBernoulli: ${errors['RelaxedBernoulli both']}`);
    expect(() => new RelaxedOneHotCategorical(1, { probs: 0.5 })).toThrow(
      'RelaxedOneHotCategorical: `probs` parameter must be at least one-dimensional.',
    );
    expect(() => new Cauchy(tensor([1], { dtype: 'int32' }), 1)).toThrow(/Cauchy: expects floating-point parameters, got int32/);
  });

  it("rejects values outside the support with torch's wording", () => {
    expect(() => new Pareto(f64([1, 2]), f64([1, 1])).logProb(f64([1.5, 1.5]))).toThrow(
      'Pareto.logProb: Expected value argument (Tensor of shape [2]) to be within the support (GreaterThanEq(lower_bound=[1, 2])) of the distribution Pareto(alpha: [2], scale: [2]), but found invalid values: [1.5, 1.5]',
    );
    expect(errors['Pareto value']).toContain('to be within the support (GreaterThanEq(lower_bound=tensor([1., 2.])))');
    expect(() => new Pareto(2, 1).cdf(1)).toThrow(/^Pareto\.cdf: Expected value argument/);
    expect(() => new HalfNormal(f64([1])).logProb(f64([-1]))).toThrow(
      /^HalfNormal\.logProb: Expected value argument \(Tensor of shape \[1\]\) to be within the support \(GreaterThanEq\(lower_bound=0\.0\)\)/,
    );
    expect(errors['HalfNormal value']).toContain('to be within the support (GreaterThanEq(lower_bound=0.0))');
    expect(() => new HalfCauchy(1).cdf(-1)).toThrow(/^HalfCauchy\.cdf: Expected value argument/);
    expect(() => new Weibull(f64([1]), f64([1])).logProb(f64([0]))).toThrow(/^Weibull\.logProb: .*\(GreaterThan\(lower_bound=0\.0\)\)/);
    expect(errors['Weibull value']).toContain('(GreaterThan(lower_bound=0.0))');
    expect(() => new FisherSnedecor(1, 2).logProb(0)).toThrow(/^FisherSnedecor\.logProb: .*GreaterThan/);
    expect(() => new RelaxedBernoulli(1, { probs: f64([0.5]) }).logProb(f64([1.5]))).toThrow(
      /^RelaxedBernoulli\.logProb: .*\(Interval\(lower_bound=0\.0, upper_bound=1\.0\)\).*: \[1\.5\]$/,
    );
    expect(errors['RelaxedBernoulli value']).toContain('(Interval(lower_bound=0.0, upper_bound=1.0))');
    expect(() => new RelaxedOneHotCategorical(1, { probs: f64([0.5, 0.5]) }).logProb(f64([0.5, 0.6]))).toThrow(
      /^RelaxedOneHotCategorical\.logProb: .*\(Simplex\(\)\).*: \[0\.5, 0\.6\]$/,
    );
    expect(errors['RelaxedOneHotCategorical value']).toContain('(Simplex())');
    expect(() => new Cauchy(0, 1).logProb(Number.NaN)).toThrow(/^Cauchy\.logProb: .*\(Real\(\)\)/);
    expect(() => new StudentT(f64([1, 2, 3])).logProb(f64([0, 1]))).toThrow(/Value is not broadcastable/);
  });

  it('what torch does not implement throws, naming the distribution', () => {
    expect(errors['FisherSnedecor entropy']).toBe('NotImplementedError');
    expect(() => new FisherSnedecor(1, 2).entropy()).toThrow(
      'FisherSnedecor.entropy is not implemented (torch raises NotImplementedError)',
    );
    expect(() => new FisherSnedecor(1, 2).cdf(1)).toThrow(/FisherSnedecor\.cdf is not implemented/);
    expect(errors['RelaxedBernoulli mean']).toBe('NotImplementedError');
    expect(() => new RelaxedBernoulli(1, { probs: 0.5 }).mean).toThrow(/RelaxedBernoulli\.mean is not implemented/);
    expect(() => new RelaxedBernoulli(1, { probs: 0.5 }).variance).toThrow(/RelaxedBernoulli\.variance is not implemented/);
    expect(() => new RelaxedBernoulli(1, { probs: 0.5 }).entropy()).toThrow(/RelaxedBernoulli\.entropy is not implemented/);
    expect(errors['RelaxedOneHotCategorical entropy']).toBe('NotImplementedError');
    expect(() => new RelaxedOneHotCategorical(1, { probs: f64([0.5, 0.5]) }).entropy()).toThrow(
      /RelaxedOneHotCategorical\.entropy is not implemented/,
    );
    expect(() => new StudentT(3).cdf(0)).toThrow(/StudentT\.cdf is not implemented/);
    expect(errors['Weibull kl']).toBe('NotImplementedError');
    expect(() => klDivergence(new Weibull(1, 2), new Weibull(1, 3))).toThrow(
      'klDivergence: No KL(p || q) is implemented for p type Weibull and q type Weibull (torch raises NotImplementedError)',
    );
    expect(errors['RelaxedBernoulli kl']).toBe('NotImplementedError');
    expect(() => klDivergence(new RelaxedBernoulli(1, { probs: 0.5 }), new RelaxedBernoulli(1, { probs: 0.3 }))).toThrow(
      /No KL\(p \|\| q\) is implemented for p type RelaxedBernoulli/,
    );
  });

  it('validateArgs: false skips the checks; unknown options and misshapen temperatures are refused', () => {
    expect(new Cauchy(0, -1, { validateArgs: false }).logProb(0).itemSync()).toBeNaN();
    expect(new HalfNormal(1, { validateArgs: false }).logProb(-1).itemSync()).toBe(Number.NEGATIVE_INFINITY);
    // log α − log scale − (α + 1)·log(x/scale) below the support too
    expect(new Pareto(f64([2]), f64([1]), { validateArgs: false }).logProb(1).itemSync()).toBeCloseTo(-Math.log(2) - 2 * Math.log(0.5), 12);
    expect(new StudentT(-1, 0, 1, { validateArgs: false }).validateArgs).toBe(false);
    expect(new RelaxedBernoulli(1, { probs: 2, validateArgs: false }).validateArgs).toBe(false);
    for (const [name, build] of [
      ['Cauchy', () => new Cauchy(0, 1, { seed: 1 } as never)],
      ['HalfNormal', () => new HalfNormal(1, { seed: 1 } as never)],
      ['HalfCauchy', () => new HalfCauchy(1, { seed: 1 } as never)],
      ['Gumbel', () => new Gumbel(0, 1, { seed: 1 } as never)],
      ['StudentT', () => new StudentT(1, 0, 1, { seed: 1 } as never)],
      ['Pareto', () => new Pareto(1, 1, { seed: 1 } as never)],
      ['Weibull', () => new Weibull(1, 1, { seed: 1 } as never)],
      ['FisherSnedecor', () => new FisherSnedecor(1, 1, { seed: 1 } as never)],
      ['RelaxedBernoulli', () => new RelaxedBernoulli(1, { probs: 0.5, seed: 1 } as never)],
      ['RelaxedOneHotCategorical', () => new RelaxedOneHotCategorical(1, { probs: f64([1, 1]), seed: 1 } as never)],
    ] as const)
      expect(build, name).toThrow(new RegExp(`^${name}: unknown option \`seed\``));
    expect(() => new RelaxedBernoulli(f64([1, 1, 1]), { probs: f64([0.5, 0.5]) })).toThrow(
      'RelaxedBernoulli: temperature of shape [3] must broadcast to the batch shape [2]',
    );
    expect(() => new RelaxedOneHotCategorical(f64([1, 1, 1]), { probs: f64([0.5, 0.5, 0]) })).toThrow(
      'RelaxedOneHotCategorical: temperature of shape [3] must broadcast to the batch shape []',
    );
    expect(() => new RelaxedBernoulli(tensor(1, { dtype: 'int32' }), { probs: 0.5 })).toThrow(
      /RelaxedBernoulli: expects a floating-point temperature, got int32/,
    );
  });
});

describe('shapes, defaults and KL dispatch', () => {
  it('names the parameters in toString, takes StudentT loc = 0 and scale = 1 by default, keeps float32', () => {
    expect(String(new Pareto(f64([1, 2]), 1))).toBe('Pareto(alpha: [2], scale: [2])');
    expect(String(new Weibull(1, f64([[1], [2]])))).toBe('Weibull(scale: [2, 1], concentration: [2, 1])');
    expect(String(new HalfNormal(f64([1])))).toBe('HalfNormal(scale: [1])');
    const t = new StudentT(f64([3, 5]));
    expect(String(t)).toBe('StudentT(df: [2], loc: [2], scale: [2])');
    expect(valuesOf(t.loc)).toEqual([0, 0]);
    expect(valuesOf(t.scale)).toEqual([1, 1]);
    expect(new Gumbel(0, 1).sample([3]).dtype).toBe('float32');
    const relaxed = new RelaxedOneHotCategorical(f64([0.5, 1]), {
      logits: f64([
        [0, 1, 2],
        [1, 1, 1],
      ]),
    });
    expect([relaxed.batchShape, relaxed.eventShape]).toEqual([[2], [3]]);
    expect(relaxed.rsample([4]).shape).toEqual([4, 2, 3]);
    expect(relaxed.logProb(f64([0.2, 0.3, 0.5])).shape).toEqual([2]);
    const perRow = new RelaxedBernoulli(f64([[1], [2]]), {
      probs: f64([
        [0.5, 0.2],
        [0.1, 0.3],
      ]),
    });
    expect(perRow.rsample([3]).shape).toEqual([3, 2, 2]);
  });

  it('a per-batch temperature of RelaxedOneHotCategorical acts on its own batch member', () => {
    const logits = f64([
      [0, 1, 2],
      [2, 0, -1],
    ]);
    const value = f64([0.2, 0.3, 0.5]);
    const both = valuesOf(new RelaxedOneHotCategorical(f64([0.5, 2]), { logits }).logProb(value));
    const first = new RelaxedOneHotCategorical(0.5, { logits: logits.select(0, 0) }).logProb(value).itemSync();
    const second = new RelaxedOneHotCategorical(2, { logits: logits.select(0, 1) }).logProb(value).itemSync();
    expect(both[0]).toBeCloseTo(first, 12);
    expect(both[1]).toBeCloseTo(second, 12);
  });

  it('KL(p ‖ p) is 0 for every pair of a kind; HalfNormal and HalfCauchy reduce to their bases', () => {
    const pairs: [Distribution, Distribution][] = [
      [new Cauchy(f64([0, 1]), f64([1, 2])), new Cauchy(f64([0, 1]), f64([1, 2]))],
      [new Gumbel(f64([0, 1]), f64([1, 2])), new Gumbel(f64([0, 1]), f64([1, 2]))],
      [new Pareto(f64([1, 2]), f64([0.5, 3])), new Pareto(f64([1, 2]), f64([0.5, 3]))],
      [new HalfNormal(f64([1, 2])), new HalfNormal(f64([1, 2]))],
      [new HalfCauchy(f64([1, 2])), new HalfCauchy(f64([1, 2]))],
    ];
    for (const [p, q] of pairs)
      expect(
        valuesOf(klDivergence(p, q)).every((value) => Math.abs(value) < 1e-14),
        p.name,
      ).toBe(true);
    expect(klDivergence(new HalfNormal(f64([1])), new HalfNormal(f64([2]))).itemSync()).toBeCloseTo(
      klDivergence(new Normal(0, f64([1])), new Normal(0, f64([2]))).itemSync(),
      14,
    );
    // KL(Exponential(λ) ‖ Gumbel) through Gamma(1, λ): the same closed form
    const [exponential, gamma, gumbel] = [new Exponential(f64([0.7])), new Gamma(1, f64([0.7])), new Gumbel(f64([0.3]), f64([1.4]))];
    expect(klDivergence(exponential, gumbel).itemSync()).toBeCloseTo(klDivergence(gamma, gumbel).itemSync(), 12);
  });

  it('broadcasts the masks of the Pareto pairs (where torch 1.13 fails on them)', () => {
    const kl = klDivergence(new Pareto(1, f64([0.5, 3])), new Exponential(f64([[1], [2]])));
    expect(kl.shape).toEqual([2, 2]);
    const values = valuesOf(kl);
    expect(values[0]).toBe(Number.POSITIVE_INFINITY);
    expect(values[2]).toBe(Number.POSITIVE_INFINITY);
    expect(values[1]).toBeCloseTo(klDivergence(new Pareto(f64([1]), f64([3])), new Exponential(f64([1]))).itemSync(), 12);
  });
});

describe('memory', () => {
  it('logProb, cdf, icdf, entropy, moments, rsample and klDivergence leave no intermediates once their result is disposed', () => {
    const cauchy = new Cauchy(f64([0, 1]), f64([1, 2]));
    const half = new HalfNormal(f64([1, 2]));
    const gumbel = new Gumbel(f64([0, 1]), f64([1, 2]));
    const student = new StudentT(f64([0.5, 3]), 1, f64([1, 2]));
    const pareto = new Pareto(f64([1, 2]), f64([0.5, 3]));
    const weibull = new Weibull(f64([1, 2]), f64([0.5, 3]));
    const fisher = new FisherSnedecor(f64([1, 3]), f64([3, 6]));
    const bernoulli = new RelaxedBernoulli(0.5, { probs: f64([0.3, 0.6]) });
    const categorical = new RelaxedOneHotCategorical(0.5, { logits: f64([0, 1, 2]) });
    const [positive, quantile, onSimplex] = [f64([2.5, 3]), f64([0.25, 0.5]), f64([0.2, 0.3, 0.5])];
    const calls = [
      () => cauchy.logProb(positive),
      () => cauchy.icdf(quantile),
      () => cauchy.rsample([3]),
      () => half.cdf(positive),
      () => half.rsample([2]),
      () => gumbel.cdf(positive),
      () => gumbel.rsample([2]),
      () => student.logProb(positive),
      () => student.variance,
      () => student.entropy(),
      () => student.rsample([2]),
      () => pareto.logProb(positive),
      () => pareto.variance,
      () => pareto.rsample([2]),
      () => weibull.logProb(positive),
      () => weibull.mode,
      () => fisher.logProb(positive),
      () => fisher.variance,
      () => fisher.rsample([2]),
      () => bernoulli.logProb(quantile),
      () => bernoulli.rsample([2]),
      () => categorical.logProb(onSimplex),
      () => categorical.rsample([2]),
      () => klDivergence(gumbel, gumbel),
      () => klDivergence(pareto, pareto),
      () => klDivergence(half, half),
    ];
    expectNoTensorsLeft(calls);
  });
});
