import { checkBoolean, describeValue, scaledBernoulli, type Tensor } from '@dl/tensor';
import { readActivationArguments } from './activation-arguments.js';

/** torch's (p, training, inplace) positionally, or by keyword as an options object: F.dropout(x, { p: 0.2, training }). */
type DropoutArguments =
  | [p?: number, training?: boolean, inplace?: boolean]
  | [options: { p?: number; training?: boolean; inplace?: boolean }];

/**
 * The checked p and training of a dropout call (defaults 0.5 and `trainingDefault`, true but for the
 * alpha dropouts); torch's inplace is read and checked, and the result computed out of place.
 */
function dropoutArguments(operation: string, rest: DropoutArguments, trainingDefault = true): { p: number; training: boolean } {
  const { p = 0.5, training = trainingDefault } = readActivationArguments<{ p?: number; training?: boolean }>(operation, rest, [
    'p',
    'training',
  ]);
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

/**
 * Channel dropout for one spatial dim (torch.nn.functional.dropout1d): zeroes whole channels of
 * [N, C, L] (or [C, L]) with probability p, one draw per (n, c), scaling the kept ones by 1/(1 − p).
 * @example
 * F.dropout1d(sequences, 0.2, model.training); // [N, C, L]
 */
export function dropout1d(input: Tensor, ...rest: DropoutArguments): Tensor {
  const { p, training } = dropoutArguments('dropout1d', rest);
  if (input.ndim !== 2 && input.ndim !== 3)
    throw new Error(`dropout1d: expected a 2-D [C, L] or 3-D [N, C, L] input, got [${input.shape.join(', ')}]`);
  return channelDropout(input, p, training, input.ndim === 3);
}

/**
 * Channel dropout for three spatial dims (torch.nn.functional.dropout3d): zeroes whole volumes of
 * [N, C, D, H, W] (or [C, D, H, W]) with probability p, one draw per (n, c), scaling the kept ones by 1/(1 − p).
 * @example
 * F.dropout3d(volumes, 0.2, model.training); // [N, C, D, H, W]
 */
export function dropout3d(input: Tensor, ...rest: DropoutArguments): Tensor {
  const { p, training } = dropoutArguments('dropout3d', rest);
  if (input.ndim !== 4 && input.ndim !== 5)
    throw new Error(`dropout3d: expected a 4-D [C, D, H, W] or 5-D [N, C, D, H, W] input, got [${input.shape.join(', ')}]`);
  return channelDropout(input, p, training, input.ndim === 5);
}

/** Inverted dropout with one draw per (n, c) of a batched input, or per c of an unbatched one. */
function channelDropout(input: Tensor, p: number, training: boolean, batched: boolean): Tensor {
  if (!training || p === 0) return input;
  if (p === 1) return input.mul(0);
  const mask = keepMask(input, 1 - p, channelShape(input, batched ? 2 : 1));
  const output = input.mul(mask);
  mask.dispose();
  return output;
}

/** The input's shape with every dim from `kept` on set to 1: the shape of one draw per channel. */
function channelShape(input: Tensor, kept: number): number[] {
  return input.shape.map((extent, axis) => (axis < kept ? extent : 1));
}

/** λα of SELU: alpha dropout's dropped value is −λα, SELU's value at −∞. */
const seluNegativeSaturation = 1.7580993408473766;

/**
 * Alpha dropout (torch.nn.functional.alpha_dropout), for self-normalizing networks of SELU units:
 * each element is dropped with probability p to a = −λα (≈ −1.7581), SELU's saturation value, and
 * the result is mapped through x ↦ A·x + B with A = ((1 − p)(1 + p·a²))^(−1/2) and B = −A·a·p, which
 * keeps zero mean and unit variance. As torch, `training` defaults to false (the identity), p = 1
 * gives zeros, and the gradient is A where kept and 0 where dropped.
 * @example
 * F.alphaDropout(x, 0.1, model.training);
 * F.alphaDropout(x, { p: 0.1, training: true });
 */
export function alphaDropout(input: Tensor, ...rest: DropoutArguments): Tensor {
  const { p, training } = dropoutArguments('alphaDropout', rest, false);
  return alphaDropoutWith(input, p, training, input.shape);
}

/**
 * Alpha dropout of whole channels (torch.nn.functional.feature_alpha_dropout): as `F.alphaDropout`,
 * with one keep-or-drop draw per (dim 0, dim 1) pair of an input of at least 2 dims, so a dropped
 * channel is A·a + B everywhere. As torch, `training` defaults to false (the identity).
 * @example
 * F.featureAlphaDropout(featureMaps, 0.1, model.training); // [N, C, …]
 */
export function featureAlphaDropout(input: Tensor, ...rest: DropoutArguments): Tensor {
  const { p, training } = dropoutArguments('featureAlphaDropout', rest, false);
  if (input.ndim < 2)
    throw new Error(`featureAlphaDropout: feature dropout requires at least 2 dims in the input, got [${input.shape.join(', ')}]`);
  return alphaDropoutWith(input, p, training, channelShape(input, 2));
}

/** torch's _dropout_impl with alpha_dropout: x·(mask·A) + ((mask − 1)·λα·A + λα·A·p), mask of `shape`. */
function alphaDropoutWith(input: Tensor, p: number, training: boolean, shape: readonly number[]): Tensor {
  if (!training || p === 0 || input.numel() === 0) return input;
  if (p === 1) return input.mul(0);
  const scale = 1 / Math.sqrt((seluNegativeSaturation * seluNegativeSaturation * p + 1) * (1 - p));
  const dtype = input.dtype === 'float64' ? 'float64' : 'float32';
  const mask = scaledBernoulli(1 - p, 1, shape, { dtype, device: input.device });
  const shift = mask
    .sub(1)
    .mul(seluNegativeSaturation * scale)
    .add(seluNegativeSaturation * scale * p);
  const factor = mask.mul(scale);
  mask.dispose();
  const output = input.mul(factor).add(shift);
  factor.dispose();
  shift.dispose();
  return output;
}
