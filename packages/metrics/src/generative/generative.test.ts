import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@dl/tensor';
import fixture from '../__fixtures__/generative.json';
import { expectClose } from '../__fixtures__/reference.js';
import { frechetInceptionDistance, FrechetInceptionDistance } from './frechet-distance.js';
import { generativePrecisionRecall, GenerativePrecisionRecallMetric } from './generative-precision-recall.js';
import { inceptionScore, InceptionScore } from './inception-score.js';
import { kernelInceptionDistance, KernelInceptionDistance } from './kernel-inception-distance.js';
import { symmetricEigen } from './symmetric-eigen.js';

const { real, fake, lowRank } = fixture;

describe('FID matches the scipy.linalg.sqrtm-based pytorch-fid formula', () => {
  it('two feature sets', async () => {
    expectClose(await frechetInceptionDistance(real, fake), fixture.fid, 1e-9);
  });
  it('identical sets give 0, a rank-deficient covariance stays stable', async () => {
    expectClose(await frechetInceptionDistance(real, real), fixture.fidSame, 0, 1e-9);
    expectClose(await frechetInceptionDistance(lowRank, fake), fixture.fidLowRank, 1e-7);
  });
  it('streams batches through a pluggable feature extractor', async () => {
    // The extractor doubles features: FID scales by 4 (every term is quadratic in the features).
    const extractor = { forward: (batch: Tensor) => batch.mul(2) };
    const metric = new FrechetInceptionDistance({ featureExtractor: extractor });
    for (let start = 0; start < real.length; start += 25)
      await metric.update(tensor(real.slice(start, start + 25), { dtype: 'float64' }), 'real');
    for (let start = 0; start < fake.length; start += 30)
      await metric.update(tensor(fake.slice(start, start + 30), { dtype: 'float64' }), 'fake');
    expectClose(metric.compute(), 4 * fixture.fid, 1e-9);
  });
  it('rejects mismatched dimensions', async () => {
    await expect(
      frechetInceptionDistance(
        [
          [1, 2],
          [3, 4],
        ],
        [[1], [2]],
      ),
    ).rejects.toThrow(/^frechetDistance: real features have 2 dimensions, fake 1/);
    await expect(
      frechetInceptionDistance(
        [[1, 2]],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).rejects.toThrow(/^frechetDistance: needs at least two feature rows/);
  });
  it('the symmetric eigen-decomposition reconstructs its matrix', () => {
    const matrix = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 5]);
    const { values, vectors } = symmetricEigen(matrix, 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const rebuilt = [0, 1, 2].reduce((sum, k) => sum + vectors[i * 3 + k]! * values[k]! * vectors[j * 3 + k]!, 0);
        expectClose(rebuilt, matrix[i * 3 + j]!, 1e-12, 1e-12);
      }
    // A 40×40 symmetric matrix (with a repeated zero eigenvalue block): V diag(λ) Vᵀ = A, VᵀV = I,
    // and the values-only path gives the same eigenvalues.
    const size = 40;
    const big = new Float64Array(size * size);
    for (let i = 0; i < size; i++)
      for (let j = 0; j <= i; j++) big[i * size + j] = big[j * size + i] = i < 30 && j < 30 ? Math.sin(i * 3 + j * j) : 0;
    const full = symmetricEigen(big, size);
    const valuesOnly = symmetricEigen(big, size, false).values;
    const sorted = (values: Float64Array) => [...values].sort((a, b) => a - b);
    expectClose(sorted(valuesOnly), sorted(full.values), 1e-10, 1e-12);
    for (let i = 0; i < size; i++)
      for (let j = 0; j < size; j++) {
        let rebuilt = 0;
        let gram = 0;
        for (let k = 0; k < size; k++) {
          rebuilt += full.vectors[i * size + k]! * full.values[k]! * full.vectors[j * size + k]!;
          gram += full.vectors[k * size + i]! * full.vectors[k * size + j]!;
        }
        expectClose(rebuilt, big[i * size + j]!, 1e-10, 1e-12);
        expectClose(gram, i === j ? 1 : 0, 1e-10, 1e-12);
      }
  });
});

describe('KID, Inception Score and generative precision/recall match their numpy references', () => {
  it('KID (subsets of the full sets are the full sets: std 0)', async () => {
    const result = await kernelInceptionDistance(real, fake, { subsets: 3, subsetSize: 1000 });
    expectClose(result, { mean: fixture.kid, std: 0 }, 1e-10);
    expectClose(
      (await kernelInceptionDistance(real, fake, { subsets: 1, degree: 2, gamma: 0.5, coefficient: 0 })).mean,
      fixture.kidDegree2,
      1e-10,
    );
    const sampled = await kernelInceptionDistance(real, fake, { subsets: 20, subsetSize: 30, seed: 1 });
    expect(sampled.std).toBeGreaterThan(0);
    expect(await kernelInceptionDistance(real, fake, { subsets: 20, subsetSize: 30, seed: 1 })).toEqual(sampled);
  });
  it('KID streamed', async () => {
    const metric = new KernelInceptionDistance({ subsets: 2 });
    await metric.update(real.slice(0, 40), 'real');
    await metric.update(real.slice(40), 'real');
    await metric.update(fake, 'fake');
    expectClose(metric.compute().mean, fixture.kid, 1e-10);
  });
  it('Inception Score with 1, 5 and 10 splits', async () => {
    for (const [splits, reference] of Object.entries(fixture.inceptionScore))
      expectClose(await inceptionScore(fixture.probabilities, { splits: Number(splits) }), reference, 1e-10);
    const metric = new InceptionScore({ splits: 5 });
    await metric.update(fixture.probabilities.slice(0, 20));
    await metric.update(fixture.probabilities.slice(20));
    expectClose(metric.compute(), fixture.inceptionScore['5'], 1e-10);
  });
  it('Inception Score rejects rows that are not distributions', async () => {
    await expect(inceptionScore([[0.5, 0.6]])).rejects.toThrow(/^inceptionScore: probabilities of row 0 sum to 1.1/);
  });
  it('precision/recall for k = 1, 3, 5', async () => {
    for (const [k, reference] of Object.entries(fixture.precisionRecall))
      expectClose(await generativePrecisionRecall(real, fake, { k: Number(k) }), reference, 1e-12);
    const metric = new GenerativePrecisionRecallMetric({ k: 3, featureExtractor: (batch: Tensor) => batch });
    await metric.update(tensor(real, { dtype: 'float64' }), 'real');
    await metric.update(tensor(fake, { dtype: 'float64' }), 'fake');
    expectClose(metric.compute(), fixture.precisionRecall['3'], 1e-12);
    await expect(generativePrecisionRecall(real.slice(0, 3), fake, { k: 3 })).rejects.toThrow(
      /^generativePrecisionRecall: each set needs more than k = 3 samples/,
    );
  });
});
