import type { TensorView } from '../../core/backend.js';
import { RELU_WASM_MINIMUM, reluBackwardWasm } from './relu-wasm.js';

/**
 * ReLU's backward in one pass: out[i] = output[i] ≤ 0 ? 0 : gradient[i] on contiguous views of one
 * float dtype, in place of the composite where(le(output, 0), 0, g) (a comparison writing a bool tensor,
 * then a select). Branch-free, as the composite's loops: on ReLU's mixed signs a ternary mispredicts
 * about every other element (≈ 5× slower). The gradient's bits are and-ed with the mask −[output > 0]
 * (all ones or all zeros), so a kept value is copied bit for bit (−0 and NaN included) and a dropped
 * one is +0, exactly as the select; output 0 and −0 drop, and a NaN output keeps the gradient (torch's
 * threshold_backward: NaN ≤ 0 is false).
 */
export function reluGradient(gradientView: TensorView, outputView: TensorView, resultView: TensorView): void {
  const size = resultView.shape.reduce((a, b) => a * b, 1);
  if (resultView.dtype === 'float32' && size >= RELU_WASM_MINIMUM)
    reluBackwardWasm(
      gradientView.buffer as Float32Array,
      gradientView.offset,
      outputView.buffer as Float32Array,
      outputView.offset,
      resultView.buffer as Float32Array,
      resultView.offset,
      size,
    );
  else if (resultView.dtype === 'float32')
    reluGradientFloat32(
      wordsOf(gradientView.buffer as Float32Array),
      gradientView.offset,
      outputView.buffer as Float32Array,
      outputView.offset,
      wordsOf(resultView.buffer as Float32Array),
      resultView.offset,
      size,
    );
  else
    reluGradientFloat64(
      wordsOf(gradientView.buffer as Float64Array),
      gradientView.offset,
      outputView.buffer as Float64Array,
      outputView.offset,
      wordsOf(resultView.buffer as Float64Array),
      resultView.offset,
      size,
    );
}

/** The 32-bit words of a float array (two per float64, low word first on every little-endian host). */
function wordsOf(array: Float32Array | Float64Array): Int32Array {
  return new Int32Array(array.buffer, array.byteOffset, (array.length * array.BYTES_PER_ELEMENT) / 4);
}

/** Four elements per iteration, as the composite's dense loops (dense-select-loops.ts). */
function reluGradientFloat32(
  gradient: Int32Array,
  gi: number,
  output: Float32Array,
  oi: number,
  result: Int32Array,
  ri: number,
  size: number,
): void {
  const blocks = size & ~3;
  let k = 0;
  for (; k < blocks; k += 4) {
    const g = gi + k,
      o = oi + k,
      r = ri + k;
    result[r] = gradient[g]! & -+!(output[o]! <= 0);
    result[r + 1] = gradient[g + 1]! & -+!(output[o + 1]! <= 0);
    result[r + 2] = gradient[g + 2]! & -+!(output[o + 2]! <= 0);
    result[r + 3] = gradient[g + 3]! & -+!(output[o + 3]! <= 0);
  }
  for (; k < size; k++) result[ri + k] = gradient[gi + k]! & -+!(output[oi + k]! <= 0);
}

/** The same mask applied to both words of each float64. */
function reluGradientFloat64(
  gradient: Int32Array,
  gi: number,
  output: Float64Array,
  oi: number,
  result: Int32Array,
  ri: number,
  size: number,
): void {
  for (let k = 0, g = 2 * gi, r = 2 * ri; k < size; k++, g += 2, r += 2) {
    const mask = -+!(output[oi + k]! <= 0);
    result[r] = gradient[g]! & mask;
    result[r + 1] = gradient[g + 1]! & mask;
  }
}
