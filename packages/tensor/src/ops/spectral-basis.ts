import { allocateTypedArray, type DType } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';

/** The cosine and sine matrices of a real DFT or its inverse, as tensors: one matrix product each. */
export interface DftBasis {
  cosine: Tensor;
  sine: Tensor;
}

/**
 * cos and sin of 2πkn/N, the angle reduced to 2π·r/N with r = (k·n) mod N first: k·n is an exact
 * integer, so every entry is as close to the true value as a float64 cos can be, however large kn
 * grows. The quarter turns are exact (sin π is 0, not 1.2e-16), so the Nyquist bin's imaginary part
 * drops out exactly, as in an FFT.
 */
function unitCircle(frequency: number, sample: number, size: number): [number, number] {
  const turn = (frequency * sample) % size;
  if (turn === 0) return [1, 0];
  if (2 * turn === size) return [-1, 0];
  if (4 * turn === size) return [0, 1];
  if (4 * turn === 3 * size) return [0, -1];
  const angle = (2 * Math.PI * turn) / size;
  return [Math.cos(angle), Math.sin(angle)];
}

/** A [rows, columns] matrix of `entry(row, column)`, computed in float64 and stored in `dtype` on `device`. */
function matrix(rows: number, columns: number, dtype: DType, device: string, entry: (row: number, column: number) => number): Tensor {
  const values = allocateTypedArray(dtype, rows * columns);
  for (let row = 0; row < rows; row++) for (let column = 0; column < columns; column++) values[row * columns + column] = entry(row, column);
  return fromTypedArray(values, [rows, columns], dtype, device);
}

/**
 * The forward DFT of frames of N real samples as two [N, frequencies] matrices: for a frame x (a row),
 * X_k = Σ_n x_n e^{−2πikn/N} has real part (x·C)_k with C[n, k] = cos(2πkn/N) and imaginary part
 * (x·S)_k with S[n, k] = −sin(2πkn/N); both are multiplied by `scale` (1, or N^(−1/2) when normalized).
 */
export function forwardBasis(size: number, frequencies: number, scale: number, dtype: DType, device: string): DftBasis {
  return {
    cosine: matrix(size, frequencies, dtype, device, (sample, frequency) => scale * unitCircle(frequency, sample, size)[0]),
    sine: matrix(size, frequencies, dtype, device, (sample, frequency) => -scale * unitCircle(frequency, sample, size)[1]),
  };
}

/**
 * The inverse of a one-sided spectrum of a real frame of N samples (torch's irfft, `_fft_c2r`), as two
 * [K, N] matrices, K = ⌊N/2⌋ + 1: the full spectrum is Hermitian (X_{N−k} = conj X_k), so
 * x_n = scale·Σ_{k<K} c_k (Re X_k cos(2πkn/N) − Im X_k sin(2πkn/N)), with c_0 = 1, c_{N/2} = 1 for
 * even N (bins that are their own mirror image) and c_k = 2 for the others, which stand for both k
 * and N − k. The imaginary parts of X_0 and X_{N/2} meet sin(0) = sin(πn) = 0 and drop out, as
 * irfft ignores them. `scale` is 1/N, or N^(−1/2) when normalized.
 */
export function inverseBasis(size: number, scale: number, dtype: DType, device: string): DftBasis {
  const frequencies = Math.floor(size / 2) + 1;
  const weight = (frequency: number) => (frequency === 0 || 2 * frequency === size ? scale : 2 * scale);
  return {
    cosine: matrix(frequencies, size, dtype, device, (frequency, sample) => weight(frequency) * unitCircle(frequency, sample, size)[0]),
    sine: matrix(frequencies, size, dtype, device, (frequency, sample) => -weight(frequency) * unitCircle(frequency, sample, size)[1]),
  };
}
