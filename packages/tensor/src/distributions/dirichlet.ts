import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { arange } from '../ops/creation.js';
import { sampleDirichlet } from '../ops/dirichlet-sample.js';
import { where } from '../ops/elementwise.js';
import { type Constraint, independent, positive, simplex } from './constraints.js';
import { broadcastParameters, Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';

/**
 * The Dirichlet distribution over the probability simplex of the last dim of `concentration`
 * (torch.distributions.Dirichlet): density Γ(α₀)/Πᵢ Γ(αᵢ)·Πᵢ xᵢ^(αᵢ−1) with α₀ = Σᵢ αᵢ; the other
 * dims are the batch. Reparameterised: rsample normalises Gamma(αᵢ, 1) draws, with torch's gradient
 * (the marginal Beta(αᵢ, α₀ − αᵢ) moved at fixed quantile, the other coordinates rescaled; see
 * sampleDirichlet). mean α/α₀, variance α(α₀ − α)/(α₀²(α₀ + 1)), mode (α − 1)₊/Σ(α − 1)₊ (torch 1.13's,
 * including its one-hot first vertex where every αᵢ < 1). Samples run on the CPU.
 * @example
 * const d = new distributions.Dirichlet(tensor([1, 2, 3]));
 * d.mean; // [0.1667, 0.3333, 0.5]
 * d.logProb(tensor([0.2, 0.3, 0.5])); // 1.5041
 */
export class Dirichlet extends Distribution {
  /** The concentrations α (each > 0), [...batchShape, K]. */
  readonly concentration: Tensor;

  constructor(concentration: Tensor, options?: DistributionOptions) {
    const validateArgs = readValidateArgs('Dirichlet', options, optionKeys);
    const [alpha] = broadcastParameters('Dirichlet', [concentration]) as [Tensor];
    if (alpha.ndim < 1) throw new Error('Dirichlet: `concentration` parameter must be at least one-dimensional.');
    super('Dirichlet', alpha.shape.slice(0, -1), alpha.shape.slice(-1), validateArgs);
    this.concentration = alpha;
    this.checkParameters({ concentration: [alpha, independent(positive, 1)] });
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ concentration: this.concentration.expand([...batch, ...this.eventShape]) }));
  }

  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return simplex;
  }
  // α/α₀
  get mean(): Tensor {
    return composite(() => this.concentration.div(this.concentration.sum(-1, true)));
  }
  // (α − 1)₊/Σ(α − 1)₊; where every α < 1 that is 0/0 in each coordinate and torch 1.13 puts the
  // one-hot vector of the argmax of that all-NaN row, which is its first coordinate
  override get mode(): Tensor {
    return composite(() => {
      const excess = this.concentration.sub(1).clamp({ min: 0 });
      const mode = excess.div(excess.sum(-1, true));
      const allBelowOne = this.concentration.lt(1).all(-1, true);
      const { dtype, device } = this.concentration;
      const firstVertex = arange(0, this.eventShape[0]!, 1, { dtype, device }).eq(0).to(dtype);
      return where(allBelowOne, firstVertex, mode);
    });
  }
  // α(α₀ − α)/(α₀²(α₀ + 1))
  get variance(): Tensor {
    return composite(() => {
      const total = this.concentration.sum(-1, true);
      return this.concentration.mul(total.sub(this.concentration)).div(total.pow(2).mul(total.add(1)));
    });
  }

  override rsample(sampleShape: readonly number[] = []): Tensor {
    return composite(() => sampleDirichlet(this.concentration.expand(this.extendedShape(sampleShape))));
  }

  // Σ (α − 1)·log x + log Γ(α₀) − Σ log Γ(α), as torch writes it (so (α − 1)·log 0 is NaN at α = 1)
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.concentration);
    return composite(() =>
      x.log().mul(this.concentration.sub(1)).sum(-1).add(this.concentration.sum(-1).lgamma()).sub(this.concentration.lgamma().sum(-1)),
    );
  }

  // Σ log Γ(α) − log Γ(α₀) − (K − α₀)·ψ(α₀) − Σ (α − 1)·ψ(α)
  entropy(): Tensor {
    return composite(() => {
      const size = this.eventShape[0]!;
      const total = this.concentration.sum(-1);
      return this.concentration
        .lgamma()
        .sum(-1)
        .sub(total.lgamma())
        .sub(total.neg().add(size).mul(total.digamma()))
        .sub(this.concentration.sub(1).mul(this.concentration.digamma()).sum(-1));
    });
  }
}
