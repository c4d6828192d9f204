import { isFloating, resultTypeOf, type DType } from '../core/dtype.js';
import { checkOptions, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { broadcastShapes } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { castTo } from './convert.js';
import { add, binaryInPlace, div, mul } from './elementwise.js';
import { assignResult } from './inplace.js';
import { readScale } from './scaled-sum.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

/**
 * torch's keyword-only argument of addcmul and addcdiv.
 * @example
 * addcmul(average, gradient, gradient, { value: 0.001 });
 */
export interface PointwiseValueOptions {
  /** The multiplier of tensor1·tensor2 (or tensor1/tensor2); truncated toward zero for an integer result, as torch. Default 1. */
  value?: number;
}

type Pointwise = 'addcmul' | 'addcdiv';

/**
 * input + value·tensor1·tensor2, elementwise (torch.addcmul): the three broadcast together, the dtype
 * is the promoted one (bool refused), computed as torch's kernel does: (value·tensor1)·tensor2 added to
 * input. Differentiable in all three.
 * @example
 * addcmul(tensor([1, 1]), tensor([2, 3]), tensor([4, 5]), { value: 0.5 }); // [5, 8.5]
 */
export function addcmul(input: Tensor, tensor1: Tensor, tensor2: Tensor, options?: PointwiseValueOptions): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('addcmul', ['input', 'tensor1', 'tensor2', 'options'], arguments);
  return addPointwise('addcmul', input, tensor1, tensor2, options);
}

/**
 * input + value·tensor1/tensor2, elementwise (torch.addcdiv): the three broadcast together, the dtype
 * is the promoted one, computed as torch's kernel does: (value·tensor1)/tensor2 added to input (so
 * value 0 over a zero divisor is NaN). When tensor1 and tensor2 are both integers (or bool) torch's
 * integer-division error is thrown. Differentiable in all three.
 * @example
 * addcdiv(parameter, average, denominator, { value: -learningRate }); // an Adam step
 */
export function addcdiv(input: Tensor, tensor1: Tensor, tensor2: Tensor, options?: PointwiseValueOptions): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('addcdiv', ['input', 'tensor1', 'tensor2', 'options'], arguments);
  return addPointwise('addcdiv', input, tensor1, tensor2, options);
}

/**
 * target += value·tensor1·tensor2 in place (torch.Tensor.addcmul_): written into target's storage
 * (its version goes up), straight into the buffer when no graph is recorded (optimizer steps), else
 * with the in-place autograd rules of the other `_` methods. The broadcast shape must be target's and
 * the promoted dtype must cast to it. `value` as a number (as this library's optimizers pass it) or as
 * `{ value }`.
 * @example
 * squareAverage.mul_(0.99).addcmul_(gradient, gradient, { value: 0.01 });
 */
export function addcmulInPlace<T extends Tensor>(target: T, tensor1: Tensor, tensor2: Tensor, value?: number | PointwiseValueOptions): T {
  return addPointwiseInPlace('addcmul', target, tensor1, tensor2, value);
}

/**
 * target += value·tensor1/tensor2 in place (torch.Tensor.addcdiv_); see `addcmulInPlace`.
 * @example
 * parameter.addcdiv_(average, denominator, { value: -learningRate });
 */
export function addcdivInPlace<T extends Tensor>(target: T, tensor1: Tensor, tensor2: Tensor, value?: number | PointwiseValueOptions): T {
  return addPointwiseInPlace('addcdiv', target, tensor1, tensor2, value);
}

function addPointwise(operation: Pointwise, input: Tensor, tensor1: Tensor, tensor2: Tensor, options?: PointwiseValueOptions): Tensor {
  const { value = 1 } = checkOptions(operation, options, ['value']) ?? {};
  const dtype = checkOperands(operation, input, tensor1, tensor2);
  broadcastShapes(operation, input.shape, tensor1.shape, tensor2.shape);
  const scale = readScale(operation, 'value', value, dtype, 'truncate');
  return composite(() => add(castTo(input, dtype), term(operation, dtype, tensor1, tensor2, scale)));
}

function addPointwiseInPlace<T extends Tensor>(
  operation: Pointwise,
  target: T,
  tensor1: Tensor,
  tensor2: Tensor,
  value?: number | PointwiseValueOptions,
): T {
  const name = `${operation}_`;
  const { value: given = 1 } = readArguments<PointwiseValueOptions>(name, [value], ['value'], ['value']);
  const dtype = checkOperands(name, target, tensor1, tensor2);
  const scale = readScale(name, 'value', given, dtype, 'truncate');
  return composite(() => {
    const addend = term(operation, dtype, tensor1, tensor2, scale);
    if (binaryInPlace('add', target, addend)) return target;
    return assignResult(target, name, (self, [operand]) => add(self, operand!), [addend]);
  }) as T;
}

/** (value·tensor1)·tensor2 or (value·tensor1)/tensor2 in `dtype`, the order of torch's kernels. */
function term(operation: Pointwise, dtype: DType, tensor1: Tensor, tensor2: Tensor, value: number): Tensor {
  const scaled = mul(castTo(tensor1, dtype), value);
  const divisor = castTo(tensor2, dtype);
  return operation === 'addcmul' ? mul(scaled, divisor) : div(scaled, divisor);
}

/** The promoted dtype of the three operands, after torch's checks of bool and of integer division. */
function checkOperands(operation: string, input: Tensor, tensor1: Tensor, tensor2: Tensor): DType {
  checkTensorArguments(operation, { input, tensor1, tensor2 });
  assertSameDevice(operation, [input, tensor1, tensor2]);
  if (operation.startsWith('addcdiv') && !isFloating(tensor1.dtype) && !isFloating(tensor2.dtype))
    throw new Error(
      `${operation}: Integer division with addcdiv is no longer supported (tensor1 ${tensor1.dtype}, tensor2 ${tensor2.dtype}); ` +
        'use input + value * trunc(tensor1 / tensor2) for the historic behaviour, or floating-point tensors for true division',
    );
  const dtype = resultTypeOf([input, tensor1, tensor2]);
  if (dtype === 'bool') throw new Error(`${operation}: not implemented for bool tensors`);
  return dtype;
}
