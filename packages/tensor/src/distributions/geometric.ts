import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { finfo } from '../core/type-info.js';
import { zerosLike } from '../ops/creation.js';
import { where } from '../ops/elementwise.js';
import { rand } from '../ops/random.js';
import { binaryCrossEntropyWithLogits } from './bernoulli.js';
import { binaryProbabilities } from './binary-probabilities.js';
import { type Constraint, nonnegativeInteger, real, unitInterval } from './constraints.js';
import { floatingCounts } from './count-values.js';
import { logSigmoid } from './log-sigmoid.js';
import { allHold, broadcastParameters, Distribution, readsSync, readValidateArgs } from './distribution.js';
import { chosenParameter, type ProbabilitiesOrLogits, probabilityKeys } from './probabilities.js';

/**
 * The geometric distribution of the number of failures k = 0, 1, 2, … before the first success in
 * independent trials of success probability p ∈ (0, 1] (torch.distributions.Geometric, torch's
 * convention: k counts the failures, not the trials): P(k) = (1 − p)^k·p, from `{ probs }` or
 * `{ logits }` (log-odds, both kept as in Bernoulli; probs = 0 is refused with torch's message).
 * mean 1/p − 1, variance (1/p − 1)/p, mode 0, entropy BCE(logits, p)/p =
 * −((1 − p)·log(1 − p) + p·log p)/p. Samples are ⌊log u / log(1 − p)⌋ for u uniform on [tiny, 1), in
 * the parameters' dtype, without a graph (no rsample, as torch).
 * @example
 * const d = new distributions.Geometric({ probs: tensor([0.25]) });
 * d.mean; // [3]
 * d.logProb(tensor([2])); // [-1.9617]
 */
export class Geometric extends Distribution {
  /** The success probability p of each trial, broadcast to batchShape. */
  readonly probs: Tensor;
  /** The log-odds log(p/(1 − p)), broadcast to batchShape. */
  readonly logits: Tensor;
  /** Whether the log-odds were given (logProb then works from them). */
  private readonly fromLogits: boolean;

  constructor(parameters: ProbabilitiesOrLogits) {
    const [key, given] = chosenParameter('Geometric', parameters);
    const validateArgs = readValidateArgs('Geometric', parameters, probabilityKeys);
    const [value] = broadcastParameters('Geometric', [given]) as [Tensor];
    super('Geometric', value.shape, [], validateArgs);
    ({ probs: this.probs, logits: this.logits } = binaryProbabilities(key, value));
    this.fromLogits = key === 'logits';
    this.checkParameters({ [key]: [value, key === 'probs' ? unitInterval : real] });
    if (key === 'probs' && validateArgs) this.checkPositive(value);
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ probs: this.probs.expand(batch), logits: this.logits.expand(batch) }));
  }

  /** torch's extra check beyond the unit interval: p > 0, naming the values that are not. */
  private checkPositive(probs: Tensor): void {
    if (!readsSync(probs) || composite(() => noGrad(() => allHold(probs.gt(0))))) return;
    const invalid = Array.from(probs.dataSync(), Number).filter((value) => !(value > 0));
    throw new Error(
      `Geometric: Expected parameter probs (Tensor of shape ${formatShape(probs.shape)}) of distribution ${this} to be positive but found invalid values: [${invalid.slice(0, 12).join(', ')}${invalid.length > 12 ? ', …' : ''}]`,
    );
  }

  get support(): Constraint {
    return nonnegativeInteger;
  }
  // 1/p − 1
  get mean(): Tensor {
    return composite(() => this.probs.reciprocal().sub(1));
  }
  override get mode(): Tensor {
    return zerosLike(this.probs);
  }
  // (1/p − 1)/p
  get variance(): Tensor {
    return composite(() => this.probs.reciprocal().sub(1).div(this.probs));
  }

  // ⌊log u / log(1 − p)⌋ with u uniform on [tiny, 1)
  override sample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() =>
      noGrad(() => {
        const probs = this.probs.detach();
        const uniform = rand(shape, { dtype: probs.dtype, device: probs.device }).clamp({ min: finfo(probs.dtype).tiny });
        return uniform.log().div(probs.neg().log1p()).floor();
      }),
    );
  }

  // k·log(1 − p) + log p, with the first term 0 at p = 1, k = 0 (where it would be 0·(−∞)); from
  // logits l as k·log σ(−l) + log σ(l), which keeps 1 − p where σ(l) rounds to 1 (torch's
  // log1p(−σ(l)) is −∞ there, and its float32 gradient loses digits for l ≫ 0)
  logProb(value: Tensor | number): Tensor {
    const x = floatingCounts(this.checkValue('logProb', value, this.probs), this.probs);
    return composite(() => {
      if (this.fromLogits) return x.mul(logSigmoid(this.logits.neg())).add(logSigmoid(this.logits));
      const probs = where(this.probs.eq(1).logicalAnd(x.eq(0)), 0, this.probs);
      return x.mul(probs.neg().log1p()).add(this.probs.log());
    });
  }

  // BCE(logits, p)/p
  entropy(): Tensor {
    return composite(() => binaryCrossEntropyWithLogits(this.logits, this.probs).div(this.probs));
  }
}
