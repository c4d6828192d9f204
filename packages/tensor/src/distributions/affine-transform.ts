import { isTensor } from '../core/brand.js';
import { checkInteger, checkOptions } from '../core/options.js';
import { composite } from '../core/scope.js';
import { broadcastShapes } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { fullLike } from '../ops/creation.js';
import { type Constraint, independent, real } from './constraints.js';
import { readCacheSize, Transform, type TransformOptions, transformOptionKeys } from './transform.js';

/**
 * AffineTransform's options: torch's event_dim beside cache_size.
 * @example
 * new distributions.transforms.AffineTransform(loc, scale, { eventDim: 1 });
 */
export interface AffineTransformOptions extends TransformOptions {
  /**
   * How many right-most dims make one event (0 for scalars, 1 for vectors, …): logAbsDetJacobian
   * sums over them. Default 0.
   */
  eventDim?: number;
}

const affineKeys = ['eventDim', ...transformOptionKeys] as const;

/**
 * y = loc + scale·x, elementwise (torch's AffineTransform); loc and scale are numbers or tensors that
 * broadcast with x. log |dy/dx| = log |scale|, summed over the eventDim right-most dims and expanded
 * to x's batch shape. Its sign is that of scale (a tensor when scale is one).
 * @example
 * const t = new distributions.transforms.AffineTransform(1, tensor([2, -3]));
 * t.call(tensor([1, 1])); // [3, -2]
 * t.logAbsDetJacobian(tensor([1, 1]), t.call(tensor([1, 1]))); // [0.6931, 1.0986]
 * new distributions.transforms.AffineTransform(0, tensor([2, 3]), 1).logAbsDetJacobian(x, y); // [] log 6
 */
export class AffineTransform extends Transform {
  /** The shift. */
  readonly loc: Tensor | number;
  /** The factor. */
  readonly scale: Tensor | number;
  /** How many right-most dims make one event. */
  private readonly eventDims: number;

  constructor(loc: Tensor | number, scale: Tensor | number, eventDim?: number | AffineTransformOptions, options?: TransformOptions) {
    const given: AffineTransformOptions =
      typeof eventDim === 'number'
        ? { ...checkOptions('AffineTransform', options ?? {}, transformOptionKeys), eventDim }
        : (eventDim ?? {});
    if (typeof eventDim === 'object' && options !== undefined)
      throw new Error('AffineTransform: give eventDim either as the third argument or in the options, with cacheSize beside it');
    const { eventDim: dims = 0, ...rest } = checkOptions('AffineTransform', given, affineKeys);
    super('AffineTransform', readCacheSize('AffineTransform', rest));
    for (const [key, value] of [
      ['loc', loc],
      ['scale', scale],
    ] as const) {
      if (isTensor(value)) value.assertAlive('AffineTransform');
      else if (typeof value !== 'number') throw new Error(`AffineTransform: ${key} must be a number or a tensor, got ${typeof value}`);
    }
    this.loc = loc;
    this.scale = scale;
    this.eventDims = checkInteger('AffineTransform', 'eventDim', dims, 0);
  }

  override get eventDim(): number {
    return this.eventDims;
  }
  get domain(): Constraint {
    return this.eventDims === 0 ? real : independent(real, this.eventDims);
  }
  get codomain(): Constraint {
    return this.eventDims === 0 ? real : independent(real, this.eventDims);
  }
  override get bijective(): boolean {
    return true;
  }
  // that of scale: 1, −1 or 0 for a number, scale.sign() for a tensor
  override get sign(): number | Tensor {
    return isTensor(this.scale) ? this.scale.sign() : Math.sign(this.scale);
  }
  protected override withCacheSize(cacheSize: 0 | 1): Transform {
    return new (this.constructor as typeof AffineTransform)(this.loc, this.scale, { eventDim: this.eventDims, cacheSize });
  }
  // loc + scale·x
  protected override forward(x: Tensor): Tensor {
    return composite(() => x.mul(this.scale).add(this.loc));
  }
  // (y − loc)/scale
  protected override inverse(y: Tensor): Tensor {
    return composite(() => y.sub(this.loc).div(this.scale));
  }
  // log |scale|, summed over the event dims, expanded to x's batch shape
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    void y;
    const scale = this.scale;
    return composite(() => {
      let result = isTensor(scale) ? scale.abs().log() : fullLike(x, Math.log(Math.abs(scale)));
      let shape = x.shape;
      if (this.eventDims > 0) {
        result = result.reshape([...result.shape.slice(0, Math.max(0, result.ndim - this.eventDims)), -1]).sum(-1);
        shape = shape.slice(0, Math.max(0, shape.length - this.eventDims));
      }
      return result.expand(shape);
    });
  }
  override forwardShape(shape: readonly number[]): number[] {
    return broadcastShapes('AffineTransform.forwardShape', shape, ...this.parameterShapes());
  }
  override inverseShape(shape: readonly number[]): number[] {
    return broadcastShapes('AffineTransform.inverseShape', shape, ...this.parameterShapes());
  }
  private parameterShapes(): (readonly number[])[] {
    return [this.loc, this.scale].map((value) => (isTensor(value) ? value.shape : []));
  }
}
