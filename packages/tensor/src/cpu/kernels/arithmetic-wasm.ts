import type { BinaryOp } from '../../core/backend.js';
import { elementwisePool, runElementwise, runInParts } from '../threads/elementwise-parts.js';
import { CallFrame } from '../wasm/instance.js';

/**
 * a op b for large dense float32 arrays of one shape in the WebAssembly module (assembly/arithmetic.ts):
 * four-lane arithmetic on operands read where they live (resident tensors) or copied in (memcpys),
 * against ≈ 2–3 ns per element for the JavaScript loop (dropout's masks and their gradients, gradient accumulation); on several threads
 * from 2¹⁸ elements (threads/elementwise-parts.ts). Smaller arrays keep the JavaScript loops (the
 * call's fixed cost).
 */
export const ARITHMETIC_WASM_MINIMUM = 1024;

/** The module's operation numbers. */
const OPERATIONS: Partial<Record<BinaryOp, number>> = { add: 0, sub: 1, mul: 2, div: 3 };

/** Whether `op` has a WebAssembly loop. */
export function hasArithmeticWasm(op: BinaryOp): boolean {
  return OPERATIONS[op] !== undefined;
}

/** out[oi …] = a[ai …] op b[bi …] over `count` elements. */
export function arithmeticWasm(
  op: BinaryOp,
  a: Float32Array,
  ai: number,
  b: Float32Array,
  bi: number,
  out: Float32Array,
  oi: number,
  count: number,
): void {
  const pool = elementwisePool(count);
  const frame = new CallFrame();
  const left = frame.input(a, ai, count);
  const right = frame.input(b, bi, count);
  const result = frame.output(out, oi, count);
  const operation = OPERATIONS[op]!;
  runElementwise('arithmetic', count, frame, pool, (first, size) => [
    operation,
    left + first * 4,
    right + first * 4,
    result + first * 4,
    size,
  ]);
  frame.copyOut(result, out, oi, count);
}

/** out[r, c] = a[r, c] op b[c] over `rows` dense rows of `columns` (a row broadcast: a bias). */
export function arithmeticRowsWasm(
  op: BinaryOp,
  a: Float32Array,
  ai: number,
  b: Float32Array,
  bi: number,
  out: Float32Array,
  oi: number,
  rows: number,
  columns: number,
): void {
  const count = rows * columns;
  const pool = elementwisePool(count);
  const frame = new CallFrame();
  const left = frame.input(a, ai, count);
  const right = frame.input(b, bi, columns);
  const result = frame.output(out, oi, count);
  const operation = OPERATIONS[op]!;
  runInParts('arithmeticRows', rows, 1, frame, pool, (first, size) => [
    operation,
    left + first * columns * 4,
    right,
    result + first * columns * 4,
    size,
    columns,
  ]);
  frame.copyOut(result, out, oi, count);
}
