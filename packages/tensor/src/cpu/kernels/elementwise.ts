import type { BinaryOp, TensorView, UnaryOp } from '../../core/backend.js';
import type { TypedArray } from '../../core/dtype.js';
import { sizeOf } from '../../core/shape.js';
import { forEachRow } from '../strided-loop.js';
import { binaryFloat32, compareFloat32, denseStep, unaryFloat32, whereFloat32 } from './float32-loops.js';
import { binaryFunctions, unaryFunctions } from './scalar-functions.js';

type Data = TypedArray;

export function unary(op: UnaryOp | 'copy', x: TensorView, out: TensorView): void {
  const input = x.buffer as Data;
  const output = out.buffer as Data;
  if (input instanceof Float32Array && output instanceof Float32Array && denseStep(x, out.shape) === 1 && denseStep(out, out.shape) === 1) {
    if (unaryFloat32(op, input, x.offset, output, out.offset, sizeOf(out.shape))) return;
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
  if (left instanceof Float32Array && right instanceof Float32Array && denseStep(out, out.shape) === 1) {
    const leftStep = denseStep(a, out.shape);
    const rightStep = denseStep(b, out.shape);
    const n = sizeOf(out.shape);
    if (leftStep >= 0 && rightStep >= 0) {
      if (output instanceof Float32Array && binaryFloat32(op, left, a.offset, leftStep, right, b.offset, rightStep, output, out.offset, n)) return;
      if (output instanceof Uint8Array && compareFloat32(op, left, a.offset, leftStep, right, b.offset, rightStep, output, out.offset, n)) return;
    }
  }
  const apply = binaryFunctions[op];
  forEachRow(out.shape, [a.strides, b.strides, out.strides], [a.offset, b.offset, out.offset], (offsets, strides, length) => {
    let i0 = offsets[0]!;
    let i1 = offsets[1]!;
    let i2 = offsets[2]!;
    const s0 = strides[0]!;
    const s1 = strides[1]!;
    const s2 = strides[2]!;
    // the hot ops get their own loops so that V8 does not call through the function table per element
    switch (op) {
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

export function where(condition: TensorView, a: TensorView, b: TensorView, out: TensorView): void {
  const mask = condition.buffer as Data;
  const left = a.buffer as Data;
  const right = b.buffer as Data;
  const output = out.buffer as Data;
  if (mask instanceof Uint8Array && left instanceof Float32Array && right instanceof Float32Array && output instanceof Float32Array) {
    const steps = [denseStep(condition, out.shape), denseStep(a, out.shape), denseStep(b, out.shape), denseStep(out, out.shape)];
    if (steps[3] === 1 && steps.every((step) => step >= 0)) {
      whereFloat32(mask, condition.offset, steps[0]!, left, a.offset, steps[1]!, right, b.offset, steps[2]!, output, out.offset, sizeOf(out.shape));
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
