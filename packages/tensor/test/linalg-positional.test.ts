import { describe, expect, it } from 'vitest';
import { linalg, type Tensor, tensor } from '../src/index.js';
import { readTorchFixture } from './helpers/torch-fixtures.js';

// torch.linalg's positional order against torch 1.13 (tools/fixtures/tensor_linalg_positional_reference.py):
// `linalg.vectorNorm(x, 3, -1)`, `linalg.norm(x, null, 1)`, `linalg.svd(a, false)`, `linalg.eigh(a, 'U')`,
// `linalg.qr(a, 'complete')`, `linalg.lstsq(a, b, null)`. Before, each threw ("too many positional
// arguments", "expected an options object { fullMatrices }, got false", "rcond must be a finite number").

interface Encoded {
  shape: number[];
  values: number[];
}
const fixture = readTorchFixture<Record<string, Encoded>>('torch-linalg-positional-reference.json');

const f64 = (values: number[][]) => tensor(values, { dtype: 'float64' });
const x = () =>
  f64([
    [3, -4, 1],
    [0.5, 2, -2],
  ]);
const a = () =>
  f64([
    [4, 1, -2],
    [1, 3, 0.5],
    [-2, 0.5, 5],
  ]);
const tall = () =>
  f64([
    [1, 2],
    [3, -1],
    [0, 4],
  ]);
const b = () => f64([[1], [2], [-1]]);
const shapeOf = (t: Tensor) => tensor([...t.shape], { dtype: 'float64' });

const cases: Record<string, () => Tensor> = {
  'vector_norm(x, 3, -1)': () => linalg.vectorNorm(x(), 3, -1),
  'vector_norm(x, 1, (0, 1), True)': () => linalg.vectorNorm(x(), 1, [0, 1], true),
  'vector_norm(x, 2, None, True)': () => linalg.vectorNorm(x(), 2, null, true),
  "matrix_norm(a, 'nuc', (-2, -1), True)": () => linalg.matrixNorm(a(), 'nuc', [-2, -1], true),
  'norm(x, None, 1)': () => linalg.norm(x(), null, 1),
  'norm(x, inf, 0, True)': () => linalg.norm(x(), Infinity, 0, true),
  'svd(tall, False): S': () => linalg.svd(tall(), false).S,
  'svd(tall, False): U S Vh': () => {
    const { U, S, Vh } = linalg.svd(tall(), false);
    return U.mul(S).matmul(Vh);
  },
  "svd(tall, False): U's shape": () => shapeOf(linalg.svd(tall(), false).U),
  "qr(tall, 'complete'): Q's shape": () => shapeOf(linalg.qr(tall(), 'complete').Q),
  "qr(tall, 'complete'): |R|": () => linalg.qr(tall(), 'complete').R.abs(),
  "eigh(a, 'U'): eigenvalues": () => linalg.eigh(a(), 'U').eigenvalues,
  "eigh(a, 'U'): V diag(w) Vt": () => {
    const { eigenvalues, eigenvectors } = linalg.eigh(a(), 'U');
    return eigenvectors.mul(eigenvalues).matmul(eigenvectors.t());
  },
  "eigvalsh(a, 'U')": () => linalg.eigvalsh(a(), 'U'),
  'lstsq(tall, b, None): solution': () => linalg.lstsq(tall(), b(), null).solution,
};

describe("torch.linalg's positional order", () => {
  it('the fixture and this file list the same cases', () => expect(Object.keys(cases).sort()).toEqual(Object.keys(fixture).sort()));

  for (const [label, run] of Object.entries(cases))
    it(`${label} as torch's`, () => {
      const expected = fixture[label]!;
      const result = run();
      expect([...result.shape]).toEqual(expected.shape);
      const values = Array.from(result.dataSync(), Number);
      expected.values.forEach((value, index) =>
        expect(Math.abs(values[index]! - value)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(value))),
      );
    });

  it('an argument past torch’s still throws, naming the function', () => {
    expect(() => (linalg.vectorNorm as (...args: unknown[]) => Tensor)(x(), 2, -1, true, {}, 1)).toThrow(/^linalg\.vector_norm: /);
    expect(() => (linalg.svd as (...args: unknown[]) => unknown)(tall(), false, true)).toThrow(/^linalg\.svd: /);
  });
});
