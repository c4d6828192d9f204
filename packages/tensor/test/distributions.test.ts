import { describe, expect, it } from 'vitest';
import { distributions, grad, manualSeed, rand, randn, type Tensor, tensor } from '../src/index.js';
import {
  type Builder,
  columnMoments,
  type DistributionCase,
  type DistributionHarness,
  expectBuilderForEveryCase,
  expectColumnMoments,
  expectNoTensorsLeft,
  f64,
  itMatchesTorch,
  properties,
} from './helpers/distribution-fixtures.js';
import { readTorchFixture } from './helpers/torch-fixtures.js';

// torch.distributions against torch 1.13 (tools/fixtures/tensor_distributions_reference.py): logProb,
// cdf, icdf, entropy, moments, mode, derived parameters and kl_divergence, with the gradient of
// Σ output·w with respect to every parameter and value, in float64 and float32. Then what torch's
// random draws cannot give: sampling statistics, the exact reparameterised gradients of rsample
// (same seed, same noise), validation errors and shapes.

const {
  Normal,
  LogNormal,
  Laplace,
  Exponential,
  Uniform,
  Bernoulli,
  Categorical,
  OneHotCategorical,
  MultivariateNormal,
  Independent,
  klDivergence,
} = distributions;

const { cases } = readTorchFixture<{ cases: DistributionCase[] }>('torch-distributions-reference.json');

const builders: Record<string, Builder> = {
  Normal: (x) => new Normal(x('loc'), x('scale')),
  'Bernoulli(probs)': (x) => new Bernoulli({ probs: x('probs') }),
  'Bernoulli(logits)': (x) => new Bernoulli({ logits: x('logits') }),
  'Categorical(probs)': (x) => new Categorical({ probs: x('probs') }),
  'Categorical(logits)': (x) => new Categorical({ logits: x('logits') }),
  'OneHotCategorical(probs)': (x) => new OneHotCategorical({ probs: x('probs') }),
  'OneHotCategorical(logits)': (x) => new OneHotCategorical({ logits: x('logits') }),
  Uniform: (x) => new Uniform(x('low'), x('high')),
  Exponential: (x) => new Exponential(x('rate')),
  Laplace: (x) => new Laplace(x('loc'), x('scale')),
  LogNormal: (x) => new LogNormal(x('loc'), x('scale')),
  'MultivariateNormal(covarianceMatrix)': (x) => new MultivariateNormal(x('loc'), { covarianceMatrix: x('covarianceMatrix') }),
  'MultivariateNormal(scaleTril)': (x) => new MultivariateNormal(x('loc'), { scaleTril: x('scaleTril') }),
  'MultivariateNormal(precisionMatrix)': (x) => new MultivariateNormal(x('loc'), { precisionMatrix: x('precisionMatrix') }),
  'Independent(Normal, 1)': (x) => new Independent(new Normal(x('loc'), x('scale')), 1),
  'Independent(Bernoulli(probs), 2)': (x) => new Independent(new Bernoulli({ probs: x('probs') }), 2),
};
const harness: DistributionHarness = {
  builders,
  quantities: properties('covarianceMatrix', 'precisionMatrix', 'scaleTril'),
  tolerances: { float64: 1e-12, float32: 1e-6 },
};

describe('distributions against torch 1.13', () => {
  it('has a builder for every fixture kind and a case for every distribution', () => {
    expectBuilderForEveryCase(cases, builders);
    expect(new Set(cases.map((entry) => entry.kind))).toEqual(new Set([...Object.keys(builders), 'kl']));
  });

  itMatchesTorch(cases, harness);
});

const DRAWS = 40000;

describe('sampling statistics (seeded, many draws)', () => {
  it('Normal: sample and rsample have mean loc and variance scale²', () => {
    manualSeed(1);
    const d = new Normal(f64([-1, 3]), f64([0.5, 2]));
    expect(d.sample([DRAWS]).shape).toEqual([DRAWS, 2]);
    expectColumnMoments(d.sample([DRAWS]), [-1, 3], [0.25, 4], [3, 3]);
    expectColumnMoments(d.rsample([DRAWS]), [-1, 3], [0.25, 4], [3, 3]);
  });

  it('Laplace: mean loc, variance 2·scale²', () => {
    manualSeed(2);
    expectColumnMoments(new Laplace(f64([0, 5]), f64([1, 0.5])).sample([DRAWS]), [0, 5], [2, 0.5], [6, 6]);
  });

  it('Exponential: mean 1/rate, variance 1/rate², never negative', () => {
    manualSeed(3);
    const draws = new Exponential(f64([0.5, 4])).sample([DRAWS]);
    expectColumnMoments(draws, [2, 0.25], [4, 1 / 16], [9, 9]);
    expect(draws.amin().itemSync()).toBeGreaterThanOrEqual(0);
  });

  it('Uniform: mean (low + high)/2, variance (high − low)²/12, inside [low, high)', () => {
    manualSeed(4);
    const draws = new Uniform(f64([-1, 2]), f64([1, 5])).sample([DRAWS]);
    expectColumnMoments(draws, [0, 3.5], [4 / 12, 9 / 12], [1.8, 1.8]);
    const { means } = columnMoments(
      draws
        .ge(f64([-1, 2]))
        .logicalAnd(draws.lt(f64([1, 5])))
        .double(),
    );
    expect(means).toEqual([1, 1]);
  });

  it('LogNormal: the logs of the draws are N(loc, scale²)', () => {
    manualSeed(5);
    expectColumnMoments(new LogNormal(f64([0.5, -1]), f64([0.3, 1])).sample([DRAWS]).log(), [0.5, -1], [0.09, 1], [3, 3]);
  });

  it('Bernoulli: 0/1 draws in the parameters dtype with frequency p', () => {
    manualSeed(6);
    const draws = new Bernoulli({ probs: f64([0.1, 0.5, 0.9]) }).sample([DRAWS]);
    expect(draws.dtype).toBe('float64');
    // the variance of a 0/1 draw is p(1 − p) by construction: the frequencies are what can go wrong
    columnMoments(draws).means.forEach((frequency, j) => {
      const p = [0.1, 0.5, 0.9][j]!;
      expect(Math.abs(frequency - p), `frequency ${j}: ${frequency}`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / DRAWS));
    });
    expect(columnMoments(draws.eq(0).logicalOr(draws.eq(1)).double()).means).toEqual([1, 1, 1]);
    manualSeed(6);
    expect(columnMoments(new Bernoulli({ logits: f64([-2.1972245773362196]) }).sample([DRAWS])).means[0]).toBeCloseTo(0.1, 1);
  });

  it('Categorical: int32 indices with the frequencies of the normalised probs, per batch row', () => {
    manualSeed(7);
    const d = new Categorical({
      probs: f64([
        [1, 2, 7],
        [5, 0, 5],
      ]),
    });
    const draws = d.sample([DRAWS]);
    expect(draws.shape).toEqual([DRAWS, 2]);
    expect(draws.dtype).toBe('int32');
    const values = Array.from(draws.dataSync(), Number);
    const want = [
      [0.1, 0.2, 0.7],
      [0.5, 0, 0.5],
    ];
    want.forEach((row, b) =>
      row.forEach((p, k) => {
        const frequency = values.filter((value, i) => i % 2 === b && value === k).length / DRAWS;
        expect(Math.abs(frequency - p), `row ${b} category ${k}: ${frequency}`).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / DRAWS));
      }),
    );
    expect(new Categorical({ logits: f64([0, 0]) }).sample([3, 4]).shape).toEqual([3, 4]);
  });

  it('OneHotCategorical: one-hot rows whose mean is probs', () => {
    manualSeed(8);
    const draws = new OneHotCategorical({ probs: f64([0.2, 0.3, 0.5]) }).sample([DRAWS]);
    expect(draws.shape).toEqual([DRAWS, 3]);
    expect(columnMoments(draws.sum(-1).unsqueeze(-1)).means).toEqual([1]);
    expectColumnMoments(draws, [0.2, 0.3, 0.5], [0.16, 0.21, 0.25], [5, 4, 2]);
  });

  it('MultivariateNormal: draws with mean loc and covariance Σ (each parameterisation)', () => {
    const covariance = [
      [2, 0.8, 0],
      [0.8, 1, -0.3],
      [0, -0.3, 0.5],
    ];
    const loc = f64([1, -2, 0]);
    const sigma = f64(covariance);
    for (const parameters of [{ covarianceMatrix: sigma }, { scaleTril: sigma.cholesky() }, { precisionMatrix: sigma.inverse() }]) {
      manualSeed(9);
      const draws = new MultivariateNormal(loc, parameters).rsample([DRAWS]);
      expect(draws.shape).toEqual([DRAWS, 3]);
      const centred = draws.sub(draws.mean(0));
      const sample = Array.from(centred.transpose(0, 1).matmul(centred).div(DRAWS).dataSync(), Number);
      sample.forEach((value, index) => {
        const [i, j] = [Math.floor(index / 3), index % 3];
        const want = covariance[i]![j]!;
        // the standard error of a sample covariance: √((Σᵢᵢ·Σⱼⱼ + Σᵢⱼ²)/n)
        const error = Math.sqrt((covariance[i]![i]! * covariance[j]![j]! + want * want) / DRAWS);
        expect(Math.abs(value - want), `Σ[${i}, ${j}] = ${value}`).toBeLessThan(5 * error);
      });
      expectColumnMoments(draws, [1, -2, 0], [2, 1, 0.5], [3, 3, 3]);
    }
  });

  it('Independent: the base draws, reshaped into events', () => {
    manualSeed(10);
    const d = new Independent(new Normal(f64([[0, 1, 2]]), 1), 1);
    expect(d.sample([5]).shape).toEqual([5, 1, 3]);
    expect(d.rsample([2, 4]).shape).toEqual([2, 4, 1, 3]);
    expect(d.hasRsample).toBe(true);
  });
});

describe('rsample is reparameterised: the same seed gives the same noise, and exact gradients', () => {
  const weights = (shape: number[]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return tensor(
      Array.from({ length: size }, (_, i) => 0.5 + i / size),
      { shape, dtype: 'float64' },
    );
  };
  const close = (got: Tensor | null, want: Tensor, label: string) => {
    expect(got, label).not.toBeNull();
    const [a, b] = [Array.from(got!.dataSync(), Number), Array.from(want.dataSync(), Number)];
    expect(a.length, label).toBe(b.length);
    a.forEach((value, i) =>
      expect(Math.abs(value - b[i]!), `${label}[${i}]: ${value} vs ${b[i]}`).toBeLessThan(1e-12 * (1 + Math.abs(b[i]!))),
    );
  };

  it('Normal: x = loc + scale·ε, d/dloc = Σw, d/dscale = Σw·ε', () => {
    const [loc, scale] = [f64([0.5, -1], true), f64([2, 0.3], true)];
    manualSeed(11);
    const noise = randn([4, 2], { dtype: 'float64' });
    manualSeed(11);
    const x = new Normal(loc, scale).rsample([4]);
    close(x, loc.add(scale.mul(noise)), 'value');
    const w = weights([4, 2]);
    const [dLoc, dScale] = grad(x.mul(w).sum(), [loc, scale]);
    close(dLoc!, w.sum(0), 'd/dloc');
    close(dScale!, w.mul(noise).sum(0), 'd/dscale');
    expect(new Normal(loc, scale).sample([3]).requiresGrad).toBe(false);
  });

  it('Uniform: x = low + u·(high − low), d/dlow = Σw·(1 − u), d/dhigh = Σw·u', () => {
    const [low, high] = [f64([0, -3], true), f64([1, 2], true)];
    manualSeed(12);
    const u = rand([5, 2], { dtype: 'float64' });
    manualSeed(12);
    const x = new Uniform(low, high).rsample([5]);
    const w = weights([5, 2]);
    const [dLow, dHigh] = grad(x.mul(w).sum(), [low, high]);
    close(dLow!, w.mul(u.neg().add(1)).sum(0), 'd/dlow');
    close(dHigh!, w.mul(u).sum(0), 'd/dhigh');
  });

  it('Exponential: x = −log(1 − u)/rate, d/drate = Σw·log(1 − u)/rate²', () => {
    const rate = f64([0.5, 3], true);
    manualSeed(13);
    const u = rand([6, 2], { dtype: 'float64' });
    manualSeed(13);
    const x = new Exponential(rate).rsample([6]);
    close(x, u.neg().log1p().neg().div(rate), 'value');
    const w = weights([6, 2]);
    const [dRate] = grad(x.mul(w).sum(), [rate]);
    close(dRate!, w.mul(u.neg().log1p()).div(rate.square()).sum(0), 'd/drate');
  });

  it('Laplace: x = loc − scale·sign(u)·log(1 − |u|), d/dscale = Σw·(x − loc)/scale', () => {
    const [loc, scale] = [f64([1, -1], true), f64([0.5, 2], true)];
    manualSeed(14);
    const x = new Laplace(loc, scale).rsample([7]);
    const w = weights([7, 2]);
    const [dLoc, dScale] = grad(x.mul(w).sum(), [loc, scale]);
    close(dLoc!, w.sum(0), 'd/dloc');
    close(dScale!, w.mul(x.detach().sub(loc.detach()).div(scale.detach())).sum(0), 'd/dscale');
  });

  it('LogNormal: x = e^(loc + scale·ε), d/dloc = Σw·x, d/dscale = Σw·x·ε', () => {
    const [loc, scale] = [f64([0.1, -0.5], true), f64([0.4, 1], true)];
    manualSeed(15);
    const noise = randn([3, 2], { dtype: 'float64' });
    manualSeed(15);
    const x = new LogNormal(loc, scale).rsample([3]);
    const w = weights([3, 2]);
    const [dLoc, dScale] = grad(x.mul(w).sum(), [loc, scale]);
    close(dLoc!, w.mul(x.detach()).sum(0), 'd/dloc');
    close(dScale!, w.mul(x.detach()).mul(noise).sum(0), 'd/dscale');
  });

  it('MultivariateNormal: x = loc + L·ε, d/dloc = Σw, d/dL = Σ w·εᵀ', () => {
    const loc = f64([1, 0, -1], true);
    const lower = f64(
      [
        [1, 0, 0],
        [0.5, 2, 0],
        [-0.3, 0.2, 0.7],
      ],
      true,
    );
    manualSeed(16);
    const noise = randn([4, 3], { dtype: 'float64' });
    manualSeed(16);
    const x = new MultivariateNormal(loc, { scaleTril: lower }).rsample([4]);
    close(x, loc.add(noise.matmul(lower.transpose(0, 1))), 'value');
    const w = weights([4, 3]);
    const [dLoc, dLower] = grad(x.mul(w).sum(), [loc, lower]);
    close(dLoc!, w.sum(0), 'd/dloc');
    close(dLower!, w.transpose(0, 1).matmul(noise), 'd/dL');
  });

  it('discrete distributions have no rsample, as torch', () => {
    expect(() => new Bernoulli({ probs: 0.5 }).rsample()).toThrow(/Bernoulli\.rsample is not implemented/);
    expect(() => new Categorical({ probs: f64([0.5, 0.5]) }).rsample()).toThrow(/Categorical\.rsample is not implemented/);
    expect(new Bernoulli({ probs: 0.5 }).hasRsample).toBe(false);
  });
});

describe('validateArgs (default true, as torch 1.13)', () => {
  it('rejects invalid parameters, naming the distribution, the parameter and the constraint', () => {
    expect(() => new Normal(0, -1)).toThrow(
      /^Normal: Expected parameter scale \(Tensor of shape \[\]\) of distribution Normal\(loc: \[\], scale: \[\]\) to satisfy the constraint GreaterThan\(lower_bound=0\.0\), but found invalid values: \[-1\]/,
    );
    expect(() => new Normal(f64([0, Number.NaN]), 1)).toThrow(/Normal: Expected parameter loc .* Real\(\)/);
    expect(() => new Laplace(0, f64([1, 0]))).toThrow(/Laplace: Expected parameter scale/);
    expect(() => new Exponential(-2)).toThrow(/Exponential: Expected parameter rate/);
    expect(() => new LogNormal(0, -1)).toThrow(/Normal: Expected parameter scale/);
    expect(() => new Bernoulli({ probs: f64([0.5, 1.5]) })).toThrow(
      /Bernoulli: Expected parameter probs .* Interval\(lower_bound=0\.0, upper_bound=1\.0\)/,
    );
    expect(() => new Categorical({ probs: f64([-1, 2]) })).toThrow(/Categorical: Expected parameter probs .* Simplex\(\)/);
    expect(() => new Uniform(1, f64([2, 1]))).toThrow('Uniform: Uniform is not defined when low>= high');
    expect(
      () =>
        new MultivariateNormal(f64([0, 0]), {
          covarianceMatrix: f64([
            [1, 2],
            [2, 1],
          ]),
        }),
    ).toThrow(/MultivariateNormal: Expected parameter covarianceMatrix .* PositiveDefinite\(\)/);
    expect(
      () =>
        new MultivariateNormal(f64([0, 0]), {
          covarianceMatrix: f64([
            [1, 0.5],
            [0, 1],
          ]),
        }),
    ).toThrow(/PositiveDefinite/);
    expect(
      () =>
        new MultivariateNormal(f64([0, 0]), {
          scaleTril: f64([
            [1, 1],
            [0, 1],
          ]),
        }),
    ).toThrow(/scaleTril .* LowerCholesky\(\)/);
    expect(
      () =>
        new MultivariateNormal(f64([0, 0]), {
          scaleTril: f64([
            [1, 0],
            [0, -1],
          ]),
        }),
    ).toThrow(/LowerCholesky/);
  });

  it('rejects values outside the support in logProb and cdf', () => {
    expect(() => new Exponential(1).logProb(-1)).toThrow(
      /^Exponential\.logProb: Expected value argument \(Tensor of shape \[\]\) to be within the support \(GreaterThanEq\(lower_bound=0\.0\)\)/,
    );
    expect(() => new Exponential(1).cdf(-1)).toThrow(/Exponential\.cdf: Expected value argument/);
    expect(() => new Bernoulli({ probs: 0.3 }).logProb(0.5)).toThrow(/Bernoulli\.logProb: .*\(Boolean\(\)\)/);
    expect(() => new Categorical({ probs: f64([0.5, 0.5]) }).logProb(tensor([2], { dtype: 'int32' }))).toThrow(
      /IntegerInterval\(lower_bound=0, upper_bound=1\)/,
    );
    expect(() => new Categorical({ probs: f64([0.5, 0.5]) }).logProb(0.5)).toThrow(/IntegerInterval/);
    expect(() => new Uniform(0, 1).logProb(2)).toThrow(/Uniform\.logProb: .*\(Interval\(lower_bound=0\.0, upper_bound=1\.0\)\)/);
    expect(() => new LogNormal(0, 1).logProb(0)).toThrow(/LogNormal\.logProb: .*\(GreaterThan\(lower_bound=0\.0\)\)/);
    expect(() => new OneHotCategorical({ probs: f64([0.5, 0.5]) }).logProb(f64([1, 1]))).toThrow(/OneHot\(\)/);
    expect(() => new Normal(f64([0, 1, 2]), 1).logProb(f64([0, 1]))).toThrow(
      /Value is not broadcastable with batch_shape\+event_shape: \[2\] vs \[3\]/,
    );
    expect(() =>
      new MultivariateNormal(f64([0, 0, 0]), {
        scaleTril: f64([
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ]),
      }).logProb(f64([0, 1])),
    ).toThrow(/The right-most size of value must match event_shape: \[2\] vs \[3\]/);
  });

  it('validateArgs: false skips the checks and lets the formulas give NaN or ±∞', () => {
    expect(new Normal(0, -1, { validateArgs: false }).logProb(0).itemSync()).toBeNaN();
    expect(new Exponential(1, { validateArgs: false }).logProb(-1).itemSync()).toBeCloseTo(1, 12);
    expect(new Uniform(0, 1, { validateArgs: false }).logProb(2).itemSync()).toBe(Number.NEGATIVE_INFINITY);
    expect(new Bernoulli({ probs: 0.5, validateArgs: false }).validateArgs).toBe(false);
    expect(() => new Normal(0, 1, { validateArgs: 'yes' as unknown as boolean })).toThrow(/validateArgs must be true or false/);
    expect(() => new Normal(0, 1, { validate: false } as never)).toThrow(/validate/);
  });

  it('refuses bad arguments as torch does', () => {
    expect(() => new Bernoulli({ probs: 0.5, logits: 0 })).toThrow(
      'Bernoulli: Either `probs` or `logits` must be specified, but not both.',
    );
    expect(() => new Categorical({})).toThrow(/Either `probs` or `logits`/);
    expect(() => new Categorical({ probs: 1 })).toThrow('Categorical: `probs` parameter must be at least one-dimensional.');
    expect(() => new MultivariateNormal(f64([0, 0]), {})).toThrow(/Exactly one of covariance_matrix or precision_matrix or scale_tril/);
    expect(
      () =>
        new MultivariateNormal(f64([0, 0]), {
          covarianceMatrix: f64([
            [1, 0, 0],
            [0, 1, 0],
            [0, 0, 1],
          ]),
        }),
    ).toThrow(/must be \[\*, 2, 2\]/);
    expect(() => new Independent(new Normal(f64([0, 1]), 1), 2)).toThrow(
      /reinterpreted_batch_ndims <= len\(base_distribution\.batch_shape\), actual 2 vs 1/,
    );
    expect(() => new Normal(tensor([1], { dtype: 'int32' }), 1)).toThrow(/floating-point/);
    expect(() => new Bernoulli({ probs: 0.5 }).cdf(0)).toThrow(/Bernoulli\.cdf is not implemented/);
    expect(() => new Categorical({ probs: f64([1, 1]) }).icdf(0)).toThrow(/Categorical\.icdf is not implemented/);
  });
});

describe('klDivergence dispatch and shapes', () => {
  it('throws naming both types for a pair torch does not register (or that is not implemented here)', () => {
    expect(() => klDivergence(new Normal(0, 1), new Bernoulli({ probs: 0.5 }))).toThrow(
      'klDivergence: No KL(p || q) is implemented for p type Normal and q type Bernoulli (torch raises NotImplementedError)',
    );
    expect(() => klDivergence(new Independent(new Normal(f64([[0]]), 1), 1), new Independent(new Normal(f64([[0]]), 1), 2))).toThrow(
      /reinterpreting 1 and 2 batch dims/,
    );
    expect(() =>
      klDivergence(
        new MultivariateNormal(f64([0]), { scaleTril: f64([[1]]) }),
        new MultivariateNormal(f64([0, 0]), {
          scaleTril: f64([
            [1, 0],
            [0, 1],
          ]),
        }),
      ),
    ).toThrow(/different event shapes/);
  });

  it('broadcasts the parameters of p and q (also Bernoulli pairs, where torch 1.13 fails on its masks)', () => {
    const kl = klDivergence(new Bernoulli({ probs: f64([0.2, 0.5]) }), new Bernoulli({ probs: f64([[0.5], [0]]) }));
    expect(kl.shape).toEqual([2, 2]);
    const values = Array.from(kl.dataSync());
    expect(values[0]).toBeCloseTo(0.2 * Math.log(0.4) + 0.8 * Math.log(1.6), 12);
    expect(values[2]).toBe(Number.POSITIVE_INFINITY);
    expect(klDivergence(new Normal(f64([0, 1]), 1), new Normal(0, 1)).toArraySync()).toEqual([0, 0.5]);
  });

  it('names its parameters in toString, as torch repr', () => {
    expect(String(new Normal(f64([0, 1]), 1))).toBe('Normal(loc: [2], scale: [2])');
    expect(String(new Independent(new Bernoulli({ probs: f64([[0.5]]) }), 1))).toBe('Independent(Bernoulli(probs: [1, 1]), 1)');
  });
});

describe('memory', () => {
  it('logProb, entropy, cdf, rsample and klDivergence leave no intermediates once their result is disposed', () => {
    const normal = new Normal(f64([0, 1]), f64([1, 2]));
    const categorical = new Categorical({ probs: f64([[1, 2, 3]]) });
    const gaussian = new MultivariateNormal(f64([0, 0]), {
      covarianceMatrix: f64([
        [2, 1],
        [1, 2],
      ]),
    });
    const value = f64([0.5, -0.5]);
    const index = tensor([2], { dtype: 'int32' });
    const calls = [
      () => normal.logProb(value),
      () => normal.cdf(value),
      () => normal.rsample([3]),
      () => categorical.logProb(index),
      () => categorical.entropy(),
      () => categorical.sample([4]),
      () => gaussian.logProb(value),
      () => gaussian.entropy(),
      () => klDivergence(gaussian, gaussian),
      () => klDivergence(normal, normal),
    ];
    expectNoTensorsLeft(calls);
  });
});
