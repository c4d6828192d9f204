import { describe, expect, it } from 'vitest';
import { type Distribution, distributions, grad, manualSeed, randn, type Tensor, tensor } from '../src/index.js';
import { bartlett } from '../src/distributions/wishart.js';
import type { Transform } from '../src/distributions/transform.js';
import type { Constraint } from '../src/distributions/constraints.js';
import {
  type Builder,
  type DistributionCase,
  type DistributionHarness,
  type DrawCase,
  columnMoments,
  expectBuilderForEveryCase,
  expectColumnMoments,
  expectDrawGradients,
  expectDrawValues,
  expectLikeTorch,
  f64,
  type Inputs,
  inputsOf,
  itMatchesTorch,
  lookup,
  noiseOf,
  properties,
  sharedBuilders,
  validation,
  valuesOf,
  weightedSum,
  type FixtureInput,
  type QuantityFixture,
} from './helpers/distribution-fixtures.js';
import { type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// What torch.distributions 1.13 has that @dl lacked, against torch
// (tools/fixtures/tensor_distributions_remaining_reference.py): expand on every distribution, the
// SoftplusTransform, CorrCholeskyTransform, CatTransform and StackTransform and the registries' choices
// for corrCholesky, cat and stack, Wishart and LogisticNormal, and torch's KL pairs of different
// families with TransformedDistribution's and Wishart's own; each value with the gradient of Σ output·w
// in every input, float64 and float32. Then Wishart's Bartlett draw on fixed noise, the moments of
// seeded draws, validation errors and the instance semantics of expand.

const {
  Normal,
  Gamma,
  Chi2,
  Beta,
  Dirichlet,
  Uniform,
  Bernoulli,
  Binomial,
  Categorical,
  OneHotCategorical,
  Multinomial,
  Poisson,
  Geometric,
  NegativeBinomial,
  StudentT,
  FisherSnedecor,
  HalfNormal,
  HalfCauchy,
  LogNormal,
  Pareto,
  Weibull,
  Kumaraswamy,
  ContinuousBernoulli,
  VonMises,
  RelaxedBernoulli,
  RelaxedOneHotCategorical,
  MultivariateNormal,
  LowRankMultivariateNormal,
  Independent,
  MixtureSameFamily,
  TransformedDistribution,
  LogisticNormal,
  LKJCholesky,
  Wishart,
  Laplace,
  Cauchy,
  Gumbel,
  Exponential,
  klDivergence,
  transforms: T,
  constraints,
  bijectTo,
  transformTo,
} = distributions;

interface TransformCase {
  name: string;
  kind: string;
  inputs: Record<string, FixtureInput>;
  quantities: Record<'forward' | 'inverse' | 'logAbsDetJacobian', QuantityFixture>;
  forwardShape: number[];
  inverseShape: number[];
  domainEventDim: number;
  codomainEventDim: number;
  bijective: boolean;
  sign: number | null;
}
interface RegistryCase {
  constraint: string;
  x: FixtureTensor;
  bijectTo: { structure: string; output: FixtureTensor };
  transformTo: { structure: string; output: FixtureTensor };
}
type ExpandCase = DistributionCase & { expandTo?: number[] };
interface Fixture {
  transforms: TransformCase[];
  registry: RegistryCase[];
  cases: ExpandCase[];
  bartlett: DrawCase[];
  errors: Record<string, string>;
}
const fixture = readTorchFixture<Fixture>('torch-distributions-remaining-reference.json');

// float64 to 1e-12 relative, float32 to 2e-5 (each library rounds its own sequence of float32 ops;
// the Wishart's log-determinants and solves add a few roundings)
const tolerances = { tolerances: { float64: 1e-12, float32: 2e-5 } };

// ---- transforms ----------------------------------------------------------------------------------

const transformBuilders: Record<string, () => Transform> = {
  Softplus: () => new T.SoftplusTransform(),
  'Softplus.inv': () => new T.SoftplusTransform().inv,
  CorrCholesky: () => new T.CorrCholeskyTransform(),
  'Cat(Exp, identity, Softplus; dim -1, lengths 2, 1, 2)': () =>
    new T.CatTransform([new T.ExpTransform(), T.identityTransform, new T.SoftplusTransform()], { dim: -1, lengths: [2, 1, 2] }),
  'Cat(Exp, Sigmoid; dim 0, lengths 1, 2)': () =>
    new T.CatTransform([new T.ExpTransform(), new T.SigmoidTransform()], { dim: 0, lengths: [1, 2] }),
  'Cat(Independent(Exp, 1), Independent(Sigmoid, 1); dim -1, lengths 2, 3)': () =>
    new T.CatTransform([new T.IndependentTransform(new T.ExpTransform(), 1), new T.IndependentTransform(new T.SigmoidTransform(), 1)], {
      dim: -1,
      lengths: [2, 3],
    }),
  'Stack(Exp, Softplus, Sigmoid; dim 1)': () =>
    new T.StackTransform([new T.ExpTransform(), new T.SoftplusTransform(), new T.SigmoidTransform()], { dim: 1 }),
  'Stack(Tanh, Affine(2, -3); dim -1)': () => new T.StackTransform([new T.TanhTransform(), new T.AffineTransform(2, -3)], { dim: -1 }),
};

const transformQuantities: Record<string, (t: Transform, x: Inputs) => Tensor> = {
  forward: (t, x) => t.call(x.x!),
  inverse: (t, x) => t.inv.call(x.y!),
  logAbsDetJacobian: (t, x) => t.logAbsDetJacobian(x.x!, t.call(x.x!)),
};

describe('SoftplusTransform, CorrCholeskyTransform, CatTransform and StackTransform against torch 1.13', () => {
  it('has a builder for every kind and a case of each in float64 and float32', () => {
    for (const entry of fixture.transforms) expect(transformBuilders[entry.kind], entry.kind).toBeDefined();
    for (const kind of Object.keys(transformBuilders))
      for (const dtype of ['float64', 'float32'])
        expect(
          fixture.transforms.some((entry) => entry.kind === kind && entry.inputs.x!.dtype === dtype),
          `${kind} ${dtype}`,
        ).toBe(true);
  });

  it.each(fixture.transforms.map((entry) => [entry.name, entry] as const))('%s: shapes, event dims, bijective, sign', (_, entry) => {
    const x = inputsOf(entry.inputs);
    const t = transformBuilders[entry.kind]!();
    expect(t.forwardShape(x.x!.shape)).toEqual(entry.forwardShape);
    expect(t.inverseShape(x.y!.shape)).toEqual(entry.inverseShape);
    expect(t.domain.eventDim).toBe(entry.domainEventDim);
    expect(t.codomain.eventDim).toBe(entry.codomainEventDim);
    expect(t.bijective).toBe(entry.bijective);
    if (entry.sign !== null) expect(t.sign).toBe(entry.sign);
    expect(t.inv.inv).toBe(t);
  });

  const runs = fixture.transforms.flatMap((entry) =>
    Object.keys(entry.quantities).map((quantity) => [`${entry.name}: ${quantity}`, entry, quantity] as const),
  );
  it.each(runs)('%s', (label, entry, quantity) => {
    const x = inputsOf(entry.inputs);
    const t = transformBuilders[entry.kind]!();
    const expected = entry.quantities[quantity as keyof TransformCase['quantities']];
    expectLikeTorch(transformQuantities[quantity]!(t, x), expected, x, label, tolerances);
  });

  it('CorrCholeskyTransform maps onto corrCholesky and back; Cat and Stack codomains check their parts', () => {
    const t = new T.CorrCholeskyTransform();
    const x = randn([4, 6], { dtype: 'float64' }).mul(2);
    const y = t.call(x);
    expect(valuesOf(constraints.corrCholesky.check(y)).every(Boolean)).toBe(true);
    valuesOf(t.inv.call(y)).forEach((value, i) => expect(value).toBeCloseTo(valuesOf(x)[i]!, 9));
    expect(() => t.eventDim).toThrow(/Please use either .domain.event_dim or .codomain.event_dim/);
    expect(() => t.forwardShape([5])).toThrow(/CorrCholeskyTransform.forwardShape: Input is not a flattend lower-diagonal number/);
    expect(() => t.inverseShape([3, 4])).toThrow(/CorrCholeskyTransform.inverseShape: Input is not square/);
    const cat = new T.CatTransform([new T.ExpTransform(), new T.SigmoidTransform()], { dim: 0, lengths: [1, 2] });
    expect(valuesOf(cat.codomain.check(f64([0.5, 0.5, 2])))).toEqual([1, 1, 0]);
    expect(valuesOf(cat.domain.check(f64([0.5, Number.NaN, 2])))).toEqual([1, 0, 1]);
    const stack = new T.StackTransform([new T.ExpTransform(), new T.SigmoidTransform()], { dim: 1 });
    expect(
      valuesOf(
        stack.codomain.check(
          f64([
            [0.5, 0.5],
            [-1, 2],
          ]),
        ),
      ),
    ).toEqual([1, 1, 0, 0]);
    expect(() => cat.call(f64([1, 2]))).toThrow(/CatTransform.call: expected size 3 \(the sum of lengths\) along dim 0, got 2/);
    expect(() => stack.call(f64([[1, 2, 3]]))).toThrow(/StackTransform.call: expected 2 slices \(one per transform\) along dim 1, got 3/);
    expect(() => new T.CatTransform([new T.ExpTransform()], { lengths: [1, 2] })).toThrow(/CatTransform: lengths must hold one whole size/);
    expect(() => new T.StackTransform([new T.ExpTransform()], { dims: 1 } as unknown as { dim: number })).toThrow(/StackTransform/);
  });

  it('withCache keeps the parts and gives each a cache', () => {
    const cat = new T.CatTransform([new T.ExpTransform(), new T.SoftplusTransform()], { dim: -1, lengths: [1, 1] }).withCache(
      1,
    ) as InstanceType<typeof T.CatTransform>;
    expect(cat.cacheSize).toBe(1);
    expect(cat.transforms.every((part) => part.cacheSize === 1)).toBe(true);
    const x = f64([0.5, -1]);
    expect(cat.call(x)).toBe(cat.call(x));
    expect(new T.SoftplusTransform().withCache(1).cacheSize).toBe(1);
  });
});

// ---- biject_to and transform_to ------------------------------------------------------------------

/** A transform as torch's class names read: the parts of Cat, Stack and Compose in brackets. */
function structure(t: Transform): string {
  const parts =
    (t as unknown as { transforms?: Transform[]; parts?: Transform[] }).transforms ?? (t as unknown as { parts?: Transform[] }).parts;
  return parts ? `${t.name}(${parts.map(structure).join(', ')})` : `${t.name}()`;
}

const registryConstraints: Record<string, () => Constraint> = {
  corrCholesky: () => constraints.corrCholesky,
  'cat(positive, real, unitInterval; dim 0, lengths 2, 1, 1)': () =>
    constraints.cat([constraints.positive, constraints.real, constraints.unitInterval], 0, [2, 1, 1]),
  'stack(positive, independent(real, 1); dim 0)': () =>
    constraints.stack([constraints.positive, constraints.independent(constraints.real, 1)], 0),
};

describe('bijectTo and transformTo of corrCholesky, cat and stack against torch 1.13', () => {
  const runs = fixture.registry.flatMap((entry) =>
    (['bijectTo', 'transformTo'] as const).map((registry) => [`${registry}(${entry.constraint})`, entry, registry] as const),
  );
  it.each(runs)("%s: torch's choice and its values", (label, entry, registry) => {
    const constraint = registryConstraints[entry.constraint]!();
    const t = (registry === 'bijectTo' ? bijectTo : transformTo)(constraint);
    expect(structure(t), label).toBe(entry[registry].structure);
    const x = tensor(numbers(entry.x), { shape: entry.x.shape, dtype: 'float64' });
    const got = valuesOf(t.call(x));
    numbers(entry[registry].output).forEach((want, i) =>
      expect(Math.abs(got[i]! - want), `${label}[${i}]`).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(want))),
    );
  });
});

// ---- Wishart, LogisticNormal, expand and the KL pairs ----------------------------------------------

const expandedBuilders: Record<string, (x: (name: string) => Tensor) => Distribution> = {
  Normal: (x) => new Normal(x('loc'), x('scale')),
  Laplace: (x) => new Laplace(x('loc'), x('scale')),
  Cauchy: (x) => new Cauchy(x('loc'), x('scale')),
  Gumbel: (x) => new Gumbel(x('loc'), x('scale')),
  Exponential: (x) => new Exponential(x('rate')),
  Gamma: (x) => new Gamma(x('concentration'), x('rate')),
  Chi2: (x) => new Chi2(x('df')),
  Beta: (x) => new Beta(x('concentration1'), x('concentration0')),
  Uniform: (x) => new Uniform(x('low'), x('high')),
  Dirichlet: (x) => new Dirichlet(x('concentration')),
  Bernoulli: (x) => new Bernoulli({ probs: x('probs') }),
  Binomial: (x) => new Binomial(x('totalCount'), { probs: x('probs') }),
  Categorical: (x) => new Categorical({ logits: x('logits') }),
  OneHotCategorical: (x) => new OneHotCategorical({ probs: x('probs') }),
  Multinomial: (x) => new Multinomial(4, { logits: x('logits') }),
  Poisson: (x) => new Poisson(x('rate')),
  Geometric: (x) => new Geometric({ probs: x('probs') }),
  NegativeBinomial: (x) => new NegativeBinomial(x('totalCount'), { logits: x('logits') }),
  StudentT: (x) => new StudentT(x('df'), x('loc'), x('scale')),
  FisherSnedecor: (x) => new FisherSnedecor(x('df1'), x('df2')),
  HalfNormal: (x) => new HalfNormal(x('scale')),
  HalfCauchy: (x) => new HalfCauchy(x('scale')),
  LogNormal: (x) => new LogNormal(x('loc'), x('scale')),
  Pareto: (x) => new Pareto(x('scale'), x('alpha')),
  Weibull: (x) => new Weibull(x('scale'), x('concentration')),
  Kumaraswamy: (x) => new Kumaraswamy(x('concentration1'), x('concentration0')),
  ContinuousBernoulli: (x) => new ContinuousBernoulli({ probs: x('probs') }),
  VonMises: (x) => new VonMises(x('loc'), x('concentration')),
  RelaxedBernoulli: (x) => new RelaxedBernoulli(x('temperature'), { logits: x('logits') }),
  RelaxedOneHotCategorical: (x) => new RelaxedOneHotCategorical(x('temperature'), { probs: x('probs') }),
  MultivariateNormal: (x) => new MultivariateNormal(x('loc'), { covarianceMatrix: x('covarianceMatrix') }),
  LowRankMultivariateNormal: (x) => new LowRankMultivariateNormal(x('loc'), x('covFactor'), x('covDiag')),
  Independent: (x) => new Independent(new Normal(x('loc'), x('scale')), 1),
  MixtureSameFamily: (x) => new MixtureSameFamily(new Categorical({ logits: x('logits') }), new Normal(x('loc'), x('scale'))),
  TransformedDistribution: (x) =>
    new TransformedDistribution(new Normal(x('loc'), x('scale')), [new T.TanhTransform(), new T.AffineTransform(1, 2)]),
  LogisticNormal: (x) => new LogisticNormal(x('loc'), x('scale')),
  LKJCholesky: (x) => new LKJCholesky(3, x('concentration')),
  Wishart: (x) => new Wishart(x('df'), { scaleTril: x('scaleTril') }),
};
/** The classes the expanded distributions must still be (torch's expand returns the same class). */
const expandedClasses: Record<string, abstract new (...args: never[]) => Distribution> = {
  Normal,
  Laplace,
  Cauchy,
  Gumbel,
  Exponential,
  Gamma,
  Chi2,
  Beta,
  Uniform,
  Dirichlet,
  Bernoulli,
  Binomial,
  Categorical,
  OneHotCategorical,
  Multinomial,
  Poisson,
  Geometric,
  NegativeBinomial,
  StudentT,
  FisherSnedecor,
  HalfNormal,
  HalfCauchy,
  LogNormal,
  Pareto,
  Weibull,
  Kumaraswamy,
  ContinuousBernoulli,
  VonMises,
  RelaxedBernoulli,
  RelaxedOneHotCategorical,
  MultivariateNormal,
  LowRankMultivariateNormal,
  Independent,
  MixtureSameFamily,
  TransformedDistribution,
  LogisticNormal,
  LKJCholesky,
  Wishart,
};

const builders: Record<string, Builder> = {
  ...sharedBuilders,
  'Wishart(covarianceMatrix)': (x, settings) => new Wishart(x('df'), { covarianceMatrix: x('covarianceMatrix'), ...validation(settings) }),
  'Wishart(precisionMatrix)': (x, settings) => new Wishart(x('df'), { precisionMatrix: x('precisionMatrix'), ...validation(settings) }),
  'Wishart(scaleTril, df 4.5)': (x, settings) => new Wishart(4.5, { scaleTril: x('scaleTril'), ...validation(settings) }),
  LogisticNormal: (x, settings) => new LogisticNormal(x('loc'), x('scale'), validation(settings)),
  ...Object.fromEntries(
    Object.entries(expandedBuilders).map(([family, build]) => [
      `${family}.expand`,
      (x: (name: string) => Tensor, settings: { expandTo?: number[] }) => build(x).expand(settings.expandTo!),
    ]),
  ),
};
// the gradients through ψ (entropies, the Beta and Gamma KL pairs) take our trigamma, good to about 1e-8 relative
const harness: DistributionHarness = {
  builders,
  quantities: properties('covarianceMatrix', 'precisionMatrix', 'scaleTril'),
  ...tolerances,
  gradientTolerances: { float64: 1e-8, float32: 2e-5 },
};

describe('Wishart, LogisticNormal, expand and the KL pairs of different families against torch 1.13', () => {
  it('has a builder for every case, and an expand case for every family', () => {
    expectBuilderForEveryCase(fixture.cases, builders);
    for (const family of Object.keys(expandedBuilders))
      expect(
        fixture.cases.some((entry) => entry.kind === `${family}.expand`),
        family,
      ).toBe(true);
  });

  itMatchesTorch(fixture.cases, harness);

  it.each(Object.keys(expandedBuilders))('%s.expand is the same class, over the new batch, drawing its shape', (family) => {
    const entry = fixture.cases.find((candidate) => candidate.kind === `${family}.expand`)!;
    const original = expandedBuilders[family]!(lookup(inputsOf(entry.inputs)));
    const expanded = original.expand([3, 2]);
    expect(expanded).toBeInstanceOf(expandedClasses[family]!);
    expect(expanded.constructor).toBe(original.constructor);
    expect(expanded).not.toBe(original);
    expect(original.batchShape.at(-1)).toBe(2);
    expect(expanded.batchShape).toEqual([3, 2]);
    expect(expanded.validateArgs).toBe(original.validateArgs);
    expect(expanded.sample([4]).shape).toEqual([4, 3, 2, ...original.eventShape]);
    if (expanded.hasRsample) expect(expanded.rsample().shape).toEqual([3, 2, ...original.eventShape]);
    expect(() => original.expand([3])).toThrow(new RegExp(`^${original.name}\\.expand: cannot expand batch_shape`));
  });
});

// ---- Wishart's draws -------------------------------------------------------------------------------

describe('Wishart draws', () => {
  it.each(fixture.bartlett.map((entry) => [entry.name, entry] as const))(
    '%s: the Bartlett construction on torch fixed noise, with the gradient in the covariance',
    (label, entry) => {
      const x = inputsOf(entry.inputs);
      const noise = noiseOf(entry);
      const d = new Wishart(x.df!, { covarianceMatrix: x.covarianceMatrix! });
      const dtype = x.df!.dtype;
      const sample = bartlett(d.unbroadcastedScaleTril, noise.chiSquares!.to(dtype), noise.normals!.to(dtype));
      expectLikeTorch(sample, entry, { covarianceMatrix: x.covarianceMatrix! }, label, tolerances);
    },
  );

  it('rsample is the Bartlett construction of its seeded χ² and normal draws', () => {
    const df = f64([4, 6.5], true);
    const covariance = tensor(
      [
        [2, 0.5, 0],
        [0.5, 1, 0.3],
        [0, 0.3, 1.5],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    const d = new Wishart(df, { covarianceMatrix: covariance });
    manualSeed(17);
    const ours = d.rsample([3]);
    manualSeed(17);
    const chiSquares = new Chi2(df.unsqueeze(-1).sub(f64([0, 1, 2]))).rsample([3]);
    const normals = randn([3, 2, 3], { dtype: 'float64' });
    const want = bartlett(d.unbroadcastedScaleTril, chiSquares, normals);
    expectDrawValues(ours, want, 'Wishart rsample');
    expectDrawGradients(ours, want, { df, covariance }, 'Wishart rsample');
  });

  it('draws have mean νΣ and variance ν(Σᵢⱼ² + ΣᵢᵢΣⱼⱼ); d E[ΣX]/dν = ΣΣ through the χ² draws', () => {
    const df = f64([3.5], true);
    const covariance = f64([
      [1.5, 0.4],
      [0.4, 0.8],
    ]);
    const d = new Wishart(df, { covarianceMatrix: covariance });
    manualSeed(5);
    const n = 40000;
    const draws = d.rsample([n]);
    const flat = draws.reshape([n, 4]);
    const { means } = columnMoments(flat.detach());
    // fourth moments of Wishart entries are large: kurtosis 3 + 12/ν bounds them for the diagonal, the rest less
    expectColumnMoments(flat.detach(), valuesOf(d.mean.reshape([4])), valuesOf(d.variance.reshape([4])), [
      3 + 12 / 3.5,
      6,
      6,
      3 + 12 / 3.5,
    ]);
    expect(means.length).toBe(4);
    const [gradient] = grad(draws.sum().div(n), [df]);
    // E[ΣX] = ν·ΣΣᵢⱼ, so its derivative in ν is ΣΣᵢⱼ = 3.1; the draws' spread gives about 2% here
    expect(Math.abs(valuesOf(gradient!)[0]! - 3.1)).toBeLessThan(0.1);
    expect(valuesOf(constraints.positiveDefinite.check(draws.detach().narrow(0, 0, 100))).every(Boolean)).toBe(true);
  });
});

describe('LogisticNormal draws', () => {
  it('rsample is the stick-breaking of loc + scale·ε on the seeded ε, gradients included', () => {
    const loc = f64([[0.3, -1, 0.5]], true);
    const scale = f64([0.5, 1.2, 2], true);
    manualSeed(3);
    const ours = new LogisticNormal(loc, scale).rsample([4]);
    manualSeed(3);
    const want = new T.StickBreakingTransform().call(loc.add(randn([4, 1, 3], { dtype: 'float64' }).mul(scale)));
    expectDrawValues(ours, want, 'LogisticNormal rsample');
    expectDrawGradients(ours, want, { loc, scale }, 'LogisticNormal rsample');
  });

  it('the stick-breaking inverse of the draws is N(loc, scale²); draws lie on the simplex', () => {
    const d = new LogisticNormal(f64([0.3, -1]), f64([0.5, 1.5]));
    manualSeed(9);
    const draws = d.sample([50000]);
    expect(draws.shape).toEqual([50000, 3]);
    expect(valuesOf(constraints.simplex.check(draws)).every(Boolean)).toBe(true);
    expectColumnMoments(new T.StickBreakingTransform().inv.call(draws), [0.3, -1], [0.25, 2.25], [3, 3]);
  });

  it('has no mean, variance, entropy or mode (torch raises NotImplementedError); loc and scale are the normal’s', () => {
    const d = new LogisticNormal(0.3, 2);
    expect(d.batchShape).toEqual([]);
    expect(d.eventShape).toEqual([2]);
    expect(d.loc.shape).toEqual([1]);
    expect(d.support).toBe(constraints.simplex);
    expect(() => d.mean).toThrow(/^LogisticNormal.mean is not implemented/);
    expect(() => d.variance).toThrow(/^LogisticNormal.variance is not implemented/);
    expect(() => d.entropy()).toThrow(/^LogisticNormal.entropy is not implemented/);
    expect(() => d.mode).toThrow(/^LogisticNormal.mode is not implemented/);
  });
});

// ---- validation, expand's semantics, KL's refusals -----------------------------------------------

describe('validation and refusals', () => {
  const eye2 = f64([
    [1, 0],
    [0, 1],
  ]);
  it("Wishart's invalid arguments give torch's messages, naming Wishart and the parameter", () => {
    expect(fixture.errors['Wishart df']).toContain('expected to be greater than ndim - 1 = 1');
    expect(() => new Wishart(0.5, { covarianceMatrix: eye2 })).toThrow(
      /^Wishart: Value of df=0.5 expected to be greater than ndim - 1 = 1\.$/,
    );
    // refused also without validation, as torch
    expect(() => new Wishart(f64([3, 1]), { covarianceMatrix: eye2, validateArgs: false })).toThrow(/^Wishart: Value of df=/);
    expect(() => new Wishart(3, { covarianceMatrix: eye2, scaleTril: eye2 })).toThrow(fixture.errors['Wishart two matrices']!);
    expect(() => new Wishart(3, { covarianceMatrix: f64([1, 2]) })).toThrow(/^Wishart: covarianceMatrix must be at least two-dimensional/);
    expect(fixture.errors['Wishart covariance']).toMatch(/Expected parameter covariance_matrix .* PositiveDefinite\(\)/);
    expect(
      () =>
        new Wishart(3, {
          covarianceMatrix: f64([
            [1, 2],
            [2, 1],
          ]),
        }),
    ).toThrow(
      /^Wishart: Expected parameter covarianceMatrix \(Tensor of shape \[2, 2\]\) of distribution .* to satisfy the constraint PositiveDefinite\(\)/,
    );
    expect(fixture.errors['Wishart value']).toContain('to be within the support (PositiveDefinite())');
    expect(() =>
      new Wishart(3, { covarianceMatrix: eye2 }).logProb(
        f64([
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toThrow(/^Wishart.logProb: Expected value argument .* to be within the support \(PositiveDefinite\(\)\)/);
    expect(() => new Wishart(3, { covarianceMatrix: eye2, scale: eye2 } as unknown as { covarianceMatrix: Tensor })).toThrow(/Wishart/);
  });

  it('LogisticNormal validates its scale and values under its own name (torch names its inner Normal)', () => {
    expect(fixture.errors['LogisticNormal scale']).toContain('Expected parameter scale');
    expect(() => new LogisticNormal(f64([0, 1]), f64([1, -1]))).toThrow(
      /^LogisticNormal: Expected parameter scale \(Tensor of shape \[2\]\) .* GreaterThan\(lower_bound=0\.0\)/,
    );
    expect(() => new LogisticNormal(f64([0, 1]), f64([1, -1]), { validateArgs: false })).not.toThrow();
    expect(fixture.errors['LogisticNormal value']).toContain('Simplex()');
    expect(() => new LogisticNormal(f64([0, 1]), f64([1, 1])).logProb(f64([0.5, 0.2, 0.2]))).toThrow(
      /^LogisticNormal.logProb: Expected value argument .* \(Simplex\(\)\)/,
    );
  });

  it('expand refuses a batch the current one does not broadcast to, and keeps the original intact', () => {
    expect(fixture.errors['Normal expand']).toBe('RuntimeError');
    const loc = f64([0, 1], true);
    const d = new Normal(loc, 1);
    expect(() => d.expand([3])).toThrow(/^Normal.expand: cannot expand batch_shape \[2\] to \[3\]$/);
    expect(() => d.expand([-1, 2])).toThrow(/^Normal.expand: batch_shape must be a list of whole sizes/);
    const expanded = d.expand([4, 2]);
    expect(d.batchShape).toEqual([2]);
    expect(String(expanded)).toBe('Normal(loc: [4, 2], scale: [4, 2])');
    // a view of the parameters: the gradient sums over the new dim
    const [gradient] = grad(expanded.logProb(f64([0.5, 0.5])).sum(), [loc]);
    expect(valuesOf(gradient!)).toEqual([2, -2]);
    // validation stays on, without checking the parameters again
    expect(() => expanded.logProb(f64([Number.NaN, 0]))).toThrow(/^Normal.logProb: Expected value argument/);
    const unchecked = new Normal(loc, f64([-1, 1]), { validateArgs: false }).expand([2, 2]);
    expect(unchecked.validateArgs).toBe(false);
  });

  it('expand of a subclass makes the subclass (torch’s new instance of type(self))', () => {
    class ShiftedNormal extends Normal {
      get shifted(): Tensor {
        return this.loc.add(1);
      }
    }
    const expanded = new ShiftedNormal(f64([0, 1]), 1).expand([3, 2]);
    expect(expanded).toBeInstanceOf(ShiftedNormal);
    expect(expanded.shifted.shape).toEqual([3, 2]);
    expect(new Chi2(f64([1, 2])).expand([2, 2]).df.shape).toEqual([2, 2]);
  });

  it('KL of TransformedDistributions needs equal transforms and event shapes', () => {
    expect(fixture.errors['kl different transforms']).toBe('NotImplementedError');
    const base = () => new Normal(f64([0, 1]), 1);
    expect(() =>
      klDivergence(
        new TransformedDistribution(base(), new T.ExpTransform()),
        new TransformedDistribution(base(), new T.SigmoidTransform()),
      ),
    ).toThrow(
      /^klDivergence: no KL\(p \|\| q\) is implemented for TransformedDistribution and TransformedDistribution with different transforms/,
    );
    const kl = klDivergence(
      new TransformedDistribution(base(), [new T.AffineTransform(f64([1, 2]), 3), new T.ExpTransform()]),
      new TransformedDistribution(new Normal(f64([1, 1]), 2), [new T.AffineTransform(f64([1, 2]), 3), new T.ExpTransform()]),
    );
    const want = klDivergence(base(), new Normal(f64([1, 1]), 2));
    expect(valuesOf(kl)).toEqual(valuesOf(want));
    expect(() =>
      klDivergence(
        new TransformedDistribution(base(), new T.AffineTransform(1, 2)),
        new TransformedDistribution(base(), new T.AffineTransform(1, 3)),
      ),
    ).toThrow(/different transforms/);
  });

  it('Wishart KL of a batch is each pair’s (torch sums the df term over the batch), with gradients in both', () => {
    const matrix = (a: number) =>
      f64([
        [2, a],
        [a, 1],
      ]);
    const [dfP, dfQ] = [f64([3, 5.5], true), f64([4, 2.5], true)];
    const covariance = tensor([2, 0.3, 0.3, 1, 1, -0.2, -0.2, 0.7], { shape: [2, 2, 2], dtype: 'float64', requiresGrad: true });
    const batched = klDivergence(new Wishart(dfP, { covarianceMatrix: covariance }), new Wishart(dfQ, { precisionMatrix: matrix(0.4) }));
    [0, 1].forEach((i) => {
      const single = klDivergence(
        new Wishart(dfP.select(0, i), { covarianceMatrix: covariance.select(0, i) }),
        new Wishart(dfQ.select(0, i), { precisionMatrix: matrix(0.4) }),
      );
      expect(valuesOf(batched)[i]).toBeCloseTo(valuesOf(single)[0]!, 12);
    });
    // KL(p ‖ p) = 0 with a zero gradient in p's df
    const same = klDivergence(
      new Wishart(dfP, { covarianceMatrix: covariance }),
      new Wishart(dfP.detach(), { covarianceMatrix: covariance.detach() }),
    );
    valuesOf(same).forEach((value) => expect(Math.abs(value)).toBeLessThan(1e-12));
    const [gradient] = grad(same.sum(), [dfP]);
    valuesOf(gradient!).forEach((value) => expect(Math.abs(value)).toBeLessThan(1e-12));
    const [gradientP, gradientQ] = grad(batched.sum(), [dfP, dfQ]);
    expect(valuesOf(gradientP!).every((value) => value !== 0 && Number.isFinite(value))).toBe(true);
    expect(valuesOf(gradientQ!).every((value) => value !== 0 && Number.isFinite(value))).toBe(true);
  });

  it('gradients of the expanded Wishart reach df and the scale factor once per batch member', () => {
    const df = f64([4], true);
    const d = new Wishart(df, {
      covarianceMatrix: f64([
        [2, 0.3],
        [0.3, 1],
      ]),
    }).expand([3]);
    const [gradient] = grad(weightedSum(d.entropy()), [df]);
    expect(gradient!.shape).toEqual([1]);
  });
});
