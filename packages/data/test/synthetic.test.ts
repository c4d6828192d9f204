import { describe, expect, it } from 'vitest';
import { makeBlobs, makeCircles, makeClassification, makeMoons, makeRegression, noisySine, randomWalk, slidingWindows } from '@dl/data';
import { tensor } from '@dl/tensor';
import { maxDifference, reference } from './reference.js';

const bincount = (values: ArrayLike<number>, length: number) => {
  const counts = new Array(length).fill(0);
  for (const value of Array.from(values)) counts[value] += 1;
  return counts;
};

describe('makeMoons / makeCircles (scikit-learn, deterministic without noise and shuffle)', () => {
  it('matches make_moons exactly', () => {
    for (const { n, X, y } of reference.make_moons) {
      const samples = makeMoons({ nSamples: n, shuffle: false, dtype: 'float64' });
      expect(maxDifference(samples.x.toArraySync(), X)).toBeLessThan(1e-12);
      expect(samples.y.toArraySync()).toEqual(y);
    }
  });
  it('matches make_circles exactly', () => {
    for (const { n, factor, X, y } of reference.make_circles) {
      const samples = makeCircles({ nSamples: n, factor, shuffle: false, dtype: 'float64' });
      expect(maxDifference(samples.x.toArraySync(), X)).toBeLessThan(1e-12);
      expect(samples.y.toArraySync()).toEqual(y);
    }
  });
  it('shuffles rows with their labels, and adds noise of the requested scale', () => {
    const clean = makeMoons({ nSamples: 400, shuffle: false, dtype: 'float64' });
    const shuffled = makeMoons({ nSamples: 400, randomState: 3, dtype: 'float64' });
    const key = (x: number[], label: number) => `${x[0]!.toFixed(9)},${x[1]!.toFixed(9)},${label}`;
    const rows = (s: typeof clean) => (s.x.toArraySync() as number[][]).map((x, i) => key(x, (s.y.toArraySync() as number[])[i]!)).sort();
    expect(rows(shuffled)).toEqual(rows(clean));
    expect(rows(shuffled)).not.toEqual(
      (clean.x.toArraySync() as number[][]).map((x, i) => key(x, (clean.y.toArraySync() as number[])[i]!)),
    );
    // noise: x − clean part (same permutation for the same seed) has standard deviation ≈ noise
    const noisy = makeMoons({ nSamples: 4000, noise: 0.2, randomState: 5, dtype: 'float64' });
    const base = makeMoons({ nSamples: 4000, randomState: 5, dtype: 'float64' });
    const difference = noisy.x.sub(base.x);
    expect(difference.std().itemSync()).toBeCloseTo(0.2, 2);
    expect(Math.abs(difference.mean().itemSync())).toBeLessThan(0.01);
    expect(noisy.y.toArraySync()).toEqual(base.y.toArraySync());
  });
  it('is reproducible by seed', () => {
    expect(makeCircles({ noise: 0.1, randomState: 9 }).x.toArraySync()).toEqual(
      makeCircles({ noise: 0.1, randomState: 9 }).x.toArraySync(),
    );
    expect(makeCircles({ noise: 0.1, randomState: 9 }).x.toArraySync()).not.toEqual(
      makeCircles({ noise: 0.1, randomState: 10 }).x.toArraySync(),
    );
  });
});

describe('makeBlobs / makeClassification / makeRegression (scikit-learn algorithms)', () => {
  it('gives make_blobs its per-center counts and shapes; clusters sit at their centers with their std', () => {
    for (const { n, centers, counts, shape } of reference.make_blobs_counts) {
      const { x, y } = makeBlobs({ nSamples: n, centers, randomState: 0 });
      expect(x.shape).toEqual(shape);
      expect(bincount(y.dataSync(), centers)).toEqual(counts);
    }
    const { x, y } = makeBlobs({
      nSamples: 3000,
      centers: [
        [0, 0],
        [10, -5],
      ],
      clusterStd: [0.5, 2],
      shuffle: false,
      randomState: 1,
      dtype: 'float64',
    });
    const first = x.narrow(0, 0, 1500);
    const second = x.narrow(0, 1500, 1500);
    expect(maxDifference(first.mean(0).toArraySync(), [0, 0])).toBeLessThan(0.05);
    expect(maxDifference(second.mean(0).toArraySync(), [10, -5])).toBeLessThan(0.2);
    expect(maxDifference(first.std(0).toArraySync(), [0.5, 0.5])).toBeLessThan(0.03);
    expect(maxDifference(second.std(0).toArraySync(), [2, 2])).toBeLessThan(0.1);
    expect(y.narrow(0, 1500, 1500).sum().itemSync()).toBe(1500);
  });
  it('gives make_classification its class counts with flipY = 0', () => {
    for (const { kwargs, counts, shape } of reference.make_classification_counts) {
      const { x, y } = makeClassification({
        nSamples: kwargs.n_samples,
        nFeatures: kwargs.n_features,
        nInformative: kwargs.n_informative,
        nRedundant: kwargs.n_redundant,
        nRepeated: kwargs.n_repeated,
        nClasses: kwargs.n_classes,
        nClustersPerClass: kwargs.n_clusters_per_class,
        weights: kwargs.weights,
        flipY: 0,
        randomState: 0,
      });
      expect(x.shape).toEqual(shape);
      expect(bincount(y.dataSync(), counts.length)).toEqual(counts);
    }
  });
  it('builds make_classification features by its construction: redundant = informative · B, repeated = copies', () => {
    const { x } = makeClassification({
      nSamples: 200,
      nFeatures: 6,
      nInformative: 3,
      nRedundant: 2,
      nRepeated: 1,
      shuffle: false,
      randomState: 2,
      dtype: 'float64',
    });
    // the first 3 columns span columns 3 and 4: least-squares residual is zero (solve via normal equations)
    const informative = x.narrow(1, 0, 3);
    const redundant = x.narrow(1, 3, 2);
    const gram = informative.t().matmul(informative).toArraySync() as number[][];
    const right = informative.t().matmul(redundant).toArraySync() as number[][];
    const solution = solve3(gram, right);
    const residual = informative
      .matmul(tensor(solution, { dtype: 'float64' }))
      .sub(redundant)
      .abs()
      .max()
      .itemSync();
    expect(residual).toBeLessThan(1e-8);
    const columns = (x.t().toArraySync() as number[][]).map((column) => column.join());
    expect(columns.slice(0, 5)).toContain(columns[5]);
  });
  it('makes make_regression targets exactly X · coef + bias without noise', () => {
    const { x, y, coef } = makeRegression({ nSamples: 20, nFeatures: 5, nInformative: 3, bias: 2, randomState: 0, dtype: 'float64' });
    expect(x.shape).toEqual(reference.make_regression.shape);
    expect(Array.from(coef.dataSync()).filter((value) => value !== 0)).toHaveLength(reference.make_regression.nonzero);
    expect(maxDifference(x.matmul(coef).add(2).toArraySync(), y.toArraySync())).toBeLessThan(1e-10);
    for (const value of coef.dataSync()) expect(value >= 0 && value < 100).toBe(true);
  });
});

describe('time series', () => {
  it('cuts sliding windows with the next value as target', () => {
    const series = tensor([0, 1, 2, 3, 4, 5]);
    const { x, y } = slidingWindows(series, 3);
    expect(x.shape).toEqual([3, 3, 1]);
    expect(x.squeeze(2).toArraySync()).toEqual([
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
    ]);
    expect(y.toArraySync()).toEqual([[3], [4], [5]]);
    const strided = slidingWindows(
      tensor([
        [0, 10],
        [1, 11],
        [2, 12],
        [3, 13],
        [4, 14],
      ]),
      2,
      { horizon: 2, stride: 2 },
    );
    expect(strided.x.toArraySync()).toEqual([
      [
        [0, 10],
        [1, 11],
      ],
    ]);
    expect(strided.y.toArraySync()).toEqual([
      [
        [2, 12],
        [3, 13],
      ],
    ]);
    expect(() => slidingWindows(series, 6)).toThrow(/too short/);
  });
  it('makes a noisy sine whose residual has the requested noise', () => {
    const series = noisySine({ length: 5000, noise: 0.1, frequency: 0.01, randomState: 0, dtype: 'float64' });
    const clean = tensor(
      Array.from({ length: 5000 }, (_, t) => Math.sin(2 * Math.PI * 0.01 * t)),
      { dtype: 'float64' },
    );
    expect(series.sub(clean).std().itemSync()).toBeCloseTo(0.1, 2);
    expect(randomWalk({ length: 10, randomState: 1 }).dataSync()[0]).toBe(0);
  });
});

function solve3(a: number[][], b: number[][]): number[][] {
  // Gaussian elimination for a small system a · s = b
  const n = a.length;
  const m = a.map((row, i) => [...row, ...b[i]!]);
  for (let c = 0; c < n; c++) {
    for (let r = c + 1; r < n; r++) {
      const factor = m[r]![c]! / m[c]![c]!;
      for (let k = c; k < m[r]!.length; k++) m[r]![k]! -= factor * m[c]![k]!;
    }
  }
  const width = b[0]!.length;
  const s = Array.from({ length: n }, () => new Array(width).fill(0));
  for (let r = n - 1; r >= 0; r--)
    for (let w = 0; w < width; w++) {
      let sum = m[r]![n + w]!;
      for (let k = r + 1; k < n; k++) sum -= m[r]![k]! * s[k]![w]!;
      s[r]![w] = sum / m[r]![r]!;
    }
  return s;
}
