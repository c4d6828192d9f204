import { assignResult } from '../ops/inplace.js';
import type { Tensor, TensorOrScalar } from './tensor.js';

/** Tensor's methods by name, for calling the out-of-place namesake. */
type Methods = Record<string, (...values: unknown[]) => Tensor>;

// torch's in-place twins of out-of-place methods: `x.exp_()` is `x.exp()` written back into x's
// storage, the same arguments and the same result, with the in-place rules of `assignResult` (the
// result cast to x's dtype when it can be, x's version bumped, x taking the result's place in the
// graph). One interface declares them for the type checker, one table lists them for the prototype.

/** Tensor's in-place twins: each computes its out-of-place namesake and writes the result into this tensor. */
export interface InPlaceTwins {
  /** `abs()` in place (torch.Tensor.abs_). */
  abs_(...args: Parameters<Tensor['abs']>): this;
  /** `absolute()` in place. */
  absolute_(...args: Parameters<Tensor['absolute']>): this;
  /** `acos()` in place. */
  acos_(...args: Parameters<Tensor['acos']>): this;
  /** `acosh()` in place. */
  acosh_(...args: Parameters<Tensor['acosh']>): this;
  /** `addbmm(batch1, batch2)` in place. */
  addbmm_(...args: Parameters<Tensor['addbmm']>): this;
  /** `addmv(mat, vec)` in place. */
  addmv_(...args: Parameters<Tensor['addmv']>): this;
  /** `addr(vec1, vec2)` in place. */
  addr_(...args: Parameters<Tensor['addr']>): this;
  /** `arccos()` in place. */
  arccos_(...args: Parameters<Tensor['arccos']>): this;
  /** `arccosh()` in place. */
  arccosh_(...args: Parameters<Tensor['arccosh']>): this;
  /** `arcsin()` in place. */
  arcsin_(...args: Parameters<Tensor['arcsin']>): this;
  /** `arcsinh()` in place. */
  arcsinh_(...args: Parameters<Tensor['arcsinh']>): this;
  /** `arctan()` in place. */
  arctan_(...args: Parameters<Tensor['arctan']>): this;
  /** `arctan2(other)` in place. */
  arctan2_(...args: Parameters<Tensor['arctan2']>): this;
  /** `arctanh()` in place. */
  arctanh_(...args: Parameters<Tensor['arctanh']>): this;
  /** `asin()` in place. */
  asin_(...args: Parameters<Tensor['asin']>): this;
  /** `asinh()` in place. */
  asinh_(...args: Parameters<Tensor['asinh']>): this;
  /** `atan()` in place. */
  atan_(...args: Parameters<Tensor['atan']>): this;
  /** `atan2(other)` in place. */
  atan2_(...args: Parameters<Tensor['atan2']>): this;
  /** `atanh()` in place. */
  atanh_(...args: Parameters<Tensor['atanh']>): this;
  /** `baddbmm(batch1, batch2)` in place. */
  baddbmm_(...args: Parameters<Tensor['baddbmm']>): this;
  /** `bitwiseAnd(other)` in place. */
  bitwiseAnd_(...args: Parameters<Tensor['bitwiseAnd']>): this;
  /** `bitwiseLeftShift(other)` in place. */
  bitwiseLeftShift_(...args: Parameters<Tensor['bitwiseLeftShift']>): this;
  /** `bitwiseNot()` in place. */
  bitwiseNot_(...args: Parameters<Tensor['bitwiseNot']>): this;
  /** `bitwiseOr(other)` in place. */
  bitwiseOr_(...args: Parameters<Tensor['bitwiseOr']>): this;
  /** `bitwiseRightShift(other)` in place. */
  bitwiseRightShift_(...args: Parameters<Tensor['bitwiseRightShift']>): this;
  /** `bitwiseXor(other)` in place. */
  bitwiseXor_(...args: Parameters<Tensor['bitwiseXor']>): this;
  /** `ceil()` in place. */
  ceil_(...args: Parameters<Tensor['ceil']>): this;
  /** `clampMax(max)` in place (torch.Tensor.clamp_max_). */
  clampMax_(...args: Parameters<Tensor['clampMax']>): this;
  /** `clampMin(min)` in place (torch.Tensor.clamp_min_). */
  clampMin_(...args: Parameters<Tensor['clampMin']>): this;
  /** `clip(min, max)` in place. */
  clip_(...args: Parameters<Tensor['clip']>): this;
  /** `copysign(other)` in place. */
  copysign_(...args: Parameters<Tensor['copysign']>): this;
  /** `cos()` in place. */
  cos_(...args: Parameters<Tensor['cos']>): this;
  /** `cosh()` in place. */
  cosh_(...args: Parameters<Tensor['cosh']>): this;
  /** `cumprod(dim)` in place. */
  cumprod_(...args: Parameters<Tensor['cumprod']>): this;
  /** `cumsum(dim)` in place. */
  cumsum_(...args: Parameters<Tensor['cumsum']>): this;
  /** `deg2rad()` in place. */
  deg2rad_(...args: Parameters<Tensor['deg2rad']>): this;
  /** `digamma()` in place. */
  digamma_(...args: Parameters<Tensor['digamma']>): this;
  /** `divide(other, options)` in place. */
  divide_(...args: Parameters<Tensor['divide']>): this;
  /** `eq(other)` in place: 1 where equal, else 0, in this tensor's dtype. */
  eq_(...args: Parameters<Tensor['eq']>): this;
  /** `erf()` in place. */
  erf_(...args: Parameters<Tensor['erf']>): this;
  /** `erfc()` in place. */
  erfc_(...args: Parameters<Tensor['erfc']>): this;
  /** `erfinv()` in place. */
  erfinv_(...args: Parameters<Tensor['erfinv']>): this;
  /** `exp()` in place. */
  exp_(...args: Parameters<Tensor['exp']>): this;
  /** `exp2()` in place. */
  exp2_(...args: Parameters<Tensor['exp2']>): this;
  /** `expm1()` in place. */
  expm1_(...args: Parameters<Tensor['expm1']>): this;
  /** `fix()` in place. */
  fix_(...args: Parameters<Tensor['fix']>): this;
  /** `floor()` in place. */
  floor_(...args: Parameters<Tensor['floor']>): this;
  /** `floorDivide(other)` in place. */
  floorDivide_(...args: Parameters<Tensor['floorDivide']>): this;
  /** `fmod(other)` in place. */
  fmod_(...args: Parameters<Tensor['fmod']>): this;
  /** `frac()` in place. */
  frac_(...args: Parameters<Tensor['frac']>): this;
  /** `gcd(other)` in place. */
  gcd_(...args: Parameters<Tensor['gcd']>): this;
  /** `ge(other)` in place. */
  ge_(...args: Parameters<Tensor['ge']>): this;
  /** `greater(other)` in place. */
  greater_(...args: Parameters<Tensor['greater']>): this;
  /** `greaterEqual(other)` in place. */
  greaterEqual_(...args: Parameters<Tensor['greaterEqual']>): this;
  /** `gt(other)` in place. */
  gt_(...args: Parameters<Tensor['gt']>): this;
  /** `heaviside(values)` in place. */
  heaviside_(...args: Parameters<Tensor['heaviside']>): this;
  /** `hypot(other)` in place. */
  hypot_(...args: Parameters<Tensor['hypot']>): this;
  /** `i0()` in place. */
  i0_(...args: Parameters<Tensor['i0']>): this;
  /** `lcm(other)` in place. */
  lcm_(...args: Parameters<Tensor['lcm']>): this;
  /** `ldexp(other)` in place. */
  ldexp_(...args: Parameters<Tensor['ldexp']>): this;
  /** `le(other)` in place. */
  le_(...args: Parameters<Tensor['le']>): this;
  /** `lerp(end, weight)` in place. */
  lerp_(...args: Parameters<Tensor['lerp']>): this;
  /** `less(other)` in place. */
  less_(...args: Parameters<Tensor['less']>): this;
  /** `lessEqual(other)` in place. */
  lessEqual_(...args: Parameters<Tensor['lessEqual']>): this;
  /** `lgamma()` in place. */
  lgamma_(...args: Parameters<Tensor['lgamma']>): this;
  /** `log()` in place. */
  log_(...args: Parameters<Tensor['log']>): this;
  /** `log10()` in place. */
  log10_(...args: Parameters<Tensor['log10']>): this;
  /** `log1p()` in place. */
  log1p_(...args: Parameters<Tensor['log1p']>): this;
  /** `log2()` in place. */
  log2_(...args: Parameters<Tensor['log2']>): this;
  /** `logicalAnd(other)` in place. */
  logicalAnd_(...args: Parameters<Tensor['logicalAnd']>): this;
  /** `logicalNot()` in place. */
  logicalNot_(...args: Parameters<Tensor['logicalNot']>): this;
  /** `logicalOr(other)` in place. */
  logicalOr_(...args: Parameters<Tensor['logicalOr']>): this;
  /** `logicalXor(other)` in place. */
  logicalXor_(...args: Parameters<Tensor['logicalXor']>): this;
  /** `logit(eps)` in place. */
  logit_(...args: Parameters<Tensor['logit']>): this;
  /** `lt(other)` in place. */
  lt_(...args: Parameters<Tensor['lt']>): this;
  /** `multiply(other)` in place. */
  multiply_(...args: Parameters<Tensor['multiply']>): this;
  /** `mvlgamma(p)` in place. */
  mvlgamma_(...args: Parameters<Tensor['mvlgamma']>): this;
  /** `nanToNum(nan, posinf, neginf)` in place. */
  nanToNum_(...args: Parameters<Tensor['nanToNum']>): this;
  /** `ne(other)` in place. */
  ne_(...args: Parameters<Tensor['ne']>): this;
  /** `neg()` in place. */
  neg_(...args: Parameters<Tensor['neg']>): this;
  /** `negative()` in place. */
  negative_(...args: Parameters<Tensor['negative']>): this;
  /** `nextafter(other)` in place. */
  nextafter_(...args: Parameters<Tensor['nextafter']>): this;
  /** `notEqual(other)` in place. */
  notEqual_(...args: Parameters<Tensor['notEqual']>): this;
  /** `polygamma(n)` in place. */
  polygamma_(...args: Parameters<Tensor['polygamma']>): this;
  /** `put(index, source, accumulate)` in place. */
  put_(...args: Parameters<Tensor['put']>): this;
  /** `rad2deg()` in place. */
  rad2deg_(...args: Parameters<Tensor['rad2deg']>): this;
  /** `reciprocal()` in place. */
  reciprocal_(...args: Parameters<Tensor['reciprocal']>): this;
  /** `relu()` in place. */
  relu_(...args: Parameters<Tensor['relu']>): this;
  /** `remainder(other)` in place. */
  remainder_(...args: Parameters<Tensor['remainder']>): this;
  /** `round()` in place. */
  round_(...args: Parameters<Tensor['round']>): this;
  /** `rsqrt()` in place. */
  rsqrt_(...args: Parameters<Tensor['rsqrt']>): this;
  /** `scatter(dim, index, source)` in place. */
  scatter_(...args: Parameters<Tensor['scatter']>): this;
  /** `scatterAdd(dim, index, source)` in place. */
  scatterAdd_(...args: Parameters<Tensor['scatterAdd']>): this;
  /** `sgn()` in place. */
  sgn_(...args: Parameters<Tensor['sgn']>): this;
  /** `sigmoid()` in place. */
  sigmoid_(...args: Parameters<Tensor['sigmoid']>): this;
  /** `sign()` in place. */
  sign_(...args: Parameters<Tensor['sign']>): this;
  /** `sin()` in place. */
  sin_(...args: Parameters<Tensor['sin']>): this;
  /** `sinc()` in place. */
  sinc_(...args: Parameters<Tensor['sinc']>): this;
  /** `sinh()` in place. */
  sinh_(...args: Parameters<Tensor['sinh']>): this;
  /** `sqrt()` in place. */
  sqrt_(...args: Parameters<Tensor['sqrt']>): this;
  /** `square()` in place. */
  square_(...args: Parameters<Tensor['square']>): this;
  /** `subtract(other, alpha)` in place. */
  subtract_(...args: Parameters<Tensor['subtract']>): this;
  /** `tan()` in place. */
  tan_(...args: Parameters<Tensor['tan']>): this;
  /** `tanh()` in place. */
  tanh_(...args: Parameters<Tensor['tanh']>): this;
  /** `tril(diagonal)` in place. */
  tril_(...args: Parameters<Tensor['tril']>): this;
  /** `triu(diagonal)` in place. */
  triu_(...args: Parameters<Tensor['triu']>): this;
  /** `trueDivide(other)` in place. */
  trueDivide_(...args: Parameters<Tensor['trueDivide']>): this;
  /** `trunc()` in place. */
  trunc_(...args: Parameters<Tensor['trunc']>): this;
  /** `xlogy(other)` in place. */
  xlogy_(...args: Parameters<Tensor['xlogy']>): this;
}

/**
 * Every twin, for the prototype; the type checker holds it to exactly the interface's names. A function
 * declaration, not a constant: tensor.ts installs the twins while this module may still be loading (the
 * two import each other), when a constant would not be initialised yet.
 */
function twinTable(): Record<keyof InPlaceTwins, true> {
  return {
    abs_: true,
    absolute_: true,
    acos_: true,
    acosh_: true,
    addbmm_: true,
    addmv_: true,
    addr_: true,
    arccos_: true,
    arccosh_: true,
    arcsin_: true,
    arcsinh_: true,
    arctan_: true,
    arctan2_: true,
    arctanh_: true,
    asin_: true,
    asinh_: true,
    atan_: true,
    atan2_: true,
    atanh_: true,
    baddbmm_: true,
    bitwiseAnd_: true,
    bitwiseLeftShift_: true,
    bitwiseNot_: true,
    bitwiseOr_: true,
    bitwiseRightShift_: true,
    bitwiseXor_: true,
    ceil_: true,
    clampMax_: true,
    clampMin_: true,
    clip_: true,
    copysign_: true,
    cos_: true,
    cosh_: true,
    cumprod_: true,
    cumsum_: true,
    deg2rad_: true,
    digamma_: true,
    divide_: true,
    eq_: true,
    erf_: true,
    erfc_: true,
    erfinv_: true,
    exp_: true,
    exp2_: true,
    expm1_: true,
    fix_: true,
    floor_: true,
    floorDivide_: true,
    fmod_: true,
    frac_: true,
    gcd_: true,
    ge_: true,
    greater_: true,
    greaterEqual_: true,
    gt_: true,
    heaviside_: true,
    hypot_: true,
    i0_: true,
    lcm_: true,
    ldexp_: true,
    le_: true,
    lerp_: true,
    less_: true,
    lessEqual_: true,
    lgamma_: true,
    log_: true,
    log10_: true,
    log1p_: true,
    log2_: true,
    logicalAnd_: true,
    logicalNot_: true,
    logicalOr_: true,
    logicalXor_: true,
    logit_: true,
    lt_: true,
    multiply_: true,
    mvlgamma_: true,
    nanToNum_: true,
    ne_: true,
    neg_: true,
    negative_: true,
    nextafter_: true,
    notEqual_: true,
    polygamma_: true,
    put_: true,
    rad2deg_: true,
    reciprocal_: true,
    relu_: true,
    remainder_: true,
    round_: true,
    rsqrt_: true,
    scatter_: true,
    scatterAdd_: true,
    sgn_: true,
    sigmoid_: true,
    sign_: true,
    sin_: true,
    sinc_: true,
    sinh_: true,
    sqrt_: true,
    square_: true,
    subtract_: true,
    tan_: true,
    tanh_: true,
    tril_: true,
    triu_: true,
    trueDivide_: true,
    trunc_: true,
    xlogy_: true,
  };
}

/** The twins' names (`abs_`, …), for tests that hold a reference to every one. */
export function inPlaceTwinNames(): string[] {
  return Object.keys(twinTable());
}

/**
 * Puts every twin on Tensor's prototype: `name_` calls the out-of-place `name` on what `assignResult`
 * hands it (the tensor itself, or a copy of it while a graph is recorded) with the same arguments.
 */
export function installInPlaceTwins(prototype: object): void {
  for (const operation of inPlaceTwinNames()) {
    const outOfPlace = operation.slice(0, -1);
    Object.defineProperty(prototype, operation, {
      configurable: true,
      writable: true,
      value: function (this: Tensor, ...args: unknown[]) {
        // options objects among the arguments pass through assignResult untouched, as numbers do
        const operands = args as readonly (TensorOrScalar | undefined)[];
        return assignResult(this, operation, (self, read) => (self as unknown as Methods)[outOfPlace]!(...read), operands);
      },
    });
  }
}
