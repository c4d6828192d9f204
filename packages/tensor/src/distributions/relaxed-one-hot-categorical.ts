import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { finfo } from '../core/type-info.js';
import { fullLike } from '../ops/creation.js';
import { rand } from '../ops/random.js';
import { Categorical } from './categorical.js';
import { type Constraint, independent, real, simplex } from './constraints.js';
import { broadcastParameters, Distribution, readValidateArgs } from './distribution.js';
import { chosenParameter, type ProbabilitiesOrLogits, probabilityKeys } from './probabilities.js';
import { readTemperature } from './relaxation-temperature.js';

/**
 * The relaxed one-hot categorical (Concrete, Gumbel-softmax) distribution on the simplex of the last
 * dim at a `temperature` T, from `{ probs }` or `{ logits }` (torch.distributions.RelaxedOneHotCategorical:
 * an ExpRelaxedCategorical carried through an ExpTransform; the same formulas are written here
 * directly). A draw is softmax((logits + g)/T) with g standard Gumbel noise −log(−log u), u uniform
 * clamped to [ε, 1 − ε] (reparameterised: gradients reach probs or logits and the temperature); as
 * T → 0 the draws approach one-hot draws. With ℓ = log x and s = logits − T·ℓ over the K categories,
 * log p(x) = log Γ(K) + (K − 1)·log T + Σ(s − logsumexp s) − Σℓ. probs and logits are normalised as a
 * Categorical's; eventShape is [K]. The temperature broadcasts to the batch shape (one per
 * distribution; torch multiplies it into the event dim, which agrees for a scalar). No mean, variance
 * or entropy (torch has none).
 * @example
 * const d = new distributions.RelaxedOneHotCategorical(0.5, { probs: tensor([0.2, 0.3, 0.5]) });
 * d.logProb(tensor([0.2, 0.3, 0.5])); // -0.5354
 * d.rsample([4]).shape; // [4, 3]
 */
export class RelaxedOneHotCategorical extends Distribution {
  /** The temperature T (> 0), broadcasting to batchShape. */
  readonly temperature: Tensor;
  /** The categorical whose normalised probs and logits these are. */
  private readonly categorical: Categorical;

  constructor(temperature: Tensor | number, parameters: ProbabilitiesOrLogits) {
    const [key, given] = chosenParameter('RelaxedOneHotCategorical', parameters);
    const validateArgs = readValidateArgs('RelaxedOneHotCategorical', parameters, probabilityKeys);
    const [value] = broadcastParameters('RelaxedOneHotCategorical', [given]) as [Tensor];
    if (value.ndim < 1) throw new Error(`RelaxedOneHotCategorical: \`${key}\` parameter must be at least one-dimensional.`);
    const categorical = new Categorical(key === 'probs' ? { probs: value, validateArgs: false } : { logits: value, validateArgs: false });
    super('RelaxedOneHotCategorical', categorical.batchShape, [categorical.numEvents], validateArgs);
    this.categorical = categorical;
    this.temperature = readTemperature('RelaxedOneHotCategorical', temperature, value, categorical.batchShape);
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
  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return simplex;
  }
  get mean(): Tensor {
    throw new Error('RelaxedOneHotCategorical.mean is not implemented (torch raises NotImplementedError)');
  }
  get variance(): Tensor {
    throw new Error('RelaxedOneHotCategorical.variance is not implemented (torch raises NotImplementedError)');
  }

  /** The temperature with a trailing 1 for the event dim. */
  private get eventTemperature(): Tensor {
    return this.temperature.unsqueeze(-1);
  }

  // exp(s − logsumexp s) with s = (logits + g)/T, g = −log(−log u)
  override rsample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const { eps } = finfo(this.logits.dtype === 'float64' ? 'float64' : 'float32');
    return composite(() => {
      const u = rand(shape, { dtype: this.logits.dtype, device: this.logits.device }).clamp(eps, 1 - eps);
      const gumbel = u.log().neg().log().neg();
      const scores = this.logits.add(gumbel).div(this.eventTemperature);
      return scores.sub(scores.logsumexp(-1, true)).exp();
    });
  }

  // log Γ(K) + (K − 1)·log T + Σ(s − logsumexp s) − Σ log x, s = logits − T·log x
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.logits);
    const categories = this.categorical.numEvents;
    return composite(() => {
      const logValue = x.log();
      const scores = this.logits.sub(logValue.mul(this.eventTemperature));
      const normalised = scores.sub(scores.logsumexp(-1, true)).sum(-1);
      const logScale = fullLike(this.temperature, categories)
        .lgamma()
        .add(this.temperature.log().mul(categories - 1));
      return normalised.add(logScale).sub(logValue.sum(-1));
    });
  }

  entropy(): Tensor {
    throw new Error('RelaxedOneHotCategorical.entropy is not implemented (torch raises NotImplementedError)');
  }
}
