import type { TensorView } from '../../core/backend.js';
import { elementwisePool, runElementwise, runInParts } from '../threads/elementwise-parts.js';
import { CallFrame } from '../wasm/instance.js';

/** The per-step constants of the update (see adam.ts). */
export interface AdamConstants {
  sign: number;
  coupledDecay: number;
  shrink: number;
  beta1: number;
  beta2: number;
  stepSize: number;
  inverseCorrection2Sqrt: number;
  eps: number;
}

/**
 * One Adam step (without AMSGrad) in the WebAssembly module: parameter, gradient and moments are read
 * where they live (resident tensors, cpu/resident.ts) or copied in, updated four at a time in float64 SIMD lanes with the JavaScript loop's arithmetic (the same
 * bits), and parameter and moments copied out. For the tutorial CNN's 1.2 M parameters: ≈ 9 ms in all,
 * ≈ 3 of them copies, against ≈ 14 ms for the JavaScript loop (minimum of 31 steps each, alternating).
 * A transposed gradient (a [R, C] view with strides [1, R]) is copied as the dense [C, R] it views and
 * gathered in the module. From 2¹⁸ elements the update is split over the helper threads (runs of
 * elements, or of rows for a transposed gradient): each element is updated by the same instructions
 * whichever thread takes it, so the bits do not depend on the thread count.
 */
export function adamWasm(
  parameter: TensorView,
  gradient: TensorView,
  expAvg: TensorView,
  expAvgSq: TensorView,
  transposed: boolean,
  constants: AdamConstants,
): void {
  const count = parameter.shape.reduce((a, b) => a * b, 1);
  // asked before the frame: starting the helpers may move the kernels to a shared memory
  const pool = elementwisePool(count);
  const frame = new CallFrame();
  const exports = frame.exports;
  // resident tensors are updated where they live; the others are copied in and back
  const input = (view: TensorView) => frame.input(view.buffer as Float32Array, view.offset, count);
  const parameterAt = input(parameter);
  const gradientAt = input(gradient);
  const expAvgAt = input(expAvg);
  const expAvgSqAt = input(expAvgSq);
  // adamHyperparameters' order
  const { sign, coupledDecay, shrink, beta1, beta2, stepSize, inverseCorrection2Sqrt, eps } = constants;
  const values = [sign, coupledDecay, shrink, beta1, beta2, stepSize, inverseCorrection2Sqrt, eps] as const;
  if (pool === null) {
    exports.adamHyperparameters(...values);
    if (transposed) exports.adamTransposed(parameterAt, gradientAt, expAvgAt, expAvgSqAt, gradient.shape[0]!, gradient.shape[1]!);
    else exports.adamDense(parameterAt, gradientAt, expAvgAt, expAvgSqAt, count);
  } else {
    // helper threads have their own globals: the constants go in memory, read by every part
    const constantsAt = frame.reserve(values.length * 8);
    new Float64Array(frame.views().floats.buffer, constantsAt, values.length).set(values);
    if (transposed) {
      const [rows, columns] = gradient.shape as [number, number];
      runInParts('adamTransposedRows', rows, 1, frame, pool, (first, size) => [
        constantsAt,
        parameterAt,
        gradientAt,
        expAvgAt,
        expAvgSqAt,
        rows,
        columns,
        first,
        size,
      ]);
    } else
      runElementwise('adamDenseWith', count, frame, pool, (first, size) => [
        constantsAt,
        parameterAt + first * 4,
        gradientAt + first * 4,
        expAvgAt + first * 4,
        expAvgSqAt + first * 4,
        size,
      ]);
  }
  const copyOut = (view: TensorView, address: number) => frame.copyOut(address, view.buffer as Float32Array, view.offset, count);
  copyOut(parameter, parameterAt);
  copyOut(expAvg, expAvgAt);
  copyOut(expAvgSq, expAvgSqAt);
}
