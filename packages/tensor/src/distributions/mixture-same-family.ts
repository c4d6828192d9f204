import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import { broadcastShapes, formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { Categorical } from './categorical.js';
import type { Constraint } from './constraints.js';
import { Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';

/**
 * A (batch of) mixture(s) of k components of one family (torch.distributions.MixtureSameFamily):
 * `mixtureDistribution`, a Categorical over k, picks the component; `componentDistribution` has k as
 * its right-most batch dim. The batch shape is the components' without that dim (the mixture's batch
 * broadcasts with it), the event shape theirs. logProb is log Σ πᵢ pᵢ(x) (a log-sum-exp); mean
 * Σ πᵢ μᵢ; variance by the law of total variance, Σ πᵢ σᵢ² + Σ πᵢ (μᵢ − μ)²; cdf Σ πᵢ Fᵢ(x) where the
 * components have a cdf. No rsample (a component index is discrete), as in torch.
 * @example
 * const mix = new distributions.Categorical({ probs: tensor([0.3, 0.7]) });
 * const gmm = new distributions.MixtureSameFamily(mix, new distributions.Normal(tensor([-1, 2]), tensor([0.5, 1])));
 * gmm.mean; // 1.1
 * gmm.logProb(tensor([0, 1])); // [-2.1044, -1.5659]
 */
export class MixtureSameFamily extends Distribution {
  /** The distribution of the component index. */
  readonly mixtureDistribution: Categorical;
  /** The components, indexed by the right-most batch dim. */
  readonly componentDistribution: Distribution;

  constructor(mixtureDistribution: Categorical, componentDistribution: Distribution, options?: DistributionOptions) {
    const name = 'MixtureSameFamily';
    if (!(mixtureDistribution instanceof Categorical))
      throw new Error(`${name}:  The Mixture distribution needs to be an  instance of torch.distribtutions.Categorical`);
    if (!(componentDistribution instanceof Distribution))
      throw new Error(`${name}: The Component distribution need to be an instance of torch.distributions.Distribution`);
    const validateArgs = readValidateArgs(name, options, optionKeys);
    const componentBatch = componentDistribution.batchShape;
    if (componentBatch.length === 0)
      throw new Error(`${name}: the component distribution needs a batch dim of the components, but its batch_shape is []`);
    const mdbs = mixtureDistribution.batchShape;
    const cdbs = componentBatch.slice(0, -1);
    for (let i = 1; i <= Math.min(mdbs.length, cdbs.length); i++) {
      const [a, b] = [mdbs[mdbs.length - i]!, cdbs[cdbs.length - i]!];
      if (a !== 1 && b !== 1 && a !== b)
        throw new Error(
          `${name}: \`mixture_distribution.batch_shape\` (${formatShape(mdbs)}) is not compatible with \`component_distribution.batch_shape\`(${formatShape(cdbs)})`,
        );
    }
    const km = mixtureDistribution.numEvents;
    const kc = componentBatch[componentBatch.length - 1]!;
    if (km !== kc)
      throw new Error(
        `${name}: \`mixture_distribution component\` (${km}) does not equal \`component_distribution.batch_shape[-1]\` (${kc})`,
      );
    super(name, cdbs, componentDistribution.eventShape, validateArgs);
    this.mixtureDistribution = mixtureDistribution;
    this.componentDistribution = componentDistribution;
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({
      mixtureDistribution: this.mixtureDistribution.expand(batch),
      componentDistribution: this.componentDistribution.expand([...batch, this.mixtureDistribution.numEvents]),
    }));
  }

  /** How many event dims follow the component dim. */
  private get eventNdims(): number {
    return this.eventShape.length;
  }
  /** x with a dim for the components before its event dims. */
  private pad(x: Tensor): Tensor {
    return x.unsqueeze(-1 - this.eventNdims);
  }
  /** The mixture's [..., k] with a 1 for each event dim after k, to broadcast with the components'. */
  private padMixture(x: Tensor): Tensor {
    return x.reshape([...x.shape, ...new Array<number>(this.eventNdims).fill(1)]);
  }

  get support(): Constraint {
    return this.componentDistribution.support;
  }
  // Σ πᵢ μᵢ
  get mean(): Tensor {
    return composite(() => {
      const probs = this.padMixture(this.mixtureDistribution.probs);
      return probs.mul(this.componentDistribution.mean).sum(-1 - this.eventNdims);
    });
  }
  // E[Var(Y|X)] + Var(E[Y|X])
  get variance(): Tensor {
    return composite(() => {
      const probs = this.padMixture(this.mixtureDistribution.probs);
      const dim = -1 - this.eventNdims;
      const meanOfVariances = probs.mul(this.componentDistribution.variance).sum(dim);
      const varianceOfMeans = probs.mul(this.componentDistribution.mean.sub(this.pad(this.mean)).pow(2)).sum(dim);
      return meanOfVariances.add(varianceOfMeans);
    });
  }

  // Σ πᵢ Fᵢ(x)
  override cdf(value: Tensor | number): Tensor {
    const x = this.asValue('cdf', value, this.mixtureDistribution.probs);
    return composite(() => this.componentDistribution.cdf(this.pad(x)).mul(this.mixtureDistribution.probs).sum(-1));
  }

  // log Σ πᵢ pᵢ(x)
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.mixtureDistribution.probs);
    return composite(() => {
      const logProbs = this.componentDistribution.logProb(this.pad(x));
      return logProbs.add(this.mixtureDistribution.logits.logSoftmax(-1)).logsumexp(-1);
    });
  }

  entropy(): Tensor {
    throw new Error('MixtureSameFamily.entropy is not implemented (torch raises NotImplementedError)');
  }

  // the component each mixture draw picks, gathered from draws of every component
  override sample(sampleShape: readonly number[] = []): Tensor {
    return composite(() =>
      noGrad(() => {
        const gatherDim = sampleShape.length + this.batchShape.length;
        const event = this.eventShape;
        const picks = this.mixtureDistribution.sample(sampleShape);
        const draws = this.componentDistribution.sample(sampleShape);
        // [...sample, ...mixture batch] broadcast to [...sample, ...batch], then a dim of 1 and the event dims
        const mixtureBatch = this.mixtureDistribution.batchShape;
        const aligned = picks.reshape([
          ...sampleShape,
          ...new Array<number>(Math.max(0, this.batchShape.length - mixtureBatch.length)).fill(1),
          ...mixtureBatch,
        ]);
        const batchShape = broadcastShapes(this.name, aligned.shape, [...sampleShape, ...this.batchShape]);
        const index = aligned
          .expand(batchShape)
          .reshape([...batchShape, 1, ...new Array<number>(event.length).fill(1)])
          .expand([...batchShape, 1, ...event]);
        return draws.gather(gatherDim, index).squeeze(gatherDim);
      }),
    );
  }

  override toString(): string {
    return `MixtureSameFamily(${this.mixtureDistribution}, ${this.componentDistribution})`;
  }
}
