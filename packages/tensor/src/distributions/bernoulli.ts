import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { sigmoid } from '../ops/activation.js';
import { where } from '../ops/elementwise.js';
import { bernoulli } from '../ops/random.js';
import { boolean, type Constraint, real, unitInterval } from './constraints.js';
import { broadcastParameters, Distribution, epsilonOf, readValidateArgs } from './distribution.js';
import { chosenParameter, type ProbabilitiesOrLogits, probabilityKeys } from './probabilities.js';

/**
 * binary_cross_entropy_with_logits(l, t) = (1 − t)·l + log(1 + e^(−l)), with the log-sum-exp shifted by
 * m = max(−l, 0) so it never overflows: m + log(e^(−m) + e^(−l−m)) equals log(1 + e^(−l)) for any m,
 * so the gradient is σ(l) − t whichever side of the kink m takes.
 * @example
 * binaryCrossEntropyWithLogits(tensor([0]), tensor([1])); // [0.6931]
 */
export function binaryCrossEntropyWithLogits(logits: Tensor, target: Tensor): Tensor {
  return composite(() => {
    const shift = logits.neg().clamp(0);
    return target
      .neg()
      .add(1)
      .mul(logits)
      .add(shift)
      .add(shift.neg().exp().add(logits.neg().sub(shift).exp()).log());
  });
}

/**
 * The Bernoulli distribution over {0, 1} (torch.distributions.Bernoulli), from `{ probs }` or
 * `{ logits }` (log-odds); both are kept: probs = σ(logits), logits = log p − log(1 − p) with p clamped
 * to [ε, 1 − ε]. Samples are 0/1 in the parameters' dtype, without a graph (no rsample, as torch).
 * @example
 * const coin = new distributions.Bernoulli({ probs: tensor([0.3]) });
 * coin.logProb(tensor([1])); // [-1.2040]
 * coin.sample([4]); // e.g. [[0], [1], [0], [0]]
 */
export class Bernoulli extends Distribution {
  /** The probability of 1, broadcast to batchShape. */
  readonly probs: Tensor;
  /** The log-odds log(p/(1 − p)), broadcast to batchShape. */
  readonly logits: Tensor;

  constructor(parameters: ProbabilitiesOrLogits) {
    const [key, given] = chosenParameter('Bernoulli', parameters);
    const validateArgs = readValidateArgs('Bernoulli', parameters, probabilityKeys);
    const [value] = broadcastParameters('Bernoulli', [given]) as [Tensor];
    super('Bernoulli', value.shape, [], validateArgs);
    if (key === 'probs') {
      const epsilon = epsilonOf(value.dtype);
      this.probs = value;
      this.logits = composite(() => {
        const clamped = value.clamp(epsilon, 1 - epsilon);
        return clamped.log().sub(clamped.neg().log1p());
      });
      this.checkParameters({ probs: [value, unitInterval] });
    } else {
      this.logits = value;
      this.probs = sigmoid(value);
      this.checkParameters({ logits: [value, real] });
    }
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ probs: this.probs.expand(batch), logits: this.logits.expand(batch) }));
  }

  get support(): Constraint {
    return boolean;
  }
  get mean(): Tensor {
    return this.probs;
  }
  // 1 where p > ½, 0 where p < ½, NaN at p = ½ (torch 1.13)
  override get mode(): Tensor {
    return composite(() => noGrad(() => where(this.probs.eq(0.5), Number.NaN, this.probs.ge(0.5).to(this.probs.dtype))));
  }
  // p·(1 − p)
  get variance(): Tensor {
    return composite(() => this.probs.mul(this.probs.neg().add(1)));
  }

  override sample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() => noGrad(() => bernoulli(this.probs.detach().expand(shape).contiguous())));
  }

  // −BCE(logits, x)
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.probs);
    return composite(() => binaryCrossEntropyWithLogits(this.logits, x.to(this.logits.dtype)).neg());
  }

  // BCE(logits, p)
  entropy(): Tensor {
    return composite(() => binaryCrossEntropyWithLogits(this.logits, this.probs));
  }
}
