import { refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { arange, zeros } from './creation.js';
import { ge, le, sub, where } from './elementwise.js';
import { unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/** [i][j] = j − i over the last two dims of `x`: the diagonal a cell lies on. */
function diagonalOffsets(x: Tensor, operation: string): Tensor {
  if (x.ndim < 2) throw new Error(`${operation}: expects a tensor with at least 2 dims, got ${x.ndim}`);
  const rows = arange(x.shape[x.ndim - 2]!, undefined, 1, { device: x.device });
  const columns = arange(x.shape[x.ndim - 1]!, undefined, 1, { device: x.device });
  return sub(unsqueeze(columns, 0), unsqueeze(rows, 1));
}

/** A 0-d zero of x's dtype: where(mask, x, 0) would promote a bool x to an integer (a scalar 0 is an int). */
function zeroOf(x: Tensor): Tensor {
  return zeros([], { dtype: x.dtype, device: x.device });
}

/**
 * The lower triangle of the last two dims: cells on or below diagonal `diagonal` (0 the main one,
 * > 0 above it), zeros elsewhere (torch.tril). The gradient is the same mask.
 * @example
 * tril(ones(3, 3)); // [[1, 0, 0], [1, 1, 0], [1, 1, 1]]
 */
export function tril(x: Tensor, diagonal = 0): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('tril', ['x', 'diagonal'], arguments);
  checkLive('tril', 'input', x);
  return composite(() => where(le(diagonalOffsets(x, 'tril'), diagonal), x, zeroOf(x)));
}

/**
 * The upper triangle of the last two dims: cells on or above diagonal `diagonal`, zeros elsewhere
 * (torch.triu).
 * @example
 * triu(ones(3, 3), 1); // [[0, 1, 1], [0, 0, 1], [0, 0, 0]]
 */
export function triu(x: Tensor, diagonal = 0): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('triu', ['x', 'diagonal'], arguments);
  checkLive('triu', 'input', x);
  return composite(() => where(ge(diagonalOffsets(x, 'triu'), diagonal), x, zeroOf(x)));
}
