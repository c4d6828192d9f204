import { checkBoolean, describeValue, readArguments, scaledBernoulli, type Tensor } from '@dl/tensor';

/** torch's (p, training) positionally, or by keyword as an options object: F.dropout(x, { p: 0.2, training }). */
type DropoutArguments = [p?: number, training?: boolean] | [options: { p?: number; training?: boolean }];

/** The checked p and training of a dropout call (defaults 0.5 and true). */
function dropoutArguments(operation: string, rest: DropoutArguments): { p: number; training: boolean } {
  const { p = 0.5, training = true } = readArguments<{ p?: number; training?: boolean }>(
    operation,
    rest,
    ['p', 'training'],
    ['p', 'training'],
  );
  if (typeof p !== 'number' || !(p >= 0 && p <= 1))
    throw new Error(`${operation}: probability has to be between 0 and 1, but got ${describeValue(p)}`);
  checkBoolean(operation, 'training', training);
  return { p, training };
}

/**
 * Zeroes each element with probability p and scales the rest by 1/(1 − p), so the expectation is
 * unchanged (inverted dropout). The identity when `training` is false or p = 0.
 * @example
 * F.dropout(x, 0.5, model.training);
 */
export function dropout(input: Tensor, ...rest: DropoutArguments): Tensor {
  const { p, training } = dropoutArguments('dropout', rest);
  if (!training || p === 0) return input;
  if (p === 1) return input.mul(0);
  const mask = keepMask(input, 1 - p, input.shape);
  const output = input.mul(mask);
  mask.dispose(); // the graph keeps its own reference for the backward pass
  return output;
}

/**
 * 1/(1 − p) with probability 1 − p, else 0, of shape `shape`, in one pass on backends that fuse it.
 * The scale is 1 / (1 − p) as the input's dtype divides it (1 / float32(1 − p) for float32, as torch's
 * bernoulli_(1 − p).div_(1 − p)); integer inputs get a float32 mask, as the division gave them.
 */
function keepMask(input: Tensor, keep: number, shape: readonly number[]): Tensor {
  const dtype = input.dtype === 'float64' ? 'float64' : 'float32';
  const scale = dtype === 'float64' ? 1 / keep : Math.fround(1 / Math.fround(keep));
  return scaledBernoulli(keep, scale, shape, { dtype, device: input.device });
}

/**
 * Channel dropout: zeroes whole feature maps of [N, C, H, W] (or [C, H, W]) with probability p, one
 * draw per (n, c), scaling the kept ones by 1/(1 − p).
 */
export function dropout2d(input: Tensor, ...rest: DropoutArguments): Tensor {
  const { p, training } = dropoutArguments('dropout2d', rest);
  if (input.ndim !== 3 && input.ndim !== 4) throw new Error(`dropout2d: expected a 3-D or 4-D input, got [${input.shape.join(', ')}]`);
  if (!training || p === 0) return input;
  if (p === 1) return input.mul(0);
  const channels = input.ndim === 4 ? [input.shape[0]!, input.shape[1]!, 1, 1] : [input.shape[0]!, 1, 1];
  const mask = keepMask(input, 1 - p, channels);
  const output = input.mul(mask);
  mask.dispose();
  return output;
}
