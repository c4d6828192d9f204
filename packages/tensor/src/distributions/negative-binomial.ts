import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { sigmoid } from '../ops/activation.js';
import { where } from '../ops/elementwise.js';
import { poisson } from '../ops/poisson.js';
import { standardGamma } from '../ops/standard-gamma.js';
import { binaryProbabilities } from './binary-probabilities.js';
import { type Constraint, greaterThanEq, halfOpenInterval, nonnegativeInteger, real } from './constraints.js';
import { floatingCounts } from './count-values.js';
import { logSigmoid } from './log-sigmoid.js';
import { broadcastParameters, Distribution, readValidateArgs } from './distribution.js';
import { chosenParameter, type ProbabilitiesOrLogits, probabilityKeys } from './probabilities.js';
import { floatingTotalCount } from './total-count.js';

// torch's constraints.greater_than_eq(0), whose integer bound prints as 0 (not 0.0)
const nonnegativeCount: Constraint = { ...greaterThanEq(0), name: 'GreaterThanEq(lower_bound=0)' };
// torch's constraints.half_open_interval(0., 1.)
const successProbability = /* @__PURE__ */ halfOpenInterval(0, 1);

/**
 * The negative binomial distribution of the number of successes k = 0, 1, 2, … before
 * r = `totalCount` failures in independent trials of success probability p ∈ [0, 1)
 * (torch.distributions.NegativeBinomial; r > 0 may be fractional):
 * P(k) = Γ(r + k)/(Γ(r)·k!)·p^k·(1 − p)^r, from `{ probs }` or `{ logits }` (log-odds l, both kept as
 * in Bernoulli); totalCount and the parameter broadcast. logProb is
 * r·log σ(−l) + k·log σ(l) + log Γ(r + k) − log Γ(1 + k) − log Γ(r), taken as 0 where r + k = 0. mean
 * r·e^l = rp/(1 − p), variance mean/σ(−l) = rp/(1 − p)², mode max(⌊(r − 1)·e^l⌋, 0). Samples are the
 * gamma–Poisson mixture Poisson(G·p/(1 − p)), G ~ Gamma(r, 1), drawn by `standardGamma` and `poisson`
 * (on the CPU), in the parameters' dtype and without a graph. torch 1.13 has no entropy for it, so
 * `entropy()` throws as torch's NotImplementedError.
 * @example
 * const d = new distributions.NegativeBinomial(3, { probs: tensor([0.5]) });
 * d.mean; // [3]
 * d.logProb(tensor([2])); // [-1.6740]
 */
export class NegativeBinomial extends Distribution {
  /** The number of failures r (≥ 0, not necessarily whole), broadcast to batchShape in the parameters' dtype. */
  readonly totalCount: Tensor;
  /** The success probability p of each trial, broadcast to batchShape. */
  readonly probs: Tensor;
  /** The log-odds log(p/(1 − p)), broadcast to batchShape. */
  readonly logits: Tensor;

  constructor(totalCount: Tensor | number, parameters: ProbabilitiesOrLogits) {
    const [key, given] = chosenParameter('NegativeBinomial', parameters);
    const validateArgs = readValidateArgs('NegativeBinomial', parameters, probabilityKeys);
    const [count, value] = broadcastParameters('NegativeBinomial', [floatingTotalCount(totalCount, given), given]) as [Tensor, Tensor];
    super('NegativeBinomial', value.shape, [], validateArgs);
    this.totalCount = count.dtype === value.dtype ? count : count.to(value.dtype);
    ({ probs: this.probs, logits: this.logits } = binaryProbabilities(key, value));
    this.checkParameters({
      totalCount: [this.totalCount, nonnegativeCount],
      [key]: [value, key === 'probs' ? successProbability : real],
    });
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({
      totalCount: this.totalCount.expand(batch),
      probs: this.probs.expand(batch),
      logits: this.logits.expand(batch),
    }));
  }

  get support(): Constraint {
    return nonnegativeInteger;
  }
  // r·e^l
  get mean(): Tensor {
    return composite(() => this.totalCount.mul(this.logits.exp()));
  }
  // max(⌊(r − 1)·e^l⌋, 0)
  override get mode(): Tensor {
    return composite(() => this.totalCount.sub(1).mul(this.logits.exp()).floor().clamp({ min: 0 }));
  }
  // r·e^l/σ(−l)
  get variance(): Tensor {
    return composite(() => this.mean.div(sigmoid(this.logits.neg())));
  }

  // Poisson(G/e^(−l)) with G ~ Gamma(r, 1), as torch's Gamma(r, e^(−l)).sample() then poisson
  override sample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() =>
      noGrad(() => {
        const rate = standardGamma(this.totalCount.detach().expand(shape).contiguous()).div(this.logits.detach().neg().exp());
        return poisson(rate);
      }),
    );
  }

  // r·log σ(−l) + k·log σ(l) − (log Γ(1 + k) + log Γ(r) − log Γ(r + k)), the last term 0 where r + k = 0
  logProb(value: Tensor | number): Tensor {
    const x = floatingCounts(this.checkValue('logProb', value, this.probs), this.probs);
    return composite(() => {
      const r = this.totalCount;
      const unnormalized = r.mul(logSigmoid(this.logits.neg())).add(x.mul(logSigmoid(this.logits)));
      const empty = r.add(x).eq(0);
      // log Γ at 1 under the mask, so that its derivative there is finite (torch's is 0·ψ(0) = NaN)
      const normalization = where(empty, 1, r.add(x))
        .lgamma()
        .neg()
        .add(x.add(1).lgamma())
        .add(where(empty, 1, r).lgamma());
      return unnormalized.sub(where(empty, 0, normalization));
    });
  }

  entropy(): Tensor {
    throw new Error('NegativeBinomial.entropy is not implemented (torch 1.13 has none and raises NotImplementedError)');
  }
}
