import { refuseArgumentsPast } from '../core/options.js';
import { broadcastShapes, formatShape } from '../core/shape.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { castTo } from './convert.js';
import { clamp, sub, where } from './elementwise.js';
import { gather } from './indexing.js';
import { cumsum } from './reduce.js';
import { clone, expand, reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * x with the positions where `mask` is true filled, in row-major order, by the leading elements of
 * `source` (torch.masked_scatter): the result has the broadcast shape of x and mask (bool), and
 * source needs at least as many elements as the mask has true values. Position p takes source
 * element (Σ_{q ≤ p} mask_q) − 1 — a running sum and a gather, so it runs on every device without
 * reading the mask; the count is checked where the mask reads synchronously (the CPU; elsewhere, as
 * the gather kernels do, an index past the end is clamped). The gradient reaches x where the mask is
 * false and source's leading elements from the masked positions.
 * @example
 * maskedScatter(zeros([2, 2]), tensor([[true, false], [false, true]]), tensor([7, 8])); // [[7, 0], [0, 8]]
 */
export function maskedScatter(x: Tensor, mask: Tensor, source: Tensor): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('maskedScatter', ['x', 'mask', 'source'], arguments);
  assertSameDevice('maskedScatter', [x, mask, source]);
  checkLive('maskedScatter', 'input', x);
  if (mask.dtype !== 'bool') throw new Error(`maskedScatter: mask must be a bool tensor, got ${mask.dtype} ${formatShape(mask.shape)}`);
  if (source.dtype !== x.dtype) throw new Error(`maskedScatter: self (${x.dtype}) and source (${source.dtype}) must have the same dtype`);
  const shape = broadcastShapes('maskedScatter', x.shape, mask.shape);
  return composite(() => {
    const flags = reshape(expand(mask, shape), [-1]);
    const running = cumsum(flags, 0); // int32: how many true values up to here
    if (mask.storage.backend.readSync) {
      const count = flags.numel() === 0 ? 0 : running.dataSync()[flags.numel() - 1]!;
      if (count > source.numel())
        throw new Error(`maskedScatter: source has ${source.numel()} elements, fewer than the ${count} true values of the mask`);
    }
    const base = expand(x, shape);
    if (source.numel() === 0) return clone(base);
    const picks = clamp(sub(running, 1), 0, source.numel() - 1);
    const taken = reshape(gather(reshape(source, [-1]), 0, castTo(picks, 'int32')), shape);
    return where(reshape(flags, shape), taken, base);
  });
}
