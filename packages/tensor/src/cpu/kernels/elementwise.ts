import type { BinaryOp, TensorView, UnaryOp } from '../../core/backend.js';
import type { TypedArray } from '../../core/dtype.js';
import { forEachRow } from '../strided-loop.js';
import { compareDenseFloat32, whereDenseWords } from './dense-select-loops.js';
import { binaryDenseFloat32, unaryDenseFloat32 } from './float32-dense-loops.js';
import { binaryFloat32, compareFloat32, unaryFloat32, whereWords } from './float32-loops.js';
import { ARITHMETIC_WASM_MINIMUM, arithmeticRowsWasm, arithmeticWasm, hasArithmeticWasm } from './arithmetic-wasm.js';
import { RELU_WASM_MINIMUM, reluForwardWasm } from './relu-wasm.js';
import { planRows, type RowPlan } from './row-plan.js';
import { binaryFunctions, int32BinaryFunctions, unaryFunctions } from './scalar-functions.js';

type Data = TypedArray;

export function unary(op: UnaryOp | 'copy', x: TensorView, out: TensorView): void {
  const input = x.buffer as Data;
  const output = out.buffer as Data;
  if (input instanceof Float32Array && output instanceof Float32Array) {
    const plan = planRows(out.shape, [x, out]);
    // a large dense relu (a convolution's activation) runs in the WebAssembly module: see relu-wasm.ts
    if (
      op === 'relu' &&
      plan &&
      plan.outer === 1 &&
      plan.innerStrides[0] === 1 &&
      plan.innerStrides[1] === 1 &&
      plan.inner >= RELU_WASM_MINIMUM
    ) {
      reluForwardWasm(input, x.offset, output, out.offset, plan.inner);
      return;
    }
    if (plan && unaryDenseFloat32(op, input, x.offset, output, out.offset, plan)) return;
    if (plan && unaryFloat32(op, input, x.offset, output, out.offset, plan)) return;
  }
  const convertBool = out.dtype === 'bool' && x.dtype !== 'bool' && op === 'copy';
  const apply = convertBool ? (value: number) => (value !== 0 ? 1 : 0) : unaryFunctions[op];
  forEachRow(out.shape, [x.strides, out.strides], [x.offset, out.offset], (offsets, strides, length) => {
    let source = offsets[0]!;
    let target = offsets[1]!;
    const sourceStride = strides[0]!;
    const targetStride = strides[1]!;
    if (op === 'copy' && !convertBool) {
      if (sourceStride === 1 && targetStride === 1 && input.constructor === output.constructor) {
        output.set(input.subarray(source, source + length), target);
        return;
      }
      for (let i = 0; i < length; i++, source += sourceStride, target += targetStride) output[target] = input[source]!;
      return;
    }
    // the common ops get their own loops: a call through the function table per element is megamorphic
    switch (op) {
      case 'exp':
        for (let i = 0; i < length; i++, source += sourceStride, target += targetStride) output[target] = Math.exp(input[source]!);
        return;
      case 'log':
        for (let i = 0; i < length; i++, source += sourceStride, target += targetStride) output[target] = Math.log(input[source]!);
        return;
      case 'neg':
        for (let i = 0; i < length; i++, source += sourceStride, target += targetStride) output[target] = -input[source]!;
        return;
      case 'sqrt':
        for (let i = 0; i < length; i++, source += sourceStride, target += targetStride) output[target] = Math.sqrt(input[source]!);
        return;
      case 'tanh':
        for (let i = 0; i < length; i++, source += sourceStride, target += targetStride) output[target] = Math.tanh(input[source]!);
        return;
      case 'abs':
        for (let i = 0; i < length; i++, source += sourceStride, target += targetStride) output[target] = Math.abs(input[source]!);
        return;
      default:
        for (let i = 0; i < length; i++, source += sourceStride, target += targetStride) output[target] = apply(input[source]!);
    }
  });
}

export function binary(op: BinaryOp, a: TensorView, b: TensorView, out: TensorView): void {
  const left = a.buffer as Data;
  const right = b.buffer as Data;
  const output = out.buffer as Data;
  if (left instanceof Float32Array && right instanceof Float32Array) {
    const plan = planRows(out.shape, [a, b, out]);
    if (plan) {
      if (output instanceof Float32Array) {
        // large dense operands of one shape (no broadcast): the WebAssembly loop, see arithmetic-wasm.ts
        const dense = plan.outer === 1 && plan.innerStrides[0] === 1 && plan.innerStrides[1] === 1 && plan.innerStrides[2] === 1;
        if (dense && plan.inner >= ARITHMETIC_WASM_MINIMUM && hasArithmeticWasm(op)) {
          arithmeticWasm(op, left, a.offset, right, b.offset, output, out.offset, plan.inner);
          return;
        }
        // dense rows op one broadcast row (x + bias): the same loop row by row
        // (size first: most small ops of a step stop at that comparison)
        if (plan.outer * plan.inner >= ARITHMETIC_WASM_MINIMUM && isRowBroadcast(plan) && hasArithmeticWasm(op)) {
          arithmeticRowsWasm(op, left, a.offset, right, b.offset, output, out.offset, plan.outer, plan.inner);
          return;
        }
        if (binaryDenseFloat32(op, left, a.offset, right, b.offset, output, out.offset, plan)) return;
        if (binaryFloat32(op, left, a.offset, right, b.offset, output, out.offset, plan)) return;
      }
      if (output instanceof Uint8Array) {
        if (compareDenseFloat32(op, left, a.offset, right, b.offset, output, out.offset, plan)) return;
        if (compareFloat32(op, left, a.offset, right, b.offset, output, out.offset, plan)) return;
      }
    }
  }
  // int32 products wrap through their own function, never the double product of the loops below
  const int32Product = int32ProductFunction(op, left, right, output);
  const apply = int32Product ?? binaryFunctions[op];
  const loop = int32Product === undefined ? op : 'function';
  forEachRow(out.shape, [a.strides, b.strides, out.strides], [a.offset, b.offset, out.offset], (offsets, strides, length) => {
    let i0 = offsets[0]!;
    let i1 = offsets[1]!;
    let i2 = offsets[2]!;
    const s0 = strides[0]!;
    const s1 = strides[1]!;
    const s2 = strides[2]!;
    // the hot ops get their own loops so that V8 does not call through the function table per element
    switch (loop) {
      case 'add':
        for (let i = 0; i < length; i++, i0 += s0, i1 += s1, i2 += s2) output[i2] = left[i0]! + right[i1]!;
        return;
      case 'sub':
        for (let i = 0; i < length; i++, i0 += s0, i1 += s1, i2 += s2) output[i2] = left[i0]! - right[i1]!;
        return;
      case 'mul':
        for (let i = 0; i < length; i++, i0 += s0, i1 += s1, i2 += s2) output[i2] = left[i0]! * right[i1]!;
        return;
      case 'div':
        for (let i = 0; i < length; i++, i0 += s0, i1 += s1, i2 += s2) output[i2] = left[i0]! / right[i1]!;
        return;
      default:
        for (let i = 0; i < length; i++, i0 += s0, i1 += s1, i2 += s2) output[i2] = apply(left[i0]!, right[i1]!);
    }
  });
}

/**
 * The function of an int32 product (mul, pow) that wraps modulo 2³², when all three arrays are int32;
 * else undefined. In doubles such a product loses its low bits past 2⁵³ before the store wraps it
 * (2147483647² gave 0, not 1).
 */
function int32ProductFunction(op: BinaryOp, left: Data, right: Data, output: Data): ((a: number, b: number) => number) | undefined {
  const int32 = left instanceof Int32Array && right instanceof Int32Array && output instanceof Int32Array;
  return int32 ? int32BinaryFunctions[op] : undefined;
}

export function where(condition: TensorView, a: TensorView, b: TensorView, out: TensorView): void {
  const mask = condition.buffer as Data;
  const left = a.buffer as Data;
  const right = b.buffer as Data;
  const output = out.buffer as Data;
  // float32 and int32 select 32-bit words; both go through Int32Array, so the loop sees one kind
  const words =
    (left instanceof Float32Array && right instanceof Float32Array && output instanceof Float32Array) ||
    (left instanceof Int32Array && right instanceof Int32Array && output instanceof Int32Array);
  if (mask instanceof Uint8Array && words) {
    const plan = planRows(out.shape, [condition, a, b, out]);
    if (plan) {
      const leftWords = asWords(left),
        rightWords = asWords(right),
        outputWords = asWords(output);
      if (!whereDenseWords(mask, condition.offset, leftWords, a.offset, rightWords, b.offset, outputWords, out.offset, plan))
        whereWords(mask, condition.offset, leftWords, a.offset, rightWords, b.offset, outputWords, out.offset, plan);
      return;
    }
  }
  forEachRow(
    out.shape,
    [condition.strides, a.strides, b.strides, out.strides],
    [condition.offset, a.offset, b.offset, out.offset],
    (offsets, strides, length) => {
      let ic = offsets[0]!;
      let ia = offsets[1]!;
      let ib = offsets[2]!;
      let io = offsets[3]!;
      for (let i = 0; i < length; i++, ic += strides[0]!, ia += strides[1]!, ib += strides[2]!, io += strides[3]!)
        output[io] = mask[ic] ? left[ia]! : right[ib]!;
    },
  );
}

/** The same memory as 32-bit integers (an Int32Array stays itself). */
function asWords(array: Data): Int32Array {
  // only float32 and int32 arrays reach here (checked by the caller)
  return array instanceof Int32Array ? array : new Int32Array(array.buffer, array.byteOffset, array.length);
}

/** Dense rows of `a` and `out` with one row of `b` broadcast over them (views: a 0, b 1, out 2). */
function isRowBroadcast({ inner, outerStrides, innerStrides }: RowPlan): boolean {
  return (
    innerStrides[0] === 1 &&
    innerStrides[1] === 1 &&
    innerStrides[2] === 1 &&
    outerStrides[0] === inner &&
    outerStrides[1] === 0 &&
    outerStrides[2] === inner
  );
}
