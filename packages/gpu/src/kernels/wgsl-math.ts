import { halfFloatHelpers } from './half-float-wgsl.js';
import { inverseMathHelpers } from './wgsl-inverse-math.js';

/**
 * WGSL helper functions, emitted only when a kernel's source calls them. WGSL lacks log1p, expm1 and
 * erf; its pow is undefined for negative bases; and constant NaN/∞ are compile errors, so they are
 * made at run time from bits.
 */
const helpers: Record<string, string> = {
  ...halfFloatHelpers,
  ...inverseMathHelpers,
  isNan: `fn isNan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }`,
  notANumber: `fn notANumber() -> f32 { var bits = 0x7fc00000u; return bitcast<f32>(bits); }`,
  infinity: `fn infinity() -> f32 { var bits = 0x7f800000u; return bitcast<f32>(bits); }`,
  isTrue: `fn isTrue(x: f32) -> bool { return x != 0.0 || isNan(x); }`,
  floatToInt: `fn floatToInt(x: f32) -> i32 { if (isNan(x)) { return 0; } return i32(x); }`,
  // WGSL only promises sin/cos to 2⁻¹¹ absolute (SwiftShader is that coarse): reduce by π/2 with a
  // three-part π/2 (Cody–Waite, exact products for |x| up to ~1e5), then Taylor polynomials on
  // [−π/4, π/4] whose first omitted terms are below 2e-9. Returns (sin x, cos x).
  sineCosine: `fn sineCosine(x: f32) -> vec2<f32> {
  if (isNan(x) || abs(x) > 3.0e38) { return vec2<f32>(notANumber(), notANumber()); }
  let quadrant = round(x * 0.63661977236758134);
  let r = ((x - quadrant * 1.5703125) - quadrant * 4.8375129699707031e-4) - quadrant * 7.5497899548918821e-8;
  let square = r * r;
  let sine = r + r * square * (-0.16666666666666666 + square * (8.3333333333333332e-3 + square * (-1.9841269841269841e-4 + square * 2.7557319223985893e-6)));
  let cosine = 1.0 + square * (-0.5 + square * (4.1666666666666664e-2 + square * (-1.3888888888888889e-3 + square * (2.4801587301587302e-5 - square * 2.7557319223985888e-7))));
  switch (i32(quadrant) & 3) {
    case 0: { return vec2<f32>(sine, cosine); }
    case 1: { return vec2<f32>(cosine, -sine); }
    case 2: { return vec2<f32>(-sine, -cosine); }
    default: { return vec2<f32>(-cosine, sine); }
  }
}`,
  // torch's sign, (0 < x) − (x < 0): NaN and −0 give +0. Written as that difference: a select of −1.0
  // or 0.0 (even one made of bits) is folded into −f32(x < 0), which is −0 (Mesa's NIR does it; WGSL lets
  // compilers ignore the sign of zero), where +0 − +0 is +0
  signOf: `fn signOf(x: f32) -> f32 { return select(0.0, 1.0, x > 0.0) - select(0.0, 1.0, x < 0.0); }`,
  // GPU log is only accurate in absolute terms (bad relative error near 1): split x = m·2ᵉ with
  // m in [√½, √2), then log x = e·ln 2 + 2·atanh(s), s = (m − 1)/(m + 1), |s| < 0.172, by its series
  naturalLog: `fn naturalLog(x: f32) -> f32 {
  if (isNan(x) || x < 0.0) { return notANumber(); }
  if (x == 0.0) { return -infinity(); }
  if (x > 3.4028234e38) { return x; }
  let parts = frexp(x);
  var mantissa = parts.fract;
  var exponent = f32(parts.exp);
  if (mantissa < 0.70710678118654752) { mantissa = mantissa * 2.0; exponent = exponent - 1.0; }
  return exponent * 0.69314718055994531 + atanhSeries((mantissa - 1.0) / (mantissa + 1.0));
}`,
  // 2·atanh(s) = 2 (s + s³/3 + s⁵/5 + ...), for |s| ≤ 1/3 (first omitted term < 1e-9)
  atanhSeries: `fn atanhSeries(s: f32) -> f32 {
  let square = s * s;
  var term = s;
  var total = s;
  for (var n = 1; n < 10; n++) {
    term = term * square;
    total += term / f32(2 * n + 1);
  }
  return 2.0 * total;
}`,
  // log1p(x) = 2·atanh(x / (2 + x)) needs no 1 + x rounding near 0
  logOnePlus: `fn logOnePlus(x: f32) -> f32 {
  if (abs(x) < 0.5) { return atanhSeries(x / (2.0 + x)); }
  return naturalLog(1.0 + x);
}`,
  // expm1: Taylor series below |x| = 0.5 (first omitted term < 3e-10 there), e^x − 1 beyond (no cancellation)
  expMinusOne: `fn expMinusOne(x: f32) -> f32 {
  if (abs(x) < 0.5) {
    var term = x;
    var total = x;
    for (var n = 2; n < 10; n++) {
      term = term * x / f32(n);
      total += term;
    }
    return total;
  }
  return exp(x) - 1.0;
}`,
  // tanh x = expm1(2x) / (expm1(2x) + 2): accurate near 0, where the textbook formula cancels
  hyperbolicTangent: `fn hyperbolicTangent(x: f32) -> f32 {
  if (isNan(x)) { return x; }
  if (abs(x) > 10.0) { return sign(x); }
  let e = expMinusOne(2.0 * x);
  return e / (e + 2.0);
}`,
  // erf x = 2/√π Σ (−1)ⁿ x²ⁿ⁺¹ / (n! (2n+1)) for |x| < 2.5; beyond, erfc by its continued fraction
  errorFunction: `fn errorFunction(x: f32) -> f32 {
  if (isNan(x)) { return x; }
  let magnitude = abs(x);
  if (magnitude < 2.5) {
    let square = x * x;
    var term = x;
    var total = x;
    for (var n = 1; n < 40; n++) {
      term = -term * square / f32(n);
      total += term / f32(2 * n + 1);
    }
    return 1.1283791670955126 * total;
  }
  if (magnitude > 10.0) { return sign(x); }
  var fraction = magnitude;
  for (var n = 60; n >= 1; n--) { fraction = magnitude + f32(n) * 0.5 / fraction; }
  let complement = exp(-magnitude * magnitude) * 0.5641895835477563 / fraction;
  return sign(x) * (1.0 - complement);
}`,
  // Math.pow semantics: x^0 = 1, NaN propagates, a negative base needs an integer exponent
  power: `fn power(x: f32, y: f32) -> f32 {
  if (y == 0.0) { return 1.0; }
  if (isNan(x) || isNan(y)) { return notANumber(); }
  if (x == 0.0) { if (y > 0.0) { return 0.0; } return infinity(); }
  let magnitude = pow(abs(x), y);
  if (x < 0.0) {
    if (floor(y) != y) { return notANumber(); }
    let half = y * 0.5;
    if (floor(half) != half) { return -magnitude; }
  }
  return magnitude;
}`,
  // integer power by squaring; negative exponents give 0 except for bases ±1 (Math.pow then truncation)
  integerPower: `fn integerPower(base: i32, exponent: i32) -> i32 {
  if (exponent < 0) {
    if (base == 1) { return 1; }
    if (base == -1) { return select(1, -1, (exponent & 1) != 0); }
    return 0;
  }
  var result = 1;
  var factor = base;
  var remaining = exponent;
  loop {
    if (remaining == 0) { break; }
    if ((remaining & 1) != 0) { result = result * factor; }
    factor = factor * factor;
    remaining = remaining >> 1u;
  }
  return result;
}`,
};

/** The helper functions `body` calls (transitively), followed by `body`. */
export function withHelpers(body: string): string {
  const used = new Set<string>();
  let text = body;
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, source] of Object.entries(helpers)) {
      if (used.has(name) || !new RegExp(`\\b${name}\\(`).test(text)) continue;
      used.add(name);
      text += `\n${source}`;
      changed = true;
    }
  }
  const order = Object.keys(helpers).filter((name) => used.has(name));
  return [...order.map((name) => helpers[name]!), body].join('\n');
}
