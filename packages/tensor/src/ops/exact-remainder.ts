import type { DType } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { detach } from './detach.js';
import { abs, add, div, eq, floor, ge, gt, isfinite, logicalAnd, logicalNot, lt, mul, ne, neg, sub, where } from './elementwise.js';
import { exactIntegerDivision } from './integer-division.js';
import { signbit } from './sign-bits.js';

// Veltkamp's splitting constant 2^s + 1 of each floating dtype (s = ⌈mantissa bits / 2⌉), and the
// largest whole quotient 2^(mantissa bits) below which q·b splits into two exact halves.
const splitters: Partial<Record<DType, { splitter: number; exactQuotients: number }>> = {
  float64: { splitter: 2 ** 27 + 1, exactQuotients: 2 ** 53 },
  float32: { splitter: 2 ** 12 + 1, exactQuotients: 2 ** 24 },
  float16: { splitter: 2 ** 6 + 1, exactQuotients: 2 ** 11 },
};

/** v = high + low, both halves of at most half the mantissa, so products of halves are exact (Veltkamp). */
function split(v: Tensor, splitter: number): [Tensor, Tensor] {
  const scaled = mul(v, splitter);
  const high = sub(scaled, sub(scaled, v));
  return [high, sub(v, high)];
}

/**
 * fmod(x, y) for x ≥ 0 (or NaN) and y = |b| > 0, exactly as C's fmod: q = ⌊x/y⌋ (trunc, as x/y ≥ 0) and the
 * product q·y = p + e exactly (Dekker's two-product over Veltkamp halves), so x − q·y = (x − p) − e,
 * where x − p is exact by Sterbenz's lemma (p lies within a factor 2 of x) and the result is
 * representable. x/y rounds, so q can be one off: the result then lies in (−y, 0) or [y, 2y) and one
 * step of y brings it into [0, y). Exact while q < 2^mantissa bits; beyond, e is dropped (q·y is
 * then within a rounding of x anyway). The gradient is 1 for x and −q for y, q of the rounded x/y
 * (the halves' parts of e cancel; the step is a constant), as torch's −trunc(a/b).
 */
function nonnegativeFmod(x: Tensor, y: Tensor, dtype: DType): Tensor {
  const { splitter, exactQuotients } = splitters[dtype] ?? splitters.float32!;
  const quotient = floor(div(x, y));
  const product = mul(quotient, y);
  const [quotientHigh, quotientLow] = split(quotient, splitter);
  const [divisorHigh, divisorLow] = split(y, splitter);
  const error = add(
    add(add(sub(mul(quotientHigh, divisorHigh), product), mul(quotientHigh, divisorLow)), mul(quotientLow, divisorHigh)),
    mul(quotientLow, divisorLow),
  );
  const exact = logicalAnd(lt(quotient, exactQuotients), isfinite(error));
  const difference = sub(sub(x, product), where(exact, error, 0));
  // the correcting step is a constant, so y's gradient stays −q of the rounded quotient, as torch's
  const step = detach(y);
  const raised = where(lt(difference, 0), add(difference, step), difference);
  return where(ge(raised, step), sub(raised, step), raised);
}

/**
 * C's fmod of floating tensors (one dtype, broadcastable): the remainder of the truncated quotient,
 * with a's sign (a zero result too: fmod(−4, 2) is −0). Computed on |a| and |b| and signed back by
 * a constant ±1, so gradients pass; b = 0 or a = ±∞ give NaN, b = ±∞ gives a.
 */
export function floatingFmod(a: Tensor, b: Tensor): Tensor {
  const aSign = where(signbit(a), -1, 1);
  const magnitude = mul(nonnegativeFmod(mul(a, aSign), abs(b), a.dtype), aSign);
  const divisorInfinite = logicalAnd(logicalNot(isfinite(b)), eq(b, b));
  return where(logicalAnd(divisorInfinite, isfinite(a)), a, magnitude);
}

/**
 * int32 fmod, exact for every int32 (a float32 quotient alone is exact only below 2²⁴): the floor
 * remainder r takes b's sign; where r ≠ 0 and a's sign differs from b's, fmod = r − b.
 */
export function integerFmod(a: Tensor, b: Tensor): Tensor {
  const { remainder } = exactIntegerDivision(a, b);
  const signsDiffer = logicalAnd(ne(remainder, 0), ne(lt(a, 0), lt(b, 0)));
  return where(signsDiffer, sub(remainder, b), remainder);
}

/**
 * torch's div_floor from the exact m = fmod(a, b): q = (a − m)/b, one less where m's sign differs
 * from b's, then `rounded` to the nearest integer (q is one up to rounding). So 1 // 0.1 is 9, as
 * Python's. Values only (the caller handles b = 0 and the sign of a zero quotient, where q = 0).
 */
export function floorQuotient(a: Tensor, b: Tensor, modulus: Tensor): { quotient: Tensor; rounded: Tensor } {
  const exact = div(sub(a, modulus), b);
  const signsDiffer = logicalAnd(ne(modulus, 0), ne(lt(b, 0), lt(modulus, 0)));
  const quotient = where(signsDiffer, sub(exact, 1), exact);
  const floored = floor(quotient);
  return { quotient, rounded: where(gt(sub(quotient, floored), 0.5), add(floored, 1), floored) };
}

/**
 * torch.remainder from fmod, as torch's kernel: m = fmod(a, b), plus b where m ≠ 0 and m's sign
 * differs from b's. So remainder(−1, ∞) is ∞ and remainder(1, ∞) is 1, and a zero keeps fmod's sign.
 * Gradients as torch's: 1 for a, −(a // b) for b (Python's floor division: −9 for 1 // 0.1 where
 * −floor(1/0.1) would be −10). m is taken at a constant b, so b's gradient is 1 where b is added,
 * and for finite b the rest enters as (b − stop(b))·(−(a // b) − added), 0 in value, summed where
 * the result is +0 or positive (times a constant ±1), so a −0 result keeps its sign.
 */
export function floatingRemainder(a: Tensor, b: Tensor): Tensor {
  const divisor = detach(b);
  const modulus = floatingFmod(a, divisor);
  const signsDiffer = logicalAnd(ne(modulus, 0), ne(lt(divisor, 0), lt(modulus, 0)));
  const value = where(signsDiffer, add(modulus, b), modulus);
  const quotient = floorQuotient(detach(a), divisor, detach(modulus)).rounded;
  const slope = sub(neg(quotient), castTo(signsDiffer, a.dtype));
  const change = where(isfinite(b), sub(b, divisor), 0);
  const sign = where(signbit(detach(value)), -1, 1);
  return mul(add(mul(value, sign), mul(change, mul(slope, sign))), sign);
}

/** int32 remainder with b's sign, exact for every int32. */
export function integerRemainder(a: Tensor, b: Tensor): Tensor {
  return castTo(exactIntegerDivision(a, b).remainder, a.dtype);
}
