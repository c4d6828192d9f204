import { describe, expect, it } from 'vitest';
import {
  addbmm,
  addcdiv,
  addcmul,
  addmm,
  addmv,
  addr,
  baddbmm,
  chainMatmul,
  choleskyInverse,
  choleskySolve,
  cumulativeTrapezoid,
  dist,
  eye,
  ger,
  grad,
  inner,
  linalg,
  mv,
  noGrad,
  ones,
  outer,
  tensor,
  trapezoid,
  trapz,
  tril,
  triu,
  vdot,
  zeros,
} from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';
import { readTorchFixture } from './helpers/torch-fixtures.js';

// The fused products' errors (each call below raises in torch 1.13 too: the fixture holds torch's
// message for it, from tools/fixtures/tensor_fused_products_reference.py), the in-place methods'
// semantics, and first and second derivatives by finite differences.

const torchErrors = readTorchFixture<{ errors: Record<string, string> }>('torch-fused-products-reference.json').errors;
const m = (...shape: number[]) => ones(shape, { dtype: 'float64' });
const int = (...shape: number[]) => ones(shape, { dtype: 'int32' });

/** Each erroneous call and what our message must say: the operation and the offending shapes or values. */
const erroneous: Record<string, [() => unknown, RegExp]> = {
  'addmm mat1 1-D': [() => addmm(m(2, 2), m(3), m(3, 2)), /^addmm: mat1 must be a 2-D tensor, got 1-D of shape \[3\]/],
  'addmm shapes': [() => addmm(m(2, 2), m(2, 3), m(4, 2)), /^addmm: mat1 and mat2 shapes cannot be multiplied \(2x3 and 4x2\)/],
  'addmm input shape': [
    () => addmm(m(3, 2), m(2, 3), m(3, 2)),
    /^addmm: input of shape \[3, 2\] cannot be broadcast to the result's shape \[2, 2\]/,
  ],
  'addmm input 3-D': [() => addmm(m(1, 2, 2), m(2, 3), m(3, 2)), /^addmm: input of shape \[1, 2, 2\] cannot be broadcast/],
  'addmm dtypes': [
    () => addmm(m(2, 2), m(2, 3), m(3, 2).float()),
    /^addmm: expected input, mat1 and mat2 to have the same dtype, got float64, float64 and float32/,
  ],
  'addmm bool': [() => addmm(m(2, 2).bool(), m(2, 3).bool(), m(3, 2).bool()), /^addmm: not implemented for bool/],
  'addmm beta positional': [
    () => addmm(m(2, 2), m(2, 3), m(3, 2), 2 as never),
    /^addmm: expected an options object \{ beta, alpha \}, got 2/,
  ],
  'addmv vec 2-D': [() => addmv(m(2), m(2, 3), m(3, 1)), /^addmv: vec must be a 1-D tensor, got 2-D of shape \[3, 1\]/],
  'addmv sizes': [() => addmv(m(2), m(2, 3), m(4)), /^addmv: size mismatch, mat of shape \[2, 3\] and vec of shape \[4\]/],
  'addmv input shape': [() => addmv(m(3), m(2, 3), m(3)), /^addmv: input of shape \[3\] cannot be broadcast to the result's shape \[2\]/],
  'addmv dtypes': [
    () => addmv(m(2), m(2, 3), m(3).float()),
    /^addmv: expected mat and vec to have the same dtype, got float64 and float32/,
  ],
  'addr vec1 2-D': [() => addr(m(2, 3), m(2, 1), m(3)), /^addr: vec1 must be a 1-D tensor, got 2-D of shape \[2, 1\]/],
  'addr input shape': [
    () => addr(m(3, 3), m(2), m(3)),
    /^addr: input of shape \[3, 3\] cannot be broadcast to the result's shape \[2, 3\]/,
  ],
  'addr int32 alpha 1.5': [
    () => addr(int(2, 3), int(2), int(3), { alpha: 1.5 }),
    /^addr: For integral input tensors, argument alpha must not be a floating point number \(got 1.5 for int32\)/,
  ],
  'addbmm batches': [
    () => addbmm(m(2, 4), m(5, 2, 3), m(4, 3, 4)),
    /^addbmm: expected batch2 of shape \[5, 3, \*\] to multiply batch1 of shape \[5, 2, 3\], got \[4, 3, 4\]/,
  ],
  'addbmm inner sizes': [
    () => addbmm(m(2, 4), m(5, 2, 3), m(5, 2, 4)),
    /^addbmm: expected batch2 of shape \[5, 3, \*\] .* got \[5, 2, 4\]/,
  ],
  'addbmm 2-D': [() => addbmm(m(2, 4), m(2, 3), m(3, 4)), /^addbmm: batch1 must be a 3-D tensor, got 2-D of shape \[2, 3\]/],
  'baddbmm batches': [
    () => baddbmm(m(5, 2, 4), m(5, 2, 3), m(4, 3, 4)),
    /^baddbmm: expected batch2 of shape \[5, 3, \*\] .* got \[4, 3, 4\]/,
  ],
  'baddbmm input shape': [
    () => baddbmm(m(2, 2, 4), m(5, 2, 3), m(5, 3, 4)),
    /^baddbmm: input of shape \[2, 2, 4\] cannot be broadcast to the result's shape \[5, 2, 4\]/,
  ],
  'addcmul shapes': [() => addcmul(m(3), m(2), m(3)), /^addcmul: shapes \[3\] and \[2\] and \[3\] cannot be broadcast together/],
  'addcmul bool': [() => addcmul(m(3).bool(), m(3).bool(), m(3).bool()), /^addcmul: not implemented for bool/],
  'addcmul value positional': [() => addcmul(m(3), m(3), m(3), 2 as never), /^addcmul: expected an options object \{ value \}, got 2/],
  'addcdiv integers': [
    () => addcdiv(m(3), int(3), int(3)),
    /^addcdiv: Integer division with addcdiv is no longer supported \(tensor1 int32, tensor2 int32\)/,
  ],
  'addcmul_ broadcast target': [
    () => m(3).addcmul_(m(2, 1), m(3)),
    /^addcmul_: output with shape \[3\] doesn't match the broadcast shape \[2, 3\]/,
  ],
  'addcmul_ float into int32': [
    () => int(3).addcmul_(m(3), m(3)),
    /^addcmul_: result type float64 can't be cast to the desired output type int32/,
  ],
  'addcdiv_ integers': [() => m(3).addcdiv_(int(3), int(3)), /^addcdiv_: Integer division with addcdiv is no longer supported/],
  'addmm_ broadcast target': [
    () => m(2).addmm_(m(2, 3), m(3, 2)),
    /^addmm_: output with shape \[2\] doesn't match the broadcast shape \[2, 2\]/,
  ],
  'mv vector 2-D': [() => mv(m(2, 3), m(3, 1)), /^mv: vec must be a 1-D tensor, got 2-D of shape \[3, 1\]/],
  'mv sizes': [() => mv(m(2, 3), m(4)), /^mv: size mismatch, mat of shape \[2, 3\] and vec of shape \[4\]/],
  'mv dtypes': [() => mv(m(2, 3), m(3).float()), /^mv: expected mat and vec to have the same dtype, got float64 and float32/],
  'ger 2-D': [() => ger(m(2, 1), m(3)), /^outer: expects two 1-D tensors, got \[2, 1\] and \[3\]/],
  'inner last dims': [
    () => inner(m(2, 3), m(4, 2)),
    /^inner: the last dimension must match on both input tensors but got shapes \[2, 3\] and \[4, 2\]/,
  ],
  'inner dtypes': [() => inner(m(3), int(2, 3)), /^inner: expected a and b to have the same dtype, got float64 and int32/],
  'vdot 2-D': [() => vdot(m(3, 1), m(3)), /^vdot: 1D tensors expected, but got 2D and 1D tensors \(shapes \[3, 1\] and \[3\]\)/],
  'vdot lengths': [() => vdot(m(3), m(2)), /^vdot: inconsistent tensor size, .* got shapes \[3\] and \[2\]/],
  'vdot dtypes': [() => vdot(m(3), m(3).float()), /^vdot: expected a and b to have the same dtype, got float64 and float32/],
  'dist shapes': [() => dist(m(2), m(3)), /^dist: shapes \[2\] and \[3\] cannot be broadcast together/],
  'dist int32': [() => dist(int(3), int(3)), /^dist: input dtype should be floating point, got int32 and int32/],
  'chainMatmul none': [() => chainMatmul(), /^chain_matmul: Expected one or more matrices/],
  'chainMatmul 1-D': [() => chainMatmul(m(3), m(3, 4)), /^chain_matmul: matrix 0 must be a 2-D tensor, got 1-D of shape \[3\]/],
  'chainMatmul shapes': [
    () => chainMatmul(m(2, 3), m(4, 2)),
    /multi_dot: tensors 0 and 1 with shapes \[2, 3\] and \[4, 2\] cannot be multiplied/,
  ],
  'trapezoid x length': [
    () => trapezoid(m(2, 3), tensor([0, 1], { dtype: 'float64' })),
    /^trapezoid: There must be one `x` value for each sample point \(x has 2, y has 3 along dim 1\)/,
  ],
  'trapezoid x shape': [
    () => trapezoid(m(2, 3), m(4, 2, 3)),
    /^trapezoid: shapes \[4, 2, 2\] and \[2, 2\] cannot be broadcast together|^trapezoid: shapes/,
  ],
  'trapezoid 0-d': [() => trapezoid(tensor(1)), /^trapezoid: y must have at least one dimension, got a 0-d tensor/],
  'trapezoid dim': [() => trapezoid(m(2, 3), { dim: 2 }), /^trapezoid: dim 2 is out of range for a tensor of rank 2/],
  'trapezoid bool': [() => trapezoid(m(3).bool()), /^trapezoid: received a bool input for `y` or `x`, but bool is not supported/],
  'cumulativeTrapezoid x length': [
    () => cumulativeTrapezoid(m(2, 3), tensor([0, 1], { dtype: 'float64' })),
    /^cumulative_trapezoid: There must be one `x` value for each sample point/,
  ],
  'choleskySolve b 1-D': [
    () => choleskySolve(m(3), m(3, 3)),
    /^cholesky_solve: b should have at least 2 dimensions, but has 1 dimensions instead/,
  ],
  'choleskySolve factor not square': [
    () => choleskySolve(m(3, 2), m(3, 2)),
    /^cholesky_solve: A must be batches of square matrices, but they are 3 by 2 matrices/,
  ],
  'choleskySolve sizes': [
    () => choleskySolve(m(4, 2), m(3, 3)),
    /^cholesky_solve: Incompatible matrix sizes for cholesky_solve: each A matrix is 3 by 3 but each b matrix is 4 by 2/,
  ],
  'choleskySolve dtypes': [
    () => choleskySolve(m(3, 2).float(), m(3, 3)),
    /^cholesky_solve: Expected b and A to have the same dtype, but found b of type float32 and A of type float64 instead/,
  ],
  'choleskySolve int32': [
    () => choleskySolve(int(3, 2), int(3, 3)),
    /^cholesky_solve: Expected a floating point or complex tensor as input. Got int32/,
  ],
  'choleskySolve batches': [
    () => choleskySolve(m(2, 3, 1), m(3, 3, 3)),
    /^cholesky_solve: shapes \[2\] and \[3\] cannot be broadcast together/,
  ],
  'choleskyInverse 1-D': [() => choleskyInverse(m(3)), /^cholesky_inverse: The input tensor A must have at least 2 dimensions/],
  'choleskyInverse not square': [
    () => choleskyInverse(m(3, 2)),
    /^cholesky_inverse: A must be batches of square matrices, but they are 3 by 2 matrices/,
  ],
  'choleskyInverse zero on the diagonal': [
    () =>
      choleskyInverse(
        tensor(
          [
            [1, 0],
            [1, 0],
          ],
          { dtype: 'float64' },
        ),
      ),
    /^cholesky_inverse: The diagonal element 2 is zero, the inversion could not be completed because the input matrix is singular/,
  ],
};

describe('fused products: errors', () => {
  it('test every call that raises in torch, and no other', () => {
    expect(Object.keys(erroneous).sort()).toEqual(Object.keys(torchErrors).sort());
  });

  it.each(Object.entries(erroneous))('%s throws, naming the operation (torch: see the fixture)', (name, [call, message]) => {
    expect(torchErrors[name], `${name}: torch raises too`).toBeTruthy();
    expect(call).toThrow(message);
  });

  it('refuses unknown and misspelt options', () => {
    expect(() => addmm(m(2, 2), m(2, 2), m(2, 2), { Beta: 1 } as never)).toThrow(/addmm: unknown option `Beta` \(did you mean `beta`\?\)/);
    expect(() => addcdiv(m(2), m(2), m(2), { scale: 1 } as never)).toThrow(/addcdiv: unknown option `scale`/);
    expect(() => m(2).addcmul_(m(2), m(2), { alpha: 1 } as never)).toThrow(/addcmul_: unknown option `alpha`/);
    expect(() => dist(m(2), m(2), { ord: 2 } as never)).toThrow(/dist: unknown option `ord`/);
    expect(() => trapezoid(m(3), { axis: 0 } as never)).toThrow(/trapezoid: unknown option `axis` \(did you mean `dim`\?\)/);
    expect(() => trapezoid(m(3), m(3), { dx: 1 })).toThrow(/trapezoid: give either x or dx, not both/);
    expect(() => choleskySolve(m(2, 1), m(2, 2), { lower: true } as never)).toThrow(/cholesky_solve: unknown option `lower`/);
    expect(() => choleskyInverse(m(2, 2), 'upper' as never)).toThrow(/cholesky_inverse: upper must be true or false, got 'upper'/);
    expect(() => addmm(m(2, 2), m(2, 2), m(2, 2), { beta: '2' } as never)).toThrow(/addmm: beta must be a number, got '2'/);
  });
});

describe('fused products: in-place methods', () => {
  it('addcmul_, addcdiv_ and addmm_ write into the same storage and bump its version', () => {
    const target = tensor([1, 2, 3], { dtype: 'float64' });
    const storage = target.storage;
    const before = storage.version;
    const returned = target.addcmul_(tensor([1, 1, 1], { dtype: 'float64' }), tensor([2, 3, 4], { dtype: 'float64' }), { value: 0.5 });
    expect(returned).toBe(target);
    expect(target.storage).toBe(storage);
    expect(Array.from(target.dataSync())).toEqual([2, 3.5, 5]);
    target.addcdiv_(tensor([2, 2, 2], { dtype: 'float64' }), tensor([4, 1, 2], { dtype: 'float64' }), -2);
    expect(Array.from(target.dataSync())).toEqual([1, -0.5, 3]);
    const matrix = zeros([2, 2], { dtype: 'float64' }).add(1);
    const matrixStorage = matrix.storage;
    matrix.addmm_(
      tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { dtype: 'float64' },
      ),
      tensor(
        [
          [1, 0],
          [0, 1],
        ],
        { dtype: 'float64' },
      ),
      { beta: 2 },
    );
    expect(matrix.storage).toBe(matrixStorage);
    expect(Array.from(matrix.dataSync())).toEqual([3, 4, 5, 6]);
    expect(storage.version).toBe(before + 2);
  });

  it('refuse a leaf that requires grad outside noGrad, and accept it inside', () => {
    const leaf = m(3).requiresGrad_(true);
    expect(() => leaf.addcmul_(m(3), m(3))).toThrow(/addcmul_: a leaf Variable that requires grad is being used in an in-place operation/);
    expect(() => m(2, 2).requiresGrad_(true).addmm_(m(2, 2), m(2, 2))).toThrow(/addmm_: a leaf Variable that requires grad/);
    noGrad(() => leaf.addcdiv_(m(3), m(3).mul(2), 2));
    expect(Array.from(leaf.dataSync())).toEqual([2, 2, 2]);
    expect(leaf.requiresGrad).toBe(true);
  });

  it('make a tensor saved for backward fail the backward, as torch', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const y = x.mul(1);
    const saved = y.mul(y);
    noGrad(() => y.addcmul_(m(2), m(2)));
    expect(() => saved.sum().backward()).toThrow(/modified by an inplace operation/);
  });

  it('keep the historic positional value of addcmul_ and addcdiv_ and truncate it for int32 targets, as torch', () => {
    const counts = tensor([3, 3], { dtype: 'int32' });
    counts.addcmul_(tensor([3, 3], { dtype: 'int32' }), tensor([3, -3], { dtype: 'int32' }), 1.5);
    expect(counts.dtype).toBe('int32');
    expect(Array.from(counts.dataSync())).toEqual([12, -6]);
  });
});

describe('fused products: aliases and derivatives', () => {
  const random = (shape: number[], seed: number) =>
    tensor(
      Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, index) => Math.sin(seed * 7.1 + index * 1.3) + 0.1 * index),
      { shape, dtype: 'float64', requiresGrad: true },
    );
  const positiveDefiniteFactor = (size: number, seed: number) => {
    const a = random([size, size], seed).detach();
    const spd = a.matmul(a.transpose(0, 1)).add(eye(size, size, { dtype: 'float64' }).mul(size));
    return linalg.cholesky(spd).requiresGrad_(true);
  };

  it('ger is outer and trapz is trapezoid', () => {
    expect(ger).toBe(outer);
    expect(trapz).toBe(trapezoid);
  });

  it('pass gradcheck and gradgradcheck in float64', () => {
    const [c, a, b] = [random([2, 2], 1), random([2, 3], 2), random([3, 2], 3)];
    expect(gradcheck((x, y, z) => addmm(x!, y!, z!, { beta: 0.5, alpha: -2 }), [c, a, b])).toBe(true);
    expect(gradgradcheck((x, y, z) => addmm(x!, y!, z!), [c, a, b])).toBe(true);
    expect(gradcheck((x, y, z) => baddbmm(x!, y!, z!, { alpha: 0.5 }), [random([2], 4), random([2, 2, 3], 5), random([2, 3, 2], 6)])).toBe(
      true,
    );
    expect(
      gradcheck(
        (x, y, z) => addcdiv(x!, y!, z!, { value: 2 }),
        [random([3], 7), random([2, 3], 8), random([3], 9).detach().add(3).requiresGrad_(true)],
      ),
    ).toBe(true);
    expect(gradgradcheck((x, y, z) => addcmul(x!, y!, z!, { value: -1 }), [random([3], 10), random([3], 11), random([3], 12)])).toBe(true);
    expect(gradcheck((x, y) => dist(x!, y!, 3), [random([2, 3], 13), random([3], 14)])).toBe(true);
    expect(gradcheck((y, x) => cumulativeTrapezoid(y!, x!, { dim: 0 }), [random([3, 2], 15), random([3], 16)])).toBe(true);
    // torch's gradient for the factor is the dense −(C + Cᵀ)·L, though only its triangle is read: the
    // finite differences agree on the triangle, so the factor goes through tril (triu) first
    const factor = positiveDefiniteFactor(3, 17);
    const upper = factor.detach().transpose(0, 1).requiresGrad_(true);
    expect(gradcheck((x, l) => choleskySolve(x!, tril(l!)), [random([3, 2], 18), factor])).toBe(true);
    expect(gradgradcheck((x, u) => choleskySolve(x!, triu(u!), { upper: true }), [random([3, 2], 19), upper])).toBe(true);
    expect(gradgradcheck((l) => choleskyInverse(tril(l!)), [factor])).toBe(true);
  });

  it('choleskySolve reads only the factor’s triangle, as torch', () => {
    const lower = tensor(
      [
        [2, 0],
        [1, 3],
      ],
      { dtype: 'float64' },
    );
    const withJunk = tensor(
      [
        [2, 99],
        [1, 3],
      ],
      { dtype: 'float64' },
    );
    const b = tensor([[1], [2]], { dtype: 'float64' });
    expect(Array.from(choleskySolve(b, withJunk).dataSync())).toEqual(Array.from(choleskySolve(b, lower).dataSync()));
    const [gradient] = grad(choleskySolve(b, lower.requiresGrad_(true)).sum(), [lower]);
    expect(gradient!.shape).toEqual([2, 2]);
  });
});
