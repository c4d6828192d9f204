import type { BinaryOp, UnaryOp } from '../../core/backend.js';

/** erf to ~1e-15: Maclaurin series for |x| < 3, continued fraction of erfc beyond (float64 gradcheck needs it). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const magnitude = Math.abs(x);
  if (magnitude < 3) {
    // erf x = 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1))
    let term = x;
    let sum = x;
    const square = x * x;
    for (let n = 1; n < 100; n++) {
      term *= -square / n;
      const contribution = term / (2 * n + 1);
      sum += contribution;
      if (Math.abs(contribution) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc x = e^{-x²}/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))), evaluated bottom-up
  let fraction = magnitude;
  for (let n = 60; n >= 1; n--) fraction = magnitude + n / 2 / fraction;
  const complement = Math.exp(-magnitude * magnitude) / Math.sqrt(Math.PI) / fraction;
  return Math.sign(x) * (1 - complement);
}

/** Round half to even, as torch.round. */
function roundHalfEven(x: number): number {
  const rounded = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : rounded;
}

export const unaryFunctions: Record<UnaryOp | 'copy', (x: number) => number> = {
  copy: (x) => x,
  neg: (x) => -x,
  abs: Math.abs,
  // torch's (0 < x) − (x < 0): NaN and −0 give +0 (torch 1.13 to 2.x; NumPy keeps NaN)
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  erf,
  floor: Math.floor,
  ceil: Math.ceil,
  round: roundHalfEven,
  log1p: Math.log1p,
  expm1: Math.expm1,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  log2: Math.log2,
  log10: Math.log10,
  exp2: (x) => 2 ** x,
  // Math.max keeps NaN and turns −0 into 0, as torch.relu
  relu: (x) => Math.max(x, 0),
  // NaN is nonzero, hence true, as in torch (JavaScript truthiness would call it false)
  not: (x) => (x !== 0 ? 0 : 1),
  bitwiseNot: (x) => ~x,
};

/**
 * base^exponent in int32 arithmetic, as torch's integer pow (powi): by repeated squaring, each product
 * wrapped modulo 2³² by Math.imul (a double loses the low bits of products past 2⁵³, before the wrap).
 * A negative exponent gives 0, since |base^exponent| < 1, except for the bases 1 (1) and −1 (±1 by
 * the exponent's parity).
 * @example
 * int32Power(2147483647, 3); // 2147483647, as (2³¹ − 1)² ≡ 1 (mod 2³²)
 */
export function int32Power(base: number, exponent: number): number {
  if (exponent < 0) {
    if (base === 1) return 1;
    if (base === -1) return exponent % 2 === 0 ? 1 : -1;
    return 0;
  }
  let result = 1;
  let square = base;
  // exponent = Σ bᵢ 2ⁱ: base^exponent = Π over the set bits of base^(2ⁱ)
  for (let remaining = exponent; remaining !== 0; remaining >>>= 1) {
    if (remaining & 1) result = Math.imul(result, square);
    square = Math.imul(square, square);
  }
  return result;
}

/**
 * The binary functions whose int32 results differ from the double's rounded result cast to int32:
 * the products, which wrap modulo 2³² in two's complement as torch's int32 kernels. (add and sub need
 * no entry: a sum of two int32 values is exact in a double, and the Int32Array store wraps it.)
 */
export const int32BinaryFunctions: Partial<Record<BinaryOp, (a: number, b: number) => number>> = {
  mul: Math.imul,
  pow: int32Power,
};

/** Floored division for integers, as torch's int32 arithmetic never produces fractions. */
export const binaryFunctions: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  // NaN propagates through maximum/minimum, as in torch.maximum
  maximum: (a, b) => (a > b || Number.isNaN(a) ? a : b),
  minimum: (a, b) => (a < b || Number.isNaN(a) ? a : b),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
  and: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  or: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
  atan2: Math.atan2,
  bitwiseAnd: (a, b) => a & b,
  bitwiseOr: (a, b) => a | b,
  bitwiseXor: (a, b) => a ^ b,
  // JavaScript's shifts count modulo 32, as torch 1.13's CPU kernels do (x86's): 1 << 33 is 2, 1 << −1 is 2³¹
  leftShift: (a, b) => a << b,
  rightShift: (a, b) => a >> b,
};
