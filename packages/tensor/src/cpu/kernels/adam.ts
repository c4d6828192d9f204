import type { AdamStepOptions, TensorView } from '../../core/backend.js';
import { adamWasm, type AdamConstants } from './adam-wasm.js';

/** Side of the square tiles in which a transposed gradient is read (32 cache lines of it stay in L1). */
const TILE = 32;

/**
 * Adam in one pass over float32 parameters (the composite in ops/adam-step.ts does ~12):
 *   g ← ±∇ (+ λθ, or θ ← θ(1 − lr·λ) for AdamW)
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  v̂ ← max(v̂, v) with amsgrad
 *   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * The gradient is dense, or the transpose of a dense matrix (a [R, C] view with strides [1, R]: Linear's
 * weight gradient), read tile by tile instead of being copied first. Without amsgrad the update runs in
 * the WebAssembly module (adam-wasm.ts: the same bits in ≈ 35 % less time, copies included); AMSGrad's
 * running maximum stays in this loop.
 */
export function adam(
  parameterView: TensorView,
  gradientView: TensorView,
  expAvgView: TensorView,
  expAvgSqView: TensorView,
  maxExpAvgSqView: TensorView | null,
  options: AdamStepOptions,
): void {
  const { lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay, maximize, step } = options;
  const state: AdamState = {
    parameter: parameterView.buffer as Float32Array,
    gradient: gradientView.buffer as Float32Array,
    expAvg: expAvgView.buffer as Float32Array,
    expAvgSq: expAvgSqView.buffer as Float32Array,
    maxExpAvgSq: maxExpAvgSqView ? (maxExpAvgSqView.buffer as Float32Array) : null,
    p0: parameterView.offset,
    m0: expAvgView.offset,
    v0: expAvgSqView.offset,
    w0: maxExpAvgSqView ? maxExpAvgSqView.offset : 0,
    sign: maximize ? -1 : 1,
    coupledDecay: decoupledWeightDecay ? 0 : weightDecay,
    shrink: decoupledWeightDecay ? 1 - lr * weightDecay : 1,
    beta1,
    beta2,
    stepSize: lr / (1 - beta1 ** step),
    // √v / √(1 − β₂ᵗ) as √v · (1/√(1 − β₂ᵗ)): a multiplication instead of a second division per element
    inverseCorrection2Sqrt: 1 / Math.sqrt(1 - beta2 ** step),
    eps,
  };
  const transposed = isTransposedMatrix(gradientView);
  if (!state.maxExpAvgSq) {
    adamWasm(parameterView, gradientView, expAvgView, expAvgSqView, transposed, state);
    return;
  }
  if (!transposed) {
    updateRunsAmsgrad(
      state,
      0,
      parameterView.shape.reduce((a, b) => a * b, 1),
      gradientView.offset,
      1,
      1,
      0,
      0,
    );
    return;
  }
  // element (r, c) of the parameter is gradient[offset + r + c·R]: a tile's rows run along the parameter
  // while the gradient's TILE cache lines serve TILE consecutive rows
  const [rows, columns] = gradientView.shape as [number, number];
  for (let rowStart = 0; rowStart < rows; rowStart += TILE)
    for (let columnStart = 0; columnStart < columns; columnStart += TILE) {
      const first = rowStart * columns + columnStart;
      const width = Math.min(TILE, columns - columnStart);
      const tileRows = Math.min(TILE, rows - rowStart);
      updateRunsAmsgrad(state, first, width, gradientView.offset + rowStart + columnStart * rows, rows, tileRows, columns, 1);
    }
}

/** Buffers, offsets and per-step constants of one update (a plain object: closures over them run slower). */
interface AdamState extends AdamConstants {
  parameter: Float32Array;
  gradient: Float32Array;
  expAvg: Float32Array;
  expAvgSq: Float32Array;
  maxExpAvgSq: Float32Array | null;
  p0: number;
  m0: number;
  v0: number;
  w0: number;
}

/**
 * Updates `runs` runs of `count` elements, with AMSGrad's running maximum v̂: run k starts at element
 * first + k·indexStride with its gradient at gradientFirst + k·gradientStride, then steps by 1 and by
 * gradientStep.
 */
function updateRunsAmsgrad(
  state: AdamState,
  first: number,
  count: number,
  gradientFirst: number,
  gradientStep: number,
  runs: number,
  indexStride: number,
  gradientStride: number,
): void {
  const {
    parameter,
    gradient,
    expAvg,
    expAvgSq,
    p0,
    m0,
    v0,
    w0,
    sign,
    coupledDecay,
    shrink,
    beta1,
    beta2,
    stepSize,
    inverseCorrection2Sqrt,
    eps,
  } = state;
  const maxExpAvgSq = state.maxExpAvgSq!;
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  for (let run = 0; run < runs; run++) {
    let g = gradientFirst + run * gradientStride;
    for (let i = first + run * indexStride, end = i + count; i < end; i++, g += gradientStep) {
      const theta = parameter[p0 + i]! * shrink;
      const direction = sign * gradient[g]! + coupledDecay * theta;
      const m = Math.fround(beta1 * expAvg[m0 + i]! + oneMinusBeta1 * direction);
      const v = Math.fround(beta2 * expAvgSq[v0 + i]! + oneMinusBeta2 * direction * direction);
      expAvg[m0 + i] = m;
      expAvgSq[v0 + i] = v;
      const second = Math.max(maxExpAvgSq[w0 + i]!, v);
      maxExpAvgSq[w0 + i] = second;
      parameter[p0 + i] = theta - (stepSize * m) / (Math.sqrt(second) * inverseCorrection2Sqrt + eps);
    }
  }
}

/** A 2-D [R, C] view with strides [1, R] (and more than one row and column): the transpose of a dense [C, R]. */
export function isTransposedMatrix(view: { shape: readonly number[]; strides: readonly number[] }): boolean {
  return view.shape.length === 2 && view.shape[0]! > 1 && view.shape[1]! > 1 && view.strides[0] === 1 && view.strides[1] === view.shape[0];
}
