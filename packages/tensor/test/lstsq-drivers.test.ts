import { describe, expect, it } from 'vitest';
import { cpuBackend, eye, grad, linalg, registerBackend, type Tensor, tensor } from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';
import { expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// linalg.lstsq's drivers ('gels', 'gelsy', 'gelsd', 'gelss') and rcond against torch 1.13
// (tools/fixtures/tensor_lstsq_drivers_reference.py): solution, residuals, rank and singular values,
// and the gradients of Σ solution·w with respect to A and B, for full-rank and rank-deficient A (where
// the default driver gives the minimum-norm solution), tall, wide and batched, float64 and float32.

interface DriverCase {
  name: string;
  dtype: 'float64' | 'float32';
  driver: 'gels' | 'gelsy' | 'gelsd' | 'gelss' | null;
  rcond: number | null;
  a: FixtureTensor;
  b: FixtureTensor;
  solution: FixtureTensor;
  residuals: FixtureTensor;
  rank: FixtureTensor;
  singularValues: FixtureTensor;
  gradients?: { a: FixtureTensor; b: FixtureTensor };
}
const { cases, rankDeficientSvd, errors } = readTorchFixture<{
  cases: DriverCase[];
  rankDeficientSvd: { r: FixtureTensor; singularValues: FixtureTensor };
  errors: { driver: string };
}>('torch-lstsq-drivers-reference.json');
// float32: the SVD path runs in float64 and rounds once; the QR path accumulates float32 rounding
const tolerances = { float64: 1e-9, float32: 2e-4 };
const fixtureTensor = (fixture: FixtureTensor, dtype: DriverCase['dtype']) => tensor(numbers(fixture), { dtype }).reshape(fixture.shape);

function solve(entry: DriverCase, a: Tensor, b: Tensor) {
  const options = { ...(entry.driver ? { driver: entry.driver } : {}), ...(entry.rcond !== null ? { rcond: entry.rcond } : {}) };
  return linalg.lstsq(a, b, options);
}

describe('linalg.lstsq drivers against torch 1.13', () => {
  for (const entry of cases)
    it(entry.name, () => {
      const a = fixtureTensor(entry.a, entry.dtype).requiresGrad_();
      const b = fixtureTensor(entry.b, entry.dtype).requiresGrad_();
      const result = solve(entry, a, b);
      expectValues(result.solution, entry.solution, entry.dtype, 'solution', tolerances);
      expectValues(result.residuals, entry.residuals, entry.dtype, 'residuals', tolerances);
      expectValues(result.singularValues, entry.singularValues, entry.dtype, 'singular values', tolerances);
      expect([...result.rank.shape], 'rank: shape').toEqual(entry.rank.shape);
      expect(result.rank.dtype).toBe('int32');
      expect(Array.from(result.rank.dataSync()), 'rank').toEqual(numbers(entry.rank));
      expect(result.residuals.requiresGrad, 'residuals are not differentiable, as torch').toBe(false);
      if (!entry.gradients) return;
      const count = result.solution.numel();
      const steps = Array.from({ length: count }, (_, index) => (count === 1 ? -1 : -1 + (2 * index) / (count - 1)));
      const weight = tensor(steps, { dtype: entry.dtype }).reshape(result.solution.shape);
      const [gradientA, gradientB] = grad(result.solution.mul(weight).sum(), [a, b]);
      expectValues(gradientA!, entry.gradients.a, entry.dtype, 'gradient of A', tolerances);
      expectValues(gradientB!, entry.gradients.b, entry.dtype, 'gradient of B', tolerances);
    });
});

describe('linalg.lstsq drivers', () => {
  const float64 = (values: number[][]) => tensor(values, { dtype: 'float64' });
  const rankOne = float64([
    [1, 2],
    [2, 4],
    [3, 6],
  ]);

  it('returns torch’s named tuple, by name and by position', () => {
    const result = linalg.lstsq(rankOne, float64([[1], [2], [4]]), { driver: 'gelsd' });
    const [solution, residuals, rank, singularValues] = result;
    expect(solution).toBe(result.solution);
    expect(residuals).toBe(result.residuals);
    expect(rank).toBe(result.rank);
    expect(singularValues).toBe(result.singularValues);
  });

  it("the minimum-norm solution of a rank-deficient A equals pinv(A)·B, for the default driver and 'gelsd'", () => {
    const b = float64([[1], [2], [4]]);
    const expected = Array.from(linalg.pinv(rankOne).matmul(b).dataSync());
    for (const options of [{}, { driver: 'gelsy' as const }, { driver: 'gelsd' as const }, { driver: 'gelss' as const }]) {
      const got = Array.from(linalg.lstsq(rankOne, b, options).solution.dataSync());
      got.forEach((value, index) => expect(value).toBeCloseTo(expected[index]!, 12));
    }
  });

  it('rcond is torch’s third positional argument; given twice, or with an unknown option, it throws', () => {
    const graded = float64([
      [1, 0],
      [0, 1e-3],
    ]);
    const b = float64([[1], [1]]);
    expect(Array.from(linalg.lstsq(graded, b, 1e-2, { driver: 'gelsd' }).rank.dataSync())).toEqual([1]);
    expect(Array.from(linalg.lstsq(graded, b, 1e-4, { driver: 'gelsd' }).rank.dataSync())).toEqual([2]);
    expect(() => linalg.lstsq(graded, b, 1e-2, { rcond: 1e-3 })).toThrow(/linalg.lstsq: `rcond` given both/);
    expect(() => linalg.lstsq(graded, b, { tolerance: 1 } as never)).toThrow(/linalg.lstsq/);
  });

  it('through the SVD, full-rank and truncated by rcond, gradients pass gradcheck and gradgradcheck', () => {
    // second derivatives at an exactly rank-deficient A are NaN, as through torch's svd: the SVD's own
    // backward divides by the zero singular values when differentiated again
    const a = float64([
      [2, 0.5, 0],
      [0.5, 1e-3, 0.2],
      [0, 0.1, 1],
      [1, 0, 0.5],
    ]).requiresGrad_();
    const b = float64([[1], [-1], [0.5], [2]]).requiresGrad_();
    expect(gradcheck((x, y) => linalg.lstsq(x, y, { driver: 'gelsd' }).solution, [a, b])).toBe(true);
    expect(gradgradcheck((x, y) => linalg.lstsq(x, y, { driver: 'gelss' }).solution, [a, b])).toBe(true);
    // torch 1.13's gradient here is not the derivative of its forward (its backward ignores rcond), so
    // the fixture has values only for the rcond cases and finite differences check ours
    const graded = float64([
      [1, 0.1, 0],
      [0, 1e-3, 0],
      [0, 0, 1e-6],
    ]).requiresGrad_();
    const c = float64([[1], [2], [3]]).requiresGrad_();
    expect(Array.from(linalg.lstsq(graded, c, { driver: 'gelsd', rcond: 1e-4 }).rank.dataSync())).toEqual([2]);
    expect(gradcheck((x, y) => linalg.lstsq(x, y, { driver: 'gelsd', rcond: 1e-4 }).solution, [graded, c])).toBe(true);
  });

  it('the SVD of an exactly rank-deficient triangular R converges (it threw "did not converge" before), as torch', () => {
    const r = fixtureTensor(rankDeficientSvd.r, 'float64');
    expectValues(linalg.svdvals(r), rankDeficientSvd.singularValues, 'float64', 'singular values', tolerances);
    const [u, s, vh] = linalg.svd(r);
    const rebuilt = u.mul(s.unsqueeze(0)).matmul(vh);
    expect(rebuilt.sub(r).abs().max().itemSync()).toBeLessThan(1e-13);
    expect(
      u
        .transpose(0, 1)
        .matmul(u)
        .sub(eye(3, 3, { dtype: 'float64' }))
        .abs()
        .max()
        .itemSync(),
      'U orthogonal',
    ).toBeLessThan(1e-13);
  });

  it('an unknown driver throws torch’s message', () => {
    expect(() => linalg.lstsq(rankOne, float64([[1], [2], [4]]), { driver: 'gelsx' as 'gels' })).toThrow(
      errors.driver.replace(/^torch\./, ''),
    );
  });

  it('gradients through the SVD path pass gradcheck and gradgradcheck for A = P·Q of rank 2 (perturbations keep the rank)', () => {
    // the fixed-rank derivative (torch's) is the derivative along rank-preserving perturbations only
    const p = float64([
      [1, 0.5],
      [2, -1],
      [0, 1],
      [1, 3],
    ]).requiresGrad_();
    const q = float64([
      [1, 2, 0.5],
      [0, 1, 3],
    ]).requiresGrad_();
    const b = float64([
      [1, 0],
      [0, 2],
      [-1, 1],
      [3, 0.5],
    ]).requiresGrad_();
    const options = { rcond: 1e-10 };
    expect(Array.from(linalg.lstsq(p.matmul(q), b, options).rank.dataSync())).toEqual([2]);
    const solve = (driver: 'gelsy' | 'gelsd') => (x: Tensor, y: Tensor, z: Tensor) =>
      linalg.lstsq(x.matmul(y), z, { ...options, driver }).solution;
    expect(gradcheck(solve('gelsd'), [p, q, b])).toBe(true);
    expect(gradcheck(solve('gelsy'), [p, q, b])).toBe(true);
    // a vector B, whose gradient torch 1.13 cannot compute (an IndexError in its backward)
    expect(gradcheck((x, y, z) => linalg.lstsq(x.matmul(y), z.select(1, 0), { ...options, driver: 'gelsd' }).solution, [p, q, b])).toBe(
      true,
    );
  });

  it("on a device that reads asynchronously the default driver is 'gels', and the others are refused by name", async () => {
    registerBackend({ ...cpuBackend, device: 'lstsq-async', readSync: undefined });
    const a = float64([
      [1, 0],
      [0, 1],
      [1, 1],
    ]).to('lstsq-async');
    const b = float64([[1], [2], [3]]).to('lstsq-async');
    const result = linalg.lstsq(a, b);
    expect(Array.from(await result.solution.data())).toEqual([1, 2].map((value) => expect.closeTo(value, 12)));
    expect(result.rank.shape).toEqual([0]);
    expect(() => linalg.lstsq(a, b, { driver: 'gelsd' })).toThrow(
      "linalg.lstsq: driver 'gelsd' is not supported on device 'lstsq-async', which reads asynchronously",
    );
  });
});
