import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { oneHot } from '../ops/indexing.js';
import { Categorical } from './categorical.js';
import { type Constraint, oneHotVectors } from './constraints.js';
import { Distribution, readValidateArgs } from './distribution.js';
import { chosenParameter, type ProbabilitiesOrLogits, probabilityKeys } from './probabilities.js';

/**
 * The categorical distribution over one-hot vectors of length K (torch.distributions.OneHotCategorical):
 * a Categorical whose draws are one-hot rows in the parameters' dtype; eventShape is [K].
 * @example
 * const d = new distributions.OneHotCategorical({ probs: tensor([0.2, 0.8]) });
 * d.logProb(tensor([0, 1])); // [-0.2231]
 */
export class OneHotCategorical extends Distribution {
  /** The categorical distribution of the index of the 1. */
  readonly categorical: Categorical;

  constructor(parameters: ProbabilitiesOrLogits) {
    const validateArgs = readValidateArgs('OneHotCategorical', parameters, probabilityKeys);
    chosenParameter('OneHotCategorical', parameters);
    const categorical = new Categorical(parameters);
    super('OneHotCategorical', categorical.batchShape, [categorical.numEvents], validateArgs);
    this.categorical = categorical;
    this.checkParameters({});
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
    return oneHotVectors;
  }
  get mean(): Tensor {
    return this.probs;
  }
  // p·(1 − p)
  get variance(): Tensor {
    return composite(() => this.probs.mul(this.probs.neg().add(1)));
  }
  override get mode(): Tensor {
    return composite(() => noGrad(() => oneHot(this.probs.argmax(-1), this.categorical.numEvents).to(this.probs.dtype)));
  }

  override sample(sampleShape: readonly number[] = []): Tensor {
    return composite(() => oneHot(this.categorical.sample(sampleShape), this.categorical.numEvents).to(this.probs.dtype));
  }

  // the categorical's logProb at the index of the 1
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.probs);
    return composite(() => this.categorical.logProb(noGrad(() => x.argmax(-1))));
  }

  entropy(): Tensor {
    return this.categorical.entropy();
  }
}
