// The feature-based clustering scores against scikit-learn 1.2.1 (tools/fixtures/metrics_clustering_reference.py):
// silhouetteSamples / silhouetteScore for every metric, with sampleSize drawn as numpy's RandomState draws it,
// calinskiHarabaszScore and daviesBouldinScore with their degenerate cases, and scikit-learn's errors.
import { readFileSync } from 'node:fs';
import { tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { calinskiHarabaszScore, daviesBouldinScore, silhouetteSamples, silhouetteScore, type SilhouetteMetric } from '../src/index.js';
import { expectClose } from '../src/__fixtures__/reference.js';
import { NumpyRandomState } from '../src/clustering/numpy-random-state.js';

type Value = number | string;
type Labels = number[] | string[];
interface SilhouetteCase {
  name: string;
  x: number[][];
  labels: Labels;
  metric: SilhouetteMetric;
  samples: Value[];
  score: Value;
}
interface ScoreCase {
  x: number[][];
  labels: Labels;
  calinskiHarabasz: Value;
  daviesBouldin: Value;
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/clustering.json', import.meta.url), 'utf8')) as {
  silhouette: {
    cases: SilhouetteCase[];
    sampled: { sampleSize: number; randomState: number; metric: SilhouetteMetric; permutation: number[]; score: Value }[];
    permutations: Record<'1' | '2' | '5' | '300', number[]> & { '70000': { first: number[]; last: number[] } };
  };
  scores: Record<'blobs' | 'fourBlobs' | 'singleton' | 'identicalWithinClusters' | 'sharedCentroid', ScoreCase>;
  featureErrors: Record<
    | 'oneLabel'
    | 'allSingletons'
    | 'calinskiOneLabel'
    | 'daviesAllSingletons'
    | 'inconsistentLength'
    | 'oneDimensional'
    | 'nan'
    | 'precomputedDiagonal',
    string
  >;
};

/** Agreement to 1e-12 relative (1e-14 absolute for values that are 0). */
function close(actual: unknown, expected: unknown, path: string): void {
  expectClose(actual, expected, 1e-12, 1e-14, path);
}

describe('silhouette matches scikit-learn 1.2.1', () => {
  for (const testCase of fixture.silhouette.cases)
    it(`${testCase.name} (${testCase.metric})`, async () => {
      const options = { metric: testCase.metric };
      close(await silhouetteSamples(testCase.x, testCase.labels, options), testCase.samples, 'samples');
      close(await silhouetteScore(testCase.x, testCase.labels, options), testCase.score, 'score');
    });

  it('a singleton cluster scores 0', async () => {
    const testCase = fixture.silhouette.cases.find((candidate) => candidate.name === 'singleton cluster')!;
    expect((await silhouetteSamples(testCase.x, testCase.labels))[5]).toBe(0);
  });

  it('reads tensors', async () => {
    const testCase = fixture.silhouette.cases[0]!;
    const x = tensor(testCase.x, { dtype: 'float64' });
    close(await silhouetteScore(x, tensor(testCase.labels as number[], { dtype: 'int32' })), testCase.score, 'score');
  });

  it("numpy's RandomState(seed).permutation(n)", () => {
    const { permutations } = fixture.silhouette;
    for (const n of [1, 2, 5, 300] as const)
      expect(Array.from(new NumpyRandomState(n * 7919).permutation(n)), `n = ${n}`).toEqual(permutations[n]);
    const long = Array.from(new NumpyRandomState(70000 * 7919).permutation(70000));
    expect(long.slice(0, 50)).toEqual(permutations['70000'].first);
    expect(long.slice(-50)).toEqual(permutations['70000'].last);
  });

  it('sampleSize draws the samples scikit-learn draws for the same randomState', async () => {
    const blobs = fixture.silhouette.cases.find((candidate) => candidate.metric === 'euclidean')!;
    const precomputed = fixture.silhouette.cases.find((candidate) => candidate.metric === 'precomputed')!;
    for (const { sampleSize, randomState, metric, permutation, score } of fixture.silhouette.sampled) {
      expect(Array.from(new NumpyRandomState(randomState).permutation(blobs.x.length))).toEqual(permutation);
      const x = metric === 'precomputed' ? precomputed.x : blobs.x;
      close(await silhouetteScore(x, blobs.labels, { metric, sampleSize, randomState }), score, `${metric} sampleSize ${sampleSize}`);
    }
  });
});

describe('calinskiHarabaszScore and daviesBouldinScore match scikit-learn 1.2.1', () => {
  for (const [name, testCase] of Object.entries(fixture.scores))
    it(name, async () => {
      close(await calinskiHarabaszScore(testCase.x, testCase.labels), testCase.calinskiHarabasz, 'calinskiHarabasz');
      close(await daviesBouldinScore(testCase.x, testCase.labels), testCase.daviesBouldin, 'daviesBouldin');
    });

  it('degenerate cases: no within-cluster dispersion gives CH 1 and DB 0', async () => {
    const { x, labels } = fixture.scores.identicalWithinClusters;
    expect(await calinskiHarabaszScore(x, labels)).toBe(1);
    expect(await daviesBouldinScore(x, labels)).toBe(0);
  });
});

describe('feature-based scores check their input as scikit-learn', () => {
  const { singleton } = fixture.scores;
  const errors = fixture.featureErrors;

  it('the number of labels must be 2 to n − 1', async () => {
    await expect(silhouetteScore(singleton.x, [0, 0, 0, 0, 0, 0])).rejects.toThrow(`silhouetteScore: ${errors.oneLabel}`);
    await expect(silhouetteSamples(singleton.x, [0, 1, 2, 3, 4, 5])).rejects.toThrow(`silhouetteSamples: ${errors.allSingletons}`);
    await expect(calinskiHarabaszScore(singleton.x, [1, 1, 1, 1, 1, 1])).rejects.toThrow(
      `calinskiHarabaszScore: ${errors.calinskiOneLabel}`,
    );
    await expect(daviesBouldinScore(singleton.x, [0, 1, 2, 3, 4, 5])).rejects.toThrow(`daviesBouldinScore: ${errors.daviesAllSingletons}`);
  });

  it('shapes, lengths and values', async () => {
    await expect(silhouetteScore(singleton.x, [0, 0, 1, 1, 2])).rejects.toThrow(`silhouetteScore: ${errors.inconsistentLength}`);
    const oneDimensional = errors.oneDimensional.split('\n')[0]!.replace(':', '');
    expect(oneDimensional).toBe('Expected 2D array, got 1D array instead');
    await expect(calinskiHarabaszScore([1, 2, 3], [0, 1, 1])).rejects.toThrow(`calinskiHarabaszScore: ${oneDimensional}`);
    await expect(
      daviesBouldinScore(
        [
          [0, 1],
          [Number.NaN, 1],
          [2, 2],
        ],
        [0, 1, 1],
      ),
    ).rejects.toThrow(`daviesBouldinScore: ${errors.nan}`);
    await expect(daviesBouldinScore([[0], [Number.POSITIVE_INFINITY], [2]], [0, 1, 1])).rejects.toThrow('Input X contains infinity');
    await expect(silhouetteScore([[[0]], [[1]], [[2]]], [0, 1, 1])).rejects.toThrow('Found array with dim 3');
    await expect(silhouetteScore(singleton.x, [singleton.labels as number[]])).rejects.toThrow(
      'silhouetteScore: labels should be a 1d array, got an array of shape (1, 6) instead.',
    );
  });

  it('a precomputed matrix must be square with a zero diagonal', async () => {
    const ones = Array.from({ length: 4 }, () => [1, 1, 1, 1]);
    await expect(silhouetteSamples(ones, [0, 0, 1, 1], { metric: 'precomputed' })).rejects.toThrow(
      `silhouetteSamples: ${errors.precomputedDiagonal}`,
    );
    await expect(
      silhouetteScore(
        [
          [0, 1, 2],
          [1, 0, 2],
          [2, 2, 0],
          [1, 1, 1],
        ],
        [0, 0, 1, 1],
        { metric: 'precomputed' },
      ),
    ).rejects.toThrow('Precomputed metric requires shape (n_queries, n_indexed). Got (4, 3) for 4 indexed.');
  });

  it('checks every option, suggesting the camelCase spelling', async () => {
    const { x, labels } = singleton;
    await expect(silhouetteScore(x, labels, { sample_size: 3 } as never)).rejects.toThrow(
      'silhouetteScore: unknown option `sample_size` (did you mean `sampleSize`?)',
    );
    await expect(silhouetteScore(x, labels, { random_state: 3 } as never)).rejects.toThrow('did you mean `randomState`?');
    await expect(silhouetteSamples(x, labels, { sampleSize: 3 } as never)).rejects.toThrow(
      'silhouetteSamples: unknown option `sampleSize`. Accepted options: metric',
    );
    await expect(silhouetteScore(x, labels, { metric: 'cityblock' as never })).rejects.toThrow(
      "silhouetteScore: invalid metric 'cityblock'; expected one of 'euclidean', 'sqeuclidean', 'manhattan', 'cosine', 'precomputed'",
    );
    await expect(silhouetteScore(x, labels, { sampleSize: 0 })).rejects.toThrow('sampleSize must be a positive integer, got 0');
    await expect(silhouetteScore(x, labels, { sampleSize: 3, randomState: -1 })).rejects.toThrow(
      'randomState must be an integer between 0 and 2**32 - 1, got -1',
    );
    await expect(calinskiHarabaszScore(x, labels, { metric: 'euclidean' } as never)).rejects.toThrow('It takes no options');
    await expect(daviesBouldinScore(x, labels, { metric: 'euclidean' } as never)).rejects.toThrow('It takes no options');
  });

  it('sampleSize without randomState draws a random subset', async () => {
    const blobs = fixture.silhouette.cases[0]!;
    const score = await silhouetteScore(blobs.x, blobs.labels, { sampleSize: 30 });
    expect(score).toBeGreaterThan(-1);
    expect(score).toBeLessThanOrEqual(1);
  });
});

describe('the documented examples', () => {
  const x = [
    [0, 0],
    [0, 1],
    [5, 5],
    [5, 6],
  ];
  const labels = [0, 0, 1, 1];
  it('give the values their comments state', async () => {
    const [outer, inner] = [(Math.sqrt(50) + Math.sqrt(61)) / 2, (Math.sqrt(41) + Math.sqrt(50)) / 2];
    close(
      await silhouetteSamples(x, labels),
      [(outer - 1) / outer, (inner - 1) / inner, (inner - 1) / inner, (outer - 1) / outer],
      'samples',
    );
    close(await silhouetteScore(x, labels), ((outer - 1) / outer + (inner - 1) / inner) / 2, 'score');
    close(await calinskiHarabaszScore(x, labels), 100, 'calinskiHarabasz');
    close(await daviesBouldinScore(x, labels), 1 / Math.sqrt(50), 'daviesBouldin');
  });
});
