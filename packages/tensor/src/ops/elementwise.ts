import { unaryOps, type BinaryOp, type TensorView, type UnaryOp } from '../core/backend.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import { getDefaultDtype } from '../core/default-dtype.js';
import { floatTypeFor, isFloating, promoteTensorTypes, promoteWithScalar, type DType } from '../core/dtype.js';
import { broadcastShapes, shapesEqual } from '../core/shape.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { record } from '../autograd/record.js';
import type { Primitive } from '../autograd/primitives.js';
import { allocate, assertSameDevice, broadcastView } from './allocate.js';
import { castTo } from './convert.js';
import { isScalar, scalarTensor } from './scalar.js';
import { isTensor } from '../core/brand.js';
import { checkNumber, checkOptions, describeValue, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite, releaseIfMade } from '../core/scope.js';
import { expand } from './views.js';
import { traceObserver } from '../autograd/trace-observer.js';
import { checkLive } from '../core/tensor-arguments.js';

// every unary kernel but logical and bitwise not has a rule in autograd/rules.ts
const differentiableUnary = new Set<string>(unaryOps.filter((op) => op !== 'not' && op !== 'bitwiseNot'));

/** Applies a unary kernel; `float` ops turn int/bool inputs into the default float dtype first (torch.exp(int) is float). */
export function unary(op: UnaryOp, x: Tensor, kind: 'float' | 'same' | 'bool'): Tensor {
  checkLive(op, 'input', x);
  const input = kind === 'float' && !isFloating(x.dtype) ? castTo(x, floatTypeFor(x.dtype)) : x;
  const dtype = kind === 'bool' ? 'bool' : input.dtype;
  const output = allocate(input.shape, dtype, input.device);
  input.storage.backend.unary(op, input.kernelView(), output.kernelView());
  if (differentiableUnary.has(op)) return record(output, op as Primitive, [input], {});
  traceObserver()?.untraced(output, op, [input], {});
  return output;
}

/** −x; a bool tensor is refused, as torch's `-` (a mask is inverted with logicalNot). */
export function neg(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('neg', ['x'], arguments);
  checkLive('neg', 'input', x);
  if (x.dtype === 'bool')
    throw new Error("neg: negation of a bool tensor is not supported (as torch's `-`); to invert a mask, use logicalNot() instead");
  return unary('neg', x, 'same');
}
export function abs(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('abs', ['x'], arguments);
  return unary('abs', x, 'same');
}
export function sign(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('sign', ['x'], arguments);
  return unary('sign', x, 'same');
}
export function exp(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('exp', ['x'], arguments);
  return unary('exp', x, 'float');
}
export function log(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('log', ['x'], arguments);
  return unary('log', x, 'float');
}
export function log1p(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('log1p', ['x'], arguments);
  return unary('log1p', x, 'float');
}
export function expm1(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('expm1', ['x'], arguments);
  return unary('expm1', x, 'float');
}
export function sqrt(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('sqrt', ['x'], arguments);
  return unary('sqrt', x, 'float');
}
export function sin(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('sin', ['x'], arguments);
  return unary('sin', x, 'float');
}
export function cos(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('cos', ['x'], arguments);
  return unary('cos', x, 'float');
}
export function tanh(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('tanh', ['x'], arguments);
  return unary('tanh', x, 'float');
}
export function erf(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('erf', ['x'], arguments);
  return unary('erf', x, 'float');
}
export function tan(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('tan', ['x'], arguments);
  return unary('tan', x, 'float');
}
export function asin(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('asin', ['x'], arguments);
  return unary('asin', x, 'float');
}
export function acos(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('acos', ['x'], arguments);
  return unary('acos', x, 'float');
}
export function atan(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('atan', ['x'], arguments);
  return unary('atan', x, 'float');
}
export function sinh(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('sinh', ['x'], arguments);
  return unary('sinh', x, 'float');
}
export function cosh(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('cosh', ['x'], arguments);
  return unary('cosh', x, 'float');
}
export function asinh(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('asinh', ['x'], arguments);
  return unary('asinh', x, 'float');
}
export function acosh(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('acosh', ['x'], arguments);
  return unary('acosh', x, 'float');
}
export function atanh(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('atanh', ['x'], arguments);
  return unary('atanh', x, 'float');
}
export function log2(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('log2', ['x'], arguments);
  return unary('log2', x, 'float');
}
export function log10(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('log10', ['x'], arguments);
  return unary('log10', x, 'float');
}
export function exp2(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('exp2', ['x'], arguments);
  return unary('exp2', x, 'float');
}
export function floor(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('floor', ['x'], arguments);
  return unary('floor', x, 'same');
}
export function ceil(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('ceil', ['x'], arguments);
  return unary('ceil', x, 'same');
}
export const round = (x: Tensor) => unary('round', x, 'same');
export function logicalNot(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('logicalNot', ['x'], arguments);
  return unary('not', x, 'bool');
}
/** max(x, 0) in one kernel; NaN stays NaN and the gradient at 0 is 0, as torch.relu. */
export function relu(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('relu', ['x'], arguments);
  checkLive('relu', 'input', x);
  if (x.dtype === 'bool') throw new Error('relu: not implemented for bool tensors');
  return unary('relu', x, 'same');
}
export function rsqrt(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('rsqrt', ['x'], arguments);
  return reciprocal(sqrt(x));
}
export function square(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('square', ['x'], arguments);
  return mul(x, x);
}
export function reciprocal(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('reciprocal', ['x'], arguments);
  checkLive('reciprocal', 'input', x);
  return div(isFloating(x.dtype) ? scalarTensor(1, x.dtype, x.device) : 1, x);
}
/** x != x is true only for NaN. */
export function isnan(x: Tensor) {
  if (arguments.length > 1) refuseArgumentsPast('isnan', ['x'], arguments);
  return ne(x, x);
}
/** Finite: |x| < ∞, which is false for NaN too (every comparison with NaN is), so no separate x == x test. */
export function isfinite(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('isfinite', ['x'], arguments);
  checkLive('isfinite', 'input', x);
  return isFloating(x.dtype) ? lt(abs(x), Infinity) : ne(x, x).logicalNot();
}

/** Both operands as tensors of one dtype (PyTorch promotion; JavaScript numbers are weakly typed). */
export function prepareOperands(operation: string, a: TensorOrScalar, b: TensorOrScalar, floatResult = false): [Tensor, Tensor] {
  const scalarA = isScalar(a);
  const scalarB = isScalar(b);
  if (scalarA && scalarB) throw new Error(`${operation}: at least one operand must be a tensor`);
  if (!scalarA && !isTensor(a)) throw operandError(operation, a);
  if (!scalarB && !isTensor(b)) throw operandError(operation, b);
  const reference = (scalarA ? b : a) as Tensor;
  let dtype: DType = scalarA
    ? promoteWithScalar((b as Tensor).dtype, a)
    : scalarB
      ? promoteWithScalar(a.dtype, b)
      : promoteTensorTypes(a.dtype, a.ndim, b.dtype, b.ndim);
  if (floatResult) dtype = floatTypeFor(dtype);
  const left = scalarA ? scalarTensor(a, dtype, reference.device) : castTo(a, dtype);
  const right = scalarB ? scalarTensor(b, dtype, reference.device) : castTo(b, dtype);
  checkLive(operation, 'left', left);
  checkLive(operation, 'right', right);
  // the array for the general check (and its message) only when the devices really differ
  if (left.device !== right.device) assertSameDevice(operation, [left, right]);
  return [left, right];
}

/** An operand is a tensor, a number or a boolean: a string, null or a forgotten argument is named, not read. */
export function checkOperand(operation: string, value: unknown): void {
  if (!isScalar(value as TensorOrScalar) && !isTensor(value)) throw operandError(operation, value);
}

function operandError(operation: string, value: unknown): Error {
  return new Error(`${operation}: expected a tensor or a number, got ${describeValue(value)}`);
}

/**
 * An operand ready for an elementwise kernel over `shape`. One that needs a gradient is expanded
 * through the graph (the expand rule sums the gradient back); any other is read in place with
 * 0-strides — no handle, no node — and rules see it unexpanded, which broadcasting makes equivalent.
 */
function broadcastOperand(x: Tensor, shape: readonly number[]): Tensor {
  return x.requiresGrad && isGradEnabled() && !shapesEqual(x.shape, shape) ? expand(x, shape) : x;
}

function broadcastKernelView(x: Tensor, shape: readonly number[]): TensorView {
  return shapesEqual(x.shape, shape) ? x.kernelView() : broadcastView(x, shape);
}

const differentiableBinary = new Set<string>(['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'atan2']);

/** Applies a binary kernel to the operands promoted to one dtype and broadcast; records a node for the differentiable ops. */
export function binary(op: BinaryOp, a: TensorOrScalar, b: TensorOrScalar, resultType: 'same' | 'float' | 'bool'): Tensor {
  const [castLeft, castRight] = prepareOperands(op, a, b, resultType === 'float');
  const shape = shapesEqual(castLeft.shape, castRight.shape) ? castLeft.shape : broadcastShapes(op, castLeft.shape, castRight.shape);
  const left = broadcastOperand(castLeft, shape);
  const right = broadcastOperand(castRight, shape);
  const output = allocate(shape, resultType === 'bool' ? 'bool' : left.dtype, left.device);
  left.storage.backend.binary(op, broadcastKernelView(left, shape), broadcastKernelView(right, shape), output.kernelView());
  if (differentiableBinary.has(op)) record(output, op as Primitive, [left, right], {});
  else traceObserver()?.untraced(output, op, [left, right], {});
  releaseMadeHere(left, castLeft, a);
  releaseMadeHere(right, castRight, b);
  return output;
}

/**
 * Releases what an op made of an operand it was given: its cast to the common dtype and its expansion
 * to the broadcast shape (the graph keeps its own references to them). Scalars become shared constants,
 * which are not the op's to release.
 */
function releaseMadeHere(operand: Tensor, cast: Tensor, given: TensorOrScalar): void {
  releaseIfMade(operand, cast);
  if (!isScalar(given)) releaseIfMade(cast, given);
}

/**
 * `target ← target op other` written straight into target's buffer, when no graph is needed and the
 * result keeps target's dtype and shape (optimizer updates). Returns false when the caller must take
 * the general path.
 */
export function binaryInPlace(op: BinaryOp, target: Tensor, other: TensorOrScalar): boolean {
  const otherTensor = isScalar(other) ? undefined : other;
  if (isGradEnabled() && (target.requiresGrad || otherTensor?.requiresGrad)) return false;
  // a tracer (ONNX export) sees an in-place op as its out-of-place op and a write
  if (traceObserver() !== undefined) return false;
  // bool + bool is a logical or, and bool − x is refused: the general path has both rules
  if (target.dtype === 'bool' && (op === 'add' || op === 'sub')) return false;
  const dtype = otherTensor
    ? promoteTensorTypes(target.dtype, target.ndim, otherTensor.dtype, otherTensor.ndim)
    : promoteWithScalar(target.dtype, other as number);
  if (dtype !== target.dtype || (op === 'div' && !isFloating(dtype))) return false;
  const operand = otherTensor ?? scalarTensor(other as number, dtype, target.device);
  assertSameDevice(op, [target, operand]);
  // reading and writing one buffer through different layouts would read already-updated elements
  if (operand.storage === target.storage) return false;
  if (!shapesEqual(broadcastShapes(op, target.shape, operand.shape), target.shape)) return false;
  const destination = target.kernelView();
  target.storage.backend.binary(op, destination, broadcastKernelView(operand, target.shape), destination);
  target.storage.version++;
  return true;
}

// a number's .dtype reads undefined: one property load per operand, no call, on the add/sub hot path
// (`?.`: a forgotten operand reaches prepareOperands' check instead of failing here)
const isBoolTensor = (x: TensorOrScalar): boolean => (x as Tensor | undefined)?.dtype === 'bool';

/**
 * torch refuses `-` with a bool tensor operand: two masks are compared with logicalXor, one is
 * inverted with logicalNot.
 */
export function checkSubtraction(operation: string, a: TensorOrScalar, b: TensorOrScalar): void {
  const [left, right] = [isBoolTensor(a), isBoolTensor(b)];
  if (left && right)
    throw new Error(`${operation}: subtraction of two bool tensors is not supported (as torch's \`-\`); use logicalXor() instead`);
  if (left || right)
    throw new Error(
      `${operation}: subtraction with a bool tensor is not supported (as torch's \`-\`); to invert a mask, use logicalNot() instead`,
    );
}

/** torch refuses a fractional alpha when both operands are integral: the result would not be. */
export function checkIntegralAlpha(operation: string, a: TensorOrScalar, b: TensorOrScalar, scale: number): void {
  if (Number.isInteger(scale)) return;
  const integral = (x: TensorOrScalar) => (isTensor(x) ? !isFloating(x.dtype) : Number.isInteger(x));
  if (integral(a) && integral(b)) throw new Error(`${operation}: for integer tensors, alpha must not be a fractional number, got ${scale}`);
}

/** `a + alpha·b`; two bool tensors give their logical or, as torch's True + True = True. */
export function add(a: TensorOrScalar, b: TensorOrScalar, alpha?: number | AlphaOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('add', ['a', 'b', 'alpha'], arguments);
  if (alpha === undefined || alpha === 1) return isBoolTensor(a) && isBoolTensor(b) ? logicalOr(a, b) : binary('add', a, b, 'same');
  const scale = alphaOf('add', alpha);
  checkOperand('add', b);
  checkIntegralAlpha('add', a, b, scale);
  if (!isTensor(b)) return binary('add', a, (b as number) * scale, 'same');
  return composite(() => binary('add', a, mul(b, scale), 'same'));
}
/** `a - alpha·b`; a bool tensor operand is refused, as torch's `-`. */
export function sub(a: TensorOrScalar, b: TensorOrScalar, alpha?: number | AlphaOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('sub', ['a', 'b', 'alpha'], arguments);
  if (isBoolTensor(a) || isBoolTensor(b)) checkSubtraction('sub', a, b);
  if (alpha === undefined || alpha === 1) return binary('sub', a, b, 'same');
  const scale = alphaOf('sub', alpha);
  checkOperand('sub', b);
  checkIntegralAlpha('sub', a, b, scale);
  if (!isTensor(b)) return binary('sub', a, (b as number) * scale, 'same');
  return composite(() => binary('sub', a, mul(b, scale), 'same'));
}

/** torch's keyword of add and sub: `x.add(y, alpha=2)` is `x.add(y, { alpha: 2 })`. */
export interface AlphaOptions {
  /** The multiplier of the second operand. Default 1. */
  alpha?: number;
}

/** The multiplier of `b` in add and sub, given as a number or as `{ alpha }`. */
export function alphaOf(operation: string, alpha: number | AlphaOptions): number {
  const { alpha: scale = 1 } = readArguments<AlphaOptions>(operation, [alpha], ['alpha'], ['alpha']);
  checkNumber(operation, 'alpha', scale);
  return scale;
}
export function mul(a: TensorOrScalar, b: TensorOrScalar) {
  if (arguments.length > 2) refuseArgumentsPast('mul', ['a', 'b'], arguments);
  return binary('mul', a, b, 'same');
}
/** True division: integer operands give float32, as torch.div. */
export const div = (a: TensorOrScalar, b: TensorOrScalar) => binary('div', a, b, 'float');
/** a to the power b; an integer tensor to a negative integer number is refused, as torch's. */
export function pow(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('pow', ['a', 'b'], arguments);
  // the result would be a fraction stored as an integer (2 ** -1 → 0): torch refuses a number exponent
  if (typeof b === 'number' && b < 0 && Number.isInteger(b) && isTensor(a) && !isFloating(a.dtype))
    throw new Error(
      `pow: integers to negative integer powers are not allowed (${a.dtype} tensor to the power ${b}); cast it to a float first`,
    );
  return binary('pow', a, b, 'same');
}
export function maximum(a: TensorOrScalar, b: TensorOrScalar) {
  if (arguments.length > 2) refuseArgumentsPast('maximum', ['a', 'b'], arguments);
  return binary('maximum', a, b, 'same');
}
/** The angle of the point (b, a) in (−π, π], quadrant by the signs of both (torch.atan2(input, other)). */
export function atan2(a: TensorOrScalar, b: TensorOrScalar) {
  if (arguments.length > 2) refuseArgumentsPast('atan2', ['a', 'b'], arguments);
  return binary('atan2', a, b, 'float');
}
export function minimum(a: TensorOrScalar, b: TensorOrScalar) {
  if (arguments.length > 2) refuseArgumentsPast('minimum', ['a', 'b'], arguments);
  return binary('minimum', a, b, 'same');
}
export function eq(a: TensorOrScalar, b: TensorOrScalar) {
  if (arguments.length > 2) refuseArgumentsPast('eq', ['a', 'b'], arguments);
  return binary('eq', a, b, 'bool');
}
export function ne(a: TensorOrScalar, b: TensorOrScalar) {
  if (arguments.length > 2) refuseArgumentsPast('ne', ['a', 'b'], arguments);
  return binary('ne', a, b, 'bool');
}
export function lt(a: TensorOrScalar, b: TensorOrScalar) {
  if (arguments.length > 2) refuseArgumentsPast('lt', ['a', 'b'], arguments);
  return binary('lt', a, b, 'bool');
}
export function le(a: TensorOrScalar, b: TensorOrScalar) {
  if (arguments.length > 2) refuseArgumentsPast('le', ['a', 'b'], arguments);
  return binary('le', a, b, 'bool');
}
export function gt(a: TensorOrScalar, b: TensorOrScalar) {
  if (arguments.length > 2) refuseArgumentsPast('gt', ['a', 'b'], arguments);
  return binary('gt', a, b, 'bool');
}
export function ge(a: TensorOrScalar, b: TensorOrScalar) {
  if (arguments.length > 2) refuseArgumentsPast('ge', ['a', 'b'], arguments);
  return binary('ge', a, b, 'bool');
}
export function logicalAnd(a: TensorOrScalar, b: TensorOrScalar) {
  if (arguments.length > 2) refuseArgumentsPast('logicalAnd', ['a', 'b'], arguments);
  return binary('and', a, b, 'bool');
}
export function logicalOr(a: TensorOrScalar, b: TensorOrScalar) {
  if (arguments.length > 2) refuseArgumentsPast('logicalOr', ['a', 'b'], arguments);
  return binary('or', a, b, 'bool');
}

/**
 * The dtype torch.where gives two scalars: bool for two booleans, int32 for integers (and booleans),
 * else the default floating dtype.
 */
function twoScalarsDtype(a: number | boolean, b: number | boolean): DType {
  if (typeof a === 'boolean' && typeof b === 'boolean') return 'bool';
  const integral = (value: number | boolean) => typeof value === 'boolean' || Number.isInteger(value);
  return integral(a) && integral(b) ? 'int32' : getDefaultDtype();
}

/** `condition ? a : b` elementwise, broadcasting all three; a and b may both be numbers, as torch's. */
export function where(condition: Tensor, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('where', ['condition', 'a', 'b'], arguments);
  if (a === undefined || b === undefined)
    throw new Error(
      'where: needs (condition, a, b); torch.where(condition) with one argument is nonzero(condition): its columns are the indices of each dimension',
    );
  if (isScalar(a) && isScalar(b)) return where(condition, scalarTensor(a, twoScalarsDtype(a, b), condition.device), b);
  const [castLeft, castRight] = prepareOperands('where', a, b);
  const mask = condition.dtype === 'bool' ? condition : ne(condition, 0);
  assertSameDevice('where', [mask, castLeft]);
  const shape = broadcastShapes('where', mask.shape, castLeft.shape, castRight.shape);
  const left = broadcastOperand(castLeft, shape);
  const right = broadcastOperand(castRight, shape);
  const output = allocate(shape, left.dtype, left.device);
  left.storage.backend.where(
    broadcastKernelView(mask, shape),
    broadcastKernelView(left, shape),
    broadcastKernelView(right, shape),
    output.kernelView(),
  );
  // the mask is an input of the primitive without a gradient; its edge stays empty
  record(output, 'where', [mask, left, right], {});
  releaseIfMade(mask, condition);
  releaseMadeHere(left, castLeft, a);
  releaseMadeHere(right, castRight, b);
  return output;
}

/**
 * NaN where a tensor bound is NaN, as torch's clamp propagates it (a NaN number bound is ignored,
 * as torch's); no gradient reaches x or the bound there, as torch's.
 */
function withNanBound(bound: number | Tensor, clamped: Tensor): Tensor {
  if (!isTensor(bound) || !isFloating(bound.dtype)) return clamped;
  return where(isnan(bound), Number.NaN, clamped);
}

/** Clamps into [min, max]; bounds may be numbers or tensors, a NaN tensor bound giving NaN (torch.clamp). */
export function clamp(
  x: Tensor,
  minOrOptions?: number | Tensor | { min?: number | Tensor; max?: number | Tensor },
  maxBound?: number | Tensor,
): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('clamp', ['x', 'minOrOptions', 'maxBound'], arguments);
  // clamp(x, { min, max }): PyTorch's keywords as an options object
  const keywords = typeof minOrOptions === 'object' && minOrOptions !== null && !isTensor(minOrOptions);
  if (keywords && maxBound !== undefined) throw new Error('clamp: pass (min, max) or ({ min, max }), not both');
  const { min, max } = keywords
    ? checkOptions('clamp', minOrOptions as { min?: number | Tensor; max?: number | Tensor }, ['min', 'max'])
    : { min: minOrOptions as number | Tensor | undefined, max: maxBound };
  for (const bound of [min, max])
    if (bound !== undefined && bound !== null && typeof bound !== 'number' && !isTensor(bound))
      throw new Error(`clamp: min and max must be numbers or tensors, got ${describeValue(bound)}`);
  if (min === undefined && max === undefined) throw new Error('clamp: at least one of min and max must be given');
  return composite(() => {
    let result = x;
    // where() rather than maximum(): the gradient of clamp is 1 inside [min, max] and 0 outside, as in torch
    if (min !== undefined) result = withNanBound(min, where(lt(result, min), min, result));
    if (max !== undefined) result = withNanBound(max, where(gt(result, max), max, result));
    return result;
  });
}
