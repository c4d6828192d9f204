import { describe, expect, it } from 'vitest';
import { igamma, igammac, type Tensor, tensor } from '../src/index.js';
import { TEMME_COEFFICIENTS } from '../src/ops/incomplete-gamma-temme-coefficients.js';
import { gradcheck } from '../src/testing/index.js';
import { readTorchFixture } from './helpers/torch-fixtures.js';

// igamma and igammac (P and Q) against their exact values (50 digits, mpmath) from
// tools/fixtures/tensor_incomplete_gamma_reference.py: a grid of a from 0.5 to 1e6 with x = a·{0.1, …,
// 10}, and a dense set over a in [20, 1e6], x/a in [0.1, 10], where Temme's uniform expansion takes
// over near x ≈ a (and the ends of its region, x = 0.7a and 1.3a). float64 must be within 1e-13
// relative, float32 within 1e-5 (at the points rounded to float32, against the exact values there).
// Where P or Q is far out in its tail, e^(−a·(λ − 1 − log λ)) with λ = x/a, the rounding of a·log λ
// (condition |ln P|) alone costs about |ln P|·1e-16, so the bound grows with |ln P| beyond 100.
//
// torch 1.13 itself deviates from the exact values, and the fixture records its outputs: in float64 by
// up to 1.4e-9 wherever it uses the same expansion (20 < a < 200 with |x − a| < 0.3a, and a > 200 with
// |x − a| < 4.5·√a: it divides by √(2πa) with π rounded to float32), and by 1e-13 to 2e-10 in the
// tails for a ≥ 300 (where it forms a·log x − x − lgamma(a), each term about a·log a); in float32 by up
// to 4e-4 (Q(1e6, 1.01e6) = 1.06e-23). So these tests compare with the exact values, not with torch.

interface Point {
  a: number;
  x: number;
  p: number | string;
  q: number | string;
}
interface GridPoint extends Point {
  torchP: number | string;
  torchQ: number | string;
  a32: number;
  x32: number;
  p32: number | string;
  q32: number | string;
}

const fixture = readTorchFixture<{ grid: GridPoint[]; dense: Point[]; coefficients: number[][] }>('incomplete-gamma-reference.json');

/** The relative error of each of `values` against `exact`, with values that the dtype cannot hold (below `floor`) compared absolutely. */
function relativeErrors(values: Float64Array | Float32Array, exact: number[], floor: number): number[] {
  return exact.map((want, index) => Math.abs(values[index]! - want) / Math.max(Math.abs(want), floor));
}

/** The bound for a value: `base` relative, times |ln value|/100 far out in the tails. */
const bound = (base: number, want: number) => base * Math.max(1, Math.abs(Math.log(want)) / 100);

function expectClose(label: string, points: Point[], values: [Tensor, Tensor], base: number, floor: number): void {
  const columns: [string, number[], Tensor][] = [
    ['P', points.map((point) => Number(point.p)), values[0]],
    ['Q', points.map((point) => Number(point.q)), values[1]],
  ];
  for (const [name, exact, result] of columns) {
    const errors = relativeErrors(result.dataSync() as Float64Array, exact, floor);
    const failures = errors
      .map((error, index) => ({ error, index }))
      .filter(({ error, index }) => !(error <= bound(base, Math.max(exact[index]!, floor))))
      .map(
        ({ error, index }) =>
          `${name}(${points[index]!.a}, ${points[index]!.x}) = ${exact[index]}: relative error ${error.toExponential(2)}`,
      );
    expect(failures, `${label}: ${name}`).toEqual([]);
  }
}

function evaluate(points: Point[], dtype: 'float64' | 'float32', at: (point: Point) => [number, number]): [Tensor, Tensor] {
  const a = tensor(
    points.map((point) => at(point)[0]),
    { dtype },
  );
  const x = tensor(
    points.map((point) => at(point)[1]),
    { dtype },
  );
  return [igamma(a, x), igammac(a, x)];
}

describe('igamma and igammac for large a, against their exact values', () => {
  it('Temme coefficient table matches its derivation', () => {
    expect(TEMME_COEFFICIENTS.length).toBe(fixture.coefficients.length);
    fixture.coefficients.forEach((row, k) => {
      expect(TEMME_COEFFICIENTS[k]!.length).toBe(row.length);
      row.forEach((want, n) =>
        expect(Math.abs(TEMME_COEFFICIENTS[k]![n]! - want), `d[${k}][${n}]`).toBeLessThanOrEqual(1e-15 * Math.abs(want)),
      );
    });
  });

  it('float64 on the grid a ∈ {0.5, …, 1e6}, x = a·{0.1, …, 10} to 1e-13', () => {
    const values = evaluate(fixture.grid, 'float64', (point) => [point.a, point.x]);
    expectClose('float64 grid', fixture.grid, values, 1e-13, 1e-300);
  });

  it('float64 over a ∈ [20, 1e6], x/a ∈ [0.1, 10] to 1e-13', () => {
    const values = evaluate(fixture.dense, 'float64', (point) => [point.a, point.x]);
    expectClose('float64 dense', fixture.dense, values, 1e-13, 1e-300);
  });

  it('float32 on the grid to 1e-5', () => {
    const points = fixture.grid.map((point) => ({ a: point.a32, x: point.x32, p: point.p32, q: point.q32 }));
    const values = evaluate(points, 'float32', (point) => [point.a, point.x]);
    expectClose('float32 grid', points, values, 1e-5, 1e-37);
  });

  it('P + Q = 1 and the gradient in x through the expansion (gradcheck at a = 50 and 5e4)', () => {
    const a = tensor([50, 50, 50, 5e4, 5e4], { dtype: 'float64' });
    const x = tensor([40, 50, 60, 4.9e4, 5.05e4], { dtype: 'float64' });
    const sum = Array.from(igamma(a, x).add(igammac(a, x)).dataSync());
    sum.forEach((value) => expect(Math.abs(value - 1)).toBeLessThanOrEqual(2e-16));
    x.requiresGrad = true;
    expect(gradcheck((input) => igamma(a, input), [x])).toBe(true);
    expect(gradcheck((input) => igammac(a, input), [x])).toBe(true);
  });
});
