/**
 * IEEE 754 binary16 ("half"): 1 sign bit, 5 exponent bits (bias 15), 10 mantissa bits. Normal values
 * are (1 + m/2¹⁰)·2^(e−15), subnormals m·2⁻²⁴, the largest finite value 65504. The webgpu device
 * stores float16 tensors this way; these are the host's conversions, the same ones its kernels use.
 */

const scratch = new DataView(new ArrayBuffer(4));

/**
 * The binary16 bits nearest to `value` taken as a float32, ties to even (as numpy's and PyTorch's
 * casts round): values beyond 65520 become ±Infinity, below 2⁻²⁵ become ±0, NaN stays a quiet NaN.
 */
export function float16Bits(value: number): number {
  scratch.setFloat32(0, value);
  const bits = scratch.getUint32(0);
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200);
  // the binary16 exponent field of a normal result: float32's bias is 127, binary16's 15
  const halfExponent = exponent - 112;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent > 0) {
    // exponent and mantissa side by side, so a rounding carry moves into the exponent (and to ∞)
    return sign | roundedShift((halfExponent << 23) | mantissa, 13);
  }
  // subnormal result: the value is (2²³ + mantissa)·2^(exponent − 150) = q·2⁻²⁴ with q shifted below
  if (halfExponent < -10) return sign;
  return sign | roundedShift(mantissa | 0x800000, 14 - halfExponent);
}

/** `bits` of binary16 as a number (exact: every binary16 value is a float32). */
export function float16Value(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : Number.NaN;
  return sign * (1024 + mantissa) * 2 ** (exponent - 25);
}

/** `value` rounded to the nearest binary16 value (what a float16 tensor holds after storing it). */
export function roundToFloat16(value: number): number {
  return float16Value(float16Bits(value));
}

/** `value >>> shift`, rounded to nearest with ties to even. */
function roundedShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const remainder = value - kept * 2 ** shift;
  const half = 2 ** (shift - 1);
  return remainder > half || (remainder === half && (kept & 1) === 1) ? kept + 1 : kept;
}
