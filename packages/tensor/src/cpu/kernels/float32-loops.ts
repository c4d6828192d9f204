import type { BinaryOp, TensorView, UnaryOp } from '../../core/backend.js';

/**
 * Loops specialised for the commonest case — float32 tensors that are dense or a broadcast scalar —
 * kept apart from the generic strided kernels on purpose: V8 compiles each loop for the typed-array
 * kinds it has seen, and a loop shared by Float32Array, Float64Array, Int32Array and Uint8Array
 * becomes several times slower. Each function here only ever sees the kinds in its signature.
 */

/** 1 when `view` walks `shape` densely (row-major), 0 when it is one broadcast value, -1 otherwise. */
export function denseStep(view: TensorView, shape: readonly number[]): 0 | 1 | -1 {
  let expected = 1;
  let allZero = true;
  let dense = true;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const extent = shape[axis]!;
    const stride = view.strides[axis]!;
    if (extent === 1) continue;
    if (stride !== 0) allZero = false;
    if (stride !== expected) dense = false;
    expected *= extent;
  }
  return dense ? 1 : allZero ? 0 : -1;
}

/** out[k] = a[ai + k·as] op b[bi + k·bs] for k < n; as, bs ∈ {0, 1}. Returns false for ops it lacks. */
export function binaryFloat32(
  op: BinaryOp, a: Float32Array, ai: number, as: number, b: Float32Array, bi: number, bs: number,
  out: Float32Array, oi: number, n: number,
): boolean {
  switch (op) {
    case 'add':
      for (let k = 0; k < n; k++, ai += as, bi += bs) out[oi + k] = a[ai]! + b[bi]!;
      return true;
    case 'sub':
      for (let k = 0; k < n; k++, ai += as, bi += bs) out[oi + k] = a[ai]! - b[bi]!;
      return true;
    case 'mul':
      for (let k = 0; k < n; k++, ai += as, bi += bs) out[oi + k] = a[ai]! * b[bi]!;
      return true;
    case 'div':
      for (let k = 0; k < n; k++, ai += as, bi += bs) out[oi + k] = a[ai]! / b[bi]!;
      return true;
    case 'maximum':
      for (let k = 0; k < n; k++, ai += as, bi += bs) {
        const x = a[ai]!;
        const y = b[bi]!;
        out[oi + k] = x > y || x !== x ? x : y; // x !== x: NaN propagates
      }
      return true;
    case 'minimum':
      for (let k = 0; k < n; k++, ai += as, bi += bs) {
        const x = a[ai]!;
        const y = b[bi]!;
        out[oi + k] = x < y || x !== x ? x : y;
      }
      return true;
    default:
      return false;
  }
}

/** out[k] = a op b as 0/1 bytes, for the comparisons. */
export function compareFloat32(
  op: BinaryOp, a: Float32Array, ai: number, as: number, b: Float32Array, bi: number, bs: number,
  out: Uint8Array, oi: number, n: number,
): boolean {
  switch (op) {
    case 'gt':
      for (let k = 0; k < n; k++, ai += as, bi += bs) out[oi + k] = a[ai]! > b[bi]! ? 1 : 0;
      return true;
    case 'lt':
      for (let k = 0; k < n; k++, ai += as, bi += bs) out[oi + k] = a[ai]! < b[bi]! ? 1 : 0;
      return true;
    case 'ge':
      for (let k = 0; k < n; k++, ai += as, bi += bs) out[oi + k] = a[ai]! >= b[bi]! ? 1 : 0;
      return true;
    case 'le':
      for (let k = 0; k < n; k++, ai += as, bi += bs) out[oi + k] = a[ai]! <= b[bi]! ? 1 : 0;
      return true;
    case 'eq':
      for (let k = 0; k < n; k++, ai += as, bi += bs) out[oi + k] = a[ai]! === b[bi]! ? 1 : 0;
      return true;
    case 'ne':
      for (let k = 0; k < n; k++, ai += as, bi += bs) out[oi + k] = a[ai]! !== b[bi]! ? 1 : 0;
      return true;
    default:
      return false;
  }
}

/** out[k] = condition[ci + k·cs] ? a[ai + k·as] : b[bi + k·bs]. */
export function whereFloat32(
  condition: Uint8Array, ci: number, cs: number, a: Float32Array, ai: number, as: number, b: Float32Array, bi: number, bs: number,
  out: Float32Array, oi: number, n: number,
): void {
  for (let k = 0; k < n; k++, ci += cs, ai += as, bi += bs) out[oi + k] = condition[ci] ? a[ai]! : b[bi]!;
}

/** out[k] = f(x[xi + k]) for the common float32 unary ops. Returns false for ops it lacks. */
export function unaryFloat32(op: UnaryOp | 'copy', x: Float32Array, xi: number, out: Float32Array, oi: number, n: number): boolean {
  switch (op) {
    case 'copy':
      out.set(x.subarray(xi, xi + n), oi);
      return true;
    case 'neg':
      for (let k = 0; k < n; k++) out[oi + k] = -x[xi + k]!;
      return true;
    case 'exp':
      for (let k = 0; k < n; k++) out[oi + k] = Math.exp(x[xi + k]!);
      return true;
    case 'log':
      for (let k = 0; k < n; k++) out[oi + k] = Math.log(x[xi + k]!);
      return true;
    case 'sqrt':
      for (let k = 0; k < n; k++) out[oi + k] = Math.sqrt(x[xi + k]!);
      return true;
    case 'tanh':
      for (let k = 0; k < n; k++) out[oi + k] = Math.tanh(x[xi + k]!);
      return true;
    case 'abs':
      for (let k = 0; k < n; k++) out[oi + k] = Math.abs(x[xi + k]!);
      return true;
    default:
      return false;
  }
}
