import type { BinaryOp } from '../../core/backend.js';
import { rowStep, type RowPlan } from './row-plan.js';

/**
 * Comparisons and `where` on the dense layouts of the row plan, for the same reason and in the same form
 * as float32-dense-loops.ts: one index per row, four elements per iteration, a broadcast scalar read
 * once. Both stay branch-free, as their general loops in float32-loops.ts: `+(x > s)` and a bit mask
 * rather than ternaries, which mispredict on mixed data (ReLU's mask and gradient). Returns false for a
 * layout or op not covered; the caller then takes the general loops.
 */

/** Comparisons as 0/1 bytes of a unit row against a broadcast scalar (views: a 0, b 1, out 2): relu's mask, x < ∞. */
export function compareDenseFloat32(
  op: BinaryOp,
  a: Float32Array,
  ai: number,
  b: Float32Array,
  bi: number,
  out: Uint8Array,
  oi: number,
  plan: RowPlan,
): boolean {
  if (rowStep(plan, 0) !== 'unit' || rowStep(plan, 1) !== 'scalar' || rowStep(plan, 2) !== 'unit') return false;
  const { outer, inner, outerStrides } = plan;
  const aOuter = outerStrides[0]!,
    oOuter = outerStrides[2]!;
  const scalar = b[bi]!;
  const blocks = inner & ~3;
  switch (op) {
    case 'gt':
      for (let row = 0; row < outer; row++, ai += aOuter, oi += oOuter) {
        let k = 0;
        for (; k < blocks; k += 4) {
          const i = ai + k,
            o = oi + k;
          out[o] = +(a[i]! > scalar);
          out[o + 1] = +(a[i + 1]! > scalar);
          out[o + 2] = +(a[i + 2]! > scalar);
          out[o + 3] = +(a[i + 3]! > scalar);
        }
        for (; k < inner; k++) out[oi + k] = +(a[ai + k]! > scalar);
      }
      return true;
    case 'lt':
      for (let row = 0; row < outer; row++, ai += aOuter, oi += oOuter) {
        let k = 0;
        for (; k < blocks; k += 4) {
          const i = ai + k,
            o = oi + k;
          out[o] = +(a[i]! < scalar);
          out[o + 1] = +(a[i + 1]! < scalar);
          out[o + 2] = +(a[i + 2]! < scalar);
          out[o + 3] = +(a[i + 3]! < scalar);
        }
        for (; k < inner; k++) out[oi + k] = +(a[ai + k]! < scalar);
      }
      return true;
    default:
      return false;
  }
}

/**
 * condition ? a : b over 32-bit words (float32 and int32 data), with unit-row mask and output and each
 * branch a unit row or a broadcast scalar (views: condition 0, a 1, b 2, out 3).
 */
export function whereDenseWords(
  condition: Uint8Array,
  ci: number,
  a: Int32Array,
  ai: number,
  b: Int32Array,
  bi: number,
  out: Int32Array,
  oi: number,
  plan: RowPlan,
): boolean {
  if (rowStep(plan, 0) !== 'unit' || rowStep(plan, 3) !== 'unit') return false;
  const left = rowStep(plan, 1);
  const right = rowStep(plan, 2);
  const { outer, inner, outerStrides } = plan;
  const cOuter = outerStrides[0]!,
    aOuter = outerStrides[1]!,
    bOuter = outerStrides[2]!,
    oOuter = outerStrides[3]!;
  if (left === 'unit' && right === 'scalar') {
    selectRowsOrScalar(condition, ci, a, ai, b[bi]!, out, oi, outer, inner, cOuter, aOuter, oOuter, 0);
    return true;
  }
  if (left === 'scalar' && right === 'unit') {
    // condition ? s : b is (not condition) ? b : s
    selectRowsOrScalar(condition, ci, b, bi, a[ai]!, out, oi, outer, inner, cOuter, bOuter, oOuter, -1);
    return true;
  }
  if (left === 'unit' && right === 'unit') {
    for (let row = 0; row < outer; row++, ci += cOuter, ai += aOuter, bi += bOuter, oi += oOuter)
      for (let k = 0; k < inner; k++) {
        const mask = wordMask(condition[ci + k]!);
        out[oi + k] = (a[ai + k]! & mask) | (b[bi + k]! & ~mask);
      }
    return true;
  }
  return false;
}

/**
 * out = mask ? rows : scalar, where mask is the condition's word mask, inverted (XOR with all ones) when
 * `invert` is −1, kept when it is 0.
 */
function selectRowsOrScalar(
  condition: Uint8Array,
  ci: number,
  rows: Int32Array,
  ri: number,
  scalar: number,
  out: Int32Array,
  oi: number,
  outer: number,
  inner: number,
  cOuter: number,
  rOuter: number,
  oOuter: number,
  invert: number,
): void {
  const blocks = inner & ~3;
  for (let row = 0; row < outer; row++, ci += cOuter, ri += rOuter, oi += oOuter) {
    let k = 0;
    for (; k < blocks; k += 4) {
      const c = ci + k,
        r = ri + k,
        o = oi + k;
      const m0 = wordMask(condition[c]!) ^ invert,
        m1 = wordMask(condition[c + 1]!) ^ invert;
      const m2 = wordMask(condition[c + 2]!) ^ invert,
        m3 = wordMask(condition[c + 3]!) ^ invert;
      out[o] = (rows[r]! & m0) | (scalar & ~m0);
      out[o + 1] = (rows[r + 1]! & m1) | (scalar & ~m1);
      out[o + 2] = (rows[r + 2]! & m2) | (scalar & ~m2);
      out[o + 3] = (rows[r + 3]! & m3) | (scalar & ~m3);
    }
    for (; k < inner; k++) {
      const mask = wordMask(condition[ci + k]!) ^ invert;
      out[oi + k] = (rows[ri + k]! & mask) | (scalar & ~mask);
    }
  }
}

/** -1 (all bits set) for any nonzero byte, 0 for 0 (a bool buffer may hold bytes other than 1). */
function wordMask(flag: number): number {
  return (flag | -flag) >> 31;
}
