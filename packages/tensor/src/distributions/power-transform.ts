import { isTensor } from '../core/brand.js';
import { composite } from '../core/scope.js';
import { broadcastShapes } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { type Constraint, positive } from './constraints.js';
import { readCacheSize, Transform, type TransformOptions } from './transform.js';

/**
 * y = x^exponent on the positive numbers (torch's PowerTransform); log |dy/dx| = log |exponent·y/x|.
 * The exponent (a number or a tensor that broadcasts with x) is kept as given: a number stays a
 * double, where torch makes it a float32 tensor (so torch's float64 inverse by 1/exponent is rounded
 * to float32 there; ours is not).
 * @example
 * new distributions.transforms.PowerTransform(2).call(tensor([3])); // [9]
 */
export class PowerTransform extends Transform {
  constructor(
    /** The exponent (≠ 0), a number or a tensor broadcasting with the inputs. */
    readonly exponent: Tensor | number,
    options?: TransformOptions,
  ) {
    super('PowerTransform', readCacheSize('PowerTransform', options));
    if (isTensor(exponent)) exponent.assertAlive('PowerTransform');
    else if (typeof exponent !== 'number') throw new Error(`PowerTransform: exponent must be a number or a tensor, got ${typeof exponent}`);
  }
  get domain(): Constraint {
    return positive;
  }
  get codomain(): Constraint {
    return positive;
  }
  override get bijective(): boolean {
    return true;
  }
  override get sign(): number {
    return 1;
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof PowerTransform)(this.exponent, { cacheSize });
  }
  protected override forward(x: Tensor): Tensor {
    return x.pow(this.exponent);
  }
  // y^(1/exponent)
  protected override inverse(y: Tensor): Tensor {
    const exponent = this.exponent;
    return composite(() => y.pow(typeof exponent === 'number' ? 1 / exponent : exponent.reciprocal()));
  }
  // log |exponent·y/x|
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    return composite(() => y.mul(this.exponent).div(x).abs().log());
  }
  override forwardShape(shape: readonly number[]): number[] {
    return broadcastShapes('PowerTransform.forwardShape', shape, isTensor(this.exponent) ? this.exponent.shape : []);
  }
  override inverseShape(shape: readonly number[]): number[] {
    return broadcastShapes('PowerTransform.inverseShape', shape, isTensor(this.exponent) ? this.exponent.shape : []);
  }
}
