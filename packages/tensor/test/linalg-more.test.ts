import { describe, expect, it } from 'vitest';
import { eye, linalg, type LuSolveOptions, luUnpack, randn, tensor, type Tensor, zeros } from '../src/index.js';
import { gradcheck, gradgradcheck, leftBehind } from '../src/testing/index.js';
import { type DType, expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// linalg.solveTriangular, luFactor, luFactorEx, lu, luSolve, luUnpack, cond, tensorinv, tensorsolve,
// vander, matmul, invEx, choleskyEx and solveEx against torch 1.13
// (tools/fixtures/tensor_linalg_more_reference.py): values, LAPACK's pivots and info exactly, the
// gradient of Σ output·r over the differentiable outputs in float64 (to 1e-10) and float32 (to 1e-5),
// and torch's error messages.

interface MoreCase {
  name: string;
  inputs: (FixtureTensor & { dtype: DType; requiresGrad: boolean })[];
  outputs: (FixtureTensor & { dtype: DType })[];
  weighted: boolean[];
  upstream: (FixtureTensor | null)[];
  gradients?: FixtureTensor[];
}
interface TorchError {
  name: string;
  message: string;
}
const { cases, errors } = readTorchFixture<{ cases: MoreCase[]; errors: TorchError[] }>('torch-linalg-more-reference.json');
const tolerances = { float64: 1e-10, float32: 1e-5 };
const float64 = (values: number[][]) => tensor(values, { dtype: 'float64' });

type Operation = (...inputs: Tensor[]) => Tensor | readonly Tensor[];
/** torch's lu_solve(*lu_factor(A), B). */
const solveWith = (a: Tensor, b: Tensor, options?: LuSolveOptions) => {
  const { LU, pivots } = linalg.luFactor(a);
  return linalg.luSolve(LU, pivots, b, options);
};
const upper = { upper: true };
const lower = { upper: false };
const operations: Record<string, Operation> = {
  'solve_triangular upper': (a, b) => linalg.solveTriangular(a, b, upper),
  'solve_triangular lower': (a, b) => linalg.solveTriangular(a, b, lower),
  'solve_triangular upper left=False': (a, b) => linalg.solveTriangular(a, b, { upper: true, left: false }),
  'solve_triangular lower left=False': (a, b) => linalg.solveTriangular(a, b, { upper: false, left: false }),
  'solve_triangular lower unitriangular': (a, b) => linalg.solveTriangular(a, b, { upper: false, unitriangular: true }),
  'solve_triangular upper unitriangular left=False': (a, b) =>
    linalg.solveTriangular(a, b, { upper: true, left: false, unitriangular: true }),
  'solve_triangular batched [2, 3, 3]': (a, b) => linalg.solveTriangular(a, b, upper),
  'solve_triangular broadcast [2, 1] and [4]': (a, b) => linalg.solveTriangular(a, b, lower),
  'solve_triangular one B column': (a, b) => linalg.solveTriangular(a, b, upper),
  'solve_triangular float32': (a, b) => linalg.solveTriangular(a, b, lower),
  'solve_triangular float64 A, float32 B': (a, b) => linalg.solveTriangular(a, b, upper),
  'solve_triangular zero on the diagonal': (a, b) => linalg.solveTriangular(a, b, upper),
  'lu_factor 4x4': (a) => linalg.luFactor(a),
  'lu_factor batched [2, 3, 3]': (a) => linalg.luFactor(a),
  'lu_factor tall 5x3': (a) => linalg.luFactor(a),
  'lu_factor wide 3x5': (a) => linalg.luFactor(a, { pivot: true }),
  'lu_factor ties take the first row': (a) => linalg.luFactor(a),
  'lu_factor float32 [2, 4, 4]': (a) => linalg.luFactor(a),
  'lu_factor_ex singular': (a) => linalg.luFactorEx(a),
  'lu_factor_ex batched, one singular': (a) => linalg.luFactorEx(a),
  'lu_factor_ex tall with a zero column': (a) => linalg.luFactorEx(a),
  'lu 4x4': (a) => linalg.lu(a),
  'lu batched [2, 3, 3]': (a) => linalg.lu(a),
  'lu tall 5x3': (a) => linalg.lu(a),
  'lu wide 3x5': (a) => linalg.lu(a),
  'lu wide batched [2, 2, 4]': (a) => linalg.lu(a),
  'lu singular': (a) => linalg.lu(a),
  'lu float32 [3, 3]': (a) => linalg.lu(a),
  'lu_unpack of lu_factor [2, 3, 3]': (LU, pivots) => luUnpack(LU!, pivots!),
  'lu_unpack tall 4x2': (LU, pivots) => luUnpack(LU!, pivots!),
  'lu_unpack wide 2x4': (LU, pivots) => luUnpack(LU!, pivots!),
  'lu_unpack unpack_data=False': (LU, pivots) => luUnpack(LU!, pivots!, { unpackData: false }),
  'lu_unpack unpack_pivots=False': (LU, pivots) => luUnpack(LU!, pivots!, { unpackPivots: false }),
  lu_solve: (a, b) => solveWith(a!, b!),
  'lu_solve adjoint': (a, b) => solveWith(a!, b!, { adjoint: true }),
  'lu_solve left=False': (a, b) => solveWith(a!, b!, { left: false }),
  'lu_solve left=False adjoint': (a, b) => solveWith(a!, b!, { left: false, adjoint: true }),
  'lu_solve batched LU, broadcast B [4, 2]': (a, b) => solveWith(a!, b!),
  'lu_solve one LU, batch of B': (a, b) => solveWith(a!, b!, { adjoint: true }),
  'lu_solve float32': (a, b) => solveWith(a!, b!),
  'lu_solve of a given LU': (LU, pivots, b) => linalg.luSolve(LU!, pivots!, b!),
  'lu_solve of a given LU, adjoint': (LU, pivots, b) => linalg.luSolve(LU!, pivots!, b!, { adjoint: true }),
  cond: (a) => linalg.cond(a!),
  'cond p=2 batched [2, 3, 3]': (a) => linalg.cond(a!, 2),
  'cond p=-2': (a) => linalg.cond(a!, { p: -2 }),
  'cond wide 3x5': (a) => linalg.cond(a!),
  'cond tall batched [2, 4, 2]': (a) => linalg.cond(a!, -2),
  'cond p=fro': (a) => linalg.cond(a!, 'fro'),
  'cond p=nuc': (a) => linalg.cond(a!, 'nuc'),
  'cond p=inf': (a) => linalg.cond(a!, Infinity),
  'cond p=-inf': (a) => linalg.cond(a!, -Infinity),
  'cond p=1': (a) => linalg.cond(a!, 1),
  'cond p=-1': (a) => linalg.cond(a!, -1),
  'cond p=1 batched [2, 4, 4]': (a) => linalg.cond(a!, 1),
  'cond float32 p=fro': (a) => linalg.cond(a!, 'fro'),
  'cond float32': (a) => linalg.cond(a!),
  'cond singular p=1': (a) => linalg.cond(a!, 1),
  'cond singular p=fro': (a) => linalg.cond(a!, 'fro'),
  'cond singular p=nuc batched': (a) => linalg.cond(a!, 'nuc'),
  'cond zero matrix p=inf': (a) => linalg.cond(a!, Infinity),
  'cond zero matrix': (a) => linalg.cond(a!),
  'cond empty [2, 0, 0]': (a) => linalg.cond(a!, 1),
  'tensorinv ind=2 [4, 6, 8, 3]': (a) => linalg.tensorinv(a!, { ind: 2 }),
  'tensorinv ind=1 [6, 2, 3]': (a) => linalg.tensorinv(a!, 1),
  'tensorinv float32 ind=1 [4, 2, 2]': (a) => linalg.tensorinv(a!, { ind: 1 }),
  'tensorsolve [2, 3, 6] and [2, 3]': (a, b) => linalg.tensorsolve(a!, b!),
  'tensorsolve [2, 3, 2, 3] and [2, 3]': (a, b) => linalg.tensorsolve(a!, b!),
  'tensorsolve dims=(0,)': (a, b) => linalg.tensorsolve(a!, b!, { dims: [0] }),
  'tensorsolve float32': (a, b) => linalg.tensorsolve(a!, b!),
  vander: (x) => linalg.vander(x!),
  'vander batched N=3': (x) => linalg.vander(x!, { N: 3 }),
  'vander 0-d N=4': (x) => linalg.vander(x!, { N: 4 }),
  'vander float32 N=5': (x) => linalg.vander(x!, { N: 5 }),
  'vander int32': (x) => linalg.vander(x!),
  matmul: (a, b) => linalg.matmul(a!, b!),
  inv_ex: (a) => linalg.invEx(a!),
  'inv_ex float32 batched': (a) => linalg.invEx(a!),
  'inv_ex singular': (a) => linalg.invEx(a!),
  'inv_ex singular, transposed view': (a) => linalg.invEx(a!.transpose(0, 1).contiguous().transpose(0, 1)),
  'inv_ex batched, one singular': (a) => linalg.invEx(a!),
  cholesky_ex: (a) => linalg.choleskyEx(a!),
  'cholesky_ex upper': (a) => linalg.choleskyEx(a!, { upper: true }),
  'cholesky_ex float32': (a) => linalg.choleskyEx(a!),
  'cholesky_ex not positive-definite at 3': (a) => linalg.choleskyEx(a!),
  'cholesky_ex not positive-definite at 1, upper': (a) => linalg.choleskyEx(a!, { upper: true }),
  'cholesky_ex batched, one not positive-definite': (a) => linalg.choleskyEx(a!),
  'cholesky_ex semidefinite': (a) => linalg.choleskyEx(a!),
  solve_ex: (a, b) => linalg.solveEx(a!, b!),
  'solve_ex left=False batched': (a, b) => linalg.solveEx(a!, b!, { left: false }),
  'solve_ex vector B': (a, b) => linalg.solveEx(a!, b!),
  'solve_ex singular': (a, b) => linalg.solveEx(a!, b!),
  'solve_ex batched, one singular': (a, b) => linalg.solveEx(a!, b!),
};

/**
 * Where ours differs from torch on purpose (each checked by its own rule below instead of torch's
 * values): the nuclear-norm condition number of an exactly singular matrix is Σσ·Σ1/σ with torch's
 * LAPACK σ_min ≈ 1e-17 (a large finite number) and ours exactly 0 or as small (∞ or as large).
 */
const hugeWhereTorchIsHuge = new Set(['cond singular p=nuc batched output 0']);

describe('more linalg against torch', () => {
  it('covers every fixture case', () => {
    expect(cases.map((entry) => entry.name).sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const inputs = entry.inputs.map((fixture) =>
      tensor(numbers(fixture), { shape: fixture.shape, dtype: fixture.dtype, requiresGrad: fixture.requiresGrad }),
    );
    const result = operations[name]!(...inputs);
    const outputs = Array.isArray(result) ? [...(result as readonly Tensor[])] : [result as Tensor];
    expect(outputs.length).toBe(entry.outputs.length);
    outputs.forEach((output, index) => {
      const label = `${name} output ${index}`;
      const expected = entry.outputs[index]!;
      if (hugeWhereTorchIsHuge.has(label)) {
        const got = Array.from(output.dataSync());
        numbers(expected).forEach((want, at) => {
          if (want > 1e15) expect(got[at]!, `${label}[${at}]`).toBeGreaterThan(1e15);
          else expect(Math.abs(got[at]! - want)).toBeLessThan(1e-10 * (1 + Math.abs(want)));
        });
      } else expectValues(output, expected, expected.dtype, label, tolerances);
    });
    if (!entry.gradients) return;
    const terms = outputs
      .map((output, index) => {
        if (!entry.weighted[index]) return undefined;
        expect(output.requiresGrad, `${name} output ${index} has a gradient`).toBe(true);
        return output.mul(tensor(numbers(entry.upstream[index]!), { shape: output.shape, dtype: output.dtype })).sum();
      })
      .filter((term): term is Tensor => term !== undefined);
    terms.reduce((total, term) => total.add(term)).backward();
    inputs
      .filter((input) => input.requiresGrad)
      .forEach((input, index) =>
        expectValues(input.grad!, entry.gradients![index]!, input.dtype as DType, `${name} gradient ${index}`, tolerances),
      );
  });
});

/** torch's dtype names in its messages, and its "torch." before some operation names. */
function normalise(message: string): string {
  return message
    .replace(/^torch\./, '')
    .replace(/torch\.int32/g, 'int32')
    .replace(/\bDouble\b/g, 'float64')
    .replace(/\bFloat\b/g, 'float32')
    .replace(/\bInt\b/g, 'int32')
    .replace(/\bBool\b/g, 'bool');
}

const a3 = () => randn([3, 3], { dtype: 'float64' });
const b32 = () => randn([3, 2], { dtype: 'float64' });
const singular = () =>
  float64([
    [1, 2, 3],
    [2, 4, 6],
    [1, 1, 1],
  ]);
const factored = () => linalg.luFactor(randn([2, 3, 3], { dtype: 'float64' }));
const integers = (x: Tensor) => x.to('int32');
const luSolveOfFactored = (b: Tensor, options?: LuSolveOptions) => {
  const { LU, pivots } = factored();
  return linalg.luSolve(LU, pivots, b, options);
};

/**
 * Each error case: the call, the operation our message names first, and, where torch's text is not
 * ours, what ours says instead (and why).
 */
const errorCalls: Record<string, [call: () => unknown, operation: string, instead?: string]> = {
  'solve_triangular A 1-D': [() => linalg.solveTriangular(randn([3], { dtype: 'float64' }), b32(), upper), 'linalg.solve_triangular'],
  'solve_triangular B 1-D': [() => linalg.solveTriangular(a3(), randn([3], { dtype: 'float64' }), upper), 'linalg.solve_triangular'],
  'solve_triangular A not square': [
    () => linalg.solveTriangular(randn([3, 4], { dtype: 'float64' }), b32(), upper),
    'linalg.solve_triangular',
  ],
  'solve_triangular AX = B shapes': [
    () => linalg.solveTriangular(a3(), randn([4, 2], { dtype: 'float64' }), upper),
    'linalg.solve_triangular',
  ],
  'solve_triangular XA = B shapes': [() => linalg.solveTriangular(a3(), b32(), { upper: true, left: false }), 'linalg.solve_triangular'],
  'lu_factor pivot=False': [() => linalg.luFactor(a3(), { pivot: false }), 'linalg.lu_factor'],
  // torch's linalg.lu names the lu_factor it calls; ours names linalg.lu
  'lu pivot=False': [() => linalg.lu(a3(), { pivot: false }), 'linalg.lu'],
  'lu_factor 1-D': [() => linalg.luFactor(randn([3], { dtype: 'float64' })), 'linalg.lu_factor'],
  'lu_factor singular': [() => linalg.luFactor(singular()), 'linalg.lu_factor'],
  'lu_factor batched singular': [
    () => linalg.luFactor(tensor([eye(3).toArraySync() as number[][], singular().toArraySync() as number[][]], { dtype: 'float64' })),
    'linalg.lu_factor',
  ],
  'lu_factor wide singular': [() => linalg.luFactor(singular().narrow(0, 0, 2)), 'linalg.lu_factor'],
  // torch's kernel has no integer dtype; ours refuses integers by name, as linalg.inv and the others
  'lu_factor integer': [
    () => linalg.luFactor(integers(a3())),
    'linalg.lu_factor',
    'Expected a floating point or complex tensor as input. Got int32',
  ],
  'lu_solve B 1-D': [() => luSolveOfFactored(randn([3], { dtype: 'float64' })), 'linalg.lu_solve'],
  'lu_solve AX = B shapes': [() => luSolveOfFactored(randn([4, 2], { dtype: 'float64' })), 'linalg.lu_solve'],
  'lu_solve XA = B shapes': [() => luSolveOfFactored(b32(), { left: false }), 'linalg.lu_solve'],
  'lu_solve pivots dtype': [() => linalg.luSolve(factored().LU, factored().pivots.to('float32'), b32()), 'linalg.lu_solve'],
  'lu_solve dtypes': [() => luSolveOfFactored(b32().to('float32')), 'linalg.lu_solve'],
  'lu_solve pivots batch': [() => linalg.luSolve(factored().LU, factored().pivots.select(0, 0), b32()), 'linalg.lu_solve'],
  'lu_solve pivots length': [() => linalg.luSolve(factored().LU, factored().pivots.narrow(-1, 0, 2), b32()), 'linalg.lu_solve'],
  'lu_solve LU not square': [() => linalg.luSolve(factored().LU.narrow(-1, 0, 2), factored().pivots, b32()), 'linalg.lu_solve'],
  'lu_solve integer': [() => linalg.luSolve(integers(factored().LU), factored().pivots, integers(b32())), 'linalg.lu_solve'],
  'lu_unpack 1-D': [() => luUnpack(randn([3], { dtype: 'float64' }), factored().pivots), 'lu_unpack'],
  'lu_unpack pivots dtype': [() => luUnpack(factored().LU, factored().pivots.to('float32')), 'lu_unpack'],
  'lu_unpack pivots out of range': [() => luUnpack(factored().LU, factored().pivots.add(5)), 'lu_unpack'],
  'lu_unpack pivots zero': [() => luUnpack(factored().LU, factored().pivots.mul(0)), 'lu_unpack'],
  'cond 1-D': [() => linalg.cond(randn([3], { dtype: 'float64' })), 'linalg.cond'],
  'cond p=3': [() => linalg.cond(a3(), 3), 'linalg.cond'],
  'cond p=abc': [() => linalg.cond(a3(), 'abc' as never), 'linalg.cond'],
  'cond p=1 not square': [() => linalg.cond(randn([3, 4], { dtype: 'float64' }), 1), 'linalg.cond(ord=1)'],
  'cond p=-1 not square': [() => linalg.cond(randn([3, 4], { dtype: 'float64' }), -1), 'linalg.cond(ord=-1)'],
  'cond p=fro not square': [() => linalg.cond(randn([3, 4], { dtype: 'float64' }), 'fro'), 'linalg.cond(ord=fro)'],
  'cond p=inf not square': [() => linalg.cond(randn([3, 4], { dtype: 'float64' }), Infinity), 'linalg.cond(ord=inf)'],
  'cond p=-inf not square': [() => linalg.cond(randn([3, 4], { dtype: 'float64' }), -Infinity), 'linalg.cond(ord=-inf)'],
  'cond integer': [() => linalg.cond(integers(a3())), 'linalg.cond'],
  'tensorinv ind=0': [() => linalg.tensorinv(randn([4, 6, 8, 3], { dtype: 'float64' }), { ind: 0 }), 'linalg.tensorinv'],
  'tensorinv shapes': [() => linalg.tensorinv(randn([2, 3, 6], { dtype: 'float64' }), 1), 'linalg.tensorinv'],
  'tensorinv ind past the dims': [() => linalg.tensorinv(randn([4, 6, 8, 3], { dtype: 'float64' }), 4), 'linalg.tensorinv'],
  // the inverse of the reshaped matrix: linalg.inv's error, which torch names `inv`
  'tensorinv singular': [() => linalg.tensorinv(singular(), 1), 'linalg.inv'],
  'tensorinv integer': [() => linalg.tensorinv(integers(randn([4, 2, 2])), 1), 'linalg.inv'],
  'tensorsolve shapes': [
    () => linalg.tensorsolve(randn([2, 3, 6], { dtype: 'float64' }), randn([5], { dtype: 'float64' })),
    'linalg.tensorsolve',
  ],
  'tensorsolve not square': [
    () => linalg.tensorsolve(randn([2, 3, 6], { dtype: 'float64' }), randn([18], { dtype: 'float64' })),
    'linalg.tensorsolve',
  ],
  'tensorsolve singular': [() => linalg.tensorsolve(singular(), tensor([1, 1, 1], { dtype: 'float64' })), 'linalg.solve'],
  'tensorsolve dtypes': [() => linalg.tensorsolve(randn([2, 3, 6], { dtype: 'float64' }), randn([2, 3])), 'linalg.solve'],
  'vander bool': [() => linalg.vander(tensor([true, false])), 'linalg.vander'],
  'vander N=1': [() => linalg.vander(tensor([1, 2]), { N: 1 }), 'linalg.vander'],
  'vander 0-d': [() => linalg.vander(tensor(1)), 'linalg.vander'],
  // the _ex variants name themselves where torch names the function they call
  'inv_ex not square': [() => linalg.invEx(randn([3, 4])), 'linalg.inv_ex'],
  'inv_ex integer': [() => linalg.invEx(integers(a3())), 'linalg.inv_ex'],
  'cholesky_ex not square': [() => linalg.choleskyEx(randn([3, 4])), 'linalg.cholesky_ex'],
  'solve_ex shapes': [() => linalg.solveEx(a3(), randn([4], { dtype: 'float64' })), 'linalg.solve_ex'],
  'solve_ex dtypes': [() => linalg.solveEx(a3(), randn([3])), 'linalg.solve_ex'],
};

/** The message `call` throws. */
function messageOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error thrown');
}

describe('more linalg errors', () => {
  it('covers every torch error of the fixture', () => {
    expect(errors.map((entry) => entry.name).sort()).toEqual(Object.keys(errorCalls).sort());
  });

  it.each(errors.map((entry) => [entry.name, entry.message] as const))('%s', (name, torchMessage) => {
    const [call, operation, instead] = errorCalls[name]!;
    const message = messageOf(call);
    expect(message.startsWith(operation), `${message} starts with ${operation}`).toBe(true);
    // torch's text after its own "operation: " prefix (the whole message where it has none)
    const normalised = normalise(torchMessage);
    const prefix = /^[\w.]+(\([^)]*\))?: /.exec(normalised)?.[0] ?? '';
    expect(message).toContain(instead ?? normalised.slice(prefix.length));
  });

  it('require upper for solveTriangular and refuse unknown options by name', () => {
    const a = eye(2);
    expect(() => linalg.solveTriangular(a, a, {} as never)).toThrow('linalg.solve_triangular: the option `upper` is required');
    expect(() => linalg.solveTriangular(a, a, undefined as never)).toThrow('linalg.solve_triangular: the option `upper` is required');
    expect(() => linalg.solveTriangular(a, a, { upper: true, unitriangle: true } as never)).toThrow(
      'linalg.solve_triangular: unknown option `unitriangle`',
    );
    expect(() => linalg.solveTriangular(a, a, { upper: 1 } as never)).toThrow(
      'linalg.solve_triangular: upper must be true or false, got 1',
    );
    expect(() => linalg.luFactor(a, { pivoting: true } as never)).toThrow('linalg.lu_factor: unknown option `pivoting`');
    expect(() => solveWith(a, a, { adjoint_: true } as never)).toThrow('linalg.lu_solve: unknown option `adjoint_`');
    expect(() => luUnpack(linalg.luFactor(a).LU, linalg.luFactor(a).pivots, { unpack_data: false } as never)).toThrow(
      'lu_unpack: unknown option `unpack_data` (did you mean `unpackData`?)',
    );
    expect(() => linalg.cond(a, { ord: 1 } as never)).toThrow('linalg.cond: unknown option `ord`');
    expect(() => linalg.tensorinv(a, { index: 1 } as never)).toThrow('linalg.tensorinv: unknown option `index`');
    expect(() => linalg.tensorsolve(a, tensor([1, 1]), { dim: [0] } as never)).toThrow('linalg.tensorsolve: unknown option `dim`');
    expect(() => linalg.vander(tensor([1, 2]), { n: 3 } as never)).toThrow('linalg.vander: unknown option `n`');
    expect(() => linalg.invEx(a, { check_errors: true } as never)).toThrow('linalg.inv_ex: unknown option `check_errors`');
    expect(() => linalg.choleskyEx(a, { lower: true } as never)).toThrow('linalg.cholesky_ex: unknown option `lower`');
    expect(() => linalg.solveEx(a, a, { right: true } as never)).toThrow('linalg.solve_ex: unknown option `right`');
    expect(() => luUnpack(zeros([2, 3, 3]), zeros([3, 3], { dtype: 'int32' }).add(1))).toThrow(
      'lu_unpack: Expected pivots of shape [2, 3]',
    );
  });

  it('checkErrors: true throws as the functions without _ex', () => {
    const notDefinite = float64([
      [1, 2],
      [2, 1],
    ]);
    expect(() => linalg.invEx(singular(), { checkErrors: true })).toThrow('linalg.inv: The diagonal element 2 is zero');
    expect(() => linalg.solveEx(singular(), tensor([1, 1, 1], { dtype: 'float64' }), { checkErrors: true })).toThrow(
      'linalg.solve: The solver failed because the input matrix is singular.',
    );
    expect(() => linalg.choleskyEx(notDefinite, { checkErrors: true })).toThrow(
      'linalg.cholesky: The factorization could not be completed',
    );
    const { info } = linalg.choleskyEx(eye(2), { checkErrors: true });
    expect([info.dtype, info.itemSync()]).toEqual(['int32', 0]);
  });
});

describe('more linalg', () => {
  const triangular = () =>
    float64([
      [2, -1, 0.5, 1],
      [0.3, 3, -2, 0.5],
      [1, 0.7, 4, -1],
      [-1, 2, 0.2, 2.5],
    ]).requiresGrad_();
  const right = () =>
    float64([
      [1, -2],
      [0.5, 3],
      [2, 1],
      [-1, 0.25],
    ]).requiresGrad_();

  it('solveTriangular and luSolve pass gradcheck and gradgradcheck in float64', () => {
    const a = triangular();
    const b = right();
    for (const options of [
      { upper: true },
      { upper: false },
      { upper: true, unitriangular: true },
      { upper: false, unitriangular: true },
    ]) {
      expect(gradcheck((x, y) => linalg.solveTriangular(x!, y!, options), [a, b])).toBe(true);
      expect(gradgradcheck((x, y) => linalg.solveTriangular(x!, y!, options), [a, b])).toBe(true);
      expect(gradcheck((x, y) => linalg.solveTriangular(x!, y!.transpose(0, 1), { ...options, left: false }), [a, b])).toBe(true);
    }
    for (const options of [{}, { adjoint: true }, { left: false }, { left: false, adjoint: true }]) {
      const rhs = (y: Tensor) => ('left' in options ? y.transpose(0, 1) : y);
      expect(gradcheck((x, y) => solveWith(x!, rhs(y!), options), [a, b])).toBe(true);
      expect(gradgradcheck((x, y) => solveWith(x!, rhs(y!), options), [a, b])).toBe(true);
    }
    const { LU, pivots } = linalg.luFactor(a.detach());
    const given = LU.requiresGrad_();
    expect(gradcheck((x, y) => linalg.luSolve(x!, pivots, y!), [given, b])).toBe(true);
    expect(gradgradcheck((x, y) => linalg.luSolve(x!, pivots, y!, { adjoint: true }), [given, b])).toBe(true);
  });

  it('lu, cond, tensorinv and the _ex variants pass gradcheck in float64', () => {
    const a = triangular();
    expect(gradcheck((x) => [...linalg.lu(x!)].slice(1) as Tensor[], [a])).toBe(true);
    expect(gradcheck((x) => [...linalg.lu(x!.narrow(0, 0, 3))].slice(1) as Tensor[], [a])).toBe(true);
    expect(gradcheck((x) => [...linalg.lu(x!.narrow(1, 0, 2))].slice(1) as Tensor[], [a])).toBe(true);
    for (const p of [undefined, -2, 'fro', 'nuc', 1, -Infinity] as const) expect(gradcheck((x) => linalg.cond(x!, p), [a])).toBe(true);
    expect(gradcheck((x) => linalg.tensorinv(x!.reshape([2, 2, 4]), 2), [a])).toBe(true);
    expect(gradcheck((x) => linalg.invEx(x!).inverse, [a])).toBe(true);
    const spd = (x: Tensor) => x.matmul(x.transpose(0, 1)).add(eye(4, 4, { dtype: 'float64' }));
    expect(gradcheck((x) => linalg.choleskyEx(spd(x!)).L, [a])).toBe(true);
    expect(gradcheck((x, y) => linalg.solveEx(x!, y!).result, [a, right()])).toBe(true);
    // a batch with a matrix that does not factor: no error, and no gradient to that matrix (torch's backward
    // runs on LAPACK's partial factor there, a number without meaning); the other's is torch's, 0.5 each
    const batch = tensor(
      [
        eye(2).toArraySync() as number[][],
        [
          [1, 2],
          [2, 1],
        ],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    const { L, info } = linalg.choleskyEx(batch);
    expect(Array.from(info.dataSync())).toEqual([0, 2]);
    L.sum().backward();
    expect(Array.from(batch.grad!.dataSync())).toEqual([0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0]);
  });

  it('P·L·U gives back A, batched, tall and wide, and luUnpack inverts luFactor', () => {
    for (const shape of [
      [3, 6, 6],
      [7, 4],
      [4, 7],
    ]) {
      const a = randn(shape, { dtype: 'float64' });
      const { P, L, U } = linalg.lu(a);
      expect(P.matmul(L).matmul(U).sub(a).abs().max().itemSync()).toBeLessThan(1e-13);
      const factors = linalg.luFactor(a);
      const unpacked = luUnpack(factors.LU, factors.pivots);
      for (const [ours, theirs] of [
        [unpacked.P, P],
        [unpacked.L, L],
        [unpacked.U, U],
      ] as const)
        expect(ours.sub(theirs).abs().max().itemSync()).toBeLessThan(1e-15);
    }
  });

  it('handles empty matrices', () => {
    const { LU, pivots } = linalg.luFactor(zeros([2, 0, 3], { dtype: 'float64' }));
    expect([[...LU.shape], [...pivots.shape], pivots.dtype]).toEqual([[2, 0, 3], [2, 0], 'int32']);
    const { P, L, U } = linalg.lu(zeros([3, 0]));
    expect([[...P.shape], [...L.shape], [...U.shape]]).toEqual([
      [3, 3],
      [3, 0],
      [0, 0],
    ]);
    expect([...linalg.solveTriangular(zeros([0, 0]), zeros([0, 2]), upper).shape]).toEqual([0, 2]);
    expect([...solveWith(zeros([0, 0]), zeros([0, 2])).shape]).toEqual([0, 2]);
    expect([...linalg.invEx(zeros([2, 0, 0])).info.shape]).toEqual([2]);
  });

  it('release their intermediates', () => {
    const a = triangular().detach();
    const b = right().detach();
    const { LU, pivots } = linalg.luFactor(a);
    for (const call of [
      () => linalg.solveTriangular(a, b, upper),
      () => linalg.luFactor(a),
      () => linalg.lu(a),
      () => linalg.luSolve(LU, pivots, b, { adjoint: true }),
      () => luUnpack(LU, pivots),
      () => linalg.cond(a, 1),
      () => linalg.invEx(a),
      () => linalg.choleskyEx(a),
      () => linalg.solveEx(a, b),
    ]) {
      call();
      expect(leftBehind(call, [a, b, LU, pivots])).toEqual({ handles: 0, bytes: 0 });
    }
  });
});
