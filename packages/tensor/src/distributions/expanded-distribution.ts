import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import { broadcastShapes, formatShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import type { Constraint } from './constraints.js';
import { Distribution, expandedBatchShape } from './distribution.js';

/**
 * `base` with its batch shape broadcast to a larger `batchShape` (what torch's Distribution.expand
 * gives, for any distribution): the new batch members are independent draws of the base's. A draw
 * takes the base's draws over the new dims as sample dims and moves them into place, so each draw of
 * the expanded batch costs one draw of the base. TransformedDistribution uses it where its transforms'
 * parameters broadcast the base's batch (an AffineTransform of a batched loc on a scalar normal).
 * @example
 * new ExpandedDistribution(new distributions.Normal(0, 1), [3]).sample([2]).shape; // [2, 3], all independent
 */
export class ExpandedDistribution extends Distribution {
  /** The distribution whose batch is broadcast. */
  readonly baseDist: Distribution;
  /** The base's batch shape with leading 1s to the new length. */
  private readonly paddedBatch: number[];

  constructor(base: Distribution, batchShape: readonly number[]) {
    const padded = [...new Array<number>(Math.max(0, batchShape.length - base.batchShape.length)).fill(1), ...base.batchShape];
    if (padded.length !== batchShape.length || padded.some((size, i) => size !== 1 && size !== batchShape[i]))
      throw new Error(`${base.name}.expand: cannot expand batch_shape ${formatShape(base.batchShape)} to ${formatShape(batchShape)}`);
    super(base.name, batchShape, base.eventShape, base.validateArgs);
    this.baseDist = base;
    this.paddedBatch = padded;
  }
  /** The same base broadcast to a larger `batchShape` (which this batch shape must broadcast to). */
  override expand(batchShape: readonly number[]): ExpandedDistribution {
    return new (this.constructor as typeof ExpandedDistribution)(this.baseDist, expandedBatchShape(this.name, this.batchShape, batchShape));
  }

  override get hasRsample(): boolean {
    return this.baseDist.hasRsample;
  }
  get support(): Constraint {
    return this.baseDist.support;
  }
  get mean(): Tensor {
    return this.baseDist.mean.expand(this.extendedShape());
  }
  get variance(): Tensor {
    return this.baseDist.variance.expand(this.extendedShape());
  }
  override get mode(): Tensor {
    return this.baseDist.mode.expand(this.extendedShape());
  }

  override sample(sampleShape: readonly number[] = []): Tensor {
    return noGrad(() => this.draw(sampleShape, (shape) => this.baseDist.sample(shape)));
  }
  override rsample(sampleShape: readonly number[] = []): Tensor {
    return this.draw(sampleShape, (shape) => this.baseDist.rsample(shape));
  }

  /**
   * The base's draws [...sampleShape, ...extra, ...baseBatch, ...event], extra the sizes the base
   * lacks, with each extra dim moved beside its base dim (one of the two is 1) and merged.
   */
  private draw(sampleShape: readonly number[], drawBase: (shape: number[]) => Tensor): Tensor {
    const batch = this.batchShape;
    const extra = batch.map((size, i) => (this.paddedBatch[i] === size ? 1 : size));
    return composite(() => {
      const drawn = drawBase([...sampleShape, ...extra]).reshape([...sampleShape, ...extra, ...this.paddedBatch, ...this.eventShape]);
      const s = sampleShape.length;
      const n = batch.length;
      const order = [
        ...sampleShape.map((_, i) => i),
        ...batch.flatMap((_, i) => [s + i, s + n + i]),
        ...this.eventShape.map((_, i) => s + 2 * n + i),
      ];
      return drawn.permute(order).reshape(this.extendedShape(sampleShape));
    });
  }

  /** `value` broadcast against the batch shape, as the expanded parameters would give. */
  private broadcast(value: Tensor): Tensor {
    const shape = broadcastShapes(`${this.name}.expand`, value.shape, this.batchShape);
    return shapesEqual(shape, value.shape) ? value : value.expand(shape);
  }

  logProb(value: Tensor | number): Tensor {
    return this.broadcast(this.baseDist.logProb(value));
  }
  override cdf(value: Tensor | number): Tensor {
    return this.broadcast(this.baseDist.cdf(value));
  }
  override icdf(value: Tensor | number): Tensor {
    return this.broadcast(this.baseDist.icdf(value));
  }
  entropy(): Tensor {
    return this.baseDist.entropy().expand(this.batchShape);
  }
  override toString(): string {
    return String(this.baseDist);
  }
}
