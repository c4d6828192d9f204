import {
  elu as eluOp,
  gelu as geluOp,
  leakyRelu as leakyReluOp,
  logSoftmax as logSoftmaxOp,
  refuseExtraArguments,
  relu as reluOp,
  sigmoid as sigmoidOp,
  silu as siluOp,
  softmax as softmaxOp,
  type SoftmaxOptions,
  softplus as softplusOp,
  tanh as tanhOp,
  type Tensor,
} from '@dl/tensor';
import { type InplaceRest, readActivationArguments } from './activation-arguments.js';

// torch's `inplace` flag, where it has one, is read and checked by readActivationArguments; every
// activation here computes out of place (the same values). The modules call these with the input
// alone, so that case skips the reading: a layer's forward runs no argument parsing.

/** max(x, 0); `relu(x, true)` reads torch's inplace. */
export function relu(input: Tensor, ...rest: InplaceRest): Tensor {
  if (rest.length > 0) readActivationArguments('relu', rest);
  return reluOp(input);
}
/** x for x > 0, slope·x otherwise (slope default 0.01): `leakyRelu(x, 0.2)`, `leakyRelu(x, 0.2, true)` or `{ negativeSlope, inplace }`. */
export function leakyRelu(
  input: Tensor,
  ...rest: [negativeSlope?: number, inplace?: boolean] | [options?: { negativeSlope?: number; inplace?: boolean }]
): Tensor {
  if (rest.length === 0) return leakyReluOp(input);
  const { negativeSlope } = readActivationArguments<{ negativeSlope?: number }>('leakyRelu', rest, ['negativeSlope']);
  return leakyReluOp(input, negativeSlope);
}
/** 1 / (1 + e^{−x}). */
export function sigmoid(input: Tensor, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('sigmoid', ['input'], extra);
  return sigmoidOp(input);
}
export function tanh(input: Tensor, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('tanh', ['input'], extra);
  return tanhOp(input);
}
/** x·Φ(x) (exact, default) or its tanh approximation. */
export function gelu(input: Tensor, approximate?: 'none' | 'tanh' | { approximate?: 'none' | 'tanh' }, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('gelu', ['input', 'approximate'], extra);
  return geluOp(input, approximate);
}
/** x for x > 0, α(eˣ − 1) otherwise: `elu(x, alpha, inplace)` or `{ alpha, inplace }`. */
export function elu(
  input: Tensor,
  ...rest: [alpha?: number, inplace?: boolean] | [options?: { alpha?: number; inplace?: boolean }]
): Tensor {
  if (rest.length === 0) return eluOp(input);
  const { alpha } = readActivationArguments<{ alpha?: number }>('elu', rest, ['alpha']);
  return eluOp(input, alpha);
}
/** x·σ(x) (swish); `silu(x, true)` reads torch's inplace. */
export function silu(input: Tensor, ...rest: InplaceRest): Tensor {
  if (rest.length > 0) readActivationArguments('silu', rest);
  return siluOp(input);
}
/** (1/β)·log(1 + e^{βx}), linear where βx > threshold. */
export const softplus = (
  input: Tensor,
  ...parameters: Parameters<typeof softplusOp> extends [Tensor, ...infer Rest] ? Rest : never
): Tensor => softplusOp(input, ...parameters);
/** e^{x_i} / Σ_j e^{x_j} along `dim`; `{ dtype }` casts the input first, as torch's dtype keyword. */
export function softmax(input: Tensor, dim: number | SoftmaxOptions, options?: SoftmaxOptions, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('softmax', ['input', 'dim', 'options'], extra);
  return softmaxOp(input, dim, options);
}
/** x_i − log Σ_j e^{x_j} along `dim` (stable: the maximum is subtracted first); `{ dtype }` casts the input first. */
export function logSoftmax(input: Tensor, dim: number | SoftmaxOptions, options?: SoftmaxOptions, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('logSoftmax', ['input', 'dim', 'options'], extra);
  return logSoftmaxOp(input, dim, options);
}
