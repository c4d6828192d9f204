import { dtypeOfTypedArray, typedArrayConstructors, type DType } from '../core/dtype.js';
import { getDefaultDtype } from '../core/default-dtype.js';
import { formatShape, sizeOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { isTensor } from '../core/brand.js';
import { checkNumber, describeValue, isPlainObject, refuseExtraArguments, refuseArgumentsPast } from '../core/options.js';
import { allocate, broadcastView, fromTypedArray } from './allocate.js';
import { expand } from './views.js';
import { scalarTensor } from './scalar.js';
import { checkCreationOptions, checkShape, creationKeys, shapeArguments } from './creation-arguments.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

export interface CreationOptions {
  /** Default: the default dtype, `getDefaultDtype()` ('float32' unless set), or what the data implies. */
  dtype?: DType;
  /** Default 'cpu'. */
  device?: string;
  /** Record operations for autograd. Default false. */
  requiresGrad?: boolean;
}

type Nested = number | boolean | readonly Nested[] | ArrayLike<number>;

function finish(result: Tensor, options: CreationOptions): Tensor {
  if (options.requiresGrad) result.requiresGrad = true;
  return result;
}

function inferNested(data: Nested, shape: number[], values: number[], depth: number): void {
  if (typeof data === 'number' || typeof data === 'boolean') {
    if (depth !== shape.length) throw new Error(`tensor: ragged nested array (a number at depth ${depth}, expected ${shape.length})`);
    values.push(Number(data));
    return;
  }
  // a string has a length and characters, each again a string: read as a list it never ends
  if (typeof data !== 'object' || data === null)
    throw new Error(`tensor: expected numbers, booleans and nested arrays of them, got ${describeValue(data)} at depth ${depth}`);
  const length = data.length;
  if (depth === shape.length) shape.push(length);
  else if (shape[depth] !== length)
    throw new Error(`tensor: ragged nested array: expected sequence of length ${shape[depth]} at dim ${depth} (got ${length})`);
  for (let i = 0; i < length; i++) inferNested((data as ArrayLike<Nested>)[i] as Nested, shape, values, depth + 1);
}

function allBoolean(data: Nested): boolean {
  if (typeof data === 'boolean') return true;
  if (typeof data === 'number') return false;
  const items = Array.from(data as ArrayLike<Nested>);
  return items.length > 0 && items.every(allBoolean);
}

/**
 * A tensor from a number, nested arrays, or a typed array (with `shape` for typed arrays of rank > 1).
 * dtype: given, or the typed array's, or bool for booleans, float32 otherwise (PyTorch's default dtype).
 * @example
 * tensor([[1, 2], [3, 4]]);                     // float32 [2, 2]
 * tensor(new Int32Array([1, 2, 3]));            // int32 [3]
 * tensor(new Float32Array(6), { shape: [2, 3] });
 */
export function tensor(data: Nested | Tensor, options: CreationOptions & { shape?: readonly number[] } = {}): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('tensor', ['data', 'options'], arguments);
  options = checkCreationOptions('tensor', options, [...creationKeys, 'shape']);
  if (options.shape) checkShape('tensor', options.shape);
  if (data === null || data === undefined || (typeof data === 'object' && !isTensor(data) && !('length' in data)))
    throw new Error(
      `tensor: expected a number, a boolean, nested arrays or a typed array, got ${data === null ? 'null' : typeof data === 'object' ? 'an object' : String(data)}`,
    );
  const device = options.device ?? 'cpu';
  if (isTensor(data))
    return finish(
      data
        .detach()
        .to(options.dtype ?? data.dtype)
        .to(device)
        .clone(),
      options,
    );
  // a Uint8Array of pixel bytes holds integers, not booleans: without a dtype it becomes int32
  // (we have no uint8); bool tensors come from booleans or { dtype: 'bool' }
  const typed = ArrayBuffer.isView(data)
    ? data instanceof Uint8Array || data instanceof Uint8ClampedArray
      ? 'int32'
      : (dtypeOfTypedArray(data as ArrayLike<number>) ?? getDefaultDtype())
    : undefined;
  let shape: number[];
  let values: ArrayLike<number>;
  if (ArrayBuffer.isView(data)) {
    values = data as ArrayLike<number>;
    shape = options.shape ? [...options.shape] : [values.length];
    if (sizeOf(shape) !== values.length) throw new Error(`tensor: shape ${formatShape(shape)} does not match ${values.length} values`);
  } else {
    shape = [];
    const flat: number[] = [];
    inferNested(data, shape, flat, 0);
    values = flat;
    if (options.shape) {
      if (sizeOf(options.shape) !== flat.length)
        throw new Error(`tensor: shape ${formatShape(options.shape)} does not match ${flat.length} values`);
      shape = [...options.shape];
    }
  }
  const dtype = options.dtype ?? typed ?? (allBoolean(data as Nested) ? 'bool' : getDefaultDtype());
  const array = new typedArrayConstructors[dtype](values.length);
  // bool: any nonzero is true (torch.tensor([2, 0.5], dtype=torch.bool) is [True, True]); a byte store of 0.5 would give 0
  if (dtype === 'bool') for (let i = 0; i < values.length; i++) array[i] = values[i] ? 1 : 0;
  else for (let i = 0; i < values.length; i++) array[i] = values[i]!;
  return finish(fromTypedArray(array, shape, dtype, device), options);
}

/**
 * Every element `value`: a buffer from the device's allocator, filled by its copy kernel from the
 * cached 0-d constant read with 0-strides (no host array is built and uploaded; gradients of gather
 * and slice start from zeros() on every backward).
 */
export function full(shape: readonly number[], value: number, options: CreationOptions = {}): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('full', ['shape', 'value', 'options'], arguments);
  shape = checkShape('full', shape);
  options = checkCreationOptions('full', options);
  if (typeof value !== 'number' && typeof value !== 'boolean')
    throw new Error(`full: the fill value must be a number, got ${typeof value}`);
  const dtype = options.dtype ?? getDefaultDtype();
  const device = options.device ?? 'cpu';
  const output = allocate(shape, dtype, device);
  const source = scalarTensor(value, dtype, device);
  output.storage.backend.unary('copy', broadcastView(source, output.shape), output.kernelView());
  return finish(output, options);
}

/**
 * The arguments of a creation function: a shape array, or PyTorch's sizes as arguments, then options.
 * `zeros([2, 3])`, `zeros(2, 3)` and `zeros(2, 3, { dtype: 'int32' })` are the same.
 */
export type ShapeArguments =
  | [shape: readonly number[], options?: CreationOptions]
  | [...sizes: number[]]
  | [...sizes: number[], options: CreationOptions];

/**
 * Zeros of `shape` (an array, or sizes as arguments, as PyTorch).
 * @example
 * zeros([2, 3]); zeros(2, 3); zeros(4, { dtype: 'int32' });
 */
export function zeros(...args: ShapeArguments): Tensor {
  const { shape, options } = shapeArguments<CreationOptions>('zeros', args);
  return full(shape, 0, options);
}
/**
 * Ones of `shape` (an array, or sizes as arguments, as PyTorch).
 * @example
 * ones(4, 1); // [4, 1]
 */
export function ones(...args: ShapeArguments): Tensor {
  const { shape, options } = shapeArguments<CreationOptions>('ones', args);
  return full(shape, 1, options);
}
/** Uninitialised in PyTorch; zero-filled here (typed arrays and GPU buffers start at zero). Shape as `zeros`. */
export function empty(...args: ShapeArguments): Tensor {
  const { shape, options } = shapeArguments<CreationOptions>('empty', args);
  return full(shape, 0, options);
}

/**
 * The shape and options of a `*Like` creation: `x`'s shape, dtype and device unless `options` names
 * another dtype or device. `x` is checked before its shape is read.
 */
export function likeArguments(
  operation: string,
  x: Tensor,
  options: CreationOptions,
): [shape: readonly number[], options: CreationOptions] {
  checkTensorArguments(operation, { input: x });
  if (!isPlainObject(options as unknown))
    throw new Error(`${operation}: options must be an object such as { dtype }, got ${describeValue(options)}`);
  return [x.shape, { dtype: options.dtype ?? x.dtype, device: options.device ?? x.device, requiresGrad: options.requiresGrad }];
}
export function zerosLike(x: Tensor, options: CreationOptions = {}) {
  if (arguments.length > 2) refuseArgumentsPast('zerosLike', ['x', 'options'], arguments);
  return zeros(...likeArguments('zerosLike', x, options));
}
export function onesLike(x: Tensor, options: CreationOptions = {}) {
  if (arguments.length > 2) refuseArgumentsPast('onesLike', ['x', 'options'], arguments);
  return ones(...likeArguments('onesLike', x, options));
}
export function emptyLike(x: Tensor, options: CreationOptions = {}) {
  if (arguments.length > 2) refuseArgumentsPast('emptyLike', ['x', 'options'], arguments);
  return empty(...likeArguments('emptyLike', x, options));
}
export function fullLike(x: Tensor, value: number, options: CreationOptions = {}): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('fullLike', ['x', 'value', 'options'], arguments);
  const [shape, creation] = likeArguments('fullLike', x, options);
  return full(shape, value, creation);
}

/**
 * Values from start (inclusive) to end (exclusive) by step; `arange(n)` is 0..n-1. int32 when all
 * arguments are integers, float32 otherwise (as torch.arange).
 */
export function arange(startOrEnd: number, end?: number, step?: number, options?: CreationOptions): Tensor;
/** torch's keywords after the positions given: `arange(10, { dtype })`, `arange(2, 10, { dtype })`. */
export function arange(startOrEnd: number, ...rest: [options: CreationOptions] | [end: number, options: CreationOptions]): Tensor;
export function arange(startOrEnd: number, ...rest: unknown[]): Tensor {
  // the options object may follow any number of the positions (at most end and step), as torch's keywords do
  const optionsAt = rest.findIndex(isPlainObject);
  const positions = optionsAt >= 0 ? rest.slice(0, optionsAt) : rest.slice(0, 2);
  const extra = optionsAt >= 0 ? [...positions.slice(2), ...rest.slice(optionsAt + 1)] : rest.slice(3);
  if (extra.length > 0) refuseExtraArguments('arange', ['start', 'end', 'step', 'options'], extra);
  const [end, step = 1] = positions as [number | undefined, number | undefined];
  const options = checkCreationOptions('arange', ((optionsAt >= 0 ? rest[optionsAt] : rest[2]) ?? {}) as CreationOptions);
  const start = end === undefined ? 0 : startOrEnd;
  const stop = end === undefined ? startOrEnd : end;
  for (const [name, value] of [
    ['start', start],
    ['end', stop],
    ['step', step],
  ] as const)
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new Error(`arange: ${name} must be a finite number, got ${describeValue(value)}`);
  if (step === 0) throw new Error('arange: step must be nonzero');
  // torch: "upper bound and larger bound inconsistent with step sign" rather than an empty tensor
  if ((stop - start) * step < 0)
    throw new Error(`arange: the range from ${start} to ${stop} is inconsistent with the sign of step ${step}`);
  const length = Math.max(0, Math.ceil((stop - start) / step));
  const dtype = options.dtype ?? ([start, stop, step].every(Number.isInteger) ? 'int32' : getDefaultDtype());
  const array = new typedArrayConstructors[dtype](length);
  for (let i = 0; i < length; i++) array[i] = start + i * step;
  return finish(fromTypedArray(array, [length], dtype, options.device ?? 'cpu'), options);
}

/** `steps` evenly spaced values from start to end inclusive. */
export function linspace(start: number, end: number, steps: number, options: CreationOptions = {}): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('linspace', ['start', 'end', 'steps', 'options'], arguments);
  options = checkCreationOptions('linspace', options);
  checkNumber('linspace', 'start', start, true);
  checkNumber('linspace', 'end', end, true);
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`linspace: number of steps must be a non-negative integer (got ${steps})`);
  const dtype = options.dtype ?? getDefaultDtype();
  const array = new typedArrayConstructors[dtype](steps);
  const delta = steps > 1 ? (end - start) / (steps - 1) : 0;
  // symmetric evaluation from both ends, as torch does, so the last value is exactly `end`
  const half = steps === 1 ? 1 : Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) array[i] = i < half ? start + i * delta : end - (steps - 1 - i) * delta;
  return finish(fromTypedArray(array, [steps], dtype, options.device ?? 'cpu'), options);
}

/** The identity matrix (n × m; m defaults to n): `eye(3)`, `eye(2, 3)`, `eye(3, { dtype: 'float64' })`. */
export function eye(n: number, columns?: number | null | CreationOptions, options: CreationOptions = {}): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('eye', ['n', 'm', 'options'], arguments);
  // torch.eye(n, dtype=…) and torch.eye(n, None): the options may follow n, and m defaults to n
  if (isPlainObject(columns)) {
    if (arguments.length > 2) throw new Error('eye: the options come last, once: eye(n, { dtype }) or eye(n, m, { dtype })');
    options = columns;
  }
  let m = n;
  if (typeof columns === 'number') m = columns;
  else if (columns !== undefined && columns !== null && !isPlainObject(columns))
    throw new Error(`eye: m must be an integer, got ${describeValue(columns)}`);
  checkShape('eye', [n, m]);
  options = checkCreationOptions('eye', options);
  const dtype = options.dtype ?? getDefaultDtype();
  const array = new typedArrayConstructors[dtype](n * m);
  for (let i = 0; i < Math.min(n, m); i++) array[i * m + i] = 1;
  return finish(fromTypedArray(array, [n, m], dtype, options.device ?? 'cpu'), options);
}

/** A 0-d tensor of `value` broadcast (not copied) to `shape`. */
export function broadcastScalar(value: number, shape: readonly number[], dtype: DType, device: string): Tensor {
  return expand(scalarTensor(value, dtype, device), shape);
}
