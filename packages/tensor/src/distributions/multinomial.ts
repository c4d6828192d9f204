import { isTensor } from '../core/brand.js';
import { describeValue } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { arange, ones, tensor, zeros } from '../ops/creation.js';
import { where } from '../ops/elementwise.js';
import { Binomial } from './binomial.js';
import { Categorical } from './categorical.js';
import { type Constraint, independent, multinomialCounts, real, simplex } from './constraints.js';
import { floatingCounts } from './count-values.js';
import { Distribution, readValidateArgs } from './distribution.js';
import { chosenParameter, type ProbabilitiesOrLogits, probabilityKeys } from './probabilities.js';
import { totalCountArguments } from './total-count.js';

/**
 * The multinomial distribution of the counts x of K categories in n = `totalCount` independent draws
 * from the categorical distribution of `{ probs }` or `{ logits }` along the last dim
 * (torch.distributions.Multinomial): P(x) = n!/(x₁!…x_K!)·Π pᵢ^xᵢ; eventShape [K], the other dims are
 * the batch; probs are normalised to sum to 1 and logits to log-sum-exp 0, as in Categorical.
 * totalCount is one whole number ≥ 0 for the whole batch (default 1; torch refuses tensors too).
 * logProb takes the counts' own total log Γ(Σxᵢ + 1) − Σ log Γ(xᵢ + 1) + Σ xᵢ·log pᵢ (so it accepts any
 * total, as torch; the support checks only xᵢ ≥ 0 and Σxᵢ ≤ n, as torch's). mean n·p, variance
 * n·p·(1 − p); entropy is torch's n·H(p) − log n! + Σᵢ Σⱼ₌₁ⁿ Binomial(n, pᵢ)(j)·log j! (a sum over the n
 * values of each count). Samples are the counts of n categorical draws, in the parameters' dtype,
 * without a graph. torch 1.13 has no mode for it (the base class's error).
 * @example
 * const d = new distributions.Multinomial(4, { probs: tensor([0.25, 0.75]) });
 * d.mean; // [1, 3]
 * d.logProb(tensor([1, 3])); // -0.8630
 * d.sample([2]); // e.g. [[1, 3], [0, 4]]
 */
export class Multinomial extends Distribution {
  /** The number of draws n, shared by the batch. */
  readonly totalCount: number;
  /** The categorical distribution of one draw. */
  readonly categorical: Categorical;

  constructor(parameters: ProbabilitiesOrLogits);
  constructor(totalCount: number, parameters: ProbabilitiesOrLogits);
  constructor(first: number | ProbabilitiesOrLogits, second?: ProbabilitiesOrLogits) {
    const [totalCount, parameters] = totalCountArguments('Multinomial', first as number | ProbabilitiesOrLogits, second);
    if (typeof totalCount !== 'number' || !Number.isInteger(totalCount))
      throw new Error(
        `Multinomial: inhomogeneous total_count is not supported: totalCount must be one whole number, got ${isTensor(totalCount) ? 'a tensor' : describeValue(totalCount)} (torch raises NotImplementedError)`,
      );
    if (totalCount < 0)
      throw new Error(
        `Multinomial: Expected parameter totalCount (${totalCount}) to satisfy the constraint IntegerGreaterThan(lower_bound=0), but found invalid values: [${totalCount}]`,
      );
    const [key, given] = chosenParameter('Multinomial', parameters);
    const validateArgs = readValidateArgs('Multinomial', parameters, probabilityKeys);
    if (!isTensor(given) || given.ndim < 1) throw new Error(`Multinomial: \`${key}\` parameter must be at least one-dimensional.`);
    // validated below under Multinomial's name
    const categorical = new Categorical({ [key]: given, validateArgs: false });
    super('Multinomial', categorical.batchShape, [categorical.numEvents], validateArgs);
    this.totalCount = totalCount;
    this.categorical = categorical;
    this.checkParameters(
      key === 'probs' ? { probs: [categorical.probs, simplex] } : { logits: [categorical.logits, independent(real, 1)] },
    );
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ categorical: this.categorical.expand(batch) }));
  }

  /** The normalised probabilities [...batchShape, K]. */
  get probs(): Tensor {
    return this.categorical.probs;
  }
  /** The normalised log-probabilities [...batchShape, K]. */
  get logits(): Tensor {
    return this.categorical.logits;
  }
  get support(): Constraint {
    return multinomialCounts(this.totalCount);
  }
  // n·p
  get mean(): Tensor {
    return composite(() => this.probs.mul(this.totalCount));
  }
  // n·p·(1 − p)
  get variance(): Tensor {
    return composite(() => this.probs.mul(this.totalCount).mul(this.probs.neg().add(1)));
  }

  // the counts of totalCount categorical draws per sample, added up along the last dim
  override sample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const options = { dtype: this.probs.dtype, device: this.probs.device };
    if (this.totalCount === 0) return zeros(shape, options);
    return composite(() => {
      // [n, ...sampleShape, ...batchShape] → [...sampleShape, ...batchShape, n]
      const draws = this.categorical.sample([this.totalCount, ...sampleShape]).movedim(0, -1);
      return zeros(shape, options).scatterAdd(-1, draws, ones(draws.shape, options));
    });
  }

  // log Γ(Σx + 1) − Σ log Γ(x + 1) + Σ x·log p, with 0·log 0 = 0 where a logit is −∞
  logProb(value: Tensor | number): Tensor {
    const x = floatingCounts(this.checkValue('logProb', value, this.probs), this.probs);
    return composite(() => {
      const logits = where(x.eq(0).logicalAnd(this.logits.eq(Number.NEGATIVE_INFINITY)), 0, this.logits);
      return x.sum(-1).add(1).lgamma().sub(x.add(1).lgamma().sum(-1)).add(logits.mul(x).sum(-1));
    });
  }

  // n·H(categorical) − log Γ(n + 1) + Σᵢ Σⱼ₌₁ⁿ P(Binomial(n, pᵢ) = j)·log Γ(j + 1)
  entropy(): Tensor {
    const n = this.totalCount;
    return composite(() => {
      const options = { dtype: this.probs.dtype, device: this.probs.device };
      const first = this.categorical
        .entropy()
        .mul(n)
        .sub(tensor(n + 1, options).lgamma());
      const binomial = new Binomial(n, { probs: this.probs, validateArgs: false });
      const support = arange(1, n + 1, 1, options).reshape([n, ...this.probs.shape.map(() => 1)]);
      const second = binomial.logProb(support).exp().mul(support.add(1).lgamma()).sum([0, -1]);
      return first.add(second);
    });
  }
}
