import { cholesky } from './cholesky.js';
import { det, slogdet } from './determinant.js';
import { inv } from './inverse.js';
import { matrixPower } from './matrix-power.js';
import { solve } from './solve.js';

/**
 * torch.linalg's dense functions on batches of square matrices [*, n, n], float32 or float64, composed
 * of tensor ops (so every device runs them and gradients flow to any order): `inv`, `det`, `slogdet`,
 * `solve`, `cholesky`, `matrixPower`.
 * @example
 * linalg.inv(tensor([[2, 0], [0, 4]])); // [[0.5, 0], [0, 0.25]]
 * const [sign, logabsdet] = linalg.slogdet(tensor([[0, 1], [1, 0]])); // -1, 0
 */
export const linalg = { inv, det, slogdet, solve, cholesky, matrixPower } as const;
