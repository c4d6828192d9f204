import type { BinaryOp, UnaryOp } from '../../core/backend.js';
import type { RowPlan } from './row-plan.js';

/**
 * Loops specialised for the commonest case — float32 tensors whose iteration collapses to at most two
 * axes (dense, a broadcast scalar, a broadcast row or column, a transpose) — kept apart from the
 * generic strided kernels on purpose: V8 compiles each loop for the typed-array kinds it has seen, and
 * a loop shared by Float32Array, Float64Array, Int32Array and Uint8Array becomes several times slower.
 * Each function here only ever sees the kinds in its signature. Views are numbered as in the plan:
 * inputs first, the output last.
 *
 * Every loop nest has the same form: `outer` rows, each `inner` elements long, stepping each view by
 * its inner stride within a row and by its outer stride between rows.
 */

/** out = a op b over the plan (views: a 0, b 1, out 2). Returns false for ops it lacks. */
export function binaryFloat32(
  op: BinaryOp,
  a: Float32Array,
  ai: number,
  b: Float32Array,
  bi: number,
  out: Float32Array,
  oi: number,
  plan: RowPlan,
): boolean {
  const { outer, inner, outerStrides, innerStrides } = plan;
  const aOuter = outerStrides[0]!,
    bOuter = outerStrides[1]!,
    oOuter = outerStrides[2]!;
  const aStep = innerStrides[0]!,
    bStep = innerStrides[1]!,
    oStep = innerStrides[2]!;
  switch (op) {
    case 'add':
      for (let row = 0; row < outer; row++, ai += aOuter, bi += bOuter, oi += oOuter)
        for (let k = 0, i = ai, j = bi, o = oi; k < inner; k++, i += aStep, j += bStep, o += oStep) out[o] = a[i]! + b[j]!;
      return true;
    case 'sub':
      for (let row = 0; row < outer; row++, ai += aOuter, bi += bOuter, oi += oOuter)
        for (let k = 0, i = ai, j = bi, o = oi; k < inner; k++, i += aStep, j += bStep, o += oStep) out[o] = a[i]! - b[j]!;
      return true;
    case 'mul':
      for (let row = 0; row < outer; row++, ai += aOuter, bi += bOuter, oi += oOuter)
        for (let k = 0, i = ai, j = bi, o = oi; k < inner; k++, i += aStep, j += bStep, o += oStep) out[o] = a[i]! * b[j]!;
      return true;
    case 'div':
      for (let row = 0; row < outer; row++, ai += aOuter, bi += bOuter, oi += oOuter)
        for (let k = 0, i = ai, j = bi, o = oi; k < inner; k++, i += aStep, j += bStep, o += oStep) out[o] = a[i]! / b[j]!;
      return true;
    case 'maximum':
      for (let row = 0; row < outer; row++, ai += aOuter, bi += bOuter, oi += oOuter)
        for (let k = 0, i = ai, j = bi, o = oi; k < inner; k++, i += aStep, j += bStep, o += oStep) {
          const x = a[i]!;
          const y = b[j]!;
          out[o] = x > y || x !== x ? x : y; // x !== x: NaN propagates
        }
      return true;
    case 'minimum':
      for (let row = 0; row < outer; row++, ai += aOuter, bi += bOuter, oi += oOuter)
        for (let k = 0, i = ai, j = bi, o = oi; k < inner; k++, i += aStep, j += bStep, o += oStep) {
          const x = a[i]!;
          const y = b[j]!;
          out[o] = x < y || x !== x ? x : y;
        }
      return true;
    default:
      return false;
  }
}

/**
 * out = a op b as 0/1 bytes, for the comparisons. `+(x > y)` rather than `x > y ? 1 : 0`: V8 compiles
 * the ternary to a branch, which mispredicts on data such as ReLU's input ([800, 16], the kernel called
 * alone: 9.3 → 4.1 ns/element).
 */
export function compareFloat32(
  op: BinaryOp,
  a: Float32Array,
  ai: number,
  b: Float32Array,
  bi: number,
  out: Uint8Array,
  oi: number,
  plan: RowPlan,
): boolean {
  const { outer, inner, outerStrides, innerStrides } = plan;
  const aOuter = outerStrides[0]!,
    bOuter = outerStrides[1]!,
    oOuter = outerStrides[2]!;
  const aStep = innerStrides[0]!,
    bStep = innerStrides[1]!,
    oStep = innerStrides[2]!;
  switch (op) {
    case 'gt':
      for (let row = 0; row < outer; row++, ai += aOuter, bi += bOuter, oi += oOuter)
        for (let k = 0, i = ai, j = bi, o = oi; k < inner; k++, i += aStep, j += bStep, o += oStep) out[o] = +(a[i]! > b[j]!);
      return true;
    case 'lt':
      for (let row = 0; row < outer; row++, ai += aOuter, bi += bOuter, oi += oOuter)
        for (let k = 0, i = ai, j = bi, o = oi; k < inner; k++, i += aStep, j += bStep, o += oStep) out[o] = +(a[i]! < b[j]!);
      return true;
    case 'ge':
      for (let row = 0; row < outer; row++, ai += aOuter, bi += bOuter, oi += oOuter)
        for (let k = 0, i = ai, j = bi, o = oi; k < inner; k++, i += aStep, j += bStep, o += oStep) out[o] = +(a[i]! >= b[j]!);
      return true;
    case 'le':
      for (let row = 0; row < outer; row++, ai += aOuter, bi += bOuter, oi += oOuter)
        for (let k = 0, i = ai, j = bi, o = oi; k < inner; k++, i += aStep, j += bStep, o += oStep) out[o] = +(a[i]! <= b[j]!);
      return true;
    case 'eq':
      for (let row = 0; row < outer; row++, ai += aOuter, bi += bOuter, oi += oOuter)
        for (let k = 0, i = ai, j = bi, o = oi; k < inner; k++, i += aStep, j += bStep, o += oStep) out[o] = +(a[i]! === b[j]!);
      return true;
    case 'ne':
      for (let row = 0; row < outer; row++, ai += aOuter, bi += bOuter, oi += oOuter)
        for (let k = 0, i = ai, j = bi, o = oi; k < inner; k++, i += aStep, j += bStep, o += oStep) out[o] = +(a[i]! !== b[j]!);
      return true;
    default:
      return false;
  }
}

/**
 * out = condition ? a : b over 32-bit words (views: condition 0, a 1, b 2, out 3). Float32 data is
 * selected through Int32Array views of the same memory with a bit mask instead of a branch: a branch on
 * a data-dependent mask (ReLU and its gradient) mispredicts about half the time (ReLU forward on
 * [800, 16], the kernel called alone: 9.4 → 5.4 ns/element); copying bits is exact, NaN payloads included.
 */
export function whereWords(
  condition: Uint8Array,
  ci: number,
  a: Int32Array,
  ai: number,
  b: Int32Array,
  bi: number,
  out: Int32Array,
  oi: number,
  plan: RowPlan,
): void {
  const { outer, inner, outerStrides, innerStrides } = plan;
  const cOuter = outerStrides[0]!,
    aOuter = outerStrides[1]!,
    bOuter = outerStrides[2]!,
    oOuter = outerStrides[3]!;
  const cStep = innerStrides[0]!,
    aStep = innerStrides[1]!,
    bStep = innerStrides[2]!,
    oStep = innerStrides[3]!;
  // ReLU and its gradient select against a broadcast constant (0): its word is read once, not per element
  if (bOuter === 0 && bStep === 0) {
    const otherwise = b[bi]!;
    for (let row = 0; row < outer; row++, ci += cOuter, ai += aOuter, oi += oOuter)
      for (let k = 0, c = ci, i = ai, o = oi; k < inner; k++, c += cStep, i += aStep, o += oStep) {
        const mask = wordMask(condition[c]!);
        out[o] = (a[i]! & mask) | (otherwise & ~mask);
      }
    return;
  }
  if (aOuter === 0 && aStep === 0) {
    const chosen = a[ai]!;
    for (let row = 0; row < outer; row++, ci += cOuter, bi += bOuter, oi += oOuter)
      for (let k = 0, c = ci, j = bi, o = oi; k < inner; k++, c += cStep, j += bStep, o += oStep) {
        const mask = wordMask(condition[c]!);
        out[o] = (chosen & mask) | (b[j]! & ~mask);
      }
    return;
  }
  for (let row = 0; row < outer; row++, ci += cOuter, ai += aOuter, bi += bOuter, oi += oOuter)
    for (let k = 0, c = ci, i = ai, j = bi, o = oi; k < inner; k++, c += cStep, i += aStep, j += bStep, o += oStep) {
      const mask = wordMask(condition[c]!);
      out[o] = (a[i]! & mask) | (b[j]! & ~mask);
    }
}

/** -1 (all bits set) for any nonzero byte, 0 for 0; a bool buffer may hold bytes other than 1 (tensor([2], { dtype: 'bool' })). */
function wordMask(flag: number): number {
  return (flag | -flag) >> 31;
}

/** out = f(x) over the plan (views: x 0, out 1) for the common float32 unary ops. Returns false for ops it lacks. */
export function unaryFloat32(op: UnaryOp | 'copy', x: Float32Array, xi: number, out: Float32Array, oi: number, plan: RowPlan): boolean {
  const { outer, inner, outerStrides, innerStrides } = plan;
  const xOuter = outerStrides[0]!,
    oOuter = outerStrides[1]!;
  const xStep = innerStrides[0]!,
    oStep = innerStrides[1]!;
  switch (op) {
    case 'copy':
      if (xStep === 1 && oStep === 1) {
        // set() is a memmove: right even when x and out overlap
        for (let row = 0; row < outer; row++, xi += xOuter, oi += oOuter) out.set(x.subarray(xi, xi + inner), oi);
        return true;
      }
      for (let row = 0; row < outer; row++, xi += xOuter, oi += oOuter)
        for (let k = 0, i = xi, o = oi; k < inner; k++, i += xStep, o += oStep) out[o] = x[i]!;
      return true;
    case 'neg':
      for (let row = 0; row < outer; row++, xi += xOuter, oi += oOuter)
        for (let k = 0, i = xi, o = oi; k < inner; k++, i += xStep, o += oStep) out[o] = -x[i]!;
      return true;
    case 'exp':
      for (let row = 0; row < outer; row++, xi += xOuter, oi += oOuter)
        for (let k = 0, i = xi, o = oi; k < inner; k++, i += xStep, o += oStep) out[o] = Math.exp(x[i]!);
      return true;
    case 'log':
      for (let row = 0; row < outer; row++, xi += xOuter, oi += oOuter)
        for (let k = 0, i = xi, o = oi; k < inner; k++, i += xStep, o += oStep) out[o] = Math.log(x[i]!);
      return true;
    case 'sqrt':
      for (let row = 0; row < outer; row++, xi += xOuter, oi += oOuter)
        for (let k = 0, i = xi, o = oi; k < inner; k++, i += xStep, o += oStep) out[o] = Math.sqrt(x[i]!);
      return true;
    case 'tanh':
      for (let row = 0; row < outer; row++, xi += xOuter, oi += oOuter)
        for (let k = 0, i = xi, o = oi; k < inner; k++, i += xStep, o += oStep) out[o] = Math.tanh(x[i]!);
      return true;
    case 'abs':
      for (let row = 0; row < outer; row++, xi += xOuter, oi += oOuter)
        for (let k = 0, i = xi, o = oi; k < inner; k++, i += xStep, o += oStep) out[o] = Math.abs(x[i]!);
      return true;
    case 'relu':
      for (let row = 0; row < outer; row++, xi += xOuter, oi += oOuter)
        for (let k = 0, i = xi, o = oi; k < inner; k++, i += xStep, o += oStep) out[o] = Math.max(x[i]!, 0);
      return true;
    default:
      return false;
  }
}
