import { isGradEnabled } from '../autograd/grad-mode.js';
import { checkViewOfLeaf, recordInPlaceWrite } from '../autograd/in-place-history.js';
import { traceObserver } from '../autograd/trace-observer.js';
import { isFloating } from '../core/dtype.js';
import type { BinaryOp } from '../core/backend.js';
import type { TensorOrScalar } from '../core/tensor.js';
import { add, alphaOf, binaryInPlace, checkIntegralAlpha, checkOperand, mul, sub, div, type AlphaOptions } from './elementwise.js';
import { isTensor } from '../core/brand.js';
import { composite, releaseIfMade } from '../core/scope.js';
import { formatShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';
import { isScalar, scalarTensor } from './scalar.js';
import { describeValue } from '../core/options.js';
import { clone, expand } from './views.js';

/**
 * Throws unless `operation` may write into `target` in place: alive, not a leaf that requires grad
 * while gradients are recorded, and no memory location standing for several elements — unless
 * `oneValue` (fill_, zero_): every element then gets the same value, so each location gets it too.
 * torch also lets masked_fill_, index_fill_, index_put_ and fill_diagonal_ through, with a deprecation
 * warning; here they would write a whole computed tensor into the view, each location ending with the
 * value of its last element, so they refuse as well.
 */
export function checkWritable(target: Tensor, operation: string, oneValue = false): void {
  target.assertAlive(operation);
  if (target.isLeaf && target.requiresGrad && isGradEnabled())
    throw new Error(`${operation}: a leaf Variable that requires grad is being used in an in-place operation; wrap it in noGrad()`);
  checkViewOfLeaf(target, operation);
  if (!oneValue) checkNoInternalOverlap(target, operation);
}

/**
 * torch's refusal to write into a tensor where several elements are one memory location (a dim of
 * stride 0 and size > 1, as `expand` makes): `z.expand(2, 3).add_(1)` would add once per element that
 * reads the location, so z would gain 2, not 1.
 */
function checkNoInternalOverlap(target: Tensor, operation: string): void {
  const { shape, strides } = target;
  if (shape.includes(0)) return; // no elements, nothing written
  for (let axis = 0; axis < shape.length; axis++)
    if (strides[axis] === 0 && shape[axis]! > 1)
      throw new Error(
        `${operation}: unsupported operation: more than one element of the written-to tensor refers to a single memory location ` +
          `(dim ${axis} of shape ${formatShape(shape)} has stride 0, as expand() makes); clone() the tensor before the in-place operation`,
      );
}

/**
 * An in-place op that reads its target (`add_`, `mul_`, `pow_`, `clamp_`, ...), computed out of place and
 * written into `target`'s storage, whose version goes up so that autograd catches a tensor that was
 * saved for backward and then changed. When a graph is recorded, `compute` reads a copy of the target
 * (PyTorch's `original_self`): what the op's node saves for backward is then that copy, which the write
 * leaves intact, so `x.clone().mul_(2)` differentiates as in torch; `target` takes the result's place in
 * the graph (PyTorch's rebase of history). `operands` are the op's other inputs: one that shares the
 * target's storage is read from a copy too. The result and what `compute` made on the way are released
 * when the op returns; the graph keeps what it saved.
 */
export function assignResult<T extends Tensor>(
  target: T,
  operation: string,
  compute: (self: Tensor, operands: readonly (TensorOrScalar | undefined)[]) => Tensor,
  operands: readonly (TensorOrScalar | undefined)[] = [],
): T {
  checkWritable(target, operation);
  const recording = isGradEnabled() && (target.requiresGrad || operands.some((operand) => isTensor(operand) && operand.requiresGrad));
  return composite(() => {
    if (!recording) return assignComputed(target, operation, compute(target, operands));
    const original = clone(target);
    const read = operands.map((operand) =>
      operand === target ? original : isTensor(operand) && operand.storage === target.storage ? clone(operand) : operand,
    );
    return assignComputed(target, operation, compute(original, read));
  });
}

/** Writes a result that does not read the target (`copy_`), releasing what `compute` made. */
function writeResult<T extends Tensor>(target: T, operation: string, compute: () => Tensor): T {
  checkWritable(target, operation);
  return composite(() => assignComputed(target, operation, compute()));
}

function assignComputed<T extends Tensor>(target: T, operation: string, result: Tensor): T {
  if (!shapesEqual(result.shape, target.shape))
    throw new Error(
      `${operation}: output with shape ${formatShape(target.shape)} doesn't match the broadcast shape ${formatShape(result.shape)}`,
    );
  if (isFloating(result.dtype) && !isFloating(target.dtype))
    throw new Error(`${operation}: result type ${result.dtype} can't be cast to the desired output type ${target.dtype}`);
  const source = castTo(result, target.dtype);
  target.storage.backend.unary('copy', source.kernelView(), target.kernelView());
  target.storage.version++;
  recordInPlaceWrite(target, result);
  traceObserver()?.inPlace?.(target, source);
  return target;
}

/** target ← source (broadcast, cast), as torch's copy_. */
export function copyInto<T extends Tensor>(target: T, source: Tensor): T {
  checkTensorArguments('copy_', { src: source });
  checkWritable(target, 'copy_');
  if (source.device !== target.device)
    throw new Error(`copy_: source is on '${source.device}' and target on '${target.device}'; move it with .to() first`);
  // a source that shares the target's storage (x.copy_(x.flip(0))) is read from a copy first
  return writeResult(target, 'copy_', () => {
    const values = source.storage === target.storage ? clone(source) : source;
    return expand(castTo(values, target.dtype), [...target.shape]);
  });
}

export function fill<T extends Tensor>(target: T, value: number | Tensor, operation: 'fill_' | 'zero_' = 'fill_'): T {
  // torch's value is a number or a 0-d tensor, which may live on the CPU whatever the target's device
  if (isTensor(value)) {
    if (value.ndim !== 0)
      throw new Error(`${operation}: only supports 0-dimension value tensor but got tensor with ${value.ndim} dimensions`);
    checkWritable(target, operation, true);
    return composite(() => {
      const source = value.device === target.device ? value : value.to(target.device);
      return assignComputed(target, operation, expand(castTo(source, target.dtype), [...target.shape]));
    });
  }
  if (!isScalar(value)) throw new Error(`${operation}: value must be a number or a 0-d tensor, got ${describeValue(value)}`);
  checkWritable(target, operation, true);
  const source = expand(scalarTensor(value, target.dtype, target.device), [...target.shape]);
  target.storage.backend.unary('copy', source.kernelView(), target.kernelView());
  markWritten(target);
  return target;
}

/**
 * What follows a kernel's direct write into target's storage (fill_, a fused random fill): a new
 * version of the storage, autograd's record of the write (no gradient flows through it) and the tracer.
 */
export function markWritten(target: Tensor): void {
  target.storage.version++;
  recordInPlaceWrite(target, null);
  traceObserver()?.inPlace?.(target, null);
}

const outOfPlace: Record<'add' | 'sub' | 'mul' | 'div', (a: Tensor, b: TensorOrScalar) => Tensor> = { add, sub, mul, div };

/** `target += alpha·other` (or −=): a tensor operand's scaled copy is an intermediate, released once added. */
export function scaledArithmeticInPlace<T extends Tensor>(
  target: T,
  op: 'add' | 'sub',
  other: TensorOrScalar,
  alpha?: number | AlphaOptions,
): T {
  if (alpha === undefined || alpha === 1) return arithmeticInPlace(target, op, other);
  checkOperand(`${op}_`, other);
  const scale = alphaOf(`${op}_`, alpha);
  checkIntegralAlpha(`${op}_`, target, other, scale);
  if (!isTensor(other)) return arithmeticInPlace(target, op, (other as number) * scale);
  const scaled = mul(other, scale);
  try {
    return arithmeticInPlace(target, op, scaled);
  } finally {
    releaseIfMade(scaled, target);
  }
}

/** add_/sub_/mul_/div_: straight into the buffer when possible, else computed and assigned. */
export function arithmeticInPlace<T extends Tensor>(target: T, op: 'add' | 'sub' | 'mul' | 'div', other: TensorOrScalar): T {
  const operation = `${op}_`;
  checkOperand(operation, other);
  checkWritable(target, operation);
  if (binaryInPlace(op as BinaryOp, target, other)) return target;
  return assignResult(target, operation, (self, [operand]) => outOfPlace[op](self, operand!), [other]);
}
