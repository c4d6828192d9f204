import type { TensorView } from '../../core/backend.js';
import { roundingOf } from './rounding.js';

type FloatArray = Float32Array | Float64Array;

/**
 * The unweighted negative log-likelihood of log-probabilities [N, C] at int32 targets [N] and its
 * gradient, one pass each (ops/nll-loss.ts): the composite's bits — the picked values summed in float64
 * in row order from 0 and stored (rounded) before the division by −N, and −g/N per target. Targets are
 * checked as the composite's gather checks them.
 */
export const nllLoss = {
  forward(input: TensorView, target: TensorView, out: TensorView, mean: boolean): void {
    const values = input.buffer as FloatArray;
    const targets = target.buffer as Int32Array;
    const result = out.buffer as FloatArray;
    const [rows, classes] = input.shape as [number, number];
    let total = 0;
    for (let row = 0; row < rows; row++) {
      const selected = targets[target.offset + row]!;
      if (selected < 0 || selected >= classes) throw new Error(`nllLoss: target ${selected} is out of bounds for ${classes} classes`);
      total += values[input.offset + row * classes + selected]!;
    }
    // the sum rounded to the dtype, as the composite's sum stores it, then the division by −N (rounded
    // again) or the exact sign flip
    const round = roundingOf(result);
    const rounded = round(total);
    result[out.offset] = mean ? rounded / -rows : -rounded;
  },

  backward(gradient: TensorView, target: TensorView, out: TensorView, mean: boolean): void {
    const incoming = (gradient.buffer as FloatArray)[gradient.offset]!;
    const targets = target.buffer as Int32Array;
    const result = out.buffer as FloatArray;
    const [rows, classes] = out.shape as [number, number];
    result.fill(0, out.offset, out.offset + rows * classes);
    // −g/N rounded to the dtype once, as the composite's division (0 + it, its scatter-add, is exact)
    const round = roundingOf(result);
    const value = round(mean ? incoming / -rows : -incoming);
    for (let row = 0; row < rows; row++) result[out.offset + row * classes + targets[target.offset + row]!] = value;
  },
};
