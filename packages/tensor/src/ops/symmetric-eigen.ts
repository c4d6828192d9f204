import { defineFunction, type FunctionContext } from '../autograd/custom-function.js';
import { checkChoice, readArguments } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { diagEmbed } from './diagonal-embed.js';
import { add, div, eq, mul, sub, where } from './elementwise.js';
import { checkReadable, fromValues, readMatrices } from './cpu-matrices.js';
import { symmetricEigen } from './jacobi-kernels.js';
import { matmul } from './linalg.js';
import { checkSquareMatrices } from './square-matrices.js';
import { narrow, select, transpose, unsqueeze } from './views.js';

/**
 * torch.linalg.eigh's and eigvalsh's keyword.
 * @example
 * linalg.eigh(a, { UPLO: 'U' }); // reads A's upper triangle
 */
export interface EighOptions {
  /** Which triangle of A to read, 'L' (lower) or 'U' (upper); the other one is not read. Default 'L'. */
  UPLO?: 'L' | 'U';
}

/**
 * What linalg.eigh returns: `[eigenvalues, eigenvectors]`, also by name.
 * @example
 * const { eigenvalues, eigenvectors } = linalg.eigh(a);
 */
export type Eigh = readonly [eigenvalues: Tensor, eigenvectors: Tensor] & {
  readonly eigenvalues: Tensor;
  readonly eigenvectors: Tensor;
};

/**
 * One custom function, so that the eigenvalues and the eigenvectors share one graph node: its output
 * packs them as [*, n + 1, n], row 0 the eigenvalues, rows 1… V. It saves that output (with its
 * graph), so the backward, written in tensor ops, is differentiable again.
 */
const EighFunction = defineFunction({
  name: 'LinalgEigh',
  forward(context: FunctionContext, a: Tensor, upper: boolean) {
    const n = a.shape[a.ndim - 1]!;
    const { values, batch } = readMatrices('linalg.eigh', a);
    const packed = new Float64Array(batch * (n + 1) * n);
    const matrix = new Float64Array(n * n);
    for (let index = 0; index < batch; index++) {
      const source = values.subarray(index * n * n, (index + 1) * n * n);
      // the symmetric matrix of the read triangle
      for (let i = 0; i < n; i++)
        for (let j = 0; j <= i; j++) matrix[i * n + j] = matrix[j * n + i] = upper ? source[j * n + i]! : source[i * n + j]!;
      const { values: w, vectors } = symmetricEigen(matrix, n);
      packed.set(w, index * (n + 1) * n);
      packed.set(vectors, index * (n + 1) * n + n);
    }
    const output = fromValues(packed, [...a.shape.slice(0, -2), n + 1, n], a);
    context.saveForBackward(output);
    return output;
  },
  backward(context, gradient) {
    const [packed] = context.savedTensors;
    const n = packed!.shape[packed!.ndim - 1]!;
    const w = select(packed!, -2, 0);
    const v = narrow(packed!, -2, 1, n);
    const gw = select(gradient, -2, 0);
    const gv = narrow(gradient, -2, 1, n);
    const vt = transpose(v, -2, -1);
    // torch's linalg_eig_backward (hermitian): Ā = V·(diag(w̄) + skew/E)·Vᵀ with skew = ½(VᵀV̄ − V̄ᵀV) and
    // E[i, j] = w[j] − w[i]; where V̄ is zero (only w used) torch's V̄ is undefined and Ā = V·diag(w̄)·Vᵀ,
    // which the where gives also for repeated eigenvalues (0 rather than 0/0)
    const product = matmul(vt, gv);
    const skew = mul(sub(product, transpose(product, -2, -1)), 0.5);
    const gaps = sub(unsqueeze(w, -2), unsqueeze(w, -1));
    const inner = quotientOrZero(skew, gaps);
    // skew's diagonal is 0: w̄ goes on the diagonal
    const middle = add(inner, diagEmbed(gw));
    return [matmul(matmul(v, middle), vt), null];
  },
});

function eighOf(operation: string, a: Tensor, rest: readonly unknown[]): [Tensor, Tensor] {
  const { UPLO = 'L' } = readArguments<EighOptions>(operation, rest, ['UPLO'], ['UPLO']);
  const uplo = checkChoice(operation, 'UPLO', UPLO, { L: 'L', U: 'U' } as const);
  const n = checkSquareMatrices(operation, a);
  checkReadable(operation, a);
  const packed = EighFunction.apply(a, uplo === 'U');
  return [select(packed, -2, 0), narrow(packed, -2, 1, n)];
}

/**
 * The eigenvalues (ascending) and eigenvectors of symmetric matrices [*, n, n] (torch.linalg.eigh),
 * read from the lower triangle (the upper with `{ UPLO: 'U' }`): A = V·diag(w)·Vᵀ. Computed on the CPU
 * in JavaScript by cyclic Jacobi rotations in float64, to machine precision; a device that reads
 * asynchronously is refused ("linalg.eigh runs on the CPU; move the matrix with .to('cpu')"). Each
 * eigenvector is returned with its largest-magnitude entry positive; torch's (LAPACK's) signs are
 * arbitrary and may differ, so compare sign-invariant quantities (V·diag(w)·Vᵀ, squared entries).
 * The gradient is torch's closed form, Ā = V·(diag(w̄) + (VᵀV̄ − V̄ᵀV)/2 ∘ F)·Vᵀ with
 * F[i, j] = 1/(w[j] − w[i]) off the diagonal, itself differentiable.
 * @example
 * const [w, v] = linalg.eigh(tensor([[2, 1], [1, 2]])); // w [1, 3], v [[0.7071, 0.7071], [-0.7071, 0.7071]]
 */
export function eigh(a: Tensor, options?: EighOptions): Eigh;
/** torch's positional order: `linalg.eigh(a, 'U')`, UPLO. */
export function eigh(a: Tensor, UPLO: 'L' | 'U'): Eigh;
export function eigh(a: Tensor, ...rest: unknown[]): Eigh {
  const [eigenvalues, eigenvectors] = eighOf('linalg.eigh', a, rest);
  return Object.assign([eigenvalues, eigenvectors] as const, { eigenvalues, eigenvectors });
}

/**
 * The eigenvalues, ascending, of symmetric matrices [*, n, n] (torch.linalg.eigvalsh): linalg.eigh's
 * first output, with its gradient Ā = V·diag(w̄)·Vᵀ. On the CPU only, as eigh.
 * @example
 * linalg.eigvalsh(tensor([[2, 1], [1, 2]])); // [1, 3]
 */
export function eigvalsh(a: Tensor, options?: EighOptions): Tensor;
/** torch's positional order: `linalg.eigvalsh(a, 'U')`, UPLO. */
export function eigvalsh(a: Tensor, UPLO: 'L' | 'U'): Tensor;
export function eigvalsh(a: Tensor, ...rest: unknown[]): Tensor {
  return eighOf('linalg.eigvalsh', a, rest)[0];
}

/**
 * x / by, and 0 where x is 0 (also where by is 0): the terms of a spectral backward whose upstream
 * gradient is zero, which torch leaves out (undefined gradients), give 0 rather than 0/0, and stay so
 * through a second differentiation (the divisor there is 1).
 * @example
 * quotientOrZero(tensor([0, 1, 2]), tensor([0, 0, 4])); // [0, Infinity, 0.5]
 */
export function quotientOrZero(x: Tensor, by: Tensor): Tensor {
  const zero = eq(x, 0);
  return where(zero, 0, div(x, where(zero, 1, by)));
}
