import { describe, expect, it } from 'vitest';
import { cpuBackend, eye, linalg, pinverse, qr, randn, registerBackend, tensor, type Tensor } from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';
import { expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// linalg.qr, eigh, eigvalsh, svd, svdvals, lstsq, pinv and matrixRank against torch 1.13
// (tools/fixtures/tensor_linalg_decompositions_reference.py): values and gradients in float64 (to
// 1e-10) and float32 (to 1e-5). Eigenvectors and singular vectors are compared sign-normalised (the
// largest-magnitude entry of each eigenvector, of each column of U, positive), with sign-invariant
// losses (those outputs enter squared); Q and R directly, as LAPACK's signs are matched.

interface DecompositionCase {
  name: string;
  inputs: (FixtureTensor & { dtype: 'float64' | 'float32' })[];
  outputs: FixtureTensor[];
  squared: boolean[];
  upstream: FixtureTensor[];
  gradients?: FixtureTensor[];
}
const { cases } = readTorchFixture<{ cases: DecompositionCase[] }>('torch-linalg-decompositions-reference.json');
const tolerances = { float64: 1e-10, float32: 1e-5 };
const float64 = (values: number[][]) => tensor(values, { dtype: 'float64' });
const reduced = { fullMatrices: false };

const operations: Record<string, (...inputs: Tensor[]) => Tensor | readonly Tensor[]> = {
  'qr reduced tall 5x3': (a) => linalg.qr(a),
  'qr reduced wide 3x5': (a) => linalg.qr(a, { mode: 'reduced' }),
  'qr reduced square batched [2, 4, 4]': (a) => qr(a),
  'qr complete wide 3x4': (a) => linalg.qr(a, { mode: 'complete' }),
  'qr complete tall 5x3': (a) => a.qr(false),
  'qr r 4x3': (a) => linalg.qr(a, { mode: 'r' }),
  'qr zero leading entries': (a) => a.qr(),
  'qr negative diagonal': (a) => linalg.qr(a),
  'qr float32 [3, 4, 3]': (a) => linalg.qr(a),
  'qr of an upper triangular matrix': (a) => linalg.qr(a),
  'eigh 4x4': (a) => linalg.eigh(a),
  'eigh batched [2, 3, 3]': (a) => linalg.eigh(a),
  'eigh reads the lower triangle': (a) => linalg.eigh(a, { UPLO: 'L' }),
  'eigh UPLO=U reads the upper triangle': (a) => linalg.eigh(a, { UPLO: 'U' }),
  'eigh 6x6': (a) => linalg.eigh(a),
  'eigh float32 [2, 5, 5]': (a) => linalg.eigh(a),
  'eigh 1x1': (a) => linalg.eigh(a),
  'eigvalsh 5x5': (a) => linalg.eigvalsh(a),
  'eigvalsh repeated eigenvalues': (a) => linalg.eigvalsh(a),
  'eigvalsh UPLO=U batched': (a) => linalg.eigvalsh(a, { UPLO: 'U' }),
  'svd tall 5x3': (a) => linalg.svd(a, reduced),
  'svd wide 3x5': (a) => linalg.svd(a, reduced),
  'svd square batched [2, 4, 4]': (a) => linalg.svd(a, reduced),
  'svd float32 [2, 4, 3]': (a) => linalg.svd(a, reduced),
  'svdvals 6x4': (a) => linalg.svdvals(a),
  'svdvals rank one': (a) => linalg.svdvals(a),
  'svdvals batched wide [3, 2, 5]': (a) => linalg.svdvals(a),
  'lstsq tall 6x3, B 6x2': (a, b) => linalg.lstsq(a, b).solution,
  'lstsq square batched': (a, b) => linalg.lstsq(a, b).solution,
  'lstsq wide 3x5 (minimum norm)': (a, b) => linalg.lstsq(a, b).solution,
  'lstsq vector B': (a, b) => linalg.lstsq(a, b).solution,
  'lstsq float32': (a, b) => linalg.lstsq(a, b).solution,
  'pinv tall 4x3': (a) => linalg.pinv(a),
  'pinv wide batched [2, 2, 4]': (a) => linalg.pinv(a),
  'pinv rank-deficient': (a) => linalg.pinv(a),
  'pinverse float32': (a) => pinverse(a),
  'matrix_rank full': (a) => linalg.matrixRank(a),
  'matrix_rank 2 of 3': (a) => linalg.matrixRank(a),
  'matrix_rank batched with zeros': (a) => linalg.matrixRank(a),
};

describe('linalg decompositions against torch', () => {
  it('covers every fixture case', () => {
    expect(cases.map((entry) => entry.name).sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const inputs = entry.inputs.map((fixture) =>
      tensor(numbers(fixture), { shape: fixture.shape, dtype: fixture.dtype, requiresGrad: entry.gradients !== undefined }),
    );
    const result = operations[name]!(...inputs);
    const outputs = Array.isArray(result) ? [...(result as readonly Tensor[])] : [result as Tensor];
    expect(outputs.length).toBe(entry.outputs.length);
    const dtype = entry.inputs[0]!.dtype;
    outputs.forEach((output, index) => {
      const integer = name.startsWith('matrix_rank');
      expectValues(output, entry.outputs[index]!, integer ? 'int32' : dtype, `${name} output ${index}`, tolerances);
    });
    if (!entry.gradients) return;
    const total = outputs
      .map((output, index) => {
        const weights = tensor(numbers(entry.upstream[index]!), { shape: output.shape, dtype });
        return (entry.squared[index] ? output.square() : output).mul(weights).sum();
      })
      .reduce((sum, term) => sum.add(term));
    total.backward();
    inputs.forEach((input, index) => expectValues(input.grad!, entry.gradients![index]!, dtype, `${name} gradient ${index}`, tolerances));
  });
});

/** max |x − y| over all entries. */
const largestDifference = (x: Tensor, y: Tensor) => x.sub(y).abs().max().itemSync();

describe('linalg decompositions', () => {
  const tall = () =>
    float64([
      [2, -1, 0.5],
      [1, 3, -2],
      [0, 1, 4],
      [-1, 2, 1],
    ]).requiresGrad_();

  it('pass gradcheck and gradgradcheck in float64 (sign-invariant functions of the vectors)', () => {
    const a = tall();
    expect(gradcheck((x) => [...linalg.qr(x)], [a])).toBe(true);
    expect(gradgradcheck((x) => [...linalg.qr(x)], [a])).toBe(true);
    expect(gradcheck((x) => [...linalg.qr(x.transpose(0, 1), { mode: 'complete' })], [a])).toBe(true);
    const symmetric = (x: Tensor) => x.transpose(0, 1).matmul(x);
    expect(gradcheck((x) => linalg.eigvalsh(symmetric(x)), [a])).toBe(true);
    expect(gradcheck((x) => linalg.eigh(symmetric(x)).eigenvectors.square(), [a])).toBe(true);
    expect(gradgradcheck((x) => linalg.eigvalsh(symmetric(x)), [a])).toBe(true);
    expect(gradgradcheck((x) => linalg.eigh(symmetric(x)).eigenvectors.square(), [a])).toBe(true);
    expect(gradcheck((x) => linalg.svdvals(x), [a])).toBe(true);
    expect(gradgradcheck((x) => linalg.svdvals(x), [a])).toBe(true);
    const [u, , vh] = [0, 1, 2];
    expect(gradcheck((x) => linalg.svd(x, reduced)[u]!.square(), [a])).toBe(true);
    expect(gradcheck((x) => linalg.svd(x.transpose(0, 1), reduced)[vh]!.square(), [a])).toBe(true);
    expect(gradcheck((x) => linalg.pinv(x), [a])).toBe(true);
    expect(gradgradcheck((x) => linalg.pinv(x), [a])).toBe(true);
    const b = float64([[1], [0], [-2], [3]]).requiresGrad_();
    expect(gradcheck((x, y) => linalg.lstsq(x, y).solution, [a, b])).toBe(true);
    expect(gradcheck((x, y) => linalg.lstsq(x.transpose(0, 1), y.narrow(0, 0, 3)).solution, [a, b])).toBe(true);
  });

  it('eigh of a 40×40 matrix: V·diag(w)·Vᵀ = A and VᵀV = I to machine precision', () => {
    const m = randn([40, 40], { dtype: 'float64' });
    const a = m.add(m.transpose(0, 1));
    const [w, v] = linalg.eigh(a);
    const rebuilt = v.mul(w.unsqueeze(0)).matmul(v.transpose(0, 1));
    expect(largestDifference(rebuilt, a)).toBeLessThan(1e-12 * a.abs().max().itemSync() * 40);
    expect(largestDifference(v.transpose(0, 1).matmul(v), eye(40, 40, { dtype: 'float64' }))).toBeLessThan(1e-13);
    const values = Array.from(w.dataSync());
    expect(values).toEqual([...values].sort((x, y) => x - y));
  });

  it('svd with full matrices: U and Vh orthogonal, A = U[:, :k]·diag(S)·Vh[:k], also for zero singular values', () => {
    for (const a of [
      randn([5, 3], { dtype: 'float64' }),
      randn([2, 6], { dtype: 'float64' }),
      float64([
        [1, 2, 3],
        [2, 4, 6],
        [0, 0, 0],
      ]),
    ]) {
      const [m, n] = a.shape as [number, number];
      const k = Math.min(m, n);
      const [u, s, vh] = linalg.svd(a);
      expect([u.shape, s.shape, vh.shape]).toEqual([[m, m], [k], [n, n]]);
      expect(largestDifference(u.matmul(u.transpose(0, 1)), eye(m, m, { dtype: 'float64' }))).toBeLessThan(1e-13);
      expect(largestDifference(vh.matmul(vh.transpose(0, 1)), eye(n, n, { dtype: 'float64' }))).toBeLessThan(1e-13);
      const rebuilt = u
        .narrow(1, 0, k)
        .mul(s.unsqueeze(0))
        .matmul(vh.narrow(0, 0, k));
      expect(largestDifference(rebuilt, a)).toBeLessThan(1e-13);
    }
  });

  it("lstsq's driver 'gels' refuses a rank-deficient A by name; qr and lstsq run on a device that reads asynchronously, eigh and svd refuse it", async () => {
    const singular = float64([
      [1, 2],
      [2, 4],
      [3, 6],
    ]);
    expect(() => linalg.lstsq(singular, float64([[1], [2], [3]]), { driver: 'gels' })).toThrow(
      /linalg.lstsq: the input matrix is rank-deficient .* driver 'gels' supports only full-rank matrices/,
    );
    registerBackend({ ...cpuBackend, device: 'decompositions-async', readSync: undefined });
    const a = tall().detach();
    const moved = a.to('decompositions-async');
    const [q, r] = linalg.qr(moved);
    const [qCpu, rCpu] = linalg.qr(a);
    expect(Array.from(await q.data())).toEqual(Array.from(qCpu.dataSync()));
    expect(Array.from(await r.data())).toEqual(Array.from(rCpu.dataSync()));
    expect(() => linalg.eigh(moved.transpose(0, 1).matmul(moved))).toThrow("linalg.eigh runs on the CPU; move the matrix with .to('cpu')");
    expect(() => linalg.svdvals(moved)).toThrow("linalg.svdvals runs on the CPU; move the matrix with .to('cpu')");
    expect(() => linalg.qr(a, { mode: 'full' as 'reduced' })).toThrow(/linalg.qr: invalid mode 'full'/);
  });
});
