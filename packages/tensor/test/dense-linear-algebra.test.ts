import { describe, expect, it } from 'vitest';
import { det, eye, inverse, linalg, logdet, matrixPower, slogdet, tensor, zeros, type Tensor } from '../src/index.js';
import { gradcheck, gradgradcheck, leftBehind } from '../src/testing/index.js';
import { expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// linalg.inv, det, slogdet, solve, cholesky, matrixPower and logdet against torch 1.13
// (tools/fixtures/tensor_dense_linalg_reference.py): values and the gradient of Σ output·r with respect
// to every input, in float64 (to 1e-10) and float32 (to 1e-5).

interface LinalgCase {
  name: string;
  inputs: (FixtureTensor & { dtype: 'float64' | 'float32' })[];
  outputs: FixtureTensor[];
  weighted: boolean[];
  upstream: FixtureTensor[];
  gradients: FixtureTensor[];
}
const { cases } = readTorchFixture<{ cases: LinalgCase[] }>('torch-dense-linalg-reference.json');
const tolerances = { float64: 1e-10, float32: 1e-5 };
const float64 = (values: number[][]) => tensor(values, { dtype: 'float64' });

const operations: Record<string, (...inputs: Tensor[]) => Tensor | readonly Tensor[]> = {
  'inv 4x4': (a) => linalg.inv(a),
  'inv batched [2, 3, 3, 3]': (a) => linalg.inv(a),
  'inv needs pivoting': (a) => linalg.inv(a),
  'inv 1x1': (a) => a.inverse(),
  'inv float32 [3, 4, 4]': (a) => linalg.inv(a),
  'inverse of a transposed view': (a) => inverse(a.transpose(0, 1)),
  'det 4x4': (a) => linalg.det(a),
  'det batched [2, 3, 3]': (a) => det(a),
  'det needs pivoting': (a) => a.det(),
  'det negative': (a) => linalg.det(a),
  'det float32 [2, 5, 5]': (a) => linalg.det(a),
  'det singular 2x2': (a) => linalg.det(a),
  'det singular 3x3': (a) => linalg.det(a),
  'det singular, zero first column': (a) => linalg.det(a),
  'slogdet 4x4': (a) => linalg.slogdet(a),
  'slogdet negative': (a) => a.slogdet(),
  'slogdet batched [3, 3, 3]': (a) => slogdet(a),
  'slogdet float32': (a) => linalg.slogdet(a),
  'logdet 4x4': (a) => logdet(a),
  'logdet batched, one negative': (a) => a.logdet(),
  'solve vector': (a, b) => linalg.solve(a, b),
  'solve matrix': (a, b) => linalg.solve(a, b),
  'solve batched vectors [2, 3]': (a, b) => linalg.solve(a, b),
  'solve batch of A, one B [3, 3]': (a, b) => linalg.solve(a, b),
  'solve one A, batch of B [2, 3, 2]': (a, b) => linalg.solve(a, b),
  'solve broadcast batches [2, 1] and [4]': (a, b) => linalg.solve(a, b),
  'solve left=False': (a, b) => linalg.solve(a, b, { left: false }),
  'solve left=False batched': (a, b) => linalg.solve(a, b, { left: false }),
  'solve float32': (a, b) => linalg.solve(a, b),
  'cholesky 4x4': (a) => linalg.cholesky(a),
  'cholesky batched [2, 3, 3]': (a) => a.cholesky(),
  'cholesky upper': (a) => linalg.cholesky(a, { upper: true }),
  'cholesky reads the lower triangle': (a) => linalg.cholesky(a),
  'cholesky upper reads the upper triangle': (a) => a.cholesky(true),
  'cholesky float32': (a) => linalg.cholesky(a),
  'matrix_power 5 batched': (a) => linalg.matrixPower(a, 5),
  'matrix_power -6 batched': (a) => a.matrixPower(-6),
  'matrix_power 2 float32': (a) => matrixPower(a, 2),
};
for (let n = -3; n <= 3; n++) operations[`matrix_power ${n}`] = (a) => linalg.matrixPower(a, n);

describe('dense linear algebra against torch', () => {
  it('covers every fixture case', () => {
    expect(cases.map((entry) => entry.name).sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const inputs = entry.inputs.map((fixture) =>
      tensor(numbers(fixture), { shape: fixture.shape, dtype: fixture.dtype, requiresGrad: true }),
    );
    const result = operations[name]!(...inputs);
    const outputs = Array.isArray(result) ? [...(result as readonly Tensor[])] : [result as Tensor];
    expect(outputs.length).toBe(entry.outputs.length);
    const dtype = entry.inputs[0]!.dtype;
    outputs.forEach((output, index) => expectValues(output, entry.outputs[index]!, dtype, `${name} output ${index}`, tolerances));
    const total = outputs
      .filter((_, index) => entry.weighted[index])
      .map((output) => output.mul(tensor(numbers(entry.upstream[outputs.indexOf(output)]!), { shape: output.shape, dtype })).sum())
      .reduce((sum, term) => sum.add(term));
    total.backward();
    inputs.forEach((input, index) => expectValues(input.grad!, entry.gradients[index]!, dtype, `${name} gradient ${index}`, tolerances));
  });
});

describe('dense linear algebra', () => {
  const pivoting = () =>
    float64([
      [0, 2, 1],
      [1, 1, 0],
      [3, 0, 1],
    ]).requiresGrad_();
  const right = () =>
    float64([
      [1, -2],
      [0.5, 3],
      [2, 1],
    ]).requiresGrad_();

  it('pass gradcheck and gradgradcheck in float64', () => {
    const a = pivoting();
    const b = right();
    expect(gradcheck((x) => linalg.inv(x), [a])).toBe(true);
    expect(gradgradcheck((x) => linalg.inv(x), [a])).toBe(true);
    expect(gradcheck((x) => linalg.det(x), [a])).toBe(true);
    expect(gradgradcheck((x) => linalg.det(x), [a])).toBe(true);
    expect(gradcheck((x) => linalg.slogdet(x).logabsdet, [a])).toBe(true);
    expect(gradcheck((x) => logdet(x.matmul(x.transpose(0, 1))), [a])).toBe(true);
    expect(gradcheck((x, y) => linalg.solve(x, y), [a, b])).toBe(true);
    expect(gradgradcheck((x, y) => linalg.solve(x, y), [a, b])).toBe(true);
    expect(gradcheck((x, y) => linalg.solve(x, y.transpose(0, 1), { left: false }), [a, b])).toBe(true);
    expect(gradcheck((x) => linalg.matrixPower(x, -2), [a])).toBe(true);
    expect(gradcheck((x) => linalg.matrixPower(x, 4), [a])).toBe(true);
    // cholesky reads one triangle: checked, as torch does, through a symmetric positive-definite input
    const spd = (x: Tensor) => x.matmul(x.transpose(0, 1)).add(eye(3, 3, { dtype: 'float64' }));
    expect(gradcheck((x) => linalg.cholesky(spd(x)), [a])).toBe(true);
    expect(gradgradcheck((x) => linalg.cholesky(spd(x)), [a])).toBe(true);
    expect(gradcheck((x) => linalg.cholesky(spd(x), { upper: true }), [a])).toBe(true);
  });

  it('inverts: A·A⁻¹ = I, A⁰ = I with a zero gradient, det of a singular matrix is 0', () => {
    const a = pivoting();
    const product = a.matmul(linalg.inv(a)).dataSync();
    Array.from(product).forEach((value, index) => expect(value).toBeCloseTo(index % 4 === 0 ? 1 : 0, 14));
    const identity = linalg.matrixPower(a, 0);
    expect(identity.toArraySync()).toEqual(eye(3).toArraySync());
    identity.sum().backward();
    expect(Array.from(a.grad!.dataSync())).toEqual(new Array(9).fill(0));
    expect(
      Math.abs(
        linalg
          .det(
            float64([
              [1, 2],
              [2, 4],
            ]),
          )
          .itemSync(),
      ),
    ).toBe(0);
    const [sign, logabsdet] = linalg.slogdet(
      float64([
        [1, 2],
        [2, 4],
      ]),
    );
    expect([Math.abs(sign.itemSync()), logabsdet.itemSync()]).toEqual([0, Number.NEGATIVE_INFINITY]);
    expect(
      logdet(
        float64([
          [1, 2],
          [2, 4],
        ]),
      ).itemSync(),
    ).toBe(Number.NEGATIVE_INFINITY);
  });

  it('handles empty matrices and empty batches as torch', () => {
    expect([...linalg.inv(zeros([2, 0, 0])).shape]).toEqual([2, 0, 0]);
    expect(linalg.det(zeros([0, 0])).itemSync()).toBe(1);
    expect([...linalg.det(zeros([0, 3, 3])).shape]).toEqual([0]);
    const [sign, logabsdet] = linalg.slogdet(zeros([0, 0]));
    expect([sign.itemSync(), logabsdet.itemSync()]).toEqual([1, 0]);
    expect([...linalg.cholesky(zeros([0, 0])).shape]).toEqual([0, 0]);
    expect([...linalg.solve(zeros([2, 0, 0]), zeros([2, 0])).shape]).toEqual([2, 0]);
  });

  it('throws torch errors for singular and non-positive-definite matrices', () => {
    const singular = [
      [1, 2, 3],
      [2, 4, 6],
      [1, 1, 1],
    ];
    expect(() =>
      linalg.inv(
        float64([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toThrow('linalg.inv: The diagonal element 2 is zero, the inversion could not be completed because the input matrix is singular.');
    const batch = tensor([eye(3).toArraySync() as number[][], singular]);
    // torch 1.13 factors Aᵀ of a contiguous A (zero at step 2) and A itself of a strided view (step 3)
    expect(() => linalg.inv(batch)).toThrow('linalg.inv: (Batch element 1): The diagonal element 2 is zero');
    const view = batch.transpose(1, 2).contiguous().transpose(1, 2);
    expect(() => linalg.inv(view)).toThrow('linalg.inv: (Batch element 1): The diagonal element 3 is zero');
    expect(() => linalg.solve(batch, zeros([3]))).toThrow(
      'linalg.solve: (Batch element 1): The solver failed because the input matrix is singular.',
    );
    expect(() =>
      linalg.cholesky(
        tensor([
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toThrow(
      'linalg.cholesky: The factorization could not be completed because the input is not positive-definite (the leading minor of order 2 is not positive-definite).',
    );
    const notDefinite = tensor([
      eye(3).toArraySync() as number[][],
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, -1],
      ],
    ]).reshape([2, 1, 3, 3]);
    expect(() => linalg.cholesky(notDefinite)).toThrow('linalg.cholesky: (Batch element 1): The factorization could not be completed');
    expect(() => linalg.cholesky(notDefinite)).toThrow('(the leading minor of order 3 is not positive-definite)');
  });

  it('names bad arguments', () => {
    const integers = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'int32' },
    );
    const a = eye(3);
    for (const [name, call] of [
      ['linalg.inv', () => linalg.inv(integers)],
      ['linalg.det', () => linalg.det(integers)],
      ['linalg.slogdet', () => linalg.slogdet(integers)],
      ['logdet', () => logdet(integers)],
      ['linalg.cholesky', () => linalg.cholesky(integers)],
      ['linalg.solve', () => linalg.solve(integers, integers)],
      ['linalg.matrix_power', () => linalg.matrixPower(integers, 2)],
    ] as const)
      expect(call, name).toThrow(`${name}: Expected a floating point or complex tensor as input. Got int32`);
    expect(() => linalg.inv(tensor([[1, 2, 3]]))).toThrow('linalg.inv: A must be batches of square matrices, but they are 1 by 3 matrices');
    expect(() => linalg.det(tensor([1, 2]))).toThrow('linalg.det: The input tensor A must have at least 2 dimensions.');
    expect(() => linalg.solve(a, tensor([[1], [2]]))).toThrow(
      'linalg.solve: Incompatible shapes of A and B for the equation AX = B (3x3 and 2x1)',
    );
    expect(() => linalg.solve(a, zeros([3]), { left: false })).toThrow(
      'linalg.solve: Incompatible shapes of A and B for the equation XA = B (3x3 and 3x1)',
    );
    expect(() => linalg.solve(eye(1), zeros([1]), { left: false })).toThrow(
      'linalg.solve: Vector broadcasting of the left hand side is not supported for left=False',
    );
    expect(() => linalg.solve(a.expand([2, 3, 3]), zeros([3, 3, 1]))).toThrow('linalg.solve: shapes');
    expect(() => linalg.solve(a, zeros([3], { dtype: 'float64' }))).toThrow(
      'linalg.solve: Expected A and B to have the same dtype, but found A of type float32 and B of type float64 instead',
    );
    expect(() => linalg.solve(a, tensor(1))).toThrow('linalg.solve: The input tensor B must have at least 2 dimensions.');
    expect(() => linalg.solve(a, zeros([3]), { lft: false } as never)).toThrow('linalg.solve: unknown option `lft`');
    expect(() => linalg.cholesky(a, { uper: true } as never)).toThrow('linalg.cholesky: unknown option `uper`');
    expect(() => linalg.cholesky(a, { upper: 1 } as never)).toThrow('linalg.cholesky: upper must be true or false, got 1');
    expect(() => linalg.matrixPower(a, 1.5)).toThrow('linalg.matrix_power: n must be an integer, got 1.5');
  });

  it('release their intermediates', () => {
    const a = pivoting().detach();
    const b = right().detach();
    const spd = a.matmul(a.transpose(0, 1)).add(eye(3, 3, { dtype: 'float64' }));
    for (const call of [
      () => linalg.inv(a),
      () => linalg.det(a),
      () => linalg.slogdet(a),
      () => logdet(spd),
      () => linalg.solve(a, b, { left: true }),
      () => linalg.cholesky(spd, { upper: true }),
      () => linalg.matrixPower(a, -5),
    ]) {
      call();
      expect(leftBehind(call, [a, b, spd])).toEqual({ handles: 0, bytes: 0 });
    }
  });
});
