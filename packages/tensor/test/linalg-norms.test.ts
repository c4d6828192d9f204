import { describe, expect, it } from 'vitest';
import { linalg, tensor, zeros, type Tensor } from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';
import { expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// linalg.vectorNorm, matrixNorm, norm, cross, vecdot, multiDot and matrixExp against torch 1.13
// (tools/fixtures/tensor_linalg_norms_reference.py): values and the gradients of Σ r·output, in
// float64 to 1e-10 and float32 to 1e-5, torch's masked gradients (the zero vector, p < 1, ties) included.

interface NormCase {
  name: string;
  inputs: (FixtureTensor & { dtype: 'float64' | 'float32' })[];
  output: FixtureTensor & { dtype: 'float64' | 'float32' };
  upstream: FixtureTensor;
  gradients: FixtureTensor[];
}
const { cases } = readTorchFixture<{ cases: NormCase[] }>('torch-linalg-norms-reference.json');
const tolerances = { float64: 1e-10, float32: 1e-5 };
const float64 = (values: number | number[] | number[][] | number[][][]) => tensor(values, { dtype: 'float64' });

const matrixOrders = ['fro', 'nuc', 1, -1, 2, -2, Infinity, -Infinity] as const;
const torchName = (ord: string | number) => (ord === Infinity ? 'inf' : ord === -Infinity ? '-inf' : String(ord));

const operations: Record<string, (...inputs: Tensor[]) => Tensor> = {
  'vector_norm default 1-D': (x) => linalg.vectorNorm(x),
  'vector_norm 2 dim 1 keepdim': (x) => linalg.vectorNorm(x, 2, { dim: 1, keepdim: true }),
  'vector_norm 2 of the zero vector': (x) => linalg.vectorNorm(x),
  'vector_norm 2 with a zero row': (x) => linalg.vectorNorm(x, { dim: -1 }),
  'vector_norm 1 with zeros': (x) => linalg.vectorNorm(x, { ord: 1, dim: 0 }),
  'vector_norm inf with ties': (x) => linalg.vectorNorm(x, Infinity, { dim: -1 }),
  'vector_norm -inf': (x) => linalg.vectorNorm(x, -Infinity, { dim: 1 }),
  'vector_norm 0 counts nonzeros': (x) => linalg.vectorNorm(x, 0, { dim: 1 }),
  'vector_norm 3': (x) => linalg.vectorNorm(x, 3),
  'vector_norm 1.5 with a zero': (x) => linalg.vectorNorm(x, 1.5, { dim: -1 }),
  'vector_norm 0.5 with a zero': (x) => linalg.vectorNorm(x, 0.5, { dim: -1 }),
  'vector_norm -1': (x) => linalg.vectorNorm(x, -1, { dim: -1 }),
  'vector_norm -2.5': (x) => linalg.vectorNorm(x, -2.5),
  'vector_norm 4 over dims (0, 2)': (x) => linalg.vectorNorm(x, 4, { dim: [0, 2] }),
  'vector_norm dim () reduces everything': (x) => linalg.vectorNorm(x, 2, { dim: [] }),
  'vector_norm dtype float64 of float32': (x) => linalg.vectorNorm(x, 3, { dtype: 'float64' }),
  'vector_norm float32 2 dim 0': (x) => linalg.vectorNorm(x, { dim: 0 }),
  'vector_norm 0-d': (x) => linalg.vectorNorm(x, 3),
  ...Object.fromEntries(matrixOrders.map((ord) => [`matrix_norm ${torchName(ord)} 3x4`, (a: Tensor) => linalg.matrixNorm(a, ord)])),
  ...Object.fromEntries(
    (['fro', 'nuc', 1, -Infinity, 2, -2] as const).map((ord) => [
      `matrix_norm ${torchName(ord)} dim (2, 0) keepdim`,
      (a: Tensor) => linalg.matrixNorm(a, { ord, dim: [2, 0], keepdim: true }),
    ]),
  ),
  'matrix_norm inf dim (0, -1)': (a) => linalg.matrixNorm(a, Infinity, { dim: [0, -1] }),
  'matrix_norm default batched': (a) => linalg.matrixNorm(a),
  'matrix_norm nuc float32 batched': (a) => linalg.matrixNorm(a, 'nuc'),
  'matrix_norm -1 float32': (a) => linalg.matrixNorm(a, -1),
  'norm 2-D without ord: flattened 2-norm': (x) => linalg.norm(x),
  'norm 3-D without ord: flattened 2-norm': (x) => linalg.norm(x),
  'norm 1-D ord 3: vector': (x) => linalg.norm(x, 3),
  'norm 2-D ord 1: matrix': (x) => linalg.norm(x, 1),
  'norm 2-D ord nuc': (x) => linalg.norm(x, 'nuc'),
  'norm dim 1 ord inf: vector': (x) => linalg.norm(x, Infinity, { dim: 1 }),
  'norm dim (0, 1) ord -2: matrix': (x) => linalg.norm(x, { ord: -2, dim: [0, 1] }),
  'norm dim (1, 2) without ord: vector 2-norm': (x) => linalg.norm(x, { dim: [1, 2], keepdim: true }),
  'norm fro dim (2, 0) keepdim': (x) => linalg.norm(x, 'fro', { dim: [2, 0], keepdim: true }),
  'norm 2-D without ord at zero': (x) => linalg.norm(x),
  'cross dim -1 batched': (a, b) => linalg.cross(a, b),
  'cross broadcast dim 0': (a, b) => linalg.cross(a, b, { dim: 0 }),
  'vecdot broadcast': (x, y) => linalg.vecdot(x, y),
  'vecdot dim 0': (x, y) => linalg.vecdot(x, y, 0),
  'multi_dot four matrices': (...m) => linalg.multiDot(m),
  'multi_dot five matrices': (...m) => linalg.multiDot(m),
  'multi_dot three A(BC)': (...m) => linalg.multiDot(m),
  'multi_dot three (AB)C': (...m) => linalg.multiDot(m),
  'multi_dot 1-D first': (...m) => linalg.multiDot(m),
  'multi_dot 1-D last': (...m) => linalg.multiDot(m),
  'multi_dot two 1-D: a scalar': (...m) => linalg.multiDot(m),
  'multi_dot float32': (...m) => linalg.multiDot(m),
  'matrix_exp small norm 3x3': (a) => linalg.matrixExp(a),
  'matrix_exp 4x4': (a) => linalg.matrixExp(a),
  'matrix_exp norm about 1': (a) => linalg.matrixExp(a),
  'matrix_exp large norm 5x5': (a) => linalg.matrixExp(a),
  'matrix_exp batched mixed norms': (a) => linalg.matrixExp(a),
  'matrix_exp nilpotent': (a) => linalg.matrixExp(a),
  'matrix_exp diagonal -30 and 2': (a) => linalg.matrixExp(a),
  'matrix_exp rotation generator': (a) => linalg.matrixExp(a),
  'matrix_exp 1x1': (a) => linalg.matrixExp(a),
  'matrix_exp float32 batched': (a) => linalg.matrixExp(a),
};

describe('linalg norms and products against torch', () => {
  it('covers every fixture case', () => {
    expect(cases.map((entry) => entry.name).sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const inputs = entry.inputs.map((fixture) =>
      tensor(numbers(fixture), { shape: fixture.shape, dtype: fixture.dtype, requiresGrad: true }),
    );
    const output = operations[name]!(...inputs);
    expectValues(output, entry.output, entry.output.dtype, `${name} output`, tolerances);
    const weights = tensor(numbers(entry.upstream), { shape: output.shape, dtype: output.dtype });
    output.mul(weights).sum().backward();
    inputs.forEach((input, index) =>
      expectValues(input.grad!, entry.gradients[index]!, entry.inputs[index]!.dtype, `${name} gradient ${index}`, tolerances),
    );
  });
});

describe('linalg norms and products', () => {
  const a = () =>
    float64([
      [2, -1, 0.5],
      [1, 3, -2],
      [0.3, 1, 4],
    ]).requiresGrad_();

  it('pass gradcheck and gradgradcheck in float64', () => {
    const x = a();
    for (const ord of [2, 1, 3, 1.5, 0.5, -1, -2.5, Infinity, -Infinity]) {
      expect(
        gradcheck((y) => linalg.vectorNorm(y, ord, { dim: 1 }), [x]),
        `vector ord ${ord}`,
      ).toBe(true);
      if (ord !== 1 && Number.isFinite(ord))
        expect(
          gradgradcheck((y) => linalg.vectorNorm(y, ord, { dim: 1 }), [x]),
          `vector ord ${ord}`,
        ).toBe(true);
    }
    for (const ord of matrixOrders) {
      expect(
        gradcheck((y) => linalg.matrixNorm(y, ord), [x]),
        `matrix ord ${ord}`,
      ).toBe(true);
      if (ord === 'fro' || ord === 'nuc' || ord === 2)
        expect(
          gradgradcheck((y) => linalg.matrixNorm(y, ord), [x]),
          `matrix ord ${ord}`,
        ).toBe(true);
    }
    const b = float64([
      [1, 0, -1],
      [0.5, 2, 1],
      [-1, 1, 0],
    ]).requiresGrad_();
    expect(gradcheck((y, z) => linalg.cross(y, z), [x, b])).toBe(true);
    expect(gradcheck((y, z) => linalg.vecdot(y, z, 0), [x, b])).toBe(true);
    expect(gradcheck((y, z) => linalg.multiDot([y.select(0, 0), z, y, z.select(1, 2)]), [x, b])).toBe(true);
    expect(gradgradcheck((y, z) => linalg.multiDot([y, z, y]), [x, b])).toBe(true);
    expect(gradcheck((y) => linalg.matrixExp(y), [x])).toBe(true);
    expect(gradgradcheck((y) => linalg.matrixExp(y), [x])).toBe(true);
    expect(gradcheck((y) => linalg.matrixExp(y.mul(0.01)), [x])).toBe(true);
  });

  it('vectorNorm: torch gives a zero gradient at the zero vector for ord 2, and for ord 0 everywhere', () => {
    const x = zeros([3], { dtype: 'float64', requiresGrad: true });
    linalg.vectorNorm(x).backward();
    expect(Array.from(x.grad!.dataSync())).toEqual([0, 0, 0]);
    const y = float64([1, 0, -2]).requiresGrad_();
    const count = linalg.vectorNorm(y, 0);
    expect(count.itemSync()).toBe(2);
    count.backward();
    expect(Array.from(y.grad!.dataSync())).toEqual([0, 0, 0]);
    expect(linalg.vectorNorm(float64([3, 0, 4]), -1).itemSync()).toBe(0);
  });

  it('matrixExp: exact for rotations, diagonals and nilpotents to ~1e-14, batched with mixed norms, async on the CPU too', async () => {
    const angle = 40; // 2^3 squarings
    const rotation = linalg.matrixExp(
      float64([
        [0, -angle],
        [angle, 0],
      ]),
    );
    const expected = [Math.cos(angle), -Math.sin(angle), Math.sin(angle), Math.cos(angle)];
    Array.from(rotation.dataSync()).forEach((value, index) => expect(Math.abs(value - expected[index]!)).toBeLessThan(1e-13));
    const diagonal = linalg.matrixExp(
      float64([
        [
          [0.001, 0],
          [0, -3],
        ],
        [
          [25, 0],
          [0, 1e-8],
        ],
      ]),
    );
    const want = [Math.exp(0.001), 0, 0, Math.exp(-3), Math.exp(25), 0, 0, Math.exp(1e-8)];
    Array.from(diagonal.dataSync()).forEach((value, index) =>
      expect(Math.abs(value - want[index]!)).toBeLessThanOrEqual(2e-15 * Math.abs(want[index]!)),
    );
    const shear = await linalg.matrixExpAsync(
      float64([
        [0, 5],
        [0, 0],
      ]),
    );
    expect(Array.from(shear.dataSync())).toEqual([1, 5, 0, 1]);
    expect(linalg.matrixExp(zeros([2, 0, 0])).shape).toEqual([2, 0, 0]);
  });

  it('multiDot multiplies in the cheapest order, as torch: A·B would overflow where B·C does not', () => {
    // A [2, 1], B [1, 2], C [2, 1]: A(BC) costs 4 multiplications, (AB)C 8; AB = 1e400 = ∞
    const big = float64([[1e200], [1e200]]);
    const small = float64([[1e-200], [1e-200]]);
    for (const chain of [
      [big, big.transpose(0, 1), small],
      [big, big.transpose(0, 1), small, float64([[1]])],
    ])
      expect(Array.from(linalg.multiDot(chain).dataSync())).toEqual([2e200, 2e200]);
    expect(linalg.multiDot([float64([1, 2]), float64([3, 4])]).shape).toEqual([]);
  });

  it('throws clear errors naming the operation and the bad value', () => {
    const x = float64([
      [1, 2],
      [3, 4],
    ]);
    expect(() => linalg.vectorNorm(x, Number.NaN)).toThrow(
      'linalg.vector_norm: ord must be a real number (0 and ±Infinity included), got NaN',
    );
    expect(() => linalg.vectorNorm(x, { ord: 2, p: 2 } as never)).toThrow('linalg.vector_norm: unknown option `p`');
    expect(() => linalg.vectorNorm(x, { dim: [0, 0] })).toThrow('linalg.vector_norm: dim [0,0] repeats an axis');
    expect(() => linalg.vectorNorm(x, { dim: 2 })).toThrow('linalg.vector_norm');
    expect(() => linalg.vectorNorm(tensor([1, 2], { dtype: 'int32' }))).toThrow(
      'linalg.vector_norm: Expected a floating point or complex tensor as input. Got int32',
    );
    expect(() => linalg.vectorNorm(x, { dtype: 'float32' })).toThrow(
      'linalg.vector_norm: the dtype of the input (float64) should be convertible without narrowing to the specified dtype (float32)',
    );
    expect(() => linalg.vectorNorm(zeros([0]), -1)).toThrow('linalg.vector_norm cannot compute the -1 norm on an empty tensor [0]');
    expect(() => linalg.matrixNorm(x, 3)).toThrow("linalg.matrix_norm: Order 3 not supported; ord must be one of 'fro', 'nuc'");
    expect(() => linalg.matrixNorm(x, 'frob' as never)).toThrow("linalg.matrix_norm: Order 'frob' not supported");
    expect(() => linalg.matrixNorm(x, { dim: [0, -2] })).toThrow('linalg.matrix_norm: dims must be different. Got (0, -2)');
    expect(() => linalg.matrixNorm(x, { dim: [0] })).toThrow('linalg.matrix_norm: dim must be a 2-tuple of ints, got an array [0]');
    expect(() => linalg.matrixNorm(float64([1, 2]))).toThrow('linalg.matrix_norm: The input tensor A must have at least 2 dimensions.');
    expect(() => linalg.matrixNorm(x, { keepDims: true } as never)).toThrow('(did you mean `keepdim`?)');
    expect(() => linalg.norm(zeros([2, 2, 2]), 2)).toThrow(
      'linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got 3D.',
    );
    expect(() => linalg.norm(x, { dim: [0, 1, 1] })).toThrow(
      'linalg.norm: If dim is specified, it must be of length 1 or 2. Got an array [0, 1, 1]',
    );
    expect(() => linalg.norm(float64([1, 2]), 'fro')).toThrow(
      "linalg.norm: ord 'fro' is a matrix norm; it needs a 2-D input or a dim of two dims, got a 1-D input",
    );
    expect(() => linalg.norm(x, 'nuc', { dim: 0 })).toThrow("linalg.norm: ord 'nuc' is a matrix norm");
    expect(() => linalg.multiDot([x])).toThrow('linalg.multi_dot: expected at least 2 tensors but got 1');
    expect(() => linalg.multiDot([x, zeros([2, 2, 2], { dtype: 'float64' })])).toThrow(
      'linalg.multi_dot: the last tensor must be 1D or 2D but got 3D',
    );
    expect(() => linalg.multiDot([x, float64([1, 2]), x])).toThrow('linalg.multi_dot: tensor 1 must be 2D but got 1D');
    expect(() => linalg.multiDot([x, float64([[1, 2, 3]])])).toThrow(
      'linalg.multi_dot: tensors 0 and 1 with shapes [2, 2] and [1, 3] cannot be multiplied',
    );
    expect(() =>
      linalg.multiDot([
        x,
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ]),
    ).toThrow('linalg.multi_dot: all tensors must have the same dtype');
    expect(() => linalg.matrixExp(float64([[1, 2, 3]]))).toThrow(
      'linalg.matrix_exp: A must be batches of square matrices, but they are 1 by 3 matrices',
    );
    expect(() => linalg.vecdot(x, tensor([1, 2]))).toThrow('linalg.vecdot: Expected x and y to have the same dtype');
    expect(() => linalg.cross(x, x)).toThrow('cross: dim 1 must have size 3');
  });
});
