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
  isInfinite: `fn isInfinite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }`,
  // ±0 tested on the bits: a helper that returns x itself for ±0 keeps −0's sign, where a compiler may
  // rewrite x under x == 0.0 as the constant 0.0 (WGSL lets it ignore the sign of zero)
  isZero: `fn isZero(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0u; }`,
  // the full product of two u32 as (low word, high word), from their 16-bit halves (WGSL has no mulhi):
  // a·b = a₁b₁·2³² + (a₀b₁ + a₁b₀)·2¹⁶ + a₀b₀, the middle column summed below 2¹⁸ before its carry
  multiplyWide: `fn multiplyWide(a: u32, b: u32) -> vec2<u32> {
  let a0 = a & 0xffffu;
  let a1 = a >> 16u;
  let b0 = b & 0xffffu;
  let b1 = b >> 16u;
  let lowest = a0 * b0;
  let cross0 = a0 * b1;
  let cross1 = a1 * b0;
  let middle = (lowest >> 16u) + (cross0 & 0xffffu) + (cross1 & 0xffffu);
  let low = (middle << 16u) | (lowest & 0xffffu);
  let high = a1 * b1 + (cross0 >> 16u) + (cross1 >> 16u) + (middle >> 16u);
  return vec2<u32>(low, high);
}`,
  // the 32 bits of a little-endian multiword integer from bit position up (WGSL takes shift counts mod 32)
  bitsFrom: `fn bitsFrom(words: array<u32, 7>, position: u32) -> u32 {
  var copy = words;
  let index = position >> 5u;
  let offset = position & 31u;
  if (offset == 0u) { return copy[index]; }
  return (copy[index] >> offset) | (copy[index + 1u] << (32u - offset));
}`,
  // x = (4n + quadrant)·π/2 + r with |r| ≤ π/4, for |x| < 8192 (Cody–Waite): π/2 in three parts, the
  // first two of 8 and 11 bits, so that multiple·part is exact while the multiple is below 2¹³.
  // Returns (quadrant, r)
  reduceHalfPiFast: `fn reduceHalfPiFast(x: f32) -> vec2<f32> {
  let multiple = round(x * 0.63661977236758134);
  let r = ((x - multiple * 1.5703125) - multiple * 4.8375129699707031e-4) - multiple * 7.5497899548918821e-8;
  return vec2<f32>(f32(i32(multiple) & 3), r);
}`,
  // The same for any finite |x| ≥ 2 (Payne–Hanek): |x| = significand·2^scale with a 32-bit integer
  // significand, and x·2/π = significand·Σₖ wordₖ·2^(scale − 32(k+1)) over the bits of 2/π in u32 words.
  // Words whose terms are multiples of 4 (scale − 32(k+1) ≥ 2) cannot change the quadrant and are
  // skipped; the next five give the product's integer part mod 4 and 64 bits of its fraction f, with an
  // error below 2⁻⁹⁵. f rounds to the nearest quadrant, and r = f·π/2 by a 32×32-bit product with π/2·2³¹.
  reduceHalfPiExact: `fn reduceHalfPiExact(x: f32) -> vec2<f32> {
  var twoOverPi = array<u32, 7>(0xa2f9836eu, 0x4e441529u, 0xfc2757d1u, 0xf534ddc0u, 0xdb629599u, 0x3c439041u, 0xfe5163abu);
  let bits = bitcast<u32>(x);
  let scale = i32((bits >> 23u) & 0xffu) - 158;
  let significand = ((bits & 0x7fffffu) | 0x800000u) << 8u;
  let first = select(0, (scale - 2) / 32, scale >= 2);
  // significand × words first … first + 4, least significant word first
  var product = array<u32, 7>(0u, 0u, 0u, 0u, 0u, 0u, 0u);
  var carry = 0u;
  for (var j = 0; j < 5; j++) {
    let term = multiplyWide(significand, twoOverPi[first + 4 - j]);
    let low = term.x + carry;
    product[j] = low;
    carry = term.y + select(0u, 1u, low < term.x);
  }
  product[5] = carry;
  // the binary point of x·2/π lies at bit 160 − (scale − 32·first) of the product
  let point = u32(160 - (scale - 32 * first));
  var quadrant = bitsFrom(product, point) & 3u;
  var high = bitsFrom(product, point - 32u);
  var low = bitsFrom(product, point - 64u);
  // f ≥ ½: the nearest multiple is the next one, and r = −(1 − f)·π/2 (1 − f is the 64-bit negation)
  let roundsUp = high >= 0x80000000u;
  if (roundsUp) {
    quadrant = quadrant + 1u;
    low = ~low + 1u;
    high = ~high + select(0u, 1u, low == 0u);
  }
  // normalize: f = leading·2^(−32 − shift) with the top bit of leading set. For every float32 x·2/π
  // is at least 2^−29.9 from an integer (closest at 16367173·2⁷², by the continued fractions of
  // 2ᵉ·2/π), so high ≠ 0 and leading keeps 32 significant bits
  let shift = countLeadingZeros(high);
  let leading = select(high, (high << shift) | (low >> (32u - shift)), shift > 0u);
  // f·π/2 = leading·0xc90fdaa2·2^(−63 − shift); the high word, rounded once to f32
  let scaled = multiplyWide(leading, 0xc90fdaa2u).y;
  var r = ldexp(f32(scaled >> 8u) * 256.0 + f32(scaled & 0xffu), -31 - i32(shift));
  if (roundsUp) { r = -r; }
  // sin and cos of −x: the quadrant and r change sign
  if (bits >= 0x80000000u) { return vec2<f32>(f32((0u - quadrant) & 3u), -r); }
  return vec2<f32>(f32(quadrant & 3u), r);
}`,
  // WGSL only promises sin/cos to 2⁻¹¹ absolute (SwiftShader is that coarse): reduce by π/2 exactly
  // (reduceHalfPiFast, reduceHalfPiExact), then Taylor polynomials on [−π/4, π/4] whose first omitted
  // terms are below 2e-9. Returns (sin x, cos x); ±0 gives (±0, 1), ±∞ and NaN give NaN.
  sineCosine: `fn sineCosine(x: f32) -> vec2<f32> {
  if ((bitcast<u32>(x) & 0x7fffffffu) >= 0x7f800000u) { return vec2<f32>(notANumber(), notANumber()); }
  if (isZero(x)) { return vec2<f32>(x, 1.0); }
  var reduced: vec2<f32>;
  if (abs(x) < 8192.0) { reduced = reduceHalfPiFast(x); } else { reduced = reduceHalfPiExact(x); }
  let r = reduced.y;
  let square = r * r;
  let sine = r + r * square * (-0.16666666666666666 + square * (8.3333333333333332e-3 + square * (-1.9841269841269841e-4 + square * 2.7557319223985893e-6)));
  let cosine = 1.0 + square * (-0.5 + square * (4.1666666666666664e-2 + square * (-1.3888888888888889e-3 + square * (2.4801587301587302e-5 - square * 2.7557319223985888e-7))));
  switch (u32(reduced.x)) {
    case 0u: { return vec2<f32>(sine, cosine); }
    case 1u: { return vec2<f32>(cosine, -sine); }
    case 2u: { return vec2<f32>(-sine, -cosine); }
    default: { return vec2<f32>(-cosine, sine); }
  }
}`,
  // torch's sign, (0 < x) − (x < 0): NaN and −0 give +0. Written as that difference: a select of −1.0
  // or 0.0 (even one made of bits) is folded into −f32(x < 0), which is −0 (Mesa's NIR does it; WGSL lets
  // compilers ignore the sign of zero), where +0 − +0 is +0
  signOf: `fn signOf(x: f32) -> f32 { return select(0.0, 1.0, x > 0.0) - select(0.0, 1.0, x < 0.0); }`,
  // GPU log is only accurate in absolute terms (bad relative error near 1): split x = m·2ᵉ with
  // m in [√½, √2), then log x = e·ln 2 + 2·atanh(s), s = (m − 1)/(m + 1), |s| < 0.172, by its series.
  // A subnormal x is first scaled by 2²⁴ (exactly), as frexp need not handle it; a GPU that flushes
  // subnormals to 0 gives −∞ for them
  naturalLog: `fn naturalLog(x: f32) -> f32 {
  if (isNan(x) || x < 0.0) { return notANumber(); }
  if (x > 3.4028234e38) { return x; }
  var normal = x;
  var exponentShift = 0.0;
  if (x < 1.1754943508222875e-38) {
    normal = x * 16777216.0;
    exponentShift = -24.0;
  }
  if (normal == 0.0) { return -infinity(); }
  let parts = frexp(normal);
  var mantissa = parts.fract;
  var exponent = f32(parts.exp) + exponentShift;
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
  // expm1: Taylor series below |x| = 0.5 (first omitted term < 3e-10 there), e^x − 1 beyond (no
  // cancellation); ±0 is returned as it is (the series would turn −0 into +0)
  expMinusOne: `fn expMinusOne(x: f32) -> f32 {
  if (isZero(x)) { return x; }
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
  if (isNan(x) || isZero(x)) { return x; }
  if (abs(x) > 10.0) { return sign(x); }
  let e = expMinusOne(2.0 * x);
  return e / (e + 2.0);
}`,
  // erf x = 2/√π Σ (−1)ⁿ x²ⁿ⁺¹ / (n! (2n+1)) for |x| < 2.5; beyond, erfc by its continued fraction;
  // ±0 is returned as it is (the series would turn −0 into +0)
  errorFunction: `fn errorFunction(x: f32) -> f32 {
  if (isNan(x) || isZero(x)) { return x; }
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
  // C's pow, as torch.pow with a tensor exponent (std::pow): x⁰ = 1 and 1ʸ = 1 even for NaN, otherwise
  // NaN propagates; (−1)^±∞ = 1; a finite negative base needs an integer exponent; the magnitude is
  // |x|ʸ, with 0 and ∞ for a zero or infinite base by the sign of y, and its sign is x's (−0 and −∞
  // included) exactly when y is an odd integer. The sign is set on the bits: WGSL lets a compiler
  // ignore the sign of a zero it computes
  power: `fn power(x: f32, y: f32) -> f32 {
  if (y == 0.0 || x == 1.0) { return 1.0; }
  if (isNan(x) || isNan(y)) { return notANumber(); }
  let base = abs(x);
  if (isInfinite(y)) {
    if (base == 1.0) { return 1.0; }
    return select(0.0, infinity(), (base > 1.0) == (y > 0.0));
  }
  let integral = floor(y) == y;
  if (x < 0.0 && !integral && !isInfinite(x)) { return notANumber(); }
  let half = y * 0.5;
  let odd = integral && floor(half) != half;
  var magnitude = 0.0;
  if (isZero(x) || isInfinite(x)) {
    magnitude = select(0.0, infinity(), (base > 1.0) == (y > 0.0));
  } else {
    magnitude = pow(base, y);
  }
  let negative = odd && bitcast<u32>(x) >= 0x80000000u;
  return bitcast<f32>(bitcast<u32>(magnitude) | select(0u, 0x80000000u, negative));
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
