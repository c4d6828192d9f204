import { checkInteger } from '../core/options.js';
import { formatShape, shapesEqual, sizeOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { zeros } from '../ops/creation.js';
import { type Constraint, independent, real } from './constraints.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

/** The shape as a list of whole numbers ≥ 0. */
function checkShape(name: string, key: string, shape: readonly number[]): number[] {
  if (!Array.isArray(shape)) throw new Error(`ReshapeTransform: ${key} must be a list of sizes`);
  return shape.map((size) => checkInteger(name, key, size, 0));
}

/**
 * Reshapes the right-most dims from `inShape` to `outShape` (the same number of elements), keeping
 * the batch dims before them (torch's ReshapeTransform); bijective, with log |det| = 0.
 * @example
 * new distributions.transforms.ReshapeTransform([6], [2, 3]).call(zeros([4, 6])).shape; // [4, 2, 3]
 */
export class ReshapeTransform extends Transform {
  /** The event shape of the inputs. */
  readonly inShape: readonly number[];
  /** The event shape of the outputs. */
  readonly outShape: readonly number[];

  constructor(inShape: readonly number[], outShape: readonly number[], options?: TransformOptions) {
    const input = checkShape('ReshapeTransform', 'inShape', inShape);
    const output = checkShape('ReshapeTransform', 'outShape', outShape);
    if (sizeOf(input) !== sizeOf(output)) throw new Error('ReshapeTransform: in_shape, out_shape have different numbers of elements');
    super('ReshapeTransform', readCacheSize('ReshapeTransform', options));
    this.inShape = input;
    this.outShape = output;
  }
  get domain(): Constraint {
    return independent(real, this.inShape.length);
  }
  get codomain(): Constraint {
    return independent(real, this.outShape.length);
  }
  override get bijective(): boolean {
    return true;
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof ReshapeTransform)(this.inShape, this.outShape, { cacheSize });
  }
  protected override forward(x: Tensor): Tensor {
    return x.reshape([...x.shape.slice(0, x.ndim - this.inShape.length), ...this.outShape]);
  }
  protected override inverse(y: Tensor): Tensor {
    return y.reshape([...y.shape.slice(0, y.ndim - this.outShape.length), ...this.inShape]);
  }
  // zeros of x's batch shape
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    void y;
    return zeros(x.shape.slice(0, x.ndim - this.inShape.length), { dtype: x.dtype, device: x.device });
  }
  override forwardShape(shape: readonly number[]): number[] {
    return this.replace(shape, this.inShape, this.outShape);
  }
  override inverseShape(shape: readonly number[]): number[] {
    return this.replace(shape, this.outShape, this.inShape);
  }
  /** `shape` with its right-most `from` replaced by `to`, checked as torch. */
  private replace(shape: readonly number[], from: readonly number[], to: readonly number[]): number[] {
    if (shape.length < from.length) throw new Error('ReshapeTransform: Too few dimensions on input');
    const cut = shape.length - from.length;
    if (!shapesEqual(shape.slice(cut), from))
      throw new Error(`ReshapeTransform: Shape mismatch: expected ${formatShape(shape.slice(cut))} but got ${formatShape(from)}`);
    return [...shape.slice(0, cut), ...to];
  }
}
