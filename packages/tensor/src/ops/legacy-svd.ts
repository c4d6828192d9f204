import { checkBoolean, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { zeros } from './creation.js';
import { svd as linalgSvd } from './singular-values.js';
import { transpose } from './views.js';

/** torch.svd's keywords (also accepted positionally: some, then computeUv). */
export interface LegacySvdOptions {
  /** The reduced decomposition (U [*, m, k], V [*, n, k], k = min(m, n)) rather than the full one. Default true. */
  some?: boolean;
  /** Compute U and V; when false they come back zero-filled, [*, m, m] and [*, n, n], as torch's. Default true. */
  computeUv?: boolean;
}

/** U, S and V with A = U·diag(S)·Vᵀ, as an array and by name. */
export type LegacySvd = readonly [U: Tensor, S: Tensor, V: Tensor] & { U: Tensor; S: Tensor; V: Tensor };

/**
 * The singular value decomposition the old way (torch.svd, which torch.linalg.svd replaces): A =
 * U·diag(S)·Vᵀ, returning V rather than Vh, reduced by default (`some`), and zero-filled U and V with
 * `computeUv: false`. The same values and gradients as `linalg.svd`, on the CPU.
 * @example
 * const [U, S, V] = svd(a); // a ≈ U.mul(S.unsqueeze(-2)).matmul(V.mT)
 */
export function svd(a: Tensor, some?: boolean | LegacySvdOptions, computeUv?: boolean | LegacySvdOptions): LegacySvd {
  if (arguments.length > 3) refuseArgumentsPast('svd', ['a', 'some', 'computeUv'], arguments);
  const options = readArguments<LegacySvdOptions>('svd', [some, computeUv], ['some', 'computeUv'], ['some', 'computeUv']);
  const reduced = checkBoolean('svd', 'some', options.some ?? true);
  const withVectors = checkBoolean('svd', 'computeUv', options.computeUv ?? true);
  const [U, S, V] = composite(() => {
    const decomposition = linalgSvd(a, { fullMatrices: !reduced });
    if (!withVectors) {
      const [rows, columns] = [a.shape[a.ndim - 2]!, a.shape[a.ndim - 1]!];
      const batch = a.shape.slice(0, -2);
      const blank = (size: number) => zeros([...batch, size, size], { dtype: a.dtype, device: a.device });
      return [blank(rows), decomposition.S, blank(columns)];
    }
    return [decomposition.U, decomposition.S, transpose(decomposition.Vh, -2, -1)];
  });
  return Object.assign([U, S, V] as const, { U, S, V });
}
