import { describe, expect, it } from 'vitest';
import { type Constraint, distributions, grad, manualSeed, randn, type Tensor, type Transform, tensor } from '../src/index.js';
import {
  type Builder,
  type DistributionCase,
  type DistributionHarness,
  expectBuilderForEveryCase,
  expectColumnMoments,
  expectLikeTorch,
  expectNoTensorsLeft,
  f64,
  type FixtureInput,
  type Inputs,
  inputsOf,
  itMatchesTorch,
  lookup,
  type QuantityFixture,
  valuesOf,
  weightedSum,
} from './helpers/distribution-fixtures.js';
import { readTorchFixture } from './helpers/torch-fixtures.js';

// torch.distributions.transforms, TransformedDistribution, MixtureSameFamily and biject_to/transform_to
// against torch 1.13 (tools/fixtures/tensor_transforms_reference.py): each transform's forward map,
// inverse and log|det J| with the gradients of Σ output·w in its inputs and parameters, float64 and
// float32, edges included (tanh near ±1, sigmoid of large |x|, a vanishing stick); shapes, event dims,
// bijective, sign and the structure of composed transforms; the transformed distributions' and the
// mixtures' logProb, cdf, icdf, mean, variance with gradients; the transform each registry picks for
// each constraint, with its values. Then what needs no torch: round trips, log|det J| against a
// finite-difference Jacobian, caching, sampling statistics (100k draws, 5 standard errors), rsample
// gradients against the formula on the same noise, validation and memory.

const {
  Normal,
  LogNormal,
  Uniform,
  Exponential,
  Independent,
  Categorical,
  TransformedDistribution,
  MixtureSameFamily,
  transforms: T,
  constraints,
  bijectTo,
  transformTo,
} = distributions;

interface TransformCase {
  name: string;
  kind: string;
  inputs: Record<string, FixtureInput>;
  quantities: Record<'forward' | 'inverse' | 'logAbsDetJacobian', QuantityFixture | undefined>;
  forwardShape: number[];
  inverseShape: number[];
  domainEventDim: number;
  codomainEventDim: number;
  bijective: boolean;
  sign: number | null;
  structure: string;
}
type RegistryResult =
  | { error: string }
  | { structure: string; forward: QuantityFixture; inverse: QuantityFixture; logAbsDetJacobian?: QuantityFixture };
interface RegistryCase {
  constraint: string;
  inputs: Record<string, FixtureInput>;
  bijectTo: RegistryResult;
  transformTo: RegistryResult;
}
interface Fixture {
  transforms: TransformCase[];
  cases: DistributionCase[];
  registry: RegistryCase[];
  errors: Record<string, string>;
}
const fixture = readTorchFixture<Fixture>('torch-transforms-reference.json');

// float64 to 1e-12 relative (|ours − torch| ≤ 1e-12·(1 + |torch|)); float32 to 1e-5, gradients too
// (the formulas are torch's, but in float32 each library rounds its own sequence of ops)
const tolerances = { tolerances: { float64: 1e-12, float32: 1e-5 } };

type Parameters = (name: string) => Tensor;
const transformBuilders: Record<string, (p: Parameters) => Transform> = {
  Exp: () => new T.ExpTransform(),
  Power: (p) => new T.PowerTransform(p('exponent')),
  'Power(0.5)': () => new T.PowerTransform(0.5),
  Sigmoid: () => new T.SigmoidTransform(),
  Tanh: () => new T.TanhTransform(),
  Abs: () => new T.AbsTransform(),
  Affine: (p) => new T.AffineTransform(p('loc'), p('scale')),
  'Affine(1.5, -2)': () => new T.AffineTransform(1.5, -2),
  'Affine(eventDim 1)': (p) => new T.AffineTransform(p('loc'), p('scale'), 1),
  'Affine(0.5, 3, eventDim 2)': () => new T.AffineTransform(0.5, 3, { eventDim: 2 }),
  Softmax: () => new T.SoftmaxTransform(),
  StickBreaking: () => new T.StickBreakingTransform(),
  LowerCholesky: () => new T.LowerCholeskyTransform(),
  'Compose(Exp, Affine)': (p) => new T.ComposeTransform([new T.ExpTransform(), new T.AffineTransform(p('loc'), p('scale'))]),
  'Compose(Affine, StickBreaking)': (p) =>
    new T.ComposeTransform([new T.AffineTransform(p('loc'), p('scale')), new T.StickBreakingTransform()]),
  'Compose(Tanh, Affine(eventDim 1))': (p) =>
    new T.ComposeTransform([new T.TanhTransform(), new T.AffineTransform(p('loc'), p('scale'), 1)]),
  identity: () => T.identityTransform,
  'Independent(Exp, 1)': () => new T.IndependentTransform(new T.ExpTransform(), 1),
  'Independent(Sigmoid, 2)': () => new T.IndependentTransform(new T.SigmoidTransform(), 2),
  'Reshape([6], [2, 3])': () => new T.ReshapeTransform([6], [2, 3]),
  'CumulativeDistribution(Normal)': (p) => new T.CumulativeDistributionTransform(new Normal(p('loc'), p('scale'))),
  'Sigmoid.inv': () => new T.SigmoidTransform().inv,
  'Tanh.inv': () => new T.TanhTransform().inv,
  'StickBreaking.inv': () => new T.StickBreakingTransform().inv,
  'Compose(Exp, Affine).inv': (p) => new T.ComposeTransform([new T.ExpTransform(), new T.AffineTransform(p('loc'), p('scale'))]).inv,
};

const transformQuantities: Record<string, (t: Transform, x: Inputs) => Tensor> = {
  forward: (t, x) => t.call(x.x!),
  inverse: (t, x) => t.inv.call(x.y!),
  logAbsDetJacobian: (t, x) => t.logAbsDetJacobian(x.x!, t.call(x.x!)),
};

describe('transforms against torch 1.13', () => {
  const cases = fixture.transforms;

  it('has a builder for every kind, and every transform kind in float64 and float32', () => {
    for (const entry of cases) expect(transformBuilders[entry.kind], entry.kind).toBeDefined();
    for (const kind of Object.keys(transformBuilders)) {
      expect(
        cases.some((entry) => entry.kind === kind && entry.inputs.x!.dtype === 'float64'),
        kind,
      ).toBe(true);
      expect(
        cases.some((entry) => entry.kind === kind && entry.inputs.x!.dtype === 'float32'),
        kind,
      ).toBe(true);
    }
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))('%s: shapes, event dims, bijective, sign, structure', (_, entry) => {
    const x = inputsOf(entry.inputs);
    const t = transformBuilders[entry.kind]!(lookup(x));
    expect(t.forwardShape(x.x!.shape)).toEqual(entry.forwardShape);
    expect(t.inverseShape(x.y!.shape)).toEqual(entry.inverseShape);
    expect(t.domain.eventDim).toBe(entry.domainEventDim);
    expect(t.codomain.eventDim).toBe(entry.codomainEventDim);
    expect(t.bijective).toBe(entry.bijective);
    if (entry.sign !== null) expect(t.sign).toBe(entry.sign);
    expect(String(t)).toBe(entry.structure);
    expect(t.inv.inv).toBe(t);
  });

  const runs = cases.flatMap((entry) =>
    Object.keys(entry.quantities).map((quantity) => [`${entry.name}: ${quantity}`, entry, quantity] as const),
  );
  it.each(runs)('%s', (label, entry, quantity) => {
    const x = inputsOf(entry.inputs);
    const t = transformBuilders[entry.kind]!(lookup(x));
    const expected = entry.quantities[quantity as keyof TransformCase['quantities']]!;
    expectLikeTorch(transformQuantities[quantity]!(t, x), expected, x, label, tolerances);
  });

  it('transforms without a log-Jacobian or a sign throw as torch raises NotImplementedError', () => {
    expect(() => new T.AbsTransform().logAbsDetJacobian(f64([1]), f64([1]))).toThrow(
      /AbsTransform.log_abs_det_jacobian is not implemented/,
    );
    expect(() => new T.SoftmaxTransform().logAbsDetJacobian(f64([1]), f64([1]))).toThrow(/not implemented/);
    expect(() => new T.StickBreakingTransform().sign).toThrow(/StickBreakingTransform.sign is not implemented/);
    expect(() => new T.ReshapeTransform([6], [2, 3]).eventDim).toThrow(/Please use either .domain.event_dim or .codomain.event_dim/);
  });
});

// ---- TransformedDistribution and MixtureSameFamily against torch ------------------------------------

const builders: Record<string, Builder> = {
  'LogNormal as Normal + Exp': (x) => new TransformedDistribution(new Normal(x('loc'), x('scale')), new T.ExpTransform()),
  'Normal + Tanh + Affine': (x) =>
    new TransformedDistribution(new Normal(x('loc'), x('scale')), [new T.TanhTransform(), new T.AffineTransform(x('a'), x('b'))]),
  'Normal + StickBreaking': (x) => new TransformedDistribution(new Normal(x('loc'), x('scale')), new T.StickBreakingTransform()),
  'scalar Normal + batched Affine': (x) =>
    new TransformedDistribution(new Normal(x('loc'), x('scale')), [new T.AffineTransform(x('a'), x('b'))]),
  'Normal + Reshape': (x) => new TransformedDistribution(new Normal(x('loc'), x('scale')), [new T.ReshapeTransform([6], [2, 3])]),
  'Uniform + logit + Affine': (x) =>
    new TransformedDistribution(new Uniform(x('low'), x('high')), [new T.SigmoidTransform().inv, new T.AffineTransform(x('a'), x('b'))]),
  'Normal + CumulativeDistribution(Normal)': (x) =>
    new TransformedDistribution(new Normal(x('loc'), x('scale')), [new T.CumulativeDistributionTransform(new Normal(x('m'), x('s')))]),
  'Exponential + Power': (x) => new TransformedDistribution(new Exponential(x('rate')), [new T.PowerTransform(x('exponent'))]),
  'Independent Normal + Affine(eventDim 1)': (x) =>
    new TransformedDistribution(new Independent(new Normal(x('loc'), x('scale')), 1), [new T.AffineTransform(x('a'), x('b'), 1)]),
  'Normal + Exp + Affine(2, -1)': (x) =>
    new TransformedDistribution(new Normal(x('loc'), x('scale')), [new T.ExpTransform(), new T.AffineTransform(2, -1)]),
  'Mixture of Normals (logits)': (x) => new MixtureSameFamily(new Categorical({ logits: x('logits') }), new Normal(x('loc'), x('scale'))),
  'Mixture of Normals (probs)': (x) => new MixtureSameFamily(new Categorical({ probs: x('probs') }), new Normal(x('loc'), x('scale'))),
  'Mixture of diagonal Normals': (x) =>
    new MixtureSameFamily(new Categorical({ logits: x('logits') }), new Independent(new Normal(x('loc'), x('scale')), 1)),
  'Mixture of LogNormals': (x) => new MixtureSameFamily(new Categorical({ probs: x('probs') }), new LogNormal(x('loc'), x('scale'))),
};
const harness: DistributionHarness = { builders, ...tolerances };

describe('TransformedDistribution and MixtureSameFamily against torch 1.13', () => {
  it('has a builder for every kind and a case of each in float64 and float32', () => {
    expectBuilderForEveryCase(fixture.cases, builders);
    for (const kind of Object.keys(builders))
      expect(fixture.cases.filter((entry) => entry.kind === kind).length, kind).toBeGreaterThanOrEqual(2);
  });

  itMatchesTorch(fixture.cases, harness);

  it('TransformedDistribution(Normal, Exp) is our LogNormal: logProb, cdf, icdf and their gradients', () => {
    const loc = f64([0.3, -1, 2], true);
    const scale = f64([0.5, 1.2, 2], true);
    const value = f64([0.4, 1.5, 7]);
    const ours = new TransformedDistribution(new Normal(loc, scale), new T.ExpTransform());
    const logNormal = new LogNormal(loc, scale);
    for (const [name, a, b] of [
      ['logProb', ours.logProb(value), logNormal.logProb(value)],
      ['cdf', ours.cdf(value), logNormal.cdf(value)],
      ['icdf', ours.icdf(f64([0.1, 0.5, 0.9])), logNormal.icdf(f64([0.1, 0.5, 0.9]))],
    ] as const) {
      valuesOf(a).forEach((v, i) => expect(v, `${name}[${i}]`).toBeCloseTo(valuesOf(b)[i]!, 12));
      const [ga, gb] = [grad(a.sum(), [loc, scale]), grad(b.sum(), [loc, scale])];
      ga.forEach((g, k) => valuesOf(g!).forEach((v, i) => expect(v, `${name} d${k}[${i}]`).toBeCloseTo(valuesOf(gb[k]!)[i]!, 12)));
    }
  });
});

// ---- biject_to and transform_to ----------------------------------------------------------------------

const constraintOf: Record<string, (x: Parameters) => Constraint> = {
  real: () => constraints.real,
  positive: () => constraints.positive,
  nonnegative: () => constraints.nonnegative,
  'greaterThan(2)': () => constraints.greaterThan(2),
  'greaterThanEq(bound)': (x) => constraints.greaterThanEq(x('bound')),
  'lessThan(3)': () => constraints.lessThan(3),
  unitInterval: () => constraints.unitInterval,
  'interval(-1, 2)': () => constraints.interval(-1, 2),
  'interval(low, high)': (x) => constraints.interval(x('low'), x('high')),
  'interval(0, high)': (x) => constraints.interval(0, x('high')),
  'halfOpenInterval(0, 1)': () => constraints.halfOpenInterval(0, 1),
  simplex: () => constraints.simplex,
  lowerCholesky: () => constraints.lowerCholesky,
  'independent(positive, 1)': () => constraints.independent(constraints.positive, 1),
  'independent(interval(-1, 2), 2)': () => constraints.independent(constraints.interval(-1, 2), 2),
  'independent(simplex, 1)': () => constraints.independent(constraints.simplex, 1),
  boolean: () => constraints.boolean,
  nonnegativeInteger: () => constraints.nonnegativeInteger,
  positiveDefinite: () => constraints.positiveDefinite,
};

describe('bijectTo and transformTo against torch 1.13', () => {
  it('covers every constraint of the fixture', () => {
    for (const entry of fixture.registry) expect(constraintOf[entry.constraint], entry.constraint).toBeDefined();
  });

  const runs = fixture.registry.flatMap((entry) =>
    (['bijectTo', 'transformTo'] as const).map((registry) => [`${registry}(${entry.constraint})`, entry, registry] as const),
  );
  it.each(runs)("%s: torch's choice of transform and its values", (label, entry, registry) => {
    const x = inputsOf(entry.inputs);
    const constraint = constraintOf[entry.constraint]!(lookup(x));
    const choose = registry === 'bijectTo' ? bijectTo : transformTo;
    const expected = entry[registry];
    if ('error' in expected) {
      expect(() => choose(constraint)).toThrow(expected.error);
      return;
    }
    // a fresh transform for each quantity: the bounds' difference (an interval's scale) is computed once per transform
    const t = choose(constraint);
    expect(String(t)).toBe(expected.structure);
    if (registry === 'bijectTo') expect(t.bijective).toBe(true);
    const y = t.call(x.x!);
    expectLikeTorch(y, expected.forward, x, `${label} forward`, tolerances);
    // the values lie in the constraint
    expect(valuesOf(constraint.check(y.detach())).every(Boolean), `${label}: in the constraint`).toBe(true);
    // torch inverts y = t(x) detached, a leaf that requires grad: the gradients are the bounds'
    const forInverse = choose(constraint);
    expectLikeTorch(
      forInverse.inv.call(forInverse.call(x.x!).detach().requiresGrad_()),
      expected.inverse,
      x,
      `${label} inverse`,
      tolerances,
    );
    const forJacobian = choose(constraint);
    if (expected.logAbsDetJacobian)
      expectLikeTorch(
        forJacobian.logAbsDetJacobian(x.x!, forJacobian.call(x.x!)),
        expected.logAbsDetJacobian,
        x,
        `${label} log|det J|`,
        tolerances,
      );
  });
});

// ---- what needs no torch ---------------------------------------------------------------------------

/** Each transform with an input of its domain, for the checks that follow. */
function sampleTransforms(): [string, Transform, Tensor][] {
  manualSeed(11);
  const x = randn([2, 3], { dtype: 'float64' });
  const positive = x.abs().add(0.2);
  return [
    ['Exp', new T.ExpTransform(), x],
    ['Power', new T.PowerTransform(f64([2.5, -1.5, 0.3])), positive],
    ['Sigmoid', new T.SigmoidTransform(), x.mul(3)],
    ['Tanh', new T.TanhTransform(), x],
    ['Affine', new T.AffineTransform(f64([1, 2, -3]), f64([2, -0.5, 1.5])), x],
    ['Affine(eventDim 1)', new T.AffineTransform(0.5, f64([2, -0.5, 1.5]), 1), x],
    ['StickBreaking', new T.StickBreakingTransform(), x],
    ['Compose(Exp, Affine)', new T.ComposeTransform([new T.ExpTransform(), new T.AffineTransform(1, f64([2, 0.5, 3]))]), x],
    ['Compose(Affine, StickBreaking)', new T.ComposeTransform([new T.AffineTransform(0.5, 2), new T.StickBreakingTransform()]), x],
    ['Compose(Tanh, Affine(eventDim 1))', new T.ComposeTransform([new T.TanhTransform(), new T.AffineTransform(1, f64([2, -1, 3]), 1)]), x],
    ['Independent(Exp, 1)', new T.IndependentTransform(new T.ExpTransform(), 1), x],
    ['Reshape([3], [3, 1])', new T.ReshapeTransform([3], [3, 1]), x],
    ['CumulativeDistribution(Normal)', new T.CumulativeDistributionTransform(new Normal(f64([0, 1, -1]), f64([1, 2, 0.5]))), x],
    ['Sigmoid.inv', new T.SigmoidTransform().inv, x.sigmoid()],
    ['StickBreaking.inv', new T.StickBreakingTransform().inv, x.softmax(-1)],
  ];
}

/** log |det A| of a square matrix by elimination with partial pivoting. */
function logAbsDet(matrix: number[][]): number {
  const a = matrix.map((row) => [...row]);
  const n = a.length;
  let total = 0;
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i]![k]!) > Math.abs(a[pivot]![k]!)) pivot = i;
    [a[k], a[pivot]] = [a[pivot]!, a[k]!];
    total += Math.log(Math.abs(a[k]![k]!));
    for (let i = k + 1; i < n; i++) {
      const factor = a[i]![k]! / a[k]![k]!;
      for (let j = k; j < n; j++) a[i]![j]! -= factor * a[k]![j]!;
    }
  }
  return total;
}

describe('transforms: round trips and the log-Jacobian', () => {
  it.each(sampleTransforms())('%s: inv(call(x)) = x and call(inv(y)) = y (float64)', (label, t, x) => {
    const y = t.call(x);
    const back = valuesOf(t.inv.call(y));
    valuesOf(x).forEach((value, i) => expect(Math.abs(back[i]! - value), `${label} x[${i}]`).toBeLessThan(1e-10 * (1 + Math.abs(value))));
    const again = valuesOf(t.call(t.inv.call(y)));
    valuesOf(y).forEach((value, i) => expect(Math.abs(again[i]! - value), `${label} y[${i}]`).toBeLessThan(1e-10 * (1 + Math.abs(value))));
  });

  it('the transforms that are not bijective are pseudo-inverses: call(inv(call(x))) = call(x)', () => {
    manualSeed(12);
    const x = randn([2, 3, 3], { dtype: 'float64' });
    for (const t of [new T.AbsTransform(), new T.SoftmaxTransform(), new T.LowerCholeskyTransform()]) {
      const y = valuesOf(t.call(x));
      valuesOf(t.call(t.inv.call(t.call(x)))).forEach((value, i) => expect(value, `${t}[${i}]`).toBeCloseTo(y[i]!, 12));
    }
  });

  it.each(sampleTransforms())('%s: log|det J| equals that of a central-difference Jacobian of one event (float64)', (label, t, x) => {
    // scalar transforms: one event of the three entries
    const vector = t.domain.eventDim === 0 ? new T.IndependentTransform(t, 1) : t;
    const row = x.narrow(0, 0, 1).squeeze(0);
    const n = row.numel();
    const base = valuesOf(row);
    const h = 1e-6;
    // a K → K + 1 stick-breaking map's log|det| is that of its first K outputs; its inverse's, that of
    // the map from the first K parts of the simplex (the last is 1 − their sum)
    const m = Math.min(n, vector.forwardShape([n])[0]!);
    const outputs = (free: number[]) => {
      const input = m < n ? [...free, 1 - free.reduce((a, b) => a + b, 0)] : free;
      return valuesOf(vector.call(f64(input))).slice(0, m);
    };
    const point = base.slice(0, m);
    const columns = point.map((_, j) => {
      const [up, down] = [outputs(point.map((v, k) => (k === j ? v + h : v))), outputs(point.map((v, k) => (k === j ? v - h : v)))];
      return up.map((value, i) => (value - down[i]!) / (2 * h));
    });
    const jacobian = Array.from({ length: m }, (_, i) => columns.map((column) => column[i]!));
    const ours = valuesOf(vector.logAbsDetJacobian(row, vector.call(row)));
    expect(ours.length, label).toBe(1);
    expect(Math.abs(ours[0]! - logAbsDet(jacobian)), `${label}: ${ours[0]} vs ${logAbsDet(jacobian)}`).toBeLessThan(
      1e-7 * (1 + Math.abs(ours[0]!)),
    );
  });

  it('log|det J| per event, summed over the dims a composition needs (batch shape kept)', () => {
    const x = f64([
      [0.1, -0.2, 0.3],
      [1, 2, -1],
    ]);
    const compose = new T.ComposeTransform([new T.AffineTransform(0, 2), new T.StickBreakingTransform()]);
    expect(compose.domain.eventDim).toBe(1);
    expect(compose.codomain.eventDim).toBe(1);
    const ladj = compose.logAbsDetJacobian(x, compose.call(x));
    expect(ladj.shape).toEqual([2]);
    const parts = new T.StickBreakingTransform().logAbsDetJacobian(x.mul(2), compose.call(x));
    valuesOf(ladj).forEach((value, i) => expect(value).toBeCloseTo(valuesOf(parts)[i]! + 3 * Math.log(2), 12));
    expect(T.identityTransform.call(x)).toBe(x);
    expect(valuesOf(T.identityTransform.logAbsDetJacobian(x, x))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('transforms: caching (cacheSize 1)', () => {
  it('returns the cached output for the same input tensor, the cached input for the same output', () => {
    const x = f64([0.5, -1]);
    const cached = new T.ExpTransform({ cacheSize: 1 });
    const y = cached.call(x);
    expect(cached.call(x)).toBe(y);
    expect(cached.inv.call(y)).toBe(x);
    expect(cached.call(f64([0.5, -1]))).not.toBe(y);
    const plain = new T.ExpTransform();
    expect(plain.call(x)).not.toBe(plain.call(x));
    expect(plain.inv.call(plain.call(x))).not.toBe(x);
  });

  it('inverts tanh at draws that rounded to ±1 (as torch recommends cache_size=1)', () => {
    const x = f64([25, -30, 0.5]);
    const cached = new T.TanhTransform({ cacheSize: 1 });
    const y = cached.call(x);
    expect(valuesOf(y).slice(0, 2)).toEqual([1, -1]);
    expect(cached.inv.call(y)).toBe(x);
    expect(valuesOf(new T.TanhTransform().inv.call(y)).slice(0, 2)).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    // a flow's logProb of its own draws stays finite with the cache
    manualSeed(13);
    const flow = new TransformedDistribution(new Normal(f64([0, 0]), f64([100, 100])), [new T.TanhTransform({ cacheSize: 1 })], {
      validateArgs: false,
    });
    const draws = flow.rsample([50]);
    expect(valuesOf(draws).filter((v) => Math.abs(v) === 1).length).toBeGreaterThan(0);
    expect(valuesOf(flow.logProb(draws)).every(Number.isFinite)).toBe(true);
  });

  it('withCache gives a copy with the cache (parts of a composition included); inv shares it', () => {
    const tanh = new T.TanhTransform();
    expect(tanh.withCache(0)).toBe(tanh);
    const cached = tanh.withCache(1);
    expect(cached).not.toBe(tanh);
    expect(cached.cacheSize).toBe(1);
    expect(tanh.inv.withCache(1).cacheSize).toBe(1);
    expect(tanh.inv.withCache(1).inv).toBeInstanceOf(T.TanhTransform);
    const compose = new T.ComposeTransform([new T.ExpTransform(), new T.AffineTransform(1, 2)], { cacheSize: 1 });
    expect(compose.parts.map((part) => part.cacheSize)).toEqual([1, 1]);
    const affine = new T.AffineTransform(1, 2, 1).withCache(1) as InstanceType<typeof T.AffineTransform>;
    expect([affine.eventDim, affine.cacheSize]).toEqual([1, 1]);
    expect(() => new T.ExpTransform({ cacheSize: 2 as 1 })).toThrow(fixture.errors.cache_size!);
  });
});

// ---- sampling -----------------------------------------------------------------------------------------

const DRAWS = 100_000;

/** Mean, variance and kurtosis of a one-dimensional Gaussian mixture, in closed form. */
function gaussianMixtureMoments(weights: number[], means: number[], sds: number[]): { mean: number; variance: number; kurtosis: number } {
  const total = weights.reduce((a, b) => a + b, 0);
  const w = weights.map((value) => value / total);
  const mean = w.reduce((sum, p, k) => sum + p * means[k]!, 0);
  const variance = w.reduce((sum, p, k) => sum + p * (sds[k]! ** 2 + (means[k]! - mean) ** 2), 0);
  // E(X − m)⁴ = Σ wₖ (dₖ⁴ + 6dₖ²σₖ² + 3σₖ⁴), dₖ = μₖ − m
  const fourth = w.reduce((sum, p, k) => {
    const d = means[k]! - mean;
    return sum + p * (d ** 4 + 6 * d * d * sds[k]! ** 2 + 3 * sds[k]! ** 4);
  }, 0);
  return { mean, variance, kurtosis: fourth / variance ** 2 };
}

describe('sampling (seeded, 100k draws)', () => {
  it('MixtureSameFamily of normals: mean, variance (5 standard errors) as the closed form, which mean and variance give', () => {
    manualSeed(21);
    const [weights, means, sds] = [
      [0.2, 0.5, 0.3],
      [-2, 0.5, 3],
      [0.5, 1, 0.7],
    ];
    const gmm = new MixtureSameFamily(new Categorical({ probs: f64(weights) }), new Normal(f64(means), f64(sds)));
    const moments = gaussianMixtureMoments(weights, means, sds);
    expect(valuesOf(gmm.mean)[0]).toBeCloseTo(moments.mean, 12);
    expect(valuesOf(gmm.variance)[0]).toBeCloseTo(moments.variance, 12);
    const draws = gmm.sample([DRAWS]);
    expect(draws.shape).toEqual([DRAWS]);
    expect(draws.requiresGrad).toBe(false);
    expectColumnMoments(draws.unsqueeze(-1), [moments.mean], [moments.variance], [moments.kurtosis]);
  });

  it('MixtureSameFamily of diagonal normals, batched, with a mixture batch that broadcasts: each column as its closed form', () => {
    manualSeed(22);
    // batch [2], components 3, events [2]; the mixture has no batch (it broadcasts)
    const weights = [0.6, 0.1, 0.3];
    const means = [
      [
        [-1, 2],
        [0, 0],
        [3, -1],
      ],
      [
        [1, 1],
        [-2, 4],
        [0.5, 0],
      ],
    ];
    const sds = [
      [
        [1, 0.5],
        [0.3, 2],
        [0.8, 1],
      ],
      [
        [0.5, 0.5],
        [1, 1.5],
        [2, 0.2],
      ],
    ];
    const gmm = new MixtureSameFamily(
      new Categorical({ logits: f64(weights.map(Math.log)) }),
      new Independent(new Normal(tensor(means, { dtype: 'float64' }), tensor(sds, { dtype: 'float64' })), 1),
    );
    expect([gmm.batchShape, gmm.eventShape]).toEqual([[2], [2]]);
    const draws = gmm.sample([DRAWS]);
    expect(draws.shape).toEqual([DRAWS, 2, 2]);
    const columns = [0, 1].flatMap((b) =>
      [0, 1].map((e) =>
        gaussianMixtureMoments(
          weights,
          means[b]!.map((m) => m[e]!),
          sds[b]!.map((s) => s[e]!),
        ),
      ),
    );
    expectColumnMoments(
      draws,
      columns.map((c) => c.mean),
      columns.map((c) => c.variance),
      columns.map((c) => c.kurtosis),
    );
    valuesOf(gmm.mean).forEach((value, i) => expect(value).toBeCloseTo(columns[i]!.mean, 12));
    valuesOf(gmm.variance).forEach((value, i) => expect(value).toBeCloseTo(columns[i]!.variance, 12));
  });

  it('a scalar base broadcast by the transforms draws independent batch members', () => {
    manualSeed(23);
    const d = new TransformedDistribution(new Normal(f64(0), f64(1)), new T.AffineTransform(f64([1, -2, 3]), f64([0.5, 2, 1])));
    expect(d.batchShape).toEqual([3]);
    const draws = d.sample([DRAWS]);
    expect(draws.shape).toEqual([DRAWS, 3]);
    expectColumnMoments(draws, [1, -2, 3], [0.25, 4, 1], [3, 3, 3]);
    // independent columns: each correlation within 5/√n of 0
    const values = valuesOf(draws);
    const column = (j: number) => values.filter((_, i) => i % 3 === j);
    const standard = [0, 1, 2].map((j) => column(j).map((v) => (v - [1, -2, 3][j]!) / [0.5, 2, 1][j]!));
    for (const [a, b] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      const correlation = standard[a]!.reduce((sum, v, i) => sum + v * standard[b]![i]!, 0) / DRAWS;
      expect(Math.abs(correlation), `columns ${a}, ${b}`).toBeLessThan(5 / Math.sqrt(DRAWS));
    }
  });

  it('Normal + StickBreaking draws lie on the simplex, and the logistic flow Uniform + logit + Affine has the logistic moments', () => {
    manualSeed(24);
    const sticks = new TransformedDistribution(new Normal(f64([0, 1, -1]), f64([1, 0.5, 2])), new T.StickBreakingTransform());
    expect([sticks.batchShape, sticks.eventShape]).toEqual([[], [4]]);
    const draws = sticks.sample([1000]);
    expect(Math.max(...valuesOf(draws.sum(-1)).map((sum) => Math.abs(sum - 1)))).toBeLessThan(1e-12);
    expect(valuesOf(draws).every((v) => v >= 0)).toBe(true);
    expect(valuesOf(sticks.logProb(draws)).every(Number.isFinite)).toBe(true);
    const [a, b] = [1.5, 0.7];
    const logistic = new TransformedDistribution(new Uniform(f64(0), f64(1)), [new T.SigmoidTransform().inv, new T.AffineTransform(a, b)]);
    expectColumnMoments(logistic.sample([DRAWS]).unsqueeze(-1), [a], [(Math.PI * b) ** 2 / 3], [4.2]);
  });
});

describe('rsample: gradients through the transforms', () => {
  it('a + b·tanh(loc + scale·ε): draws and gradients of Σ draw·w as the formula on the same noise', () => {
    const [loc, scale, a, b] = [f64([0.5, -1, 0], true), f64([1, 0.3, 2], true), f64([1, 2, -1], true), f64([0.5, -2, 3], true)];
    const flow = new TransformedDistribution(new Normal(loc, scale), [new T.TanhTransform(), new T.AffineTransform(a, b)]);
    expect(flow.hasRsample).toBe(true);
    manualSeed(31);
    const noise = valuesOf(randn([4, 3], { dtype: 'float64' }));
    manualSeed(31);
    const draws = flow.rsample([4]);
    expect(draws.shape).toEqual([4, 3]);
    const [l, s, av, bv] = [loc, scale, a, b].map(valuesOf) as [number[], number[], number[], number[]];
    const weights = Array.from({ length: 12 }, (_, i) => 0.5 + i / 11);
    const expected = { loc: [0, 0, 0], scale: [0, 0, 0], a: [0, 0, 0], b: [0, 0, 0] };
    valuesOf(draws).forEach((value, i) => {
      const j = i % 3;
      const th = Math.tanh(l[j]! + s[j]! * noise[i]!);
      expect(value).toBeCloseTo(av[j]! + bv[j]! * th, 12);
      const w = weights[i]!;
      expected.loc[j]! += w * bv[j]! * (1 - th * th);
      expected.scale[j]! += w * bv[j]! * (1 - th * th) * noise[i]!;
      expected.a[j]! += w;
      expected.b[j]! += w * th;
    });
    const gradients = grad(weightedSum(draws), [loc, scale, a, b]);
    (['loc', 'scale', 'a', 'b'] as const).forEach((name, k) =>
      valuesOf(gradients[k]!).forEach((value, j) => expect(value, `d/d${name}[${j}]`).toBeCloseTo(expected[name][j]!, 10)),
    );
    expect(flow.sample([4]).requiresGrad).toBe(false);
  });

  it('through a broadcast base, and not for a base without rsample (MixtureSameFamily has none)', () => {
    const [loc, scale] = [f64([1, 2, 3], true), f64([0.5, 1, 2], true)];
    const d = new TransformedDistribution(new Normal(f64(0), f64(1)), new T.AffineTransform(loc, scale));
    manualSeed(32);
    const noise = randn([5, 3], { dtype: 'float64' });
    manualSeed(32);
    const draws = d.rsample([5]);
    const [gLoc, gScale] = grad(draws.sum(), [loc, scale]);
    expect(valuesOf(gLoc!)).toEqual([5, 5, 5]);
    valuesOf(gScale!).forEach((value, j) => expect(value).toBeCloseTo(valuesOf(noise.sum(0))[j]!, 12));
    const gmm = new MixtureSameFamily(new Categorical({ probs: f64([0.5, 0.5]) }), new Normal(f64([0, 1]), 1));
    expect(gmm.hasRsample).toBe(false);
    expect(() => gmm.rsample()).toThrow(/rsample is not implemented/);
    expect(() => new TransformedDistribution(gmm, new T.ExpTransform()).rsample()).toThrow(/rsample is not implemented/);
  });
});

describe('validation, errors and memory', () => {
  const { errors } = fixture;

  it("rejects what torch rejects, with torch's wording", () => {
    expect(() => new MixtureSameFamily(new Normal(0, 1) as never, new Normal(f64([0, 1]), 1))).toThrow(errors['Mixture not Categorical']!);
    expect(() => new MixtureSameFamily(new Categorical({ logits: f64([0, 1, 2]) }), new Normal(f64([0, 1]), 1))).toThrow(
      errors['Mixture k']!,
    );
    expect(
      () =>
        new MixtureSameFamily(
          new Categorical({
            logits: f64([
              [0, 1],
              [0, 1],
              [0, 1],
            ]),
          }),
          new Normal(
            f64([
              [0, 1],
              [0, 1],
            ]),
            1,
          ),
        ),
    ).toThrow(/`mixture_distribution.batch_shape` \(\[3\]\) is not compatible with `component_distribution.batch_shape`\(\[2\]\)/);
    expect(errors['Mixture batch']).toContain('is not compatible with `component_distribution.batch_shape`');
    expect(() => new T.ReshapeTransform([6], [4])).toThrow(errors['Reshape numel']!);
    expect(() => new TransformedDistribution(new Normal(0, 1), 'exp' as never)).toThrow(errors['Transforms not a list']!);
    expect(() => new TransformedDistribution(new Normal(0, 1), new T.StickBreakingTransform())).toThrow(
      'base_distribution needs to have shape with size at least 1, but got []',
    );
    expect(errors['Base too small']).toContain('base_distribution needs to have shape with size at least 1, but got');
    expect(() => new T.ReshapeTransform([2, 3], [6]).forwardShape([3])).toThrow(errors['Too few dims']!);
  });

  it("a TransformedDistribution checks values against its support (the last transform's codomain)", () => {
    const d = new TransformedDistribution(new Normal(f64([0, 1]), 1), new T.TanhTransform());
    expect(String(d.support)).not.toBe('');
    expect(d.support.name).toBe('Interval(lower_bound=-1.0, upper_bound=1.0)');
    expect(() => d.logProb(f64([0.5, 1.5]))).toThrow(
      /^TransformedDistribution.logProb: Expected value argument \(Tensor of shape \[2\]\) to be within the support \(Interval\(lower_bound=-1\.0, upper_bound=1\.0\)\)/,
    );
    const unchecked = new TransformedDistribution(new Normal(f64([0, 1]), 1, { validateArgs: false }), new T.TanhTransform(), {
      validateArgs: false,
    });
    expect(valuesOf(unchecked.logProb(f64([0.5, 1.5])))[1]).toBeNaN();
    const simplex = new TransformedDistribution(new Normal(f64([0, 1]), 1), new T.StickBreakingTransform());
    expect(simplex.support.name).toBe('Simplex()');
    const reshaped = new TransformedDistribution(new Normal(f64([0, 1, 2, 3]), 1), new T.ReshapeTransform([4], [2, 2]));
    expect(reshaped.support.name).toBe('IndependentConstraint(Real(), 2)');
    expect(() => d.mean).toThrow(/NotImplementedError/);
    expect(() => d.entropy()).toThrow(/NotImplementedError/);
  });

  it('leaves no intermediate tensor behind', () => {
    const value = f64([0.3, -0.2]);
    const flow = new TransformedDistribution(new Normal(f64([0, 1]), f64([1, 2])), [
      new T.TanhTransform(),
      new T.AffineTransform(f64([0, 1]), 2),
    ]);
    const gmm = new MixtureSameFamily(new Categorical({ logits: f64([0, 1]) }), new Normal(f64([0, 1]), f64([1, 2])));
    const stick = new T.StickBreakingTransform();
    const x = f64([0.5, -1, 2]);
    const quantile = f64([0.2, 0.9]);
    const y = stick.call(x);
    expectNoTensorsLeft([
      () => flow.logProb(value),
      () => flow.cdf(value),
      () => flow.icdf(quantile),
      () => flow.sample([3]),
      () => gmm.logProb(value),
      () => gmm.variance,
      () => gmm.sample([3]),
      () => stick.call(x),
      () => stick.logAbsDetJacobian(x, y),
      () => stick.inv.call(y),
    ]);
  });
});
