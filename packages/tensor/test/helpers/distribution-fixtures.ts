import { expect, it } from 'vitest';
import { type Distribution, distributions, grad, manualSeed, memory, type Tensor, tensor } from '../../src/index.js';
import { type DType, expectValues, type FixtureTensor, numbers, type Tolerances } from './torch-fixtures.js';

// What the torch.distributions tests share (distributions, gamma-family, discrete-distributions and
// continuous-distributions, more-distributions and distribution-transforms.test.ts): the cases their
// fixture scripts write (tools/fixtures/distribution_fixture_io.py), building a case's distribution
// from its inputs, comparing each quantity and its gradients with torch's, torch's draws on fixed
// noise against ours, and the moments and reproducibility of seeded draws.

/** torch's output of one quantity and, where it has a graph, the gradients of Σ output·w by input name. */
export interface QuantityFixture {
  output: FixtureTensor & { dtype: DType };
  gradients?: Record<string, FixtureTensor>;
}

/** A named input of a case; without requiresGrad (torch-distributions-reference.json), every floating input requires grad. */
export type FixtureInput = FixtureTensor & { dtype: DType; requiresGrad?: boolean };

/** What a case may carry besides its inputs, for the builders that need it. */
export interface CaseSettings {
  /** Multinomial's total count: a number, not an input tensor, as in torch. */
  totalCount?: number;
  /** false where torch built the distribution with validate_args=False. */
  validateArgs?: boolean;
}

/** One distribution (kind: a builder's name) or, for kind 'kl', kl_divergence(p, q) of two. */
export interface DistributionCase extends CaseSettings {
  name: string;
  kind: string;
  p?: string;
  q?: string;
  inputs: Record<string, FixtureInput>;
  batchShape?: number[];
  eventShape?: number[];
  quantities: Record<string, QuantityFixture>;
}

/** A draw of torch's rsample on fixed noise (a fixture's "rsample"), with the gradients of Σ sample·w. */
export interface DrawCase extends QuantityFixture {
  name: string;
  kind: string;
  inputs: Record<string, FixtureInput>;
  sampleShape: number[];
  noise: Record<string, FixtureTensor>;
}

/** The noise an rsample consumes, by the fixture's names. */
export type Noise = Record<string, Tensor>;

/** A draw's fixed noise as float64 tensors. */
export const noiseOf = (entry: DrawCase): Noise =>
  Object.fromEntries(
    Object.entries(entry.noise).map(([name, values]) => [name, tensor(numbers(values), { shape: values.shape, dtype: 'float64' })]),
  );

/** A kind's family, its name without the parameterisation: 'RelaxedBernoulli(probs)' → 'RelaxedBernoulli'. */
export const familyOf = (kind: string) => kind.replace(/\(.*\)$/, '');

/** A float64 tensor, the tests' usual parameter. */
export const f64 = (values: number | number[] | number[][], requiresGrad = false) => tensor(values, { dtype: 'float64', requiresGrad });
export const valuesOf = (x: Tensor) => Array.from(x.dataSync(), Number);

export type Inputs = Record<string, Tensor>;
/** Builds a distribution from a case's inputs, read by name. */
export type Builder = (input: (name: string) => Tensor, settings: CaseSettings) => Distribution;

/** The distribution's options: the edge cases torch evaluated with validate_args=False skip the checks here too. */
export const validation = (settings: CaseSettings) => ({ validateArgs: settings.validateArgs !== false });

const { Beta, Chi2, Exponential, Gamma, Gumbel, Laplace, Normal, Pareto, Uniform } = distributions;
/** The builders of the distributions several fixtures pair in KL cases, by the scripts' kinds (SHARED_BUILDERS). */
export const sharedBuilders: Record<string, Builder> = {
  Beta: (x, settings) => new Beta(x('concentration1'), x('concentration0'), validation(settings)),
  Chi2: (x, settings) => new Chi2(x('df'), validation(settings)),
  Exponential: (x, settings) => new Exponential(x('rate'), validation(settings)),
  Gamma: (x, settings) => new Gamma(x('concentration'), x('rate'), validation(settings)),
  Gumbel: (x, settings) => new Gumbel(x('loc'), x('scale'), validation(settings)),
  Laplace: (x, settings) => new Laplace(x('loc'), x('scale'), validation(settings)),
  Normal: (x, settings) => new Normal(x('loc'), x('scale'), validation(settings)),
  Pareto: (x, settings) => new Pareto(x('scale'), x('alpha'), validation(settings)),
  Uniform: (x, settings) => new Uniform(x('low'), x('high'), validation(settings)),
};
/** Evaluates one quantity of a distribution, at the case's inputs where it takes a value. */
export type Evaluator = (d: Distribution, x: Inputs) => Tensor;

/** Quantities read as the distribution's property of the same name (derived parameters such as Chi2's df). */
export function properties(...names: string[]): Record<string, Evaluator> {
  return Object.fromEntries(names.map((name) => [name, (d: Distribution) => (d as unknown as Record<string, Tensor>)[name]!]));
}

/** The quantities of the Distribution interface, by the fixtures' names. */
export const distributionQuantities: Record<string, Evaluator> = {
  logProb: (d, x) => d.logProb(x.value!),
  cdf: (d, x) => d.cdf(x.value!),
  icdf: (d, x) => d.icdf(x.quantile!),
  entropy: (d) => d.entropy(),
  mean: (d) => d.mean,
  mode: (d) => d.mode,
  variance: (d) => d.variance,
  stddev: (d) => d.stddev,
  // Bernoulli's, Categorical's and the other distributions' given by probs or logits
  ...properties('probs', 'logits'),
};

/** A case's inputs as tensors, requiring grad where torch's did. */
export function inputsOf(inputs: Record<string, FixtureInput>): Inputs {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, input]) => [
      name,
      tensor(numbers(input), {
        shape: input.shape,
        dtype: input.dtype,
        requiresGrad: input.requiresGrad ?? input.dtype.startsWith('float'),
      }),
    ]),
  );
}

/** The inputs read by name, those of one side of a KL pair by its prefix ('p.' or 'q.'). */
export const lookup =
  (x: Inputs, prefix = '') =>
  (name: string) =>
    x[prefix + name]!;

/** How a test builds its fixture's distributions, evaluates their quantities and compares them with torch's. */
export interface DistributionHarness {
  builders: Record<string, Builder>;
  /** the quantities a test's distributions add to distributionQuantities */
  quantities?: Record<string, Evaluator>;
  /** the relative tolerances of the values */
  tolerances: Tolerances;
  /** those of the gradients, the values' where absent */
  gradientTolerances?: Tolerances;
  /** runs (by label) where torch's own result is less accurate: their values and gradients compare to these */
  looserRuns?: Record<string, Tolerances>;
}

/** The case's quantity, or its KL divergence, on the inputs x. */
export function evaluate(entry: DistributionCase, quantity: string, x: Inputs, harness: DistributionHarness): Tensor {
  const { builders } = harness;
  if (entry.kind === 'kl')
    return distributions.klDivergence(builders[entry.p!]!(lookup(x, 'p.'), entry), builders[entry.q!]!(lookup(x, 'q.'), entry));
  const evaluator = harness.quantities?.[quantity] ?? distributionQuantities[quantity]!;
  return evaluator(builders[entry.kind]!(lookup(x), entry), x);
}

/** Σ output·w with torch's w (a linspace from 0.5 to 1.5 over the output's elements). */
export function weightedSum(output: Tensor): Tensor {
  const n = output.numel();
  const weights = tensor(
    Array.from({ length: n }, (_, i) => (n === 1 ? 0.5 : 0.5 + i / (n - 1))),
    { shape: output.shape, dtype: output.dtype },
  );
  return output.mul(weights).sum();
}

/**
 * Our output against torch's, then the gradients of Σ output·w in each input that requires grad: an
 * input torch has no gradient for must get none or zeros.
 */
export function expectLikeTorch(
  output: Tensor,
  expected: QuantityFixture,
  x: Inputs,
  label: string,
  { tolerances, gradientTolerances = tolerances }: Pick<DistributionHarness, 'tolerances' | 'gradientTolerances'>,
): void {
  expectValues(output, expected.output, expected.output.dtype, label, tolerances);
  if (!expected.gradients) return;
  const names = Object.keys(x).filter((name) => x[name]!.requiresGrad);
  const gradients = grad(
    weightedSum(output),
    names.map((name) => x[name]!),
    { allowUnused: true },
  );
  names.forEach((name, index) => {
    const want = expected.gradients![name];
    const got = gradients[index];
    const gradientLabel = `${label} d/d${name}`;
    if (want) {
      expect(got, gradientLabel).not.toBeNull();
      expectValues(got!, want, x[name]!.dtype as DType, gradientLabel, gradientTolerances);
    } else if (got)
      expect(
        valuesOf(got).every((value) => value === 0),
        `${label}: ${name} unused by torch`,
      ).toBe(true);
  });
}

/** Each case's quantities as test rows: [`name: quantity`, case, quantity]. */
export const quantityRuns = (cases: DistributionCase[]) =>
  cases.flatMap((entry) => Object.keys(entry.quantities).map((quantity) => [`${entry.name}: ${quantity}`, entry, quantity] as const));

/** Every case's kind (or both kinds of a KL pair) has a builder. */
export function expectBuilderForEveryCase(cases: DistributionCase[], builders: Record<string, Builder>): void {
  for (const entry of cases)
    expect(entry.kind === 'kl' ? builders[entry.p!] && builders[entry.q!] : builders[entry.kind], entry.name).toBeDefined();
}

/**
 * Registers the fixture's tests: each distribution's batchShape and eventShape, then each quantity
 * (and KL divergence) with its gradients against torch's.
 */
export function itMatchesTorch(cases: DistributionCase[], harness: DistributionHarness): void {
  it.each(cases.filter((entry) => entry.kind !== 'kl').map((entry) => [entry.name, entry] as const))(
    '%s: batchShape, eventShape',
    (_, entry) => {
      const d = harness.builders[entry.kind]!(lookup(inputsOf(entry.inputs)), entry);
      expect(d.batchShape).toEqual(entry.batchShape);
      expect(d.eventShape).toEqual(entry.eventShape);
    },
  );

  it.each(quantityRuns(cases))('%s', (label, entry, quantity) => {
    const x = inputsOf(entry.inputs);
    const looser = harness.looserRuns?.[label];
    const tolerances = looser ? { tolerances: looser, gradientTolerances: looser } : harness;
    expectLikeTorch(evaluate(entry, quantity, x, harness), entry.quantities[quantity]!, x, label, tolerances);
  });
}

/**
 * Our draw against the formula's on the same noise, both to 1e-12 relative: first the values, then
 * the gradients of Σ sample·w in every input (allowUnused where an input may not reach a draw).
 */
export function expectDrawValues(sample: Tensor, want: Tensor, label: string): void {
  expect(sample.shape).toEqual(want.shape);
  const [got, expected] = [valuesOf(sample), valuesOf(want)];
  got.forEach((value, j) =>
    expect(Math.abs(value - expected[j]!), `${label}[${j}]`).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(expected[j]!))),
  );
}

/** See expectDrawValues. */
export function expectDrawGradients(sample: Tensor, want: Tensor, x: Inputs, label: string, allowUnused = false): void {
  const names = Object.keys(x);
  // the parameters a constructor derives (probs and logits) are shared by both graphs
  const ours = grad(
    weightedSum(sample),
    names.map((name) => x[name]!),
    { retainGraph: true, allowUnused },
  );
  const formula = grad(
    weightedSum(want),
    names.map((name) => x[name]!),
    { allowUnused },
  );
  names.forEach((name, k) => {
    const [a, b] = [valuesOf(ours[k]!), valuesOf(formula[k]!)];
    a.forEach((value, j) =>
      expect(Math.abs(value - b[j]!), `${label} d/d${name}[${j}]`).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(b[j]!))),
    );
  });
}

/** Per-column values of draws [n, ...rest], flattened over rest. */
export function columns(draws: Tensor): number[][] {
  const values = valuesOf(draws);
  const width = values.length / draws.shape[0]!;
  return Array.from({ length: width }, (_, j) => values.filter((_, i) => i % width === j));
}

/** The mean of `values` lies within 5 standard errors √(variance/n) of `mean` (variance known). */
export function expectMean(values: number[], mean: number, variance: number, label: string): void {
  const got = values.reduce((a, b) => a + b, 0) / values.length;
  expect(Math.abs(got - mean), `${label}: mean ${got} vs ${mean}`).toBeLessThan(5 * Math.sqrt(variance / values.length));
}

/** Sampler i draws the same again under the seed `seed + i`, and something else when drawn on. */
export function expectReproducible(samplers: (() => Tensor)[], seed: number): void {
  samplers.forEach((sampler, i) => {
    manualSeed(seed + i);
    const first = valuesOf(sampler());
    manualSeed(seed + i);
    expect(valuesOf(sampler()), `sampler ${i}`).toEqual(first);
    expect(valuesOf(sampler()), `sampler ${i} draws again`).not.toEqual(first);
  });
}

/** The mean and the population variance of each column of draws [n, ...rest], flattened over rest. */
export function columnMoments(draws: Tensor): { means: number[]; variances: number[] } {
  const values = valuesOf(draws);
  const rows = draws.shape[0]!;
  const width = values.length / rows;
  // sums, divided once: a column of ones has mean 1 exactly
  const sums = new Array<number>(width).fill(0);
  values.forEach((value, i) => {
    sums[i % width]! += value;
  });
  const means = sums.map((sum) => sum / rows);
  const squares = new Array<number>(width).fill(0);
  values.forEach((value, i) => {
    squares[i % width]! += (value - means[i % width]!) ** 2;
  });
  return { means, variances: squares.map((sum) => sum / rows) };
}

/**
 * Each column's mean lies within 5 standard errors σ/√n of its expectation, its variance within
 * 5·σ²·√((κ − 1)/n) for kurtosis κ.
 */
export function expectColumnMoments(draws: Tensor, means: number[], variances: number[], kurtosis: number[]): void {
  const rows = draws.shape[0]!;
  const got = columnMoments(draws);
  means.forEach((mean, j) =>
    expect(Math.abs(got.means[j]! - mean), `mean ${j}: ${got.means[j]} vs ${mean}`).toBeLessThan(5 * Math.sqrt(variances[j]! / rows)),
  );
  variances.forEach((variance, j) =>
    expect(Math.abs(got.variances[j]! - variance), `variance ${j}: ${got.variances[j]} vs ${variance}`).toBeLessThan(
      5 * variance * Math.sqrt((kurtosis[j]! - 1) / rows),
    ),
  );
}

/**
 * Each call leaves no live tensor behind once its result is disposed. Every call runs once before the
 * count is taken, so that what a first call keeps for good is not counted as a leak.
 */
export function expectNoTensorsLeft(calls: (() => Tensor)[]): void {
  for (const call of calls) call().dispose();
  const before = memory().cpu!.liveTensors;
  calls.forEach((call, i) => {
    call().dispose();
    expect(memory().cpu!.liveTensors, `call ${i}`).toBe(before);
  });
}
