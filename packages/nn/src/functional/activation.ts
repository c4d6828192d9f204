import {
  elu as eluOp,
  gelu as geluOp,
  leakyRelu as leakyReluOp,
  logSoftmax as logSoftmaxOp,
  relu as reluOp,
  sigmoid as sigmoidOp,
  silu as siluOp,
  softmax as softmaxOp,
  type SoftmaxOptions,
  softplus as softplusOp,
  tanh as tanhOp,
  type Tensor,
} from '@dl/tensor';

/** max(x, 0). */
export const relu = (input: Tensor): Tensor => reluOp(input);
/** x for x > 0, slope·x otherwise (slope default 0.01): `leakyRelu(x, 0.2)` or `leakyRelu(x, { negativeSlope: 0.2 })`. */
export const leakyRelu = (input: Tensor, negativeSlope?: number | { negativeSlope?: number }): Tensor => leakyReluOp(input, negativeSlope);
/** 1 / (1 + e^{−x}). */
export const sigmoid = (input: Tensor): Tensor => sigmoidOp(input);
export const tanh = (input: Tensor): Tensor => tanhOp(input);
/** x·Φ(x) (exact, default) or its tanh approximation. */
export const gelu = (input: Tensor, approximate?: 'none' | 'tanh' | { approximate?: 'none' | 'tanh' }): Tensor =>
  geluOp(input, approximate);
/** x for x > 0, α(eˣ − 1) otherwise. */
export const elu = (input: Tensor, alpha?: number | { alpha?: number }): Tensor => eluOp(input, alpha);
/** x·σ(x) (swish). */
export const silu = (input: Tensor): Tensor => siluOp(input);
/** (1/β)·log(1 + e^{βx}), linear where βx > threshold. */
export const softplus = (
  input: Tensor,
  ...parameters: Parameters<typeof softplusOp> extends [Tensor, ...infer Rest] ? Rest : never
): Tensor => softplusOp(input, ...parameters);
/** e^{x_i} / Σ_j e^{x_j} along `dim`; `{ dtype }` casts the input first, as torch's dtype keyword. */
export const softmax = (input: Tensor, dim: number | SoftmaxOptions, options?: SoftmaxOptions): Tensor => softmaxOp(input, dim, options);
/** x_i − log Σ_j e^{x_j} along `dim` (stable: the maximum is subtracted first); `{ dtype }` casts the input first. */
export const logSoftmax = (input: Tensor, dim: number | SoftmaxOptions, options?: SoftmaxOptions): Tensor =>
  logSoftmaxOp(input, dim, options);
