import { describe, expect, it } from 'vitest';
import {
  distributions,
  getRngState,
  grad,
  igamma,
  lgamma,
  manualSeed,
  type RandomGenerator,
  standardGamma,
  standardGammaGrad,
  type Tensor,
  tensor,
} from '../src/index.js';
import { dirichletGrad, sampleDirichlet } from '../src/ops/dirichlet-sample.js';
import {
  type Builder,
  type DistributionCase,
  type DistributionHarness,
  expectBuilderForEveryCase,
  expectColumnMoments,
  expectNoTensorsLeft,
  f64,
  itMatchesTorch,
  properties,
  valuesOf,
} from './helpers/distribution-fixtures.js';
import { type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// The gamma family of torch.distributions (Gamma, Chi2, Beta, Dirichlet), torch._standard_gamma and its
// gradient, against torch 1.13 and mpmath (tools/fixtures/tensor_gamma_family_reference.py): values
// and gradients of logProb, entropy, moments, cdf and kl_divergence in float64 and float32; the
// implicit reparameterisation gradients against mpmath's exact values, against torch's approximations
// and against finite differences of igamma; then what torch's random draws cannot give: sampling
// statistics, expected gradients of rsample, reproducibility, validation errors and memory.

const { Gamma, Chi2, Beta, Dirichlet, Exponential, Laplace, klDivergence } = distributions;

interface Fixture {
  cases: DistributionCase[];
  standardGammaGrad: {
    alpha: FixtureTensor;
    x: FixtureTensor;
    float64: FixtureTensor;
    exact: number[];
    alpha32: FixtureTensor;
    x32: FixtureTensor;
    float32: FixtureTensor;
    exactFloat32: number[];
  };
  dirichletGrad: { x: FixtureTensor; alpha: FixtureTensor; total: FixtureTensor; float64: FixtureTensor; exact: number[] };
  errors: Record<string, string>;
}
const fixture = readTorchFixture<Fixture>('torch-gamma-family-reference.json');

const builders: Record<string, Builder> = {
  Gamma: (x) => new Gamma(x('concentration'), x('rate')),
  Chi2: (x) => new Chi2(x('df')),
  Beta: (x) => new Beta(x('concentration1'), x('concentration0')),
  Dirichlet: (x) => new Dirichlet(x('concentration')),
  Exponential: (x) => new Exponential(x('rate')),
};
const harness: DistributionHarness = {
  builders,
  quantities: properties('df', 'concentration1', 'concentration0'),
  // values: lgamma and digamma are accurate to about 1e-15 absolute, igamma to 5e-14 relative; in float32
  // the entropy of Gamma(40) cancels terms of size 150 (log Γ(α) against (1 − α)·ψ(α)) to 3.3, so both
  // libraries' roundings reach 1e-5 of it. Gradients: torch's trigamma (the derivative of digamma, in
  // every entropy and KL gradient) is off by up to 5e-10 relative from mpmath, where ours is not.
  tolerances: { float64: 1e-12, float32: 1e-5 },
  gradientTolerances: { float64: 1e-9, float32: 1e-5 },
};

const relative = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('the gamma family against torch 1.13', () => {
  it('has a builder for every kind the fixture uses', () => expectBuilderForEveryCase(fixture.cases, builders));

  itMatchesTorch(fixture.cases, harness);
});

describe('standardGammaGrad (torch._standard_gamma_grad)', () => {
  const reference = fixture.standardGammaGrad;
  const alpha = tensor(numbers(reference.alpha), { dtype: 'float64' });
  const x = tensor(numbers(reference.x), { dtype: 'float64' });
  const alpha32 = tensor(numbers(reference.alpha32), { dtype: 'float32' });
  const x32 = tensor(numbers(reference.x32), { dtype: 'float32' });

  it('equals the exact −∂P/∂α / p of mpmath to 1e-12 relative (float64), from x = 1e-300 to the far upper tail', () => {
    const got = valuesOf(standardGammaGrad(alpha, x));
    got.forEach((value, i) =>
      expect(relative(value, reference.exact[i]!), `α = ${numbers(reference.alpha)[i]}, x = ${numbers(reference.x)[i]}`).toBeLessThan(
        1e-12,
      ),
    );
  });

  it('in float32 gives the float32 rounding of the exact value at the float32 arguments', () => {
    const got = standardGammaGrad(alpha32, x32);
    expect(got.dtype).toBe('float32');
    valuesOf(got).forEach((value, i) => expect(relative(value, reference.exactFloat32[i]!), `index ${i}`).toBeLessThan(1e-6));
  });

  it("matches torch's approximations to their accuracy: 5e-3 relative (torch's series, saddle-point and rational fits err up to 3.6e-3 here)", () => {
    const float64 = valuesOf(standardGammaGrad(alpha, x));
    const float32 = valuesOf(standardGammaGrad(alpha32, x32));
    numbers(reference.float64).forEach((want, i) => expect(relative(float64[i]!, want), `float64 ${i}`).toBeLessThan(5e-3));
    numbers(reference.float32).forEach((want, i) => expect(relative(float32[i]!, want), `float32 ${i}`).toBeLessThan(5e-3));
  });

  it('equals −(∂P/∂α)/p with ∂P/∂α by central differences of igamma (float64, 1e-6 relative)', () => {
    // (α, x) where P is neither tiny nor near 1, so that the differences of igamma keep their digits
    const pairs = [
      [0.5, 0.05],
      [0.5, 0.9],
      [1, 0.3],
      [1, 2.5],
      [2.5, 0.7],
      [2.5, 4],
      [8.5, 6],
      [8.5, 12],
      [50, 45],
      [50, 58],
    ];
    const a = f64(pairs.map(([value]) => value!));
    const v = f64(pairs.map(([, value]) => value!));
    const step = a.mul(1e-4);
    const derivativeOfP = igamma(a.add(step), v)
      .sub(igamma(a.sub(step), v))
      .div(step.mul(2));
    // p(x; α) = x^(α−1)·e^(−x)/Γ(α)
    const density = a.sub(1).mul(v.log()).sub(v).sub(lgamma(a)).exp();
    const want = valuesOf(derivativeOfP.neg().div(density));
    valuesOf(standardGammaGrad(a, v)).forEach((value, i) =>
      expect(relative(value, want[i]!), `α = ${pairs[i]![0]}, x = ${pairs[i]![1]}`).toBeLessThan(1e-6),
    );
  });

  it('broadcasts, gives 0 at x = 0 and NaN for α ≤ 0, records no graph, refuses other dtypes', () => {
    const out = standardGammaGrad(f64([[1], [2]]), f64([0, 1, 3]));
    expect(out.shape).toEqual([2, 3]);
    expect(valuesOf(out)[0]).toBe(0);
    expect(valuesOf(standardGammaGrad(f64([0, -1]), f64([1, 1]))).every(Number.isNaN)).toBe(true);
    expect(standardGammaGrad(f64([1], true), f64([1])).requiresGrad).toBe(false);
    expect(() => standardGammaGrad(tensor([1], { dtype: 'int32' }), f64([1]))).toThrow(
      /standardGammaGrad: expects a float32 or float64 alpha, got int32/,
    );
  });
});

describe('dirichletGrad (torch._dirichlet_grad)', () => {
  const reference = fixture.dirichletGrad;
  const [x, alpha, total] = [reference.x, reference.alpha, reference.total].map((values) =>
    tensor(numbers(values), { dtype: 'float64' }),
  ) as [Tensor, Tensor, Tensor];

  it('equals the exact −∂I_x(α, β)/∂α / p / (1 − x) of mpmath to 1e-12 relative', () => {
    valuesOf(dirichletGrad(x, alpha, total)).forEach((value, i) =>
      expect(relative(value, reference.exact[i]!), `x = ${numbers(reference.x)[i]}, α = ${numbers(reference.alpha)[i]}`).toBeLessThan(
        1e-12,
      ),
    );
  });

  it("matches torch's approximation to its accuracy: 3e-2 relative (torch's errs up to 2.4e-2 here, in the upper tail of Beta(α, 100))", () => {
    const got = valuesOf(dirichletGrad(x, alpha, total));
    numbers(reference.float64).forEach((want, i) => expect(relative(got[i]!, want), `index ${i}`).toBeLessThan(3e-2));
  });
});

// Gamma(α): mean α, variance α, kurtosis 3 + 6/α
const gammaKurtosis = (alpha: number) => 3 + 6 / alpha;
// Beta(a, b): mean a/(a + b), variance ab/((a + b)²(a + b + 1)) and kurtosis
// 3 + 6((a − b)²(a + b + 1) − ab(a + b + 2))/(ab(a + b + 2)(a + b + 3))
function betaMoments(a: number, b: number): [number, number, number] {
  const total = a + b;
  const excess = (6 * ((a - b) ** 2 * (total + 1) - a * b * (total + 2))) / (a * b * (total + 2) * (total + 3));
  return [a / total, (a * b) / (total * total * (total + 1)), 3 + excess];
}
const DRAWS = 100_000;

describe('sampling statistics (seeded, 100k draws)', () => {
  it('standardGamma: mean α and variance α, for α from 0.05 to 50, in float64 and float32', () => {
    manualSeed(21);
    const alphas = [0.05, 0.5, 1, 2.5, 50];
    for (const dtype of ['float64', 'float32'] as const) {
      const draws = standardGamma(tensor(alphas, { dtype }).expand([DRAWS, alphas.length]));
      expect(draws.dtype).toBe(dtype);
      expectColumnMoments(draws, alphas, alphas, alphas.map(gammaKurtosis));
      expect(draws.amin().itemSync()).toBeGreaterThan(0);
    }
  });

  it('Gamma(α, β): mean α/β, variance α/β²; Chi2(df): mean df, variance 2df', () => {
    manualSeed(22);
    const d = new Gamma(f64([0.3, 4]), f64([2, 0.5]));
    expectColumnMoments(d.sample([DRAWS]), [0.15, 8], [0.075, 16], [gammaKurtosis(0.3), gammaKurtosis(4)]);
    expectColumnMoments(new Chi2(f64([1, 6])).rsample([DRAWS]), [1, 6], [2, 12], [gammaKurtosis(0.5), gammaKurtosis(3)]);
  });

  it('Beta(a, b): mean a/(a + b), variance ab/((a + b)²(a + b + 1)), inside (0, 1)', () => {
    manualSeed(23);
    const parameters: [number, number][] = [
      [0.5, 0.5],
      [2, 5],
      [0.2, 3],
    ];
    const draws = new Beta(f64(parameters.map(([a]) => a)), f64(parameters.map(([, b]) => b))).sample([DRAWS]);
    const moments = parameters.map(([a, b]) => betaMoments(a, b));
    expectColumnMoments(
      draws,
      moments.map(([mean]) => mean),
      moments.map(([, variance]) => variance),
      moments.map(([, , kurtosis]) => kurtosis),
    );
    expect(draws.amin().itemSync()).toBeGreaterThan(0);
    expect(draws.amax().itemSync()).toBeLessThan(1);
  });

  it('Dirichlet(α): rows on the simplex, each coordinate Beta(αᵢ, α₀ − αᵢ)', () => {
    manualSeed(24);
    const alpha = [0.3, 1.5, 4];
    const draws = new Dirichlet(f64(alpha)).sample([DRAWS]);
    expect(draws.shape).toEqual([DRAWS, 3]);
    const sums = valuesOf(draws.sum(-1));
    expect(Math.max(...sums.map((sum) => Math.abs(sum - 1)))).toBeLessThan(1e-12);
    const total = alpha.reduce((a, b) => a + b, 0);
    const moments = alpha.map((a) => betaMoments(a, total - a));
    expectColumnMoments(
      draws,
      moments.map(([mean]) => mean),
      moments.map(([, variance]) => variance),
      moments.map(([, , kurtosis]) => kurtosis),
    );
  });

  it('manualSeed (or a generator) makes the draws reproducible', () => {
    const alpha = f64([0.1, 1, 7]);
    manualSeed(25);
    const first = valuesOf(standardGamma(alpha.expand([50, 3])));
    const dirichlet = valuesOf(new Dirichlet(alpha).sample([20]));
    manualSeed(25);
    expect(valuesOf(standardGamma(alpha.expand([50, 3])))).toEqual(first);
    expect(valuesOf(new Dirichlet(alpha).sample([20]))).toEqual(dirichlet);
    expect(valuesOf(standardGamma(alpha.expand([50, 3])))).not.toEqual(first);
    // a generator of its own: the same counters give the same draws, and the global one is untouched
    const generatorAt = (start: bigint): RandomGenerator => {
      let offset = start;
      return {
        reserveRandom(size) {
          const state = { seed: 7n, offset };
          offset += BigInt(Math.ceil(size / 4));
          return state;
        },
      };
    };
    const before = getRngState();
    const own = valuesOf(standardGamma(alpha, { generator: generatorAt(0n) }));
    expect(valuesOf(standardGamma(alpha, { generator: generatorAt(0n) }))).toEqual(own);
    expect(getRngState()).toEqual(before);
  });
});

describe('rsample gradients', () => {
  const n = 40_000;
  /** The mean of per-draw values and its standard error. */
  function meanAndError(values: number[]): [number, number] {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
    return [mean, Math.sqrt(variance / values.length)];
  }
  const within5 = (values: number[], want: number, label: string) => {
    const [mean, error] = meanAndError(values);
    expect(Math.abs(mean - want), `${label}: ${mean} vs ${want} (standard error ${error})`).toBeLessThan(5 * error);
  };

  it('Gamma: E[dx/dα] = 1/β and E[d(x²)/dα] = (2α + 1)/β² within 5 standard errors; dx/dβ = −x/β exactly', () => {
    manualSeed(31);
    for (const [a, b] of [
      [0.4, 2],
      [3, 0.5],
    ] as const) {
      // one parameter per draw, so that each draw's gradient is read separately
      const alpha = tensor(new Array(n).fill(a), { dtype: 'float64', requiresGrad: true });
      const rate = tensor(new Array(n).fill(b), { dtype: 'float64', requiresGrad: true });
      const x = new Gamma(alpha, rate).rsample();
      const [dAlpha, dRate] = grad(x.sum(), [alpha, rate]);
      within5(valuesOf(dAlpha!), 1 / b, `α = ${a}: dx/dα`);
      const draws = valuesOf(x);
      within5(
        valuesOf(dAlpha!).map((derivative, i) => 2 * draws[i]! * derivative),
        (2 * a + 1) / (b * b),
        `α = ${a}: d(x²)/dα`,
      );
      valuesOf(dRate!).forEach((derivative, i) => expect(derivative).toBeCloseTo(-draws[i]! / b, 12));
      // each draw's dx/dα is standardGammaGrad at the standard draw x·β, over β
      const standard = x.detach().mul(b);
      const want = valuesOf(standardGammaGrad(alpha.detach(), standard).div(b));
      valuesOf(dAlpha!).forEach((derivative, i) => expect(relative(derivative, want[i]!)).toBeLessThan(1e-12));
    }
  }, 60_000);

  it('Beta: E[dx/da] = b/(a + b)², E[dx/db] = −a/(a + b)²; each draw moves by dirichletGrad·(1 − x)', () => {
    manualSeed(32);
    for (const [a, b] of [
      [0.5, 2],
      [4, 1.5],
    ] as const) {
      const one = tensor(new Array(n).fill(a), { dtype: 'float64', requiresGrad: true });
      const zero = tensor(new Array(n).fill(b), { dtype: 'float64', requiresGrad: true });
      const x = new Beta(one, zero).rsample();
      const [dOne, dZero] = grad(x.sum(), [one, zero]);
      within5(valuesOf(dOne!), b / (a + b) ** 2, `Beta(${a}, ${b}) dx/da`);
      within5(valuesOf(dZero!), -a / (a + b) ** 2, `Beta(${a}, ${b}) dx/db`);
      const draws = x.detach();
      const want = valuesOf(dirichletGrad(draws, one.detach(), one.detach().add(b)).mul(draws.neg().add(1)));
      valuesOf(dOne!).forEach((derivative, i) => expect(relative(derivative, want[i]!)).toBeLessThan(1e-12));
    }
  }, 60_000);

  it("Dirichlet: E[d(w·x)/dα_j] = (w_j·α₀ − w·α)/α₀², and each draw's gradient is torch's D ⊙ (w − x·w)", () => {
    manualSeed(33);
    const alpha = [0.6, 2, 3.5];
    const weights = [1, 0.5, -1];
    const concentration = tensor(
      Array.from({ length: n }, () => alpha),
      { dtype: 'float64', requiresGrad: true },
    );
    const w = f64(weights);
    const x = new Dirichlet(concentration).rsample();
    const [gradient] = grad(x.mul(w).sum(), [concentration]);
    const total = alpha.reduce((a, b) => a + b, 0);
    const weighted = alpha.reduce((sum, a, j) => sum + a * weights[j]!, 0);
    const perDraw = valuesOf(gradient!);
    alpha.forEach((_, j) =>
      within5(
        perDraw.filter((_, i) => i % 3 === j),
        (weights[j]! * total - weighted) / total ** 2,
        `dE[w·x]/dα_${j}`,
      ),
    );
    const draws = x.detach();
    const derivative = dirichletGrad(draws, concentration.detach(), f64([total]).expand([n, 3]));
    const want = valuesOf(derivative.mul(w.sub(draws.mul(w).sum(-1, true))));
    perDraw.forEach((value, i) => expect(Math.abs(value - want[i]!)).toBeLessThan(1e-12 * (1 + Math.abs(want[i]!))));
  }, 60_000);

  it('Gamma.rsample raises draws below the smallest normal number to it, as torch, keeping a finite gradient', () => {
    manualSeed(34);
    const concentration = tensor(new Array(2000).fill(0.02), { dtype: 'float32', requiresGrad: true });
    const x = new Gamma(concentration, 1e10).rsample();
    const tiny = 2 ** -126;
    const draws = valuesOf(x);
    expect(Math.min(...draws)).toBe(tiny);
    // about a quarter of Gamma(0.02) draws lie below 1e-28, hence below tiny·rate
    expect(draws.filter((value) => value === tiny).length).toBeGreaterThan(200);
    const [gradient] = grad(x.sum(), [concentration]);
    expect(valuesOf(gradient!).every(Number.isFinite)).toBe(true);
  });

  it('sample() records no graph; the backward of standardGamma is not differentiable again', () => {
    const alpha = f64([1.5, 2], true);
    expect(new Gamma(alpha, 1).sample([3]).requiresGrad).toBe(false);
    expect(new Dirichlet(alpha).rsample([3]).requiresGrad).toBe(true);
    const [first] = grad(standardGamma(alpha).sum(), [alpha], { createGraph: true });
    expect(() => grad(first!.sum(), [alpha])).toThrow();
  });
});

describe('validation and errors', () => {
  const { errors } = fixture;
  // torch's wording with its shapes, reprs and tensor printing left out
  const wording = (message: string) => message.split(/\(Tensor of shape|of distribution|, but found|:\n/)[0]!;

  it("rejects invalid parameters with torch's wording, naming the distribution, the parameter and the values", () => {
    expect(() => new Gamma(f64([1, -2]), 1)).toThrow(
      'Gamma: Expected parameter concentration (Tensor of shape [2]) of distribution Gamma(concentration: [2], rate: [2]) to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values: [1, -2]',
    );
    expect(errors['Gamma concentration']).toContain(wording(errors['Gamma concentration']!));
    expect(errors['Gamma concentration']).toContain('to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values');
    expect(() => new Gamma(1, f64([0]))).toThrow(new RegExp(`^Gamma: ${wording(errors['Gamma rate']!).replace(/[()]/g, '\\$&')}`));
    expect(() => new Chi2(-1)).toThrow(
      /^Chi2: Expected parameter df \(Tensor of shape \[\]\) of distribution Chi2\(df: \[\]\) .*: \[-1\]$/,
    );
    expect(wording(errors['Chi2 df']!)).toBe('Expected parameter df ');
    // torch reports the inner Dirichlet's stacked concentration; this names Beta's own parameter
    expect(() => new Beta(f64([1, 2]), f64([0, 1]))).toThrow(
      /^Beta: Expected parameter concentration0 .* GreaterThan\(lower_bound=0\.0\), but found invalid values: \[0, 1\]$/,
    );
    expect(() => new Dirichlet(f64([1, -1]))).toThrow(
      'Dirichlet: Expected parameter concentration (Tensor of shape [2]) of distribution Dirichlet(concentration: [2]) to satisfy the constraint IndependentConstraint(GreaterThan(lower_bound=0.0), 1), but found invalid values: [1, -1]',
    );
    expect(errors['Dirichlet concentration']).toContain('IndependentConstraint(GreaterThan(lower_bound=0.0), 1)');
    expect(() => new Dirichlet(tensor(1, { dtype: 'float64' }))).toThrow(`Dirichlet: ${errors['Dirichlet scalar']}`);
    expect(() => new Gamma(tensor([1], { dtype: 'int32' }), 1)).toThrow(/Gamma: expects floating-point parameters, got int32/);
  });

  it("rejects values outside the support with torch's wording", () => {
    expect(() => new Gamma(1, 1).logProb(-1)).toThrow(
      /^Gamma\.logProb: Expected value argument \(Tensor of shape \[\]\) to be within the support \(GreaterThanEq\(lower_bound=0\.0\)\)/,
    );
    expect(errors['Gamma value']).toMatch(/^Expected value argument \(Tensor of shape \(\)\) to be within the support \(GreaterThanEq/);
    expect(() => new Chi2(2).cdf(-0.5)).toThrow(/^Chi2\.cdf: Expected value argument/);
    expect(() => new Beta(1, 1).logProb(1.5)).toThrow(/^Beta\.logProb: .*\(Interval\(lower_bound=0\.0, upper_bound=1\.0\)\).*: \[1\.5\]$/);
    expect(errors['Beta value']).toContain('(Interval(lower_bound=0.0, upper_bound=1.0))');
    expect(() => new Dirichlet(f64([1, 1])).logProb(f64([0.5, 0.6]))).toThrow(/^Dirichlet\.logProb: .*\(Simplex\(\)\).*: \[0\.5, 0\.6\]$/);
    expect(errors['Dirichlet value']).toContain('(Simplex())');
    expect(() => new Dirichlet(f64([1, 1, 1])).logProb(f64([0.5, 0.5]))).toThrow(
      'Dirichlet.logProb: The right-most size of value must match event_shape: [2] vs [3].',
    );
    expect(errors['Dirichlet event shape']).toBe(
      'The right-most size of value must match event_shape: torch.Size([2]) vs torch.Size([3]).',
    );
  });

  it('validateArgs: false skips the checks; unknown options are refused', () => {
    expect(new Gamma(-1, 1, { validateArgs: false }).mean.itemSync()).toBe(-1);
    expect(new Dirichlet(f64([1, 1]), { validateArgs: false }).logProb(f64([0.5, 0.6])).itemSync()).toBeCloseTo(0, 12);
    expect(() => new Gamma(1, 1, { validate: false } as never)).toThrow(/Gamma: unknown option `validate`/);
    expect(() => new Beta(1, 1, { seed: 1 } as never)).toThrow(/Beta: unknown option `seed`/);
    expect(() => standardGamma(f64([1]), { seed: 1 } as never)).toThrow(/standardGamma: unknown option `seed`/);
  });

  it('standardGamma refuses other dtypes and negative or NaN concentrations, naming the op', () => {
    expect(errors['standard gamma dtype']).toContain('not implemented');
    expect(() => standardGamma(tensor([1, 2], { dtype: 'int32' }))).toThrow(
      /^standardGamma: expects a float32 or float64 concentration, got int32/,
    );
    expect(() => standardGamma(f64([1, -0.5]))).toThrow(/^standardGamma: invalid concentration -0\.5 at flat index 1 of shape \[2\]/);
    expect(() => standardGamma(f64([Number.NaN]))).toThrow(/invalid concentration NaN/);
    // α = 0 gives the smallest normal number, as torch
    expect(valuesOf(standardGamma(f64([0])))).toEqual([2 ** -1022]);
    expect(valuesOf(standardGamma(tensor([0], { dtype: 'float32' })))).toEqual([2 ** -126]);
    expect(() => sampleDirichlet(f64([1, -1]))).toThrow(/sampleDirichlet: invalid concentration -1/);
  });

  it("the cdf's gradient in the concentration is not implemented, as torch's gammainc", () => {
    expect(errors['gammainc concentration gradient']).toContain('not implemented');
    const concentration = f64([2], true);
    const cdf = new Gamma(concentration, 1).cdf(f64([1]));
    expect(() => cdf.sum().backward()).toThrow(/not implemented/);
  });
});

describe('classes, shapes and KL dispatch', () => {
  it('Gamma.logProb at x = 0: log β for α = 1 (0·log 0 = 0), −∞ above, and a finite gradient in x where torch has 0/0', () => {
    const value = f64([0, 0], true);
    const logDensity = new Gamma(f64([1, 2]), f64([3, 3])).logProb(value);
    expect(valuesOf(logDensity)).toEqual([Math.log(3), Number.NEGATIVE_INFINITY]);
    // d/dx of (α − 1)·log x − βx: −β for α = 1 (torch: NaN), +∞ for α = 2 (as torch)
    const [gradient] = grad(logDensity.sum(), [value]);
    expect(valuesOf(gradient!)).toEqual([-3, Number.POSITIVE_INFINITY]);
  });

  it('Chi2 is a Gamma with rate ½; Beta and Dirichlet shapes and names', () => {
    const chi2 = new Chi2(f64([2, 4]));
    expect(chi2).toBeInstanceOf(Gamma);
    expect(valuesOf(chi2.rate)).toEqual([0.5, 0.5]);
    expect(String(chi2)).toBe('Chi2(df: [2])');
    expect(String(new Gamma(f64([1, 2]), 1))).toBe('Gamma(concentration: [2], rate: [2])');
    const beta = new Beta(1, f64([[1], [2]]));
    expect(beta.batchShape).toEqual([2, 1]);
    expect(beta.rsample([5]).shape).toEqual([5, 2, 1]);
    const dirichlet = new Dirichlet(f64([[1, 2, 3]]));
    expect([dirichlet.batchShape, dirichlet.eventShape]).toEqual([[1], [3]]);
    expect(dirichlet.rsample([4, 2]).shape).toEqual([4, 2, 1, 3]);
    expect(new Gamma(f64([1, 2]), 1).rsample([3]).shape).toEqual([3, 2]);
  });

  it('KL(p ‖ p) is 0 and Chi2 pairs with Gamma and Exponential', () => {
    const gamma = new Gamma(f64([0.5, 3]), f64([2, 1]));
    expect(valuesOf(klDivergence(gamma, gamma)).every((value) => Math.abs(value) < 1e-14)).toBe(true);
    const beta = new Beta(f64([0.5, 3]), f64([2, 1]));
    expect(valuesOf(klDivergence(beta, beta)).every((value) => Math.abs(value) < 1e-14)).toBe(true);
    // Exponential(λ) is Gamma(1, λ)
    const exponential = new Exponential(f64([0.7]));
    expect(klDivergence(exponential, new Gamma(1, f64([0.7]))).itemSync()).toBeCloseTo(0, 14);
    expect(klDivergence(new Gamma(1, f64([0.7])), exponential).itemSync()).toBeCloseTo(0, 14);
    expect(klDivergence(new Chi2(f64([2])), new Exponential(f64([0.5]))).itemSync()).toBeCloseTo(0, 14);
    // torch registers Beta–Gamma (0.5 here, test/distributions-remaining.test.ts) but not Beta–Laplace
    expect(() => klDivergence(new Beta(1, 1), new Laplace(0, 1))).toThrow(
      /No KL\(p \|\| q\) is implemented for p type Beta and q type Laplace/,
    );
  });
});

describe('memory', () => {
  it('logProb, entropy, rsample and klDivergence leave no intermediates once their result is disposed', () => {
    const gamma = new Gamma(f64([0.5, 2]), f64([1, 3]));
    const beta = new Beta(f64([0.5, 2]), f64([1, 3]));
    const dirichlet = new Dirichlet(f64([[1, 2, 3]]));
    const [positive, inside, onSimplex] = [f64([0.5, 1]), f64([0.5, 0.25]), f64([0.2, 0.3, 0.5])];
    const calls = [
      () => gamma.logProb(positive),
      () => gamma.cdf(positive),
      () => gamma.entropy(),
      () => gamma.rsample([3]),
      () => beta.logProb(inside),
      () => beta.rsample([2]),
      () => beta.mode,
      () => dirichlet.logProb(onSimplex),
      () => dirichlet.entropy(),
      () => dirichlet.mode,
      () => dirichlet.rsample([2]),
      () => klDivergence(dirichlet, dirichlet),
      () => klDivergence(beta, beta),
      () => klDivergence(gamma, gamma),
    ];
    expectNoTensorsLeft(calls);
  });
});
