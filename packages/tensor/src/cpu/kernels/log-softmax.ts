import type { TensorView } from '../../core/backend.js';
import { roundingOf } from './rounding.js';
import { logSoftmaxGradientRowsWasm, logSoftmaxRowsWasm } from './log-softmax-wasm.js';

type FloatArray = Float32Array | Float64Array;

/**
 * log-softmax and its gradient in one pass each over contiguous float32 or float64 views, in place of
 * the composite's six forward kernels (max, sub, exp, sum, log, sub) and its backward's seven. A view
 * [outer, length, inner] runs along `axis` (length) with stride `inner`; the usual case, the last
 * axis, has inner = 1.
 *
 * Forward: y = (x − m) − log Σ exp(x − m), m the slice's maximum (NaN wins, as torch.max). Every
 * intermediate is stored in the array's dtype before the next step reads it, and the sum runs in
 * float64 from 0 and is rounded once, as the composite's kernels do: the result is the composite's, bit
 * for bit. A slice whose maximum is +∞, NaN or −∞ (all −∞) is NaN throughout, as torch.
 *
 * Backward: dx = g − exp(y) · Σ g over the slice (torch's _log_softmax_backward_data), with the same
 * rounding discipline: exp(y) and the product rounded to the dtype, the sum in float64.
 *
 * float32 along the last axis (a classifier's logits) runs in the WebAssembly module instead
 * (log-softmax-wasm.ts), with exp and log on four lanes: within 2 ulp of these loops, not bit for bit.
 */
export function logSoftmax(x: TensorView, out: TensorView, axis: number): void {
  const input = x.buffer as FloatArray;
  const output = out.buffer as FloatArray;
  const { outer, length, inner } = slices(x.shape, axis);
  if (input instanceof Float32Array && inner === 1) {
    logSoftmaxRowsWasm(input, x.offset, output as Float32Array, out.offset, outer, length);
    return;
  }
  // a scratch element of the dtype: Float32Array stores round exactly as the composite's kernels do
  const round = roundingOf(input);
  for (let slice = 0; slice < outer; slice++)
    for (let lane = 0; lane < inner; lane++) {
      const from = slice * length * inner + lane;
      const end = from + length * inner;
      let maximum = input[x.offset + from]!;
      for (let i = from + inner; i < end && maximum === maximum; i += inner) {
        const value = input[x.offset + i]!;
        if (value !== value || value > maximum) maximum = value;
      }
      let total = 0;
      for (let i = from; i < end; i += inner) total += round(Math.exp(round(input[x.offset + i]! - maximum)));
      const logTotal = round(Math.log(round(total)));
      for (let i = from; i < end; i += inner) output[out.offset + i] = round(input[x.offset + i]! - maximum) - logTotal;
    }
}

export function logSoftmaxGradient(gradient: TensorView, output: TensorView, out: TensorView, axis: number): void {
  const g = gradient.buffer as FloatArray;
  const y = output.buffer as FloatArray;
  const result = out.buffer as FloatArray;
  const { outer, length, inner } = slices(out.shape, axis);
  if (g instanceof Float32Array && inner === 1) {
    logSoftmaxGradientRowsWasm(g, gradient.offset, y as Float32Array, output.offset, result as Float32Array, out.offset, outer, length);
    return;
  }
  const round = roundingOf(g);
  for (let slice = 0; slice < outer; slice++)
    for (let lane = 0; lane < inner; lane++) {
      const from = slice * length * inner + lane;
      const end = from + length * inner;
      let total = 0;
      for (let i = from; i < end; i += inner) total += g[gradient.offset + i]!;
      const sum = round(total);
      for (let i = from; i < end; i += inner)
        result[out.offset + i] = g[gradient.offset + i]! - round(round(Math.exp(y[output.offset + i]!)) * sum);
    }
}

/** A contiguous shape as [outer, length, inner] around `axis`. */
function slices(shape: readonly number[], axis: number): { outer: number; length: number; inner: number } {
  let outer = 1;
  let inner = 1;
  for (let index = 0; index < axis; index++) outer *= shape[index]!;
  for (let index = axis + 1; index < shape.length; index++) inner *= shape[index]!;
  return { outer, length: shape[axis] ?? 1, inner };
}
