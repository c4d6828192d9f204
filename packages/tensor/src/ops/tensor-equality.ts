import { checkOptions, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { all } from './any-all.js';
import { eq } from './elementwise.js';
import { isclose } from './isclose.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

// Boolean answers need the values, and a read may have to wait for a GPU: the plain forms read
// synchronously (the CPU), the Async forms work on every device, as nonzero and nonzeroAsync.

/** allclose's keywords, as isclose's. */
export interface AllcloseOptions {
  /** Relative tolerance. Default 1e-5. */
  rtol?: number;
  /** Absolute tolerance. Default 1e-8. */
  atol?: number;
  /** Whether NaN is close to NaN. Default false. */
  equalNan?: boolean;
}

function checkTensors(operation: string, a: Tensor, b: Tensor): void {
  checkTensorArguments(operation, { a, b });
}

/** all(a == b) as a 0-d bool tensor, or null when the shapes differ (then they are not equal). */
function equalFlag(a: Tensor, b: Tensor): Tensor | null {
  checkTensors('equal', a, b);
  return shapesEqual(a.shape, b.shape) ? composite(() => all(eq(a, b))) : null;
}

/** all(isclose(a, b)) as a 0-d bool tensor; the dtypes must match, as torch's isclose requires. */
function closeFlag(a: Tensor, b: Tensor, options: AllcloseOptions): Tensor {
  checkTensors('allclose', a, b);
  checkOptions('allclose', options, ['rtol', 'atol', 'equalNan']);
  if (a.dtype !== b.dtype) throw new Error(`allclose: expects both inputs to have one dtype, got ${a.dtype} and ${b.dtype} (as torch)`);
  return composite(() => all(isclose(a, b, options)));
}

/** Reads a 0-d bool flag synchronously and releases it. */
function readFlag(flag: Tensor): boolean {
  try {
    return flag.itemSync() !== 0;
  } finally {
    flag.dispose();
  }
}

async function readFlagAsync(flag: Tensor): Promise<boolean> {
  try {
    return (await flag.item()) !== 0;
  } finally {
    flag.dispose();
  }
}

/**
 * Whether a and b have the same shape and equal values (torch.equal): NaN is unequal to itself, −0
 * equals 0, and the dtypes promote (int32 [1, 2] equals float32 [1, 2]). Reads the answer
 * synchronously (CPU tensors); use `equalAsync` on other devices.
 * @example
 * equal(tensor([1, 2]), tensor([1, 2])); // true
 */
export function equal(a: Tensor, b: Tensor): boolean {
  if (arguments.length > 2) refuseArgumentsPast('equal', ['a', 'b'], arguments);
  const flag = equalFlag(a, b);
  return flag !== null && readFlag(flag);
}

/** `equal` for any device: waits for the read. */
export async function equalAsync(a: Tensor, b: Tensor): Promise<boolean> {
  if (arguments.length > 2) refuseArgumentsPast('equalAsync', ['a', 'b'], arguments);
  const flag = equalFlag(a, b);
  return flag !== null && readFlagAsync(flag);
}

/**
 * Whether every element of a is close to b's, |a − b| ≤ atol + rtol·|b| (torch.allclose, `isclose`
 * on every element); broadcasts, and the dtypes must match, as torch. Reads the answer synchronously
 * (CPU tensors); use `allcloseAsync` on other devices.
 * @example
 * allclose(tensor([1, 2]), tensor([1, 2.000001])); // true
 */
export function allclose(a: Tensor, b: Tensor, options: AllcloseOptions = {}): boolean {
  if (arguments.length > 3) refuseArgumentsPast('allclose', ['a', 'b', 'options'], arguments);
  return readFlag(closeFlag(a, b, options));
}

/** `allclose` for any device: waits for the read (a bad argument rejects, as every asynchronous read). */
export async function allcloseAsync(a: Tensor, b: Tensor, options: AllcloseOptions = {}): Promise<boolean> {
  if (arguments.length > 3) refuseArgumentsPast('allcloseAsync', ['a', 'b', 'options'], arguments);
  return readFlagAsync(closeFlag(a, b, options));
}
