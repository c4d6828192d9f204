import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { fullLike } from '../ops/creation.js';
import { rand } from '../ops/random.js';
import { type Constraint, interval, real } from './constraints.js';
import {
  allHold,
  broadcastParameters,
  Distribution,
  type DistributionOptions,
  optionKeys,
  readsSync,
  readValidateArgs,
} from './distribution.js';
import { noGrad } from '../autograd/grad-mode.js';

/**
 * The continuous uniform distribution on [low, high) (torch.distributions.Uniform); low and high
 * broadcast. Reparameterised: rsample = low + u·(high − low) with u uniform on [0, 1). With
 * validation, low < high is required and values must lie in [low, high].
 * @example
 * new distributions.Uniform(0, tensor([2, 4])).entropy(); // [0.6931, 1.3863]
 */
export class Uniform extends Distribution {
  /** The lower bound (inclusive), broadcast to batchShape. */
  readonly low: Tensor;
  /** The upper bound (exclusive), broadcast to batchShape. */
  readonly high: Tensor;

  constructor(low: Tensor | number, high: Tensor | number, options?: DistributionOptions) {
    const [lower, upper] = broadcastParameters('Uniform', [low, high]) as [Tensor, Tensor];
    super('Uniform', lower.shape, [], readValidateArgs('Uniform', options, optionKeys));
    this.low = lower;
    this.high = upper;
    // torch's low and high are 'dependent' parameters: only low < high is checked (and NaN fails it)
    this.checkParameters({ low: [lower, real], high: [upper, real] });
    if (this.validateArgs && readsSync(lower) && !composite(() => noGrad(() => allHold(lower.lt(upper)))))
      throw new Error('Uniform: Uniform is not defined when low>= high');
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ low: this.low.expand(batch), high: this.high.expand(batch) }));
  }

  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return interval(this.low, this.high);
  }
  // (low + high)/2
  get mean(): Tensor {
    return composite(() => this.high.add(this.low).div(2));
  }
  // torch 1.13: NaN (every point is a mode)
  override get mode(): Tensor {
    return fullLike(this.high, Number.NaN);
  }
  // (high − low)/√12
  override get stddev(): Tensor {
    return composite(() => this.high.sub(this.low).div(Math.sqrt(12)));
  }
  // (high − low)²/12
  get variance(): Tensor {
    return composite(() => this.high.sub(this.low).square().div(12));
  }

  override rsample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() => this.low.add(rand(shape, { dtype: this.low.dtype, device: this.low.device }).mul(this.high.sub(this.low))));
  }

  // log(1[low ≤ x < high]) − log(high − low)
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.low);
    return composite(() => {
      const inside = this.low.le(x).logicalAnd(this.high.gt(x)).to(this.low.dtype);
      return inside.log().sub(this.high.sub(this.low).log());
    });
  }

  // clamp((x − low)/(high − low), 0, 1)
  override cdf(value: Tensor | number): Tensor {
    const x = this.checkValue('cdf', value, this.low);
    return composite(() => x.sub(this.low).div(this.high.sub(this.low)).clamp(0, 1));
  }

  // low + p·(high − low)
  override icdf(value: Tensor | number): Tensor {
    const p = this.asValue('icdf', value, this.low);
    return composite(() => p.mul(this.high.sub(this.low)).add(this.low));
  }

  // log(high − low)
  entropy(): Tensor {
    return composite(() => this.high.sub(this.low).log());
  }
}
