import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { stack } from '../ops/join.js';
import { type Constraint, positive, unitInterval } from './constraints.js';
import { broadcastParameters, Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';
import { Dirichlet } from './dirichlet.js';

/**
 * The beta distribution on [0, 1] with density x^(a−1)(1 − x)^(b−1)/B(a, b), a = `concentration1`,
 * b = `concentration0` (torch.distributions.Beta); the parameters broadcast. As torch, it is the first
 * coordinate of a Dirichlet over the two concentrations [a, b]: rsample takes that coordinate of the
 * Dirichlet's rsample (with its reparameterisation gradient), logProb and entropy are the Dirichlet's
 * of [x, 1 − x]. mean a/(a + b), variance ab/((a + b)²(a + b + 1)), mode the Dirichlet's first
 * coordinate. Validation checks both concentrations (naming Beta; torch reports the inner Dirichlet's
 * stacked concentration). Samples run on the CPU.
 * @example
 * const d = new distributions.Beta(tensor([2, 0.5]), tensor([3, 0.5]));
 * d.mean; // [0.4, 0.5]
 * d.logProb(tensor([0.5, 0.5])); // [0.4055, -0.4516]
 */
export class Beta extends Distribution {
  /** The Dirichlet over [concentration1, concentration0] whose first coordinate this is. */
  private readonly dirichlet: Dirichlet;

  constructor(concentration1: Tensor | number, concentration0: Tensor | number, options?: DistributionOptions) {
    const validateArgs = readValidateArgs('Beta', options, optionKeys);
    const [a, b] = broadcastParameters('Beta', [concentration1, concentration0]) as [Tensor, Tensor];
    super('Beta', a.shape, [], validateArgs);
    // validated here, with Beta's names; the inner Dirichlet's checks would repeat them
    this.dirichlet = new Dirichlet(stack([a, b], -1), { validateArgs: false });
    this.checkParameters({ concentration1: [a, positive], concentration0: [b, positive] });
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ dirichlet: this.dirichlet.expand(batch) }));
  }

  /** The first concentration a (> 0), the exponent of x: concentration[..., 0] of the inner Dirichlet. */
  get concentration1(): Tensor {
    return this.dirichlet.concentration.select(-1, 0);
  }
  /** The second concentration b (> 0), the exponent of 1 − x: concentration[..., 1] of the inner Dirichlet. */
  get concentration0(): Tensor {
    return this.dirichlet.concentration.select(-1, 1);
  }

  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return unitInterval;
  }
  // a/(a + b)
  get mean(): Tensor {
    return composite(() => this.concentration1.div(this.concentration1.add(this.concentration0)));
  }
  // the Dirichlet's mode, first coordinate
  override get mode(): Tensor {
    return composite(() => this.dirichlet.mode.select(-1, 0));
  }
  // ab/((a + b)²(a + b + 1))
  get variance(): Tensor {
    return composite(() => {
      const total = this.concentration1.add(this.concentration0);
      return this.concentration1.mul(this.concentration0).div(total.pow(2).mul(total.add(1)));
    });
  }

  override rsample(sampleShape: readonly number[] = []): Tensor {
    return composite(() => this.dirichlet.rsample(sampleShape).select(-1, 0));
  }

  // the Dirichlet's log density at [x, 1 − x]
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.dirichlet.concentration);
    return composite(() => this.dirichlet.logProb(stack([x, x.neg().add(1)], -1)));
  }

  // the Dirichlet's: log B(a, b) − (a − 1)ψ(a) − (b − 1)ψ(b) + (a + b − 2)ψ(a + b)
  entropy(): Tensor {
    return this.dirichlet.entropy();
  }
}
