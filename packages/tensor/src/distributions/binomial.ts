import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { arange } from '../ops/creation.js';
import { binomial } from '../ops/binomial.js';
import { binaryProbabilities } from './binary-probabilities.js';
import { type Constraint, integerInterval, nonnegativeInteger, real, unitInterval } from './constraints.js';
import { floatingCounts } from './count-values.js';
import { broadcastParameters, Distribution, readValidateArgs } from './distribution.js';
import { chosenParameter, type ProbabilitiesOrLogits, probabilityKeys } from './probabilities.js';
import { floatingTotalCount, totalCountArguments } from './total-count.js';

/**
 * max(x, 0) written as (max(x, 0) + x − min(x, 0))/2 (torch's _clamp_by_zero), so that its gradient
 * at 0 is ½ as torch's.
 */
function clampByZero(x: Tensor): Tensor {
  return x
    .clamp({ min: 0 })
    .add(x)
    .sub(x.clamp({ max: 0 }))
    .div(2);
}

/**
 * The binomial distribution of the number of successes k in n = `totalCount` independent trials of
 * success probability p (torch.distributions.Binomial): P(k) = C(n, k)·p^k·(1 − p)^(n−k) on
 * k = 0 … n, from `{ probs }` or `{ logits }` (log-odds, both kept as in Bernoulli); totalCount (a
 * whole number ≥ 0, default 1) and the parameter broadcast. logProb takes torch's stable form in the
 * log-odds l: k·l − log k! − log (n − k)! + log n! − n·max(l, 0) − n·log(1 + e^(−|l|)). mean np, variance
 * np(1 − p), mode min(⌊(n + 1)p⌋, n). entropy sums −P(k)·log P(k) over k = 0 … n (as torch, which
 * refuses a totalCount that differs across the batch, and so does this); enumerateSupport gives 0 … n.
 * Samples are counts in the parameters' dtype drawn by the `binomial` op (on the CPU), without a graph.
 * @example
 * const d = new distributions.Binomial(10, { probs: tensor([0.2, 0.5]) });
 * d.mean; // [2, 5]
 * d.logProb(tensor([2, 5])); // [-1.1974, -1.4020]
 * new distributions.Binomial({ logits: tensor([0]) }).entropy(); // [0.6931] (a fair coin: totalCount 1)
 */
export class Binomial extends Distribution {
  /** The number of trials n (a whole number ≥ 0), broadcast to batchShape in the parameters' dtype. */
  readonly totalCount: Tensor;
  /** The success probability p of each trial, broadcast to batchShape. */
  readonly probs: Tensor;
  /** The log-odds log(p/(1 − p)), broadcast to batchShape. */
  readonly logits: Tensor;

  constructor(parameters: ProbabilitiesOrLogits);
  constructor(totalCount: Tensor | number, parameters: ProbabilitiesOrLogits);
  constructor(first: Tensor | number | ProbabilitiesOrLogits, second?: ProbabilitiesOrLogits) {
    const [totalCount, parameters] = totalCountArguments('Binomial', first, second);
    const [key, given] = chosenParameter('Binomial', parameters);
    const validateArgs = readValidateArgs('Binomial', parameters, probabilityKeys);
    const [count, value] = broadcastParameters('Binomial', [floatingTotalCount(totalCount, given), given]) as [Tensor, Tensor];
    super('Binomial', value.shape, [], validateArgs);
    this.totalCount = count.dtype === value.dtype ? count : count.to(value.dtype);
    ({ probs: this.probs, logits: this.logits } = binaryProbabilities(key, value));
    this.checkParameters({ totalCount: [this.totalCount, nonnegativeInteger], [key]: [value, key === 'probs' ? unitInterval : real] });
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
    return integerInterval(0, this.totalCount);
  }
  // n·p
  get mean(): Tensor {
    return composite(() => this.totalCount.mul(this.probs));
  }
  // min(⌊(n + 1)·p⌋, n)
  override get mode(): Tensor {
    return composite(() => this.totalCount.add(1).mul(this.probs).floor().clamp({ max: this.totalCount }));
  }
  // n·p·(1 − p)
  get variance(): Tensor {
    return composite(() => this.totalCount.mul(this.probs).mul(this.probs.neg().add(1)));
  }

  override sample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return composite(() =>
      noGrad(() => binomial(this.totalCount.detach().expand(shape).contiguous(), this.probs.detach().expand(shape).contiguous())),
    );
  }

  // k·l − log Γ(k + 1) − log Γ(n − k + 1) − (n·max(l, 0) + n·log(1 + e^(−|l|)) − log Γ(n + 1))
  logProb(value: Tensor | number): Tensor {
    const x = floatingCounts(this.checkValue('logProb', value, this.probs), this.probs);
    return composite(() => {
      const [n, logits] = [this.totalCount, this.logits];
      const normalizer = n.mul(clampByZero(logits)).add(n.mul(logits.abs().neg().exp().log1p())).sub(n.add(1).lgamma());
      return x.mul(logits).sub(x.add(1).lgamma()).sub(n.sub(x).add(1).lgamma()).sub(normalizer);
    });
  }

  /** The one totalCount of the batch, read on the host; torch's message where it varies. */
  private homogeneousCount(operation: string): number {
    const values = this.totalCount.dataSync();
    let [low, high] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const value of values) [low, high] = [Math.min(low, Number(value)), Math.max(high, Number(value))];
    if (values.length > 0 && low !== high)
      throw new Error(
        `Binomial.${operation}: Inhomogeneous total count not supported by \`${operation}\` (totalCount ranges from ${low} to ${high}; torch raises NotImplementedError)`,
      );
    return values.length > 0 ? high : 0;
  }

  /**
   * The values 0 … n in the parameters' dtype, shaped [n + 1, ...batchShape] (or [n + 1, 1, …, 1]
   * with `expand` false), for a totalCount n shared by the whole batch (torch's enumerate_support;
   * an error naming the range otherwise). totalCount is read synchronously (the CPU).
   * @example
   * new distributions.Binomial(2, { probs: tensor([0.5, 0.1]) }).enumerateSupport(); // [[0, 0], [1, 1], [2, 2]]
   */
  enumerateSupport(expand = true): Tensor {
    const count = this.homogeneousCount('enumerateSupport');
    return composite(() => {
      const values = arange(0, count + 1, 1, { dtype: this.probs.dtype, device: this.probs.device }).reshape([
        count + 1,
        ...this.batchShape.map(() => 1),
      ]);
      return expand ? values.expand([count + 1, ...this.batchShape]) : values;
    });
  }

  // −Σₖ P(k)·log P(k) over k = 0 … n (a totalCount shared by the batch, read on the host)
  entropy(): Tensor {
    this.homogeneousCount('entropy');
    return composite(() => {
      const logProbabilities = this.logProb(this.enumerateSupport(false));
      return logProbabilities.exp().mul(logProbabilities).sum(0).neg();
    });
  }
}
