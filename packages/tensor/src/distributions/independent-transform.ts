import { checkInteger } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { type Constraint, independent } from './constraints.js';
import { sumRightmost } from './distribution.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

/**
 * `base` with `reinterpretedBatchNdims` more right-most dims treated as one event (torch's
 * IndependentTransform): the maps are the base's, the log-Jacobian is summed over those dims.
 * @example
 * const t = new distributions.transforms.IndependentTransform(new distributions.transforms.ExpTransform(), 1);
 * t.logAbsDetJacobian(tensor([[1, 2], [3, 4]]), y); // [3, 7]
 */
export class IndependentTransform extends Transform {
  /** The transform of each element. */
  readonly baseTransform: Transform;
  /** How many extra right-most dims make one event. */
  readonly reinterpretedBatchNdims: number;

  constructor(baseTransform: Transform, reinterpretedBatchNdims: number, options?: TransformOptions) {
    const cacheSize = readCacheSize('IndependentTransform', options);
    if (!(baseTransform instanceof Transform)) throw new Error('IndependentTransform: base_transform must be a transform');
    super('IndependentTransform', cacheSize);
    this.baseTransform = baseTransform.withCache(cacheSize);
    this.reinterpretedBatchNdims = checkInteger('IndependentTransform', 'reinterpretedBatchNdims', reinterpretedBatchNdims, 0);
  }
  get domain(): Constraint {
    return independent(this.baseTransform.domain, this.reinterpretedBatchNdims);
  }
  get codomain(): Constraint {
    return independent(this.baseTransform.codomain, this.reinterpretedBatchNdims);
  }
  override get bijective(): boolean {
    return this.baseTransform.bijective;
  }
  override get sign(): number | Tensor {
    return this.baseTransform.sign;
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof IndependentTransform)(this.baseTransform, this.reinterpretedBatchNdims, { cacheSize });
  }
  protected override forward(x: Tensor): Tensor {
    if (x.ndim < this.domain.eventDim) throw new Error('IndependentTransform: Too few dimensions on input');
    return this.baseTransform.call(x);
  }
  protected override inverse(y: Tensor): Tensor {
    if (y.ndim < this.codomain.eventDim) throw new Error('IndependentTransform: Too few dimensions on input');
    return this.baseTransform.inv.call(y);
  }
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    return composite(() => sumRightmost(this.baseTransform.logAbsDetJacobian(x, y), this.reinterpretedBatchNdims));
  }
  override forwardShape(shape: readonly number[]): number[] {
    return this.baseTransform.forwardShape(shape);
  }
  override inverseShape(shape: readonly number[]): number[] {
    return this.baseTransform.inverseShape(shape);
  }
  override toString(): string {
    return `IndependentTransform(${this.baseTransform}, ${this.reinterpretedBatchNdims})`;
  }
}
