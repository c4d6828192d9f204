import type { Tensor } from '../core/tensor.js';
import { type Constraint, positive, real } from './constraints.js';
import { broadcastParameters, Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';

/**
 * What Normal and Laplace share: a real location and a positive scale broadcast to the batch shape,
 * support on the whole real line, the location as mean and mode, and a reparameterised sample.
 * @example
 * class Normal extends LocationScale {
 *   constructor(loc: Tensor | number, scale: Tensor | number) { super('Normal', loc, scale); }
 * }
 */
export abstract class LocationScale extends Distribution {
  /** The location (mean and mode), broadcast to batchShape. */
  readonly loc: Tensor;
  /** The scale (> 0), broadcast to batchShape. */
  readonly scale: Tensor;

  protected constructor(name: string, loc: Tensor | number, scale: Tensor | number, options?: DistributionOptions) {
    const [location, spread] = broadcastParameters(name, [loc, scale]) as [Tensor, Tensor];
    super(name, location.shape, [], readValidateArgs(name, options, optionKeys));
    this.loc = location;
    this.scale = spread;
    this.checkParameters({ loc: [location, real], scale: [spread, positive] });
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ loc: this.loc.expand(batch), scale: this.scale.expand(batch) }));
  }

  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return real;
  }
  get mean(): Tensor {
    return this.loc;
  }
  override get mode(): Tensor {
    return this.loc;
  }
}
