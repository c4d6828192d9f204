/**
 * WGSL helpers for tan, the inverse and hyperbolic trigonometric functions and atan2, built on the
 * accurate helpers of wgsl-math.ts (sineCosine, naturalLog, logOnePlus, expMinusOne): WGSL's own
 * atan, asin and acos are only promised to 4096 ULP, and its results outside a function's domain are
 * indeterminate, where torch gives NaN.
 */
export const inverseMathHelpers: Record<string, string> = {
  tangent: `fn tangent(x: f32) -> f32 { let both = sineCosine(x); return both.x / both.y; }`,
  // atan: atan x = ±π/2 − atan(1/x) beyond 1, π/4 + atan((x − 1)/(x + 1)) above tan(π/8), then the
  // series t − t³/3 + t⁵/5 − … on |t| ≤ 0.4143 (first omitted term < 1e-9 after 12 terms); ±0 is
  // returned as it is
  arcTangent: `fn arcTangent(x: f32) -> f32 {
  if (isNan(x) || isZero(x)) { return x; }
  let magnitude = abs(x);
  var inverted = magnitude > 1.0;
  var t = select(magnitude, 1.0 / magnitude, inverted);
  var offset = 0.0;
  if (t > 0.41421356237309505) { offset = 0.78539816339744831; t = (t - 1.0) / (t + 1.0); }
  let square = t * t;
  var term = t;
  var total = t;
  for (var n = 1; n < 12; n++) {
    term = -term * square;
    total += term / f32(2 * n + 1);
  }
  var angle = offset + total;
  if (inverted) { angle = 1.5707963267948966 - angle; }
  return select(angle, -angle, x < 0.0);
}`,
  // atan2(y, x): atan(y/x) moved to the quadrant of (x, y), with C's atan2 at the edges: y = ±0 gives
  // ±0 for x ≥ +0 and ±π for x ≤ −0; two infinities give ±π/4 or ±3π/4 (y/x would be NaN)
  arcTangent2: `fn arcTangent2(y: f32, x: f32) -> f32 {
  if (isNan(x) || isNan(y)) { return notANumber(); }
  let yNegative = bitcast<u32>(y) >= 0x80000000u;
  if (isZero(y)) {
    if (bitcast<u32>(x) < 0x80000000u) { return y; }
    return select(3.1415926535897931, -3.1415926535897931, yNegative);
  }
  if (isInfinite(x) && isInfinite(y)) {
    let corner = select(0.78539816339744831, 2.3561944901923448, x < 0.0);
    return select(corner, -corner, yNegative);
  }
  if (x == 0.0) { return select(1.5707963267948966, -1.5707963267948966, yNegative); }
  let angle = arcTangent(y / x);
  if (x > 0.0) { return angle; }
  return select(angle + 3.1415926535897931, angle - 3.1415926535897931, y < 0.0 || bitcast<u32>(y) == 0x80000000u);
}`,
  // asin x = atan(x / √((1 − x)(1 + x))); acos x = 2·atan(√((1 − x)/(1 + x))), accurate near ±1
  arcSine: `fn arcSine(x: f32) -> f32 {
  if (isNan(x) || abs(x) > 1.0) { return notANumber(); }
  if (abs(x) == 1.0) { return x * 1.5707963267948966; }
  return arcTangent(x / sqrt((1.0 - x) * (1.0 + x)));
}`,
  arcCosine: `fn arcCosine(x: f32) -> f32 {
  if (isNan(x) || abs(x) > 1.0) { return notANumber(); }
  if (x == -1.0) { return 3.1415926535897931; }
  return 2.0 * arcTangent(sqrt((1.0 - x) / (1.0 + x)));
}`,
  // sinh x = (expm1(x) − expm1(−x))/2, no cancellation near 0 (±0 returned as it is); cosh x =
  // (eˣ + e⁻ˣ)/2. Beyond |x| = 88, e^|x| nears float32's limit (3.4e38 ≈ e^88.72) while sinh and cosh,
  // half as large, are finite up to |x| ≈ 89.4: there e^−|x| < 2⁻²⁵⁰ is nothing and both are
  // (½·e^(|x|/2))·e^(|x|/2), with no overflowing intermediate
  hyperbolicSine: `fn hyperbolicSine(x: f32) -> f32 {
  if (isZero(x)) { return x; }
  if (abs(x) > 88.0) {
    let magnitude = halfExponentialSquared(abs(x));
    return select(magnitude, -magnitude, x < 0.0);
  }
  return 0.5 * (expMinusOne(x) - expMinusOne(-x));
}`,
  hyperbolicCosine: `fn hyperbolicCosine(x: f32) -> f32 {
  if (abs(x) > 88.0) { return halfExponentialSquared(abs(x)); }
  return 0.5 * (exp(x) + exp(-x));
}`,
  // eᵗ/2 for t up to ln(2·3.4e38) ≈ 89.4 without overflowing on the way: (½·e^(t/2))·e^(t/2)
  halfExponentialSquared: `fn halfExponentialSquared(t: f32) -> f32 {
  let root = exp(0.5 * t);
  return (0.5 * root) * root;
}`,
  // asinh x = sign(x)·log1p(|x| + x²/(1 + √(1 + x²))); beyond 1e18, log(2|x|)
  areaSine: `fn areaSine(x: f32) -> f32 {
  if (isNan(x) || isZero(x)) { return x; }
  let magnitude = abs(x);
  var value = 0.0;
  if (magnitude > 1.0e18) { value = naturalLog(magnitude) + 0.69314718055994531; }
  else { value = logOnePlus(magnitude + magnitude * magnitude / (1.0 + sqrt(1.0 + magnitude * magnitude))); }
  return select(value, -value, x < 0.0);
}`,
  // acosh x = log1p((x − 1) + √((x − 1)(x + 1))), NaN below 1
  areaCosine: `fn areaCosine(x: f32) -> f32 {
  if (isNan(x) || x < 1.0) { return notANumber(); }
  if (x > 1.0e18) { return naturalLog(x) + 0.69314718055994531; }
  let shifted = x - 1.0;
  return logOnePlus(shifted + sqrt(shifted * (x + 1.0)));
}`,
  // atanh x = ½·log1p(2x/(1 − x)): ±∞ at ±1, NaN beyond
  areaTangent: `fn areaTangent(x: f32) -> f32 {
  if (isNan(x) || abs(x) > 1.0) { return notANumber(); }
  if (abs(x) == 1.0) { return x * infinity(); }
  return 0.5 * logOnePlus(2.0 * x / (1.0 - x));
}`,
};
