import { elementwisePool, runElementwise } from '../threads/elementwise-parts.js';
import { CallFrame } from '../wasm/instance.js';

/**
 * ReLU and its gradient for large float32 arrays in the WebAssembly module (assembly/relu.ts): operands
 * that are not resident tensors (cpu/resident.ts) are copied in and the result out (a memcpy each,
 * ≈ 0.1 ms per MB even from cold memory), and the four-lane bit selects run without the bounds checks
 * and float conversions of a JavaScript loop, on several threads from 2¹⁸ elements
 * (threads/elementwise-parts.ts). For the tutorial CNN's activations ([64, 64, 24, 24]) that is ≈ 3 ms instead of 8–20 ms.
 * Below this many elements the JavaScript loops win (the call's fixed cost): relu of 512 floats took
 * 0.8–1.0 µs here against 1.4–1.6 in JavaScript, of 12,800 (the moons MLP's hidden layer) 6–9 against
 * 22–23 (2026-12-05, a loop of 20,000 calls; 256 floats: 1.5–1.8 against 1.1–1.3).
 */
export const RELU_WASM_MINIMUM = 512;

/** out[oi …] = relu(x[xi …]) over `count` elements: NaN kept bit for bit, everything else ≤ 0 → +0. */
export function reluForwardWasm(x: Float32Array, xi: number, out: Float32Array, oi: number, count: number): void {
  const pool = elementwisePool(count);
  const frame = new CallFrame();
  const input = frame.input(x, xi, count);
  const output = frame.output(out, oi, count);
  runElementwise('reluForward', count, frame, pool, (first, size) => [input + first * 4, output + first * 4, size]);
  frame.copyOut(output, out, oi, count);
}

/** out[oi …] = output > 0 ? gradient : +0, elementwise over `count` elements. */
export function reluBackwardWasm(
  gradient: Float32Array,
  gi: number,
  output: Float32Array,
  yi: number,
  out: Float32Array,
  oi: number,
  count: number,
): void {
  const pool = elementwisePool(count);
  const frame = new CallFrame();
  const gradientAddress = frame.input(gradient, gi, count);
  const outputAddress = frame.input(output, yi, count);
  const resultAddress = frame.output(out, oi, count);
  runElementwise('reluBackward', count, frame, pool, (first, size) => [
    gradientAddress + first * 4,
    outputAddress + first * 4,
    resultAddress + first * 4,
    size,
  ]);
  frame.copyOut(resultAddress, out, oi, count);
}
