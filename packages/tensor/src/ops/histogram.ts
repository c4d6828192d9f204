import { noGrad } from '../autograd/grad-mode.js';
import { isFloating } from '../core/dtype.js';
import { checkInteger, checkNumber, readArguments } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { full, zeros } from './creation.js';
import { add, div, eq, floor, gt, logicalAnd, logicalNot, logicalOr, lt, minimum, mul, sub, where } from './elementwise.js';
import { scatterAdd } from './indexing.js';
import { amax, amin } from './reduce.js';
import { reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.histc's keywords, also accepted positionally in this order.
 * @example
 * histc(x, { bins: 4, min: 0, max: 3 });
 */
export interface HistcOptions {
  /** The number of equal-width bins. Default 100. */
  bins?: number;
  /** The lower end of the range; min = max takes the data's range instead. Default 0. */
  min?: number;
  /** The upper end of the range (included in the last bin). Default 0. */
  max?: number;
}

/**
 * The counts of x's elements in `bins` equal-width bins over [min, max] (torch.histc), in x's dtype:
 * element v goes to bin ⌊(v − min)·bins / (max − min)⌋, and v = max to the last bin; elements outside
 * the range are not counted, and NaN is counted in the first bin, as torch 1.13 does. With min = max (the default 0, 0) the range is the data's
 * smallest and largest element, widened to [v − 1, v + 1] where those are equal. Floating-point input
 * of any shape (flattened); no gradient, as in torch. Computed with elementwise ops and a scatter-add,
 * so nothing is read back; where the data's range is not finite (±∞ or NaN elements with min = max)
 * torch throws and the counts here are undefined.
 * @example
 * histc(tensor([1, 2, 1]), { bins: 4, min: 0, max: 3 }); // [0, 2, 1, 0]
 */
export function histc(
  x: Tensor,
  ...options: [bins?: number | HistcOptions, min?: number | HistcOptions, max?: number | HistcOptions]
): Tensor {
  const names = ['bins', 'min', 'max'];
  const read = readArguments<HistcOptions>('histc', options, names, names);
  const bins = checkInteger('histc', 'bins', read.bins ?? 100);
  const lower = checkNumber('histc', 'min', read.min ?? 0);
  const upper = checkNumber('histc', 'max', read.max ?? 0);
  if (lower > upper) throw new Error(`histc: max must be larger than min, got min ${lower} and max ${upper}`);
  checkLive('histc', 'input', x);
  if (!isFloating(x.dtype)) throw new Error(`histc: expects a floating-point input, got ${x.dtype}`);
  const { dtype, device } = x;
  return noGrad(() =>
    composite(() => {
      const values = reshape(x.detach(), [-1]);
      const dataRange = lower === upper && values.numel() > 0;
      let first = dataRange ? amin(values) : full([], lower, { dtype, device });
      let last = dataRange ? amax(values) : full([], upper, { dtype, device });
      const empty = eq(first, last); // an empty range is widened by 1 on each side
      first = where(empty, sub(first, 1), first);
      last = where(empty, add(last, 1), last);
      // torch skips v < min and v > max, so NaN is counted (in the first bin)
      const inRange = logicalNot(logicalOr(lt(values, first), gt(values, last)));
      // torch's order of operations: (v − min)·bins / (max − min), truncated; v = max joins the last bin
      const position = minimum(floor(div(mul(sub(values, first), bins), sub(last, first))), bins - 1);
      const bin = castTo(where(logicalAnd(inRange, eq(position, position)), position, 0), 'int32');
      return scatterAdd(zeros([bins], { dtype, device }), 0, bin, castTo(inRange, dtype));
    }),
  );
}
