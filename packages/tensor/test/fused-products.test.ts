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
  ger,
  inner,
  mv,
  tensor,
  trapezoid,
  trapz,
  vdot,
  type Tensor,
} from '../src/index.js';
import { type DType, expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// addmm, addmv, addr, addbmm, baddbmm, addcmul, addcdiv (and addmm_, addcmul_, addcdiv_), mv, ger, inner,
// vdot, dist, chainMatmul, trapezoid, trapz, cumulativeTrapezoid, choleskySolve and choleskyInverse
// against torch 1.13 (tools/fixtures/tensor_fused_products_reference.py): values, shapes and dtypes,
// and the gradient of Σ output·r with respect to each floating input, in float64 (to 1e-10) and
// float32 (to 1e-5).

interface ProductCase {
  name: string;
  inputs: (FixtureTensor & { dtype: DType; requiresGrad: boolean })[];
  output: FixtureTensor & { dtype: DType };
  upstream?: FixtureTensor;
  gradients?: FixtureTensor[];
}
const fixture = readTorchFixture<{ cases: ProductCase[] }>('torch-fused-products-reference.json');
const tolerances = { float64: 1e-10, float32: 1e-5 };

type Operation = (...inputs: Tensor[]) => Tensor;
const operations: Record<string, Operation> = {
  addmm: (c, a, b) => addmm(c!, a!, b!),
  'addmm bias row beta alpha': (c, a, b) => addmm(c!, a!, b!, { beta: 0.5, alpha: -2 }),
  'addmm 0-d input': (c, a, b) => c!.addmm(a!, b!, { beta: 3 }),
  'addmm beta 0 ignores NaN': (c, a, b) => addmm(c!, a!, b!, { beta: 0 }),
  'addmm alpha 0 keeps NaN': (c, a, b) => addmm(c!, a!, b!, { alpha: 0 }),
  'addmm float32': (c, a, b) => addmm(c!, a!, b!),
  'addmm int32': (c, a, b) => addmm(c!, a!, b!, { beta: 1.5, alpha: -2.5 }),
  'addmm empty inner': (c, a, b) => addmm(c!, a!, b!, { beta: 2 }),
  addmv: (c, m, v) => addmv(c!, m!, v!),
  'addmv 0-d input beta alpha': (c, m, v) => c!.addmv(m!, v!, { beta: -1, alpha: 0.25 }),
  'addmv beta 0 ignores NaN': (c, m, v) => addmv(c!, m!, v!, { beta: 0 }),
  'addmv int32': (c, m, v) => addmv(c!, m!, v!, { beta: 2, alpha: -1.5 }),
  'addmv int32 input': (c, m, v) => addmv(c!, m!, v!),
  'addmv float32': (c, m, v) => addmv(c!, m!, v!),
  addr: (c, a, b) => addr(c!, a!, b!),
  'addr broadcast input beta alpha': (c, a, b) => c!.addr(a!, b!, { beta: 2, alpha: -0.5 }),
  'addr int32': (c, a, b) => addr(c!, a!, b!, { beta: -2, alpha: 3 }),
  'addr promotes': (c, a, b) => addr(c!, a!, b!),
  'addr bool': (c, a, b) => addr(c!, a!, b!),
  'addr bool beta 0': (c, a, b) => addr(c!, a!, b!, { beta: 0 }),
  'addr beta 0 ignores NaN': (c, a, b) => addr(c!, a!, b!, { beta: 0 }),
  addbmm: (c, a, b) => addbmm(c!, a!, b!),
  'addbmm broadcast input beta alpha': (c, a, b) => c!.addbmm(a!, b!, { beta: 0.5, alpha: 2 }),
  'addbmm int32': (c, a, b) => addbmm(c!, a!, b!, { beta: 1.5, alpha: 2 }),
  'addbmm empty batch': (c, a, b) => addbmm(c!, a!, b!, { beta: 2 }),
  'addbmm float32': (c, a, b) => addbmm(c!, a!, b!),
  baddbmm: (c, a, b) => baddbmm(c!, a!, b!),
  'baddbmm broadcast input alpha': (c, a, b) => c!.baddbmm(a!, b!, { alpha: 0.125 }),
  'baddbmm beta 0 ignores NaN': (c, a, b) => baddbmm(c!, a!, b!, { beta: 0 }),
  'baddbmm int32': (c, a, b) => baddbmm(c!, a!, b!, { beta: -1, alpha: 2 }),
  'baddbmm float32': (c, a, b) => baddbmm(c!, a!, b!, { beta: 0.5 }),
  addcmul: (x, a, b) => addcmul(x!, a!, b!, { value: 2 }),
  'addcmul int32': (x, a, b) => addcmul(x!, a!, b!, { value: -1.5 }),
  'addcmul promotes': (x, a, b) => x!.addcmul(a!, b!, { value: 0.5 }),
  'addcmul float32': (x, a, b) => addcmul(x!, a!, b!),
  'addcmul value 0 keeps NaN': (x, a, b) => addcmul(x!, a!, b!, { value: 0 }),
  addcdiv: (x, a, b) => addcdiv(x!, a!, b!, { value: -0.5 }),
  'addcdiv integer tensor1': (x, a, b) => x!.addcdiv(a!, b!),
  'addcdiv float32': (x, a, b) => addcdiv(x!, a!, b!, { value: 3 }),
  'addcdiv value 0 over 0': (x, a, b) => addcdiv(x!, a!, b!, { value: 0 }),
  addcmul_: (x, a, b) => x!.clone().addcmul_(a!, b!, { value: -0.25 }),
  addcdiv_: (x, a, b) => x!.clone().addcdiv_(a!, b!, 2),
  'addcmul_ float32 with integer tensors': (x, a, b) => x!.clone().addcmul_(a!, b!, 0.5),
  addmm_: (x, a, b) => x!.clone().addmm_(a!, b!, { beta: 0.5, alpha: 2 }),
  mv: (m, v) => mv(m!, v!),
  'mv int32': (m, v) => m!.mv(v!),
  'mv float32': (m, v) => mv(m!, v!),
  ger: (a, b) => ger(a!, b!),
  'inner matrices': (a, b) => inner(a!, b!),
  'inner 3-d and 1-d': (a, b) => a!.inner(b!),
  'inner vectors': (a, b) => inner(a!, b!),
  'inner 0-d': (a, b) => inner(a!, b!),
  'inner int32': (a, b) => inner(a!, b!),
  vdot: (a, b) => vdot(a!, b!),
  'vdot int32': (a, b) => a!.vdot(b!),
  dist: (a, b) => dist(a!, b!),
  'dist p 3': (a, b) => dist(a!, b!, 3),
  'dist p 1': (a, b) => dist(a!, b!, { p: 1 }),
  'dist p 0.5 with a zero': (a, b) => dist(a!, b!, 0.5),
  'dist p -1 with a zero': (a, b) => dist(a!, b!, -1),
  'dist p -1': (a, b) => a!.dist(b!, -1),
  'dist p inf': (a, b) => dist(a!, b!, Infinity),
  'dist p inf tie': (a, b) => dist(a!, b!, Infinity),
  'dist p -inf': (a, b) => dist(a!, b!, -Infinity),
  'dist p 0': (a, b) => dist(a!, b!, 0),
  'dist equal inputs': (a, b) => dist(a!, b!),
  'dist float32 and float64': (a, b) => dist(a!, b!),
  'dist float32': (a, b) => dist(a!, b!, 1.5),
  'chainMatmul two': (...matrices) => chainMatmul(...matrices),
  'chainMatmul three': (...matrices) => chainMatmul(...matrices),
  'chainMatmul four': (...matrices) => chainMatmul(...matrices),
  'chainMatmul one': (...matrices) => chainMatmul(...matrices),
  trapezoid: (y) => trapezoid(y!),
  'trapezoid dx dim 0': (y) => trapezoid(y!, { dx: 0.5, dim: 0 }),
  'trapezoid x': (y, x) => trapezoid(y!, x!),
  'trapezoid x dim 0': (y, x) => trapezoid(y!, x!, { dim: 0 }),
  'trapezoid x broadcast': (y, x) => trapezoid(y!, { x: x! }),
  "trapezoid x of y's shape": (y, x) => trapezoid(y!, x!),
  'trapezoid int32': (y) => trapezoid(y!),
  'trapezoid int32 dx': (y) => trapezoid(y!, { dx: 3 }),
  'trapezoid int32 x': (y, x) => trapezoid(y!, x!),
  'trapezoid int32 y float64 x': (y, x) => trapezoid(y!, x!),
  'trapezoid no samples': (y) => trapezoid(y!, { dim: 0 }),
  'trapezoid one sample': (y) => trapezoid(y!, { dim: 0 }),
  'trapezoid float32': (y) => trapezoid(y!),
  'trapz x': (y, x) => trapz(y!, x!),
  'trapz dx': (y) => trapz(y!, { dx: 2, dim: 0 }),
  cumulativeTrapezoid: (y) => cumulativeTrapezoid(y!),
  'cumulativeTrapezoid dx dim 0': (y) => cumulativeTrapezoid(y!, { dx: 0.5, dim: 0 }),
  'cumulativeTrapezoid x': (y, x) => cumulativeTrapezoid(y!, x!),
  'cumulativeTrapezoid x broadcast': (y, x) => cumulativeTrapezoid(y!, x!),
  'cumulativeTrapezoid int32': (y) => cumulativeTrapezoid(y!),
  'cumulativeTrapezoid int32 dx': (y) => cumulativeTrapezoid(y!, { dx: 2 }),
  'cumulativeTrapezoid no samples': (y) => cumulativeTrapezoid(y!, { dim: 0 }),
  'cumulativeTrapezoid one sample': (y) => cumulativeTrapezoid(y!, { dim: 0 }),
  'cumulativeTrapezoid float32': (y) => cumulativeTrapezoid(y!, { dim: 0 }),
  choleskySolve: (b, factor) => choleskySolve(b!, factor!),
  'choleskySolve upper': (b, factor) => choleskySolve(b!, factor!, { upper: true }),
  'choleskySolve broadcast batches': (b, factor) => b!.choleskySolve(factor!),
  'choleskySolve float32': (b, factor) => choleskySolve(b!, factor!, false),
  'choleskySolve zero on the diagonal': (b, factor) => choleskySolve(b!, factor!),
  choleskyInverse: (factor) => choleskyInverse(factor!),
  'choleskyInverse upper': (factor) => factor!.choleskyInverse(true),
  'choleskyInverse batch': (factor) => choleskyInverse(factor!),
  'choleskyInverse float32': (factor) => choleskyInverse(factor!, { upper: false }),
};

describe('fused products against torch', () => {
  it('covers every fixture case', () => {
    expect(fixture.cases.map((entry) => entry.name).sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(fixture.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const inputs = entry.inputs.map((input) =>
      tensor(numbers(input), { shape: input.shape, dtype: input.dtype, requiresGrad: input.requiresGrad }),
    );
    const output = operations[name]!(...inputs);
    expectValues(output, entry.output, entry.output.dtype, `${name} output`, tolerances);
    if (!entry.gradients) return;
    output
      .mul(tensor(numbers(entry.upstream!), { shape: output.shape, dtype: output.dtype }))
      .sum()
      .backward();
    const differentiated = inputs.filter((input) => input.requiresGrad);
    differentiated.forEach((input, index) =>
      expectValues(input.grad!, entry.gradients![index]!, input.dtype as DType, `${name} gradient ${index}`, tolerances),
    );
  });
});
