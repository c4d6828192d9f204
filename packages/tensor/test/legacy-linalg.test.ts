import { describe, expect, it } from 'vitest';
import { lu, luSolve, type Tensor, tensor, triangularSolve } from '../src/index.js';
import { expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// torch's pre-linalg solvers against torch 1.13 (tools/fixtures/tensor_legacy_linalg_reference.py).

interface Fixture {
  matrix: FixtureTensor;
  right: FixtureTensor;
  triangular: {
    upper: boolean;
    transpose: boolean;
    unitriangular: boolean;
    solution: FixtureTensor;
    coefficient: FixtureTensor;
    a_gradient: FixtureTensor;
    b_gradient: FixtureTensor;
  }[];
  batch: FixtureTensor;
  LU: FixtureTensor;
  pivots: number[][];
  b: FixtureTensor;
  solved: FixtureTensor;
  singular_infos: number;
  singular_pivots: number[];
}

const fixture = readTorchFixture<Fixture>('torch-legacy-linalg-reference.json');
const read = (value: FixtureTensor): Tensor => tensor(numbers(value), { dtype: 'float64' }).reshape(value.shape);
const tolerance = { float64: 1e-10, float32: 0 };

describe('triangularSolve, lu, luSolve (torch.triangular_solve, torch.lu, torch.lu_solve)', () => {
  it('triangularSolve(b, A) solves as torch with upper, transpose and unitriangular, gradients included', () => {
    for (const entry of fixture.triangular) {
      const label = JSON.stringify({ upper: entry.upper, transpose: entry.transpose, unitriangular: entry.unitriangular });
      const a = read(fixture.matrix).requiresGrad_();
      const b = read(fixture.right).requiresGrad_();
      const { solution, clonedCoefficient } = triangularSolve(b, a, entry.upper, entry.transpose, entry.unitriangular);
      expectValues(solution, entry.solution, 'float64', `${label}: solution`, tolerance);
      expectValues(clonedCoefficient, entry.coefficient, 'float64', `${label}: coefficient`, tolerance);
      const weights = tensor(
        Array.from({ length: solution.numel() }, (_, index) => -1 + (3 * index) / (solution.numel() - 1)),
        { dtype: 'float64' },
      ).reshape(solution.shape);
      solution.mul(weights).sum().backward();
      expectValues(a.grad!, entry.a_gradient, 'float64', `${label}: A gradient`, tolerance);
      expectValues(b.grad!, entry.b_gradient, 'float64', `${label}: b gradient`, tolerance);
    }
  });

  it('lu(A) packs LAPACK’s factorization and pivots, and luSolve(b, LU, pivots) solves with them', () => {
    const [LU, pivots] = lu(read(fixture.batch));
    expectValues(LU!, fixture.LU, 'float64', 'LU', tolerance);
    expect(pivots!.dtype).toBe('int32');
    expect(pivots!.toArraySync()).toEqual(fixture.pivots);
    expectValues(luSolve(read(fixture.b), LU!, pivots!), fixture.solved, 'float64', 'lu_solve', tolerance);
  });

  it('lu with getInfos reports a singular matrix instead of throwing; options are checked', () => {
    const singular = tensor([
      [1, 2],
      [2, 4],
    ]);
    const [, pivots, infos] = lu(singular, { getInfos: true });
    expect(Array.from(pivots!.dataSync())).toEqual(fixture.singular_pivots);
    expect(infos!.itemSync()).toBe(fixture.singular_infos);
    expect(() => lu(singular)).toThrow(/U\[2,2\] is zero/);
    expect(() => lu(singular, false)).toThrow(/LU without pivoting is not implemented on the CPU/);
    expect(() => triangularSolve(singular, singular, { lower: true } as never)).toThrow(/triangular_solve: unknown option `lower`/);
  });
});
