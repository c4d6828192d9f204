import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { finfo } from '../core/type-info.js';
import { softplus } from '../ops/activation.js';
import { rand } from '../ops/random.js';
import { Bernoulli } from './bernoulli.js';
import { type Constraint, real, unitInterval } from './constraints.js';
import { broadcastParameters, Distribution, readValidateArgs } from './distribution.js';
import { chosenParameter, type ProbabilitiesOrLogits, probabilityKeys } from './probabilities.js';
import { readTemperature } from './relaxation-temperature.js';

/**
 * The relaxed Bernoulli (binary Concrete) distribution on (0, 1) at a `temperature` T, from `{ probs }`
 * or `{ logits }` (torch.distributions.RelaxedBernoulli: a LogitRelaxedBernoulli carried through a
 * SigmoidTransform; the same formulas are written here directly). A draw is σ((logit u + logit p)/T)
 * with u uniform (reparameterised: gradients reach probs or logits and the temperature); as T → 0 the
 * draws approach Bernoulli(p) draws. With ℓ = logit x (x clamped to [tiny, 1 − ε]) and d = logits − T·ℓ,
 * log p(x) = log T + d − 2·log(1 + e^d) + softplus(ℓ) + softplus(−ℓ). As torch: p and u are clamped to
 * [ε, 1 − ε] and the draws to [tiny, 1 − ε] (ε the machine epsilon, tiny the smallest normal number of
 * the dtype); logits given as probs are torch's clamped log-odds, probs given as logits are σ(logits).
 * No mean, variance or entropy (torch has none).
 * @example
 * const d = new distributions.RelaxedBernoulli(0.5, { probs: tensor([0.2, 0.9]) });
 * d.logProb(tensor([0.5, 0.5])); // [-1.1394, -1.7148]
 * d.rsample([4]).shape; // [4, 2]
 */
export class RelaxedBernoulli extends Distribution {
  /** The temperature T (> 0), broadcasting to batchShape. */
  readonly temperature: Tensor;
  /** The Bernoulli whose probs and logits these are. */
  private readonly bernoulli: Bernoulli;

  constructor(temperature: Tensor | number, parameters: ProbabilitiesOrLogits) {
    const [key, given] = chosenParameter('RelaxedBernoulli', parameters);
    const validateArgs = readValidateArgs('RelaxedBernoulli', parameters, probabilityKeys);
    const [value] = broadcastParameters('RelaxedBernoulli', [given]) as [Tensor];
    super('RelaxedBernoulli', value.shape, [], validateArgs);
    this.temperature = readTemperature('RelaxedBernoulli', temperature, value, value.shape);
    this.bernoulli = new Bernoulli(key === 'probs' ? { probs: value, validateArgs: false } : { logits: value, validateArgs: false });
    this.checkParameters(key === 'probs' ? { probs: [value, unitInterval] } : { logits: [value, real] });
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ bernoulli: this.bernoulli.expand(batch) }));
  }

  /** The probability p of the underlying Bernoulli, broadcast to batchShape. */
  get probs(): Tensor {
    return this.bernoulli.probs;
  }
  /** The log-odds log(p/(1 − p)), broadcast to batchShape. */
  get logits(): Tensor {
    return this.bernoulli.logits;
  }
  override get hasRsample(): boolean {
    return true;
  }
  get support(): Constraint {
    return unitInterval;
  }
  get mean(): Tensor {
    throw new Error('RelaxedBernoulli.mean is not implemented (torch raises NotImplementedError)');
  }
  get variance(): Tensor {
    throw new Error('RelaxedBernoulli.variance is not implemented (torch raises NotImplementedError)');
  }

  // σ((log u − log(1 − u) + log p − log(1 − p))/T), u and p clamped to [ε, 1 − ε], the draw to [tiny, 1 − ε]
  override rsample(sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const { eps, tiny } = finfo(this.probs.dtype === 'float64' ? 'float64' : 'float32');
    return composite(() => {
      const p = this.probs.expand(shape).clamp(eps, 1 - eps);
      const u = rand(shape, { dtype: p.dtype, device: p.device }).clamp(eps, 1 - eps);
      const logit = u.log().sub(u.neg().log1p()).add(p.log()).sub(p.neg().log1p()).div(this.temperature);
      return logit.sigmoid().clamp(tiny, 1 - eps);
    });
  }

  // the logit relaxed Bernoulli's log density at ℓ = logit x, plus log |dℓ/dx| = softplus(ℓ) + softplus(−ℓ)
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.probs);
    const { eps, tiny } = finfo(this.probs.dtype === 'float64' ? 'float64' : 'float32');
    return composite(() => {
      const clamped = x.clamp(tiny, 1 - eps);
      const logit = clamped.log().sub(clamped.neg().log1p());
      const difference = this.logits.sub(logit.mul(this.temperature));
      const logitDensity = this.temperature.log().add(difference).sub(difference.exp().log1p().mul(2));
      return softplus(logit.neg()).add(softplus(logit)).add(logitDensity);
    });
  }

  entropy(): Tensor {
    throw new Error('RelaxedBernoulli.entropy is not implemented (torch raises NotImplementedError)');
  }
}
