// log-softmax over the rows of a contiguous float32 [rows, length] matrix and its gradient, with exp
// and log on four lanes (the JavaScript kernel, src/cpu/kernels/log-softmax.ts, calls Math.exp and
// Math.log per element: ≈ 7 ns each here, most of a small classifier's loss):
//
//   forward    y = (x − m) − log Σ exp(x − m),  m the row's maximum (NaN wins, as torch.max)
//   backward   dx = g − exp(y) · Σ g
//
// exp4 and log4 are Cephes' single-precision expf and logf (a degree-6 polynomial after reduction by
// ln 2; a degree-9 one on the mantissa in [√½, √2)), within 2 ulp of the correctly rounded value.
// Row sums run in float64 from 0 and round once, as the JavaScript kernels.

const FLOAT_BYTES: i32 = 4;

/**
 * eˣ on four lanes for x ≤ 88.72 (larger x gives +∞), NaN propagating; below −103.97 the result is 0 (−∞ included),
 * and between −104 and −87.34 a subnormal (2ⁿ applied in two halves, so that each is a normal float).
 */
// @ts-ignore: decorator
@inline function exp4(value: v128): v128 {
  const x = f32x4.max(f32x4.min(value, f32x4.splat(88.72283905206835)), f32x4.splat(-104));
  // x = n·ln 2 + r with |r| ≤ ln 2 / 2; ln 2 in two parts so that n·C1 is exact
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504088896341)));
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375))), f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  p = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1));
  // 2ⁿ for n in [−150, 128] as 2^(n >> 1) · 2^(n − (n >> 1)): two normal powers of two
  const exponent = i32x4.trunc_sat_f32x4_s(n);
  const half = i32x4.shr_s(exponent, 1);
  const rest = i32x4.sub(exponent, half);
  const bias = i32x4.splat(127);
  const first = i32x4.shl(i32x4.add(half, bias), 23);
  const second = i32x4.shl(i32x4.add(rest, bias), 23);
  const result = f32x4.mul(f32x4.mul(p, first), second);
  // +∞ above the clamp (x = +∞ included); NaN passes through p
  return v128.bitselect(f32x4.splat(Infinity), result, f32x4.gt(value, f32x4.splat(88.72283905206835)));
}

/** ln x on four lanes for positive normal x and +∞; NaN stays NaN (row sums are ≥ 1 or NaN here). */
// @ts-ignore: decorator
@inline function log4(value: v128): v128 {
  // x = m · 2ᵉ with m in [√½, √2): the exponent field, and the mantissa given exponent 0 or −1
  const bits = value;
  let exponent = i32x4.sub(i32x4.shr_u(v128.and(bits, i32x4.splat(0x7f800000)), 23), i32x4.splat(126));
  let mantissa = v128.or(v128.and(bits, i32x4.splat(0x007fffff)), i32x4.splat(0x3f000000)); // in [0.5, 1)
  const small = f32x4.lt(mantissa, f32x4.splat(0.707106781186547524));
  // below √½: m ← 2m − 1 and e ← e − 1; else m ← m − 1
  exponent = i32x4.add(exponent, small); // small lanes are −1
  mantissa = f32x4.sub(f32x4.add(mantissa, v128.and(mantissa, small)), f32x4.splat(1));
  const e = f32x4.convert_i32x4_s(exponent);
  const z = f32x4.mul(mantissa, mantissa);
  let p = f32x4.splat(7.0376836292e-2);
  p = f32x4.add(f32x4.mul(p, mantissa), f32x4.splat(-1.1514610310e-1));
  p = f32x4.add(f32x4.mul(p, mantissa), f32x4.splat(1.1676998740e-1));
  p = f32x4.add(f32x4.mul(p, mantissa), f32x4.splat(-1.2420140846e-1));
  p = f32x4.add(f32x4.mul(p, mantissa), f32x4.splat(1.4249322787e-1));
  p = f32x4.add(f32x4.mul(p, mantissa), f32x4.splat(-1.6668057665e-1));
  p = f32x4.add(f32x4.mul(p, mantissa), f32x4.splat(2.0000714765e-1));
  p = f32x4.add(f32x4.mul(p, mantissa), f32x4.splat(-2.4999993993e-1));
  p = f32x4.add(f32x4.mul(p, mantissa), f32x4.splat(3.3333331174e-1));
  let y = f32x4.mul(f32x4.mul(p, z), mantissa);
  y = f32x4.add(y, f32x4.mul(e, f32x4.splat(-2.12194440e-4)));
  y = f32x4.sub(y, f32x4.mul(z, f32x4.splat(0.5)));
  const result = f32x4.add(f32x4.add(mantissa, y), f32x4.mul(e, f32x4.splat(0.693359375)));
  // +∞ and NaN are themselves (their exponent field is all ones)
  return v128.bitselect(value, result, f32x4.eq(v128.and(bits, i32x4.splat(0x7f800000)), i32x4.splat(0x7f800000)));
}

/** out[i] = exp(x[i]) for i < count, four lanes at a time (the tail through one lane of exp4). */
function expInto(x: usize, out: usize, count: i32): void {
  let index = 0;
  for (; index + 4 <= count; index += 4) {
    const offset = <usize>(index * FLOAT_BYTES);
    v128.store(out + offset, exp4(v128.load(x + offset)));
  }
  for (; index < count; index++) {
    const offset = <usize>(index * FLOAT_BYTES);
    store<f32>(out + offset, f32x4.extract_lane(exp4(f32x4.splat(load<f32>(x + offset))), 0));
  }
}

/** x[i] = log(x[i]) for i < count. */
function logInPlace(x: usize, count: i32): void {
  let index = 0;
  for (; index + 4 <= count; index += 4) {
    const offset = <usize>(index * FLOAT_BYTES);
    v128.store(x + offset, log4(v128.load(x + offset)));
  }
  for (; index < count; index++) {
    const offset = <usize>(index * FLOAT_BYTES);
    store<f32>(x + offset, f32x4.extract_lane(log4(f32x4.splat(load<f32>(x + offset))), 0));
  }
}

/**
 * y = logSoftmax(x) along the rows of x [rows, length]; `exponentials` (rows · length floats) and
 * `totals` (rows floats) are scratch.
 */
export function logSoftmaxRows(x: usize, y: usize, rows: i32, length: i32, exponentials: usize, totals: usize): void {
  const count = rows * length;
  // x − m into y, row by row
  for (let row = 0; row < rows; row++) {
    const start = x + <usize>(row * length * FLOAT_BYTES);
    const target = y + <usize>(row * length * FLOAT_BYTES);
    let maximum = load<f32>(start);
    for (let k = 1; k < length && maximum == maximum; k++) {
      const value = load<f32>(start + <usize>(k * FLOAT_BYTES));
      if (value != value || value > maximum) maximum = value;
    }
    for (let k = 0; k < length; k++) {
      const offset = <usize>(k * FLOAT_BYTES);
      store<f32>(target + offset, load<f32>(start + offset) - maximum);
    }
  }
  expInto(y, exponentials, count);
  for (let row = 0; row < rows; row++) {
    const start = exponentials + <usize>(row * length * FLOAT_BYTES);
    let total: f64 = 0;
    for (let k = 0; k < length; k++) total += <f64>load<f32>(start + <usize>(k * FLOAT_BYTES));
    store<f32>(totals + <usize>(row * FLOAT_BYTES), <f32>total);
  }
  logInPlace(totals, rows);
  for (let row = 0; row < rows; row++) {
    const target = y + <usize>(row * length * FLOAT_BYTES);
    const logTotal = load<f32>(totals + <usize>(row * FLOAT_BYTES));
    for (let k = 0; k < length; k++) {
      const offset = <usize>(k * FLOAT_BYTES);
      store<f32>(target + offset, load<f32>(target + offset) - logTotal);
    }
  }
}

/** out = g − exp(y) · Σ g along the rows of [rows, length]; `exponentials` (rows · length floats) is scratch. */
export function logSoftmaxGradientRows(g: usize, y: usize, out: usize, rows: i32, length: i32, exponentials: usize): void {
  expInto(y, exponentials, rows * length);
  for (let row = 0; row < rows; row++) {
    const base = <usize>(row * length * FLOAT_BYTES);
    let total: f64 = 0;
    for (let k = 0; k < length; k++) total += <f64>load<f32>(g + base + <usize>(k * FLOAT_BYTES));
    const sum = <f32>total;
    for (let k = 0; k < length; k++) {
      const offset = base + <usize>(k * FLOAT_BYTES);
      store<f32>(out + offset, load<f32>(g + offset) - load<f32>(exponentials + offset) * sum);
    }
  }
}
