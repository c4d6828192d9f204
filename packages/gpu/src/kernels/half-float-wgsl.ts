/**
 * WGSL conversions between f32 and IEEE binary16 bits, the same as @dl/tensor's `float16Bits` and
 * `float16Value` (ties to even, ±∞ beyond 65520, quiet NaN). WGSL's pack2x16float leaves the rounding
 * to the implementation and its result undefined out of range, so the conversion is written out on the
 * bits: float16 tensors then hold the same values on every adapter, with or without `shader-f16`.
 */
export const halfFloatHelpers: Record<string, string> = {
  // binary16 → f32 is exact: normals rebias the exponent (15 → 127), subnormals are m·2⁻²⁴
  halfValue: `fn halfValue(bits: u32) -> f32 {
  let sign = (bits & 0x8000u) << 16u;
  let exponent = (bits >> 10u) & 0x1fu;
  let mantissa = bits & 0x3ffu;
  if (exponent == 0u) { return bitcast<f32>(sign | bitcast<u32>(f32(mantissa) * 5.9604644775390625e-8)); }
  if (exponent == 31u) { return bitcast<f32>(sign | 0x7f800000u | (mantissa << 13u)); }
  return bitcast<f32>(sign | ((exponent + 112u) << 23u) | (mantissa << 13u));
}`,
  // value >> shift rounded to nearest, ties to even
  roundedShift: `fn roundedShift(value: u32, shift: u32) -> u32 {
  let kept = value >> shift;
  let remainder = value & ((1u << shift) - 1u);
  let half = 1u << (shift - 1u);
  return select(kept, kept + 1u, remainder > half || (remainder == half && (kept & 1u) == 1u));
}`,
  // f32 exponent field e: binary16's is e − 112; a normal result keeps exponent and mantissa side by
  // side so a rounding carry moves into the exponent (up to ∞); a subnormal one is (2²³ + m) >> (126 − e)
  halfBits: `fn halfBits(x: f32) -> u32 {
  let bits = bitcast<u32>(x);
  let sign = (bits >> 16u) & 0x8000u;
  let exponent = (bits >> 23u) & 0xffu;
  let mantissa = bits & 0x7fffffu;
  if (exponent == 0xffu) { return sign | 0x7c00u | select(0u, 0x200u, mantissa != 0u); }
  if (exponent >= 143u) { return sign | 0x7c00u; }
  if (exponent > 112u) { return sign | roundedShift(((exponent - 112u) << 23u) | mantissa, 13u); }
  if (exponent < 102u) { return sign; }
  return sign | roundedShift(mantissa | 0x800000u, 126u - exponent);
}`,
  roundToHalf: `fn roundToHalf(x: f32) -> f32 { return halfValue(halfBits(x)); }`,
};
