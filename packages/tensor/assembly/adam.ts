// Adam on float32 tensors in WebAssembly SIMD, with the JavaScript kernel's float64 arithmetic
// (src/cpu/kernels/adam.ts), so both write the same bits:
//
//   θ ← θ·shrink,  g ← sign·∇ + coupledDecay·θ
//   m ← fl32(β₁m + (1 − β₁)g),  v ← fl32(β₂v + ((1 − β₂)g)g)
//   θ ← fl32(θ − (stepSize·m) / (√v · inverseCorrection2Sqrt + ε))
//
// Each f32x4 of a tensor is widened into two f64x2 halves and narrowed back. The gradient is dense,
// or the transpose of a dense matrix (Linear's weight gradient), gathered here four columns at a time.
// Pointers are byte addresses in this module's memory; the caller copies operands in and out.

// the step's constants, set by adamHyperparameters before the update calls
let sign: f64 = 1;
let coupledDecay: f64 = 0;
let shrink: f64 = 1;
let beta1: f64 = 0.9;
let beta2: f64 = 0.999;
let stepSize: f64 = 0;
let inverseCorrection2Sqrt: f64 = 1;
let eps: f64 = 1e-8;

/** The per-step constants, as the JavaScript kernel computes them from the options. */
export function adamHyperparameters(
  newSign: f64, newCoupledDecay: f64, newShrink: f64, newBeta1: f64, newBeta2: f64, newStepSize: f64, newInverseCorrection2Sqrt: f64, newEps: f64,
): void {
  sign = newSign;
  coupledDecay = newCoupledDecay;
  shrink = newShrink;
  beta1 = newBeta1;
  beta2 = newBeta2;
  stepSize = newStepSize;
  inverseCorrection2Sqrt = newInverseCorrection2Sqrt;
  eps = newEps;
}

/**
 * The constants from memory (eight float64 in adamHyperparameters' order at `constants`): helper threads
 * have their own globals, so a call split over threads carries its step's constants this way.
 */
function loadHyperparameters(constants: usize): void {
  adamHyperparameters(
    load<f64>(constants),
    load<f64>(constants, 8),
    load<f64>(constants, 16),
    load<f64>(constants, 24),
    load<f64>(constants, 32),
    load<f64>(constants, 40),
    load<f64>(constants, 48),
    load<f64>(constants, 56),
  );
}

/** adamDense with the step's constants at `constants` (a part of a call split over threads). */
export function adamDenseWith(constants: usize, parameter: usize, gradient: usize, expAvg: usize, expAvgSq: usize, count: i32): void {
  loadHyperparameters(constants);
  adamDense(parameter, gradient, expAvg, expAvgSq, count);
}

/** adamTransposed for rows [first, first + count) only, with the step's constants at `constants`. */
export function adamTransposedRows(
  constants: usize, parameter: usize, gradient: usize, expAvg: usize, expAvgSq: usize, rows: i32, columns: i32, first: i32, count: i32,
): void {
  loadHyperparameters(constants);
  transposedRows(parameter, gradient, expAvg, expAvgSq, rows, columns, first, first + count);
}

/** Updates `count` consecutive elements; the gradient is dense too. */
export function adamDense(parameter: usize, gradient: usize, expAvg: usize, expAvgSq: usize, count: i32): void {
  const vectors = count & ~3;
  for (let i = 0; i < vectors; i += 4) {
    const at = <usize>i << 2;
    updateFour(parameter + at, expAvg + at, expAvgSq + at, v128.load(gradient + at));
  }
  for (let i = vectors; i < count; i++) {
    const at = <usize>i << 2;
    updateOne(parameter + at, expAvg + at, expAvgSq + at, load<f32>(gradient + at));
  }
}

/**
 * Columns per pass of the transposed update: the gradient lines that one pass reads for sixteen
 * consecutive rows (one 64-byte line holds sixteen rows of a column) are 1024 · 64 bytes, which stay
 * in the L2 cache until those rows are done.
 */
const GATHER_COLUMNS = 1024;

/**
 * Updates a dense [rows, columns] parameter whose gradient element (r, c) is at gradient[r + c·rows]
 * (the dense [columns, rows] transpose). The parameter and moments are walked in their own order, row
 * by row, and each vector of four gradients is gathered from four columns. (Transposing 4×4 blocks
 * instead walks down the parameter's rows, 4·columns bytes apart: for Linear(9216, 128) a multiple of
 * 4 KiB that maps them onto one set of the L1 cache, and lines the prefetcher does not foresee; 6–10 ms
 * against 5 for this, and 3.7 for a dense gradient.) Edge columns go one element at a time.
 */
export function adamTransposed(parameter: usize, gradient: usize, expAvg: usize, expAvgSq: usize, rows: i32, columns: i32): void {
  transposedRows(parameter, gradient, expAvg, expAvgSq, rows, columns, 0, rows);
}

/** adamTransposed's update of rows [firstRow, endRow): every row is updated by the same instructions whichever call takes it. */
function transposedRows(
  parameter: usize, gradient: usize, expAvg: usize, expAvgSq: usize, rows: i32, columns: i32, firstRow: i32, endRow: i32,
): void {
  const columnBytes = <usize>rows << 2;
  const vectorColumns = columns & ~3;
  for (let columnStart = 0; columnStart < vectorColumns; columnStart += GATHER_COLUMNS) {
    const columnEnd = min(columnStart + GATHER_COLUMNS, vectorColumns);
    for (let r = firstRow; r < endRow; r++) {
      for (let c = columnStart; c < columnEnd; c += 4) {
        const g = gradient + ((<usize>c * <usize>rows + <usize>r) << 2);
        let gradients = f32x4.splat(load<f32>(g));
        gradients = f32x4.replace_lane(gradients, 1, load<f32>(g + columnBytes));
        gradients = f32x4.replace_lane(gradients, 2, load<f32>(g + 2 * columnBytes));
        gradients = f32x4.replace_lane(gradients, 3, load<f32>(g + 3 * columnBytes));
        const at = (<usize>r * <usize>columns + <usize>c) << 2;
        updateFour(parameter + at, expAvg + at, expAvgSq + at, gradients);
      }
    }
  }
  for (let r = firstRow; r < endRow; r++) for (let c = vectorColumns; c < columns; c++) updateTransposedOne(parameter, gradient, expAvg, expAvgSq, rows, columns, r, c);
}

// @ts-ignore: decorator
@inline function updateTransposedOne(parameter: usize, gradient: usize, expAvg: usize, expAvgSq: usize, rows: i32, columns: i32, r: i32, c: i32): void {
  const at = (<usize>r * <usize>columns + <usize>c) << 2;
  updateOne(parameter + at, expAvg + at, expAvgSq + at, load<f32>(gradient + ((<usize>c * <usize>rows + <usize>r) << 2)));
}

/** Four consecutive elements at the given addresses, with their four gradients, as two float64 halves. */
// @ts-ignore: decorator
@inline function updateFour(parameterAt: usize, expAvgAt: usize, expAvgSqAt: usize, gradients: v128): void {
  const parameters = v128.load(parameterAt);
  const firstMoments = v128.load(expAvgAt);
  const secondMoments = v128.load(expAvgSqAt);
  const thetaLow = f64x2.mul(f64x2.promote_low_f32x4(parameters), f64x2.splat(shrink));
  const thetaHigh = f64x2.mul(upperHalf(parameters), f64x2.splat(shrink));
  const directionLow = direction(thetaLow, f64x2.promote_low_f32x4(gradients));
  const directionHigh = direction(thetaHigh, upperHalf(gradients));
  const mLow = firstMoment(f64x2.promote_low_f32x4(firstMoments), directionLow);
  const mHigh = firstMoment(upperHalf(firstMoments), directionHigh);
  const vLow = secondMoment(f64x2.promote_low_f32x4(secondMoments), directionLow);
  const vHigh = secondMoment(upperHalf(secondMoments), directionHigh);
  v128.store(parameterAt, narrow(step(thetaLow, mLow, vLow), step(thetaHigh, mHigh, vHigh)));
  v128.store(expAvgAt, narrow(mLow, mHigh));
  v128.store(expAvgSqAt, narrow(vLow, vHigh));
}

/** sign·∇ + coupledDecay·θ */
// @ts-ignore: decorator
@inline function direction(theta: v128, gradients: v128): v128 {
  return f64x2.add(f64x2.mul(f64x2.splat(sign), gradients), f64x2.mul(f64x2.splat(coupledDecay), theta));
}

/** fl32(β₁m + (1 − β₁)g) */
// @ts-ignore: decorator
@inline function firstMoment(m: v128, direction: v128): v128 {
  return toFloat32(f64x2.add(f64x2.mul(f64x2.splat(beta1), m), f64x2.mul(f64x2.splat(1 - beta1), direction)));
}

/** fl32(β₂v + ((1 − β₂)g)g) */
// @ts-ignore: decorator
@inline function secondMoment(v: v128, direction: v128): v128 {
  return toFloat32(f64x2.add(f64x2.mul(f64x2.splat(beta2), v), f64x2.mul(f64x2.mul(f64x2.splat(1 - beta2), direction), direction)));
}

/** θ − (stepSize·m) / (√v · inverseCorrection2Sqrt + ε), in float64 (rounded when narrowed) */
// @ts-ignore: decorator
@inline function step(theta: v128, m: v128, v: v128): v128 {
  const denominator = f64x2.add(f64x2.mul(f64x2.sqrt(v), f64x2.splat(inverseCorrection2Sqrt)), f64x2.splat(eps));
  return f64x2.sub(theta, f64x2.div(f64x2.mul(f64x2.splat(stepSize), m), denominator));
}

/** One element, the same arithmetic in scalars. */
// @ts-ignore: decorator
@inline function updateOne(parameterAt: usize, expAvgAt: usize, expAvgSqAt: usize, gradient: f32): void {
  const theta = <f64>load<f32>(parameterAt) * shrink;
  const direction = sign * <f64>gradient + coupledDecay * theta;
  const m = <f64><f32>(beta1 * <f64>load<f32>(expAvgAt) + (1 - beta1) * direction);
  const v = <f64><f32>(beta2 * <f64>load<f32>(expAvgSqAt) + (1 - beta2) * direction * direction);
  store<f32>(expAvgAt, <f32>m);
  store<f32>(expAvgSqAt, <f32>v);
  store<f32>(parameterAt, <f32>(theta - (stepSize * m) / (Math.sqrt(v) * inverseCorrection2Sqrt + eps)));
}

/** Lanes 2 and 3 of an f32x4 as an f64x2. */
// @ts-ignore: decorator
@inline function upperHalf(x: v128): v128 {
  return f64x2.promote_low_f32x4(i32x4.shuffle(x, x, 2, 3, 2, 3));
}

/** Two f64x2 rounded to float32 and joined into one f32x4. */
// @ts-ignore: decorator
@inline function narrow(low: v128, high: v128): v128 {
  return i32x4.shuffle(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5);
}

/** fl32(x) per lane, back in float64. */
// @ts-ignore: decorator
@inline function toFloat32(x: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(x));
}
