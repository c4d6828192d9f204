import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import { broadcastShapes, sizeOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { full, zeros } from '../ops/creation.js';
import { softmax } from '../ops/log-softmax.js';
import { multinomial } from '../ops/multinomial.js';
import { type Constraint, independent, integerInterval, real, simplex } from './constraints.js';
import { broadcastParameters, Distribution, epsilonOf, lowestOf, readValidateArgs } from './distribution.js';
import { chosenParameter, type ProbabilitiesOrLogits, probabilityKeys } from './probabilities.js';

/**
 * The categorical distribution over the indices 0..K−1 of the last dim of `probs` or `logits`
 * (torch.distributions.Categorical); the other dims are the batch. probs are normalised to sum to 1,
 * logits to log-sum-exp 0; both are kept (logits from probs as log p with p clamped to [ε, 1 − ε]).
 * Samples and the mode are int32 indices (torch's int64), drawn with `multinomial`; logProb takes
 * indices (int32, or floats holding integers). mean and variance are NaN, as in torch 1.13.
 * @example
 * const die = new distributions.Categorical({ probs: tensor([1, 1, 2]) });
 * die.probs; // [0.25, 0.25, 0.5]
 * die.logProb(tensor([2])); // [-0.6931]
 */
export class Categorical extends Distribution {
  /** The normalised probabilities [...batchShape, K]. */
  readonly probs: Tensor;
  /** The normalised log-probabilities [...batchShape, K]. */
  readonly logits: Tensor;

  constructor(parameters: ProbabilitiesOrLogits) {
    const [key, given] = chosenParameter('Categorical', parameters);
    const validateArgs = readValidateArgs('Categorical', parameters, probabilityKeys);
    const [value] = broadcastParameters('Categorical', [given]) as [Tensor];
    if (value.ndim < 1) throw new Error(`Categorical: \`${key}\` parameter must be at least one-dimensional.`);
    super('Categorical', value.shape.slice(0, -1), [], validateArgs);
    if (key === 'probs') {
      const epsilon = epsilonOf(value.dtype);
      this.probs = composite(() => value.div(value.sum(-1, true)));
      this.logits = composite(() => this.probs.clamp(epsilon, 1 - epsilon).log());
      this.checkParameters({ probs: [this.probs, simplex] });
    } else {
      this.logits = composite(() => value.sub(value.logsumexp(-1, true)));
      this.probs = softmax(value, -1);
      this.checkParameters({ logits: [this.logits, independent(real, 1)] });
    }
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({
      probs: this.probs.expand([...batch, this.numEvents]),
      logits: this.logits.expand([...batch, this.numEvents]),
    }));
  }

  /** K, the number of categories. */
  get numEvents(): number {
    return this.probs.shape[this.probs.ndim - 1]!;
  }
  get support(): Constraint {
    return integerInterval(0, this.numEvents - 1);
  }
  get mean(): Tensor {
    return full(this.extendedShape(), Number.NaN, { dtype: this.probs.dtype, device: this.probs.device });
  }
  get variance(): Tensor {
    return full(this.extendedShape(), Number.NaN, { dtype: this.probs.dtype, device: this.probs.device });
  }
  // the most likely index (int32)
  override get mode(): Tensor {
    return noGrad(() => this.probs.argmax(-1));
  }

  override sample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const draws = sizeOf(sampleShape);
    if (draws === 0 || sizeOf(this.batchShape) === 0) return zeros(shape, { dtype: 'int32', device: this.probs.device });
    return composite(() =>
      noGrad(() => {
        const rows = this.probs.detach().reshape(-1, this.numEvents);
        // [batch, draws] → [draws, batch] → [...sampleShape, ...batchShape]
        return multinomial(rows, draws, { replacement: true }).transpose(0, 1).contiguous().reshape(shape);
      }),
    );
  }

  // logits[..., x], with x broadcast against the batch
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.probs);
    return composite(() => {
      const indices = x.to('int32').unsqueeze(-1);
      const shape = broadcastShapes('Categorical.logProb', indices.shape, this.logits.shape);
      const index = indices.expand([...shape.slice(0, -1), 1]);
      return this.logits.expand(shape).gather(-1, index).squeeze(-1);
    });
  }

  // −Σ p·log p, with −∞ logits clamped to the lowest finite value (so 0·log 0 = 0)
  entropy(): Tensor {
    return composite(() => this.logits.clamp(lowestOf(this.logits.dtype)).mul(this.probs).sum(-1).neg());
  }
}
