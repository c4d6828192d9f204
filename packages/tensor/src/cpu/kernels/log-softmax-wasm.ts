import { CallFrame } from '../wasm/instance.js';

/**
 * log-softmax along the rows of a contiguous float32 [rows, length] (the last axis) and its gradient
 * in the WebAssembly module (assembly/log-softmax.ts), with exp and log on four lanes where Math.exp and
 * Math.log cost ≈ 7 ns each here: log-softmax of [800, 16] took ≈ 65 µs against ≈ 200 µs for the
 * composite (its six kernels). Cephes' expf and logf are within 2 ulp of the correctly rounded values,
 * so results may differ from the JavaScript kernel's in the last bit or two.
 *
 * The kernels keep each element's exponential in scratch; rows go through them in blocks of about
 * BLOCK_FLOATS elements (at least one row), so that the scratch stays small whatever the tensor's size
 * (a language model's logits are tens of megabytes).
 */
const BLOCK_FLOATS = 16384;

/** Rows per block: as many as fit in BLOCK_FLOATS, at least one. */
function rowsPerBlock(length: number): number {
  return Math.max(1, Math.floor(BLOCK_FLOATS / Math.max(1, length)));
}

export function logSoftmaxRowsWasm(x: Float32Array, xi: number, out: Float32Array, oi: number, rows: number, length: number): void {
  const count = rows * length;
  const frame = new CallFrame();
  const input = frame.input(x, xi, count);
  const output = frame.output(out, oi, count);
  const block = Math.min(rows, rowsPerBlock(length));
  const exponentials = frame.reserve(block * length * 4);
  const totals = frame.reserve(block * 4);
  for (let first = 0; first < rows; first += block) {
    const offset = first * length * 4;
    frame.exports.logSoftmaxRows(input + offset, output + offset, Math.min(block, rows - first), length, exponentials, totals);
  }
  frame.copyOut(output, out, oi, count);
}

/** out = gradient − exp(output) · Σ gradient along the rows of contiguous float32 [rows, length]. */
export function logSoftmaxGradientRowsWasm(
  gradient: Float32Array,
  gi: number,
  output: Float32Array,
  yi: number,
  out: Float32Array,
  oi: number,
  rows: number,
  length: number,
): void {
  const count = rows * length;
  const frame = new CallFrame();
  const gradientAddress = frame.input(gradient, gi, count);
  const outputAddress = frame.input(output, yi, count);
  const resultAddress = frame.output(out, oi, count);
  const block = Math.min(rows, rowsPerBlock(length));
  const exponentials = frame.reserve(block * length * 4);
  for (let first = 0; first < rows; first += block) {
    const offset = first * length * 4;
    frame.exports.logSoftmaxGradientRows(
      gradientAddress + offset,
      outputAddress + offset,
      resultAddress + offset,
      Math.min(block, rows - first),
      length,
      exponentials,
    );
  }
  frame.copyOut(resultAddress, out, oi, count);
}
