import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { eye, tensor } from './creation.js';
import { abs, add, mul, sub, where } from './elementwise.js';
import { matmul } from './linalg.js';
import { amax, sum } from './reduce.js';
import { solve } from './solve.js';
import { checkSquareMatrices } from './square-matrices.js';

const operation = 'linalg.matrix_exp';

/**
 * Higham's (2005) Padé degrees m with the largest 1-norm θₘ for which the [m/m] approximant of e^A
 * is accurate to float64's unit roundoff, and the approximant's coefficients b₀ … bₘ.
 */
const degrees: readonly { m: number; theta: number; b: readonly number[] }[] = [
  { m: 3, theta: 1.495585217958292e-2, b: [120, 60, 12, 1] },
  { m: 5, theta: 2.53939833006323e-1, b: [30240, 15120, 3360, 420, 30, 1] },
  { m: 7, theta: 9.504178996162932e-1, b: [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1] },
  { m: 9, theta: 2.097847961257068, b: [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1] },
  {
    m: 13,
    theta: 5.371920351148152,
    b: [
      64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000, 10559470521600, 670442572800, 33522128640,
      1323241920, 40840800, 960960, 16380, 182, 1,
    ],
  },
];

/**
 * The exponential of square matrices [*, n, n] (torch.linalg.matrix_exp): e^A = Σ Aᵏ/k!, by scaling
 * and squaring with a Padé approximant (Higham 2005): the lowest degree of 3, 5, 7, 9, 13 whose bound
 * θ covers the largest 1-norm in the batch, and for degree 13 each matrix scaled by 2⁻ˢ until its
 * norm is within θ₁₃, then squared s times; accurate to about 1e-15 relative in float64. Composed of
 * tensor ops (products and linalg.solve), so gradients flow to any order. The scaling is chosen from
 * the norms, read once: on a device that reads only asynchronously use linalg.matrixExpAsync.
 * @example
 * linalg.matrixExp(tensor([[0, 1], [0, 0]])); // [[1, 1], [0, 1]]
 * linalg.matrixExp(tensor([[0, -Math.PI], [Math.PI, 0]])); // [[-1, 0], [0, -1]] (a half turn)
 */
export function matrixExp(a: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('matrixExp', ['a'], arguments);
  checkSquareMatrices(operation, a);
  if (a.numel() === 0) return composite(() => a.clone());
  if (!a.storage.backend.readSync)
    throw new Error(`${operation}: A is on '${a.device}', which reads asynchronously; use await linalg.matrixExpAsync(A)`);
  const norms = oneNorms(a);
  const values = norms.dataSync();
  norms.dispose();
  return exponential(a, values);
}

/**
 * linalg.matrixExp for any device: awaits the read of the matrices' 1-norms, which choose the degree
 * and the scaling.
 * @example
 * const rotation = await linalg.matrixExpAsync(generator.to('webgpu'));
 */
export async function matrixExpAsync(a: Tensor): Promise<Tensor> {
  if (arguments.length > 1) refuseArgumentsPast('matrixExpAsync', ['a'], arguments);
  checkSquareMatrices(operation, a);
  if (a.numel() === 0) return composite(() => a.clone());
  const norms = oneNorms(a);
  const values = await norms.data();
  norms.dispose();
  return exponential(a, values);
}

/** ‖A‖₁ = max over columns of Σ|aᵢⱼ| of each matrix, outside the graph (it only picks the scaling). */
function oneNorms(a: Tensor): Tensor {
  return noGrad(() => composite(() => amax(sum(abs(a), -2), -1)));
}

/** e^A with the degree and the squarings chosen from the 1-norms (one per matrix, row-major). */
function exponential(a: Tensor, norms: ArrayLike<number>): Tensor {
  const finite = Array.from(norms, (value) => (Number.isFinite(value) ? value : 0));
  const largest = Math.max(...finite);
  const degree = degrees.find(({ theta }) => largest <= theta) ?? degrees[degrees.length - 1]!;
  // s = ⌈log₂(‖A‖₁ / θ₁₃)⌉ squarings where the norm is above θ₁₃ (degree 13 only)
  const squarings = finite.map((value) => (value > degree.theta ? Math.ceil(Math.log2(value / degree.theta)) : 0));
  const most = Math.max(...squarings);
  const batchShape = [...a.shape.slice(0, -2), 1, 1];
  const size = a.shape[a.ndim - 1]!;
  return composite(() => {
    const perMatrix = (values: number[], dtype: 'bool' | typeof a.dtype) => tensor(values, { shape: batchShape, dtype, device: a.device });
    const scaled =
      most === 0
        ? a
        : mul(
            a,
            perMatrix(
              squarings.map((s) => 2 ** -s),
              a.dtype,
            ),
          );
    const identity = eye(size, size, { dtype: a.dtype, device: a.device });
    const [u, v] = degree.m === 13 ? pade13(scaled, identity, degree.b) : padeLow(scaled, identity, degree.b);
    // r = (V − U)⁻¹(V + U)
    let result = solve(sub(v, u), add(v, u));
    for (let step = 0; step < most; step++) {
      const squared = matmul(result, result);
      result = squarings.every((s) => s > step)
        ? squared
        : where(
            perMatrix(
              squarings.map((s) => (s > step ? 1 : 0)),
              'bool',
            ),
            squared,
            result,
          );
    }
    return result;
  });
}

/** Σ cₖ·Mₖ over the terms given (a linear combination of matrices). */
function combine(terms: readonly [number, Tensor][]): Tensor {
  return terms.map(([c, m]) => mul(m, c)).reduce((total, term) => add(total, term));
}

/** U (odd part) and V (even part) of the [m/m] Padé approximant for m ≤ 9, from A², A⁴, …. */
function padeLow(a: Tensor, identity: Tensor, b: readonly number[]): [Tensor, Tensor] {
  const powers = [identity];
  const square = matmul(a, a);
  for (let k = 2; k < b.length; k += 2) powers.push(k === 2 ? square : matmul(powers[powers.length - 1]!, square));
  const odd = combine(powers.map((power, index) => [b[2 * index + 1]!, power]));
  const even = combine(powers.map((power, index) => [b[2 * index]!, power]));
  return [matmul(a, odd), even];
}

/** U and V of the [13/13] Padé approximant in Higham's 6 products: A², A⁴, A⁶ and two with A⁶. */
function pade13(a: Tensor, identity: Tensor, b: readonly number[]): [Tensor, Tensor] {
  const a2 = matmul(a, a);
  const a4 = matmul(a2, a2);
  const a6 = matmul(a4, a2);
  const oddHigh = combine([
    [b[13]!, a6],
    [b[11]!, a4],
    [b[9]!, a2],
  ]);
  const odd = add(
    matmul(a6, oddHigh),
    combine([
      [b[7]!, a6],
      [b[5]!, a4],
      [b[3]!, a2],
      [b[1]!, identity],
    ]),
  );
  const evenHigh = combine([
    [b[12]!, a6],
    [b[10]!, a4],
    [b[8]!, a2],
  ]);
  const even = add(
    matmul(a6, evenHigh),
    combine([
      [b[6]!, a6],
      [b[4]!, a4],
      [b[2]!, a2],
      [b[0]!, identity],
    ]),
  );
  return [matmul(a, odd), even];
}
