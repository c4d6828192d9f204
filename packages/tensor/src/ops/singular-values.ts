import { defineFunction, type FunctionContext } from '../autograd/custom-function.js';
import { checkBoolean, readArguments, refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { checkReadable, fromValues, readMatrices } from './cpu-matrices.js';
import { diagEmbed } from './diagonal-embed.js';
import { add, mul, sub } from './elementwise.js';
import { singularValueDecomposition } from './jacobi-kernels.js';
import { matmul } from './linalg.js';
import { quotientOrZero } from './symmetric-eigen.js';
import { checkFloating } from './square-matrices.js';
import { narrow, reshape, transpose, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.linalg.svd's keyword.
 * @example
 * linalg.svd(a, { fullMatrices: false }); // U [*, m, k], S [*, k], Vh [*, k, n]
 */
export interface SvdOptions {
  /** U [*, m, m] and Vh [*, n, n] (true), or the reduced U [*, m, k] and Vh [*, k, n], k = min(m, n) (false). Default true. */
  fullMatrices?: boolean;
}

/**
 * What linalg.svd returns: `[U, S, Vh]`, also by name.
 * @example
 * const { U, S, Vh } = linalg.svd(a, { fullMatrices: false });
 */
export type Svd = readonly [U: Tensor, S: Tensor, Vh: Tensor] & { readonly U: Tensor; readonly S: Tensor; readonly Vh: Tensor };

/** The sizes of U [m, p], S [k] and Vh [q, n] for an m×n matrix. */
function sizesOf(m: number, n: number, full: boolean): { k: number; p: number; q: number } {
  const k = Math.min(m, n);
  return { k, p: full ? m : k, q: full ? n : k };
}

/** U, S and Vh out of the packed [*, m·p + k + q·n] (batch dims kept). */
function unpack(packed: Tensor, m: number, n: number, full: boolean): [Tensor, Tensor, Tensor] {
  const { k, p, q } = sizesOf(m, n, full);
  const batch = packed.shape.slice(0, -1);
  return [
    reshape(narrow(packed, -1, 0, m * p), [...batch, m, p]),
    narrow(packed, -1, m * p, k),
    reshape(narrow(packed, -1, m * p + k, q * n), [...batch, q, n]),
  ];
}

/**
 * One custom function for U, S and Vh (one graph node), packed into [*, m·p + k + q·n]; it saves its
 * output with its graph, so its backward (tensor ops) is differentiable again.
 */
const SvdFunction = defineFunction({
  name: 'LinalgSvd',
  forward(context: FunctionContext & { full: boolean; rows: number; columns: number }, a: Tensor, full: boolean) {
    const [m, n] = a.shape.slice(-2) as [number, number];
    const { k, p, q } = sizesOf(m, n, full);
    const width = m * p + k + q * n;
    const { values, batch } = readMatrices('linalg.svd', a);
    const packed = new Float64Array(batch * width);
    for (let index = 0; index < batch; index++) {
      const { u, s, v } = singularValueDecomposition(values.subarray(index * m * n, (index + 1) * m * n), m, n, full);
      const start = index * width;
      packed.set(u, start);
      packed.set(s, start + m * p);
      // Vh = Vᵀ, from V [n, q] row-major
      for (let row = 0; row < q; row++)
        for (let column = 0; column < n; column++) packed[start + m * p + k + row * n + column] = v[column * q + row]!;
    }
    const output = fromValues(packed, [...a.shape.slice(0, -2), width], a);
    Object.assign(context, { full, rows: m, columns: n });
    context.saveForBackward(output);
    return output;
  },
  backward(context, gradient) {
    const [packed] = context.savedTensors;
    const { rows: m, columns: n } = context;
    const k = Math.min(m, n);
    const [uFull, s, vhFull] = unpack(packed!, m, n, context.full);
    const [guFull, gs, gvhFull] = unpack(gradient, m, n, context.full);
    // torch's svd_backward (real case) on the reduced factors; the complement columns of full U, Vh get no gradient
    const u = narrow(uFull, -1, 0, k);
    const vh = narrow(vhFull, -2, 0, k);
    const gu = narrow(guFull, -1, 0, k);
    const gvh = narrow(gvhFull, -2, 0, k);
    const v = transpose(vh, -2, -1);
    const gv = transpose(gvh, -2, -1);
    const skew = (x: Tensor) => sub(x, transpose(x, -2, -1));
    // Ā = U·[(skew(UᵀŪ)·S + S·skew(VᵀV̄))/E + diag(S̄)]·Vᵀ (+ the parts outside U's or V's span), with
    // E[j, l] = S[l]² − S[j]²; zero numerators give 0 (torch's undefined Ū, V̄) also where E is 0
    const squares = mul(s, s);
    const gaps = sub(unsqueeze(squares, -2), unsqueeze(squares, -1));
    const numerator = add(
      mul(skew(matmul(transpose(u, -2, -1), gu)), unsqueeze(s, -2)),
      mul(unsqueeze(s, -1), skew(matmul(transpose(v, -2, -1), gv))),
    );
    const inner = add(quotientOrZero(numerator, gaps), diagEmbed(gs));
    if (m > k) {
      // + (I − UUᵀ)·Ū·S⁻¹·Vᵀ
      const scaled = quotientOrZero(gu, unsqueeze(s, -2));
      const outside = sub(scaled, matmul(u, matmul(transpose(u, -2, -1), scaled)));
      return [matmul(add(matmul(u, inner), outside), vh), null];
    }
    if (n > k) {
      // + U·S⁻¹·V̄ᵀ·(I − VVᵀ)
      const scaled = quotientOrZero(gvh, unsqueeze(s, -1));
      const outside = sub(scaled, matmul(matmul(scaled, v), vh));
      return [matmul(u, add(matmul(inner, vh), outside)), null];
    }
    return [matmul(matmul(u, inner), vh), null];
  },
});

function svdOf(operation: string, a: Tensor, full: boolean): [Tensor, Tensor, Tensor] {
  checkLive(operation, 'a', a);
  if (a.ndim < 2) throw new Error(`${operation}: The input tensor A must have at least 2 dimensions.`);
  checkFloating(operation, a);
  checkReadable(operation, a);
  const [m, n] = a.shape.slice(-2) as [number, number];
  return unpack(SvdFunction.apply(a, full), m, n, full);
}

/**
 * The singular value decomposition A = U·diag(S)·Vh of matrices [*, m, n] (torch.linalg.svd), S
 * descending. Computed on the CPU in JavaScript by one-sided Jacobi rotations (Hestenes) in float64,
 * accurate to machine precision (unlike an eigendecomposition of AᵀA); a device that reads
 * asynchronously is refused ("linalg.svd runs on the CPU; move the matrix with .to('cpu')"). Each of
 * the first min(m, n) columns of U has its largest-magnitude entry positive, with Vh's row flipped to
 * match; torch's (LAPACK's) signs are arbitrary and may differ, as may the columns completing a basis
 * (full matrices, zero singular values), so compare sign-invariant quantities. The gradient is torch's
 * svd_backward on the reduced factors (the completing columns of full U and Vh take none), itself
 * differentiable; like torch's it is infinite for repeated or zero singular values unless the loss
 * depends on S alone.
 * @example
 * const [u, s, vh] = linalg.svd(tensor([[3, 0], [0, -2]])); // u [[1, 0], [0, 1]], s [3, 2], vh [[1, 0], [0, -1]]
 */
export function svd(a: Tensor, options?: SvdOptions): Svd;
/** torch's positional order: `linalg.svd(a, false)`, full_matrices. */
export function svd(a: Tensor, fullMatrices: boolean): Svd;
export function svd(a: Tensor, ...rest: unknown[]): Svd {
  const operation = 'linalg.svd';
  const { fullMatrices = true } = readArguments<SvdOptions>(operation, rest, ['fullMatrices'], ['fullMatrices']);
  const full = checkBoolean(operation, 'fullMatrices', fullMatrices);
  const [U, S, Vh] = svdOf(operation, a, full);
  return Object.assign([U, S, Vh] as const, { U, S, Vh });
}

/**
 * The singular values of matrices [*, m, n], descending (torch.linalg.svdvals): linalg.svd's S, with
 * the gradient Ā = U·diag(S̄)·Vh. On the CPU only, as svd.
 * @example
 * linalg.svdvals(tensor([[3, 0], [0, -2]])); // [3, 2]
 */
export function svdvals(a: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('svdvals', ['a'], arguments);
  return svdOf('linalg.svdvals', a, false)[1];
}
