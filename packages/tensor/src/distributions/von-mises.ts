import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from '../ops/allocate.js';
import { i0e, i1e } from '../ops/bessel-functions.js';
import { checkHostReadable } from '../ops/host-float-values.js';
import { UniformStream } from '../random/uniform-stream.js';
import { type Constraint, positive, real } from './constraints.js';
import { broadcastParameters, Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';

const LOG_TWO_PI = Math.log(2 * Math.PI);
const TWO_PI = 2 * Math.PI;

/**
 * r = (1 + ρ²)/(2ρ), the parameter of Best and Fisher's wrapped Cauchy envelope for concentration κ,
 * with τ = 1 + √(1 + 4κ²) and ρ = (τ − √(2τ))/(2κ) (torch's _proposal_r) written as
 * ρ = 2κ/(τ + √(2τ)), the same number without the cancellation of τ − √(2τ) for small κ.
 */
function proposalR(concentration: number): number {
  const tau = 1 + Math.sqrt(1 + 4 * concentration * concentration);
  const rho = (2 * concentration) / (tau + Math.sqrt(2 * tau));
  return (1 + rho * rho) / (2 * rho);
}

/**
 * One von Mises angle about 0 by Best and Fisher's rejection from a wrapped Cauchy envelope ("Efficient
 * simulation of the von Mises distribution", Applied Statistics 28(2), 1979), as torch's
 * _rejection_sample: from uniforms u₁, u₂, u₃, z = cos(πu₁), f = (1 + rz)/(r + z), c = κ(r − f), accepted
 * when c(2 − c) > u₂ or log(c/u₂) + 1 − c ≥ 0, giving sign(u₃ − ½)·acos f. κ = 0 (or so small that r
 * overflows) is the uniform angle π(2u − 1); ∞ is 0; a negative or NaN κ gives NaN.
 */
function sampleAngle(concentration: number, uniform: UniformStream): number {
  if (!(concentration >= 0)) return Number.NaN;
  if (concentration === Number.POSITIVE_INFINITY) return 0;
  const r = proposalR(concentration);
  if (!Number.isFinite(r)) return Math.PI * (2 * uniform.next() - 1);
  for (;;) {
    const z = Math.cos(Math.PI * uniform.next());
    const u2 = uniform.next();
    const u3 = uniform.next();
    const f = Math.min(1, Math.max(-1, (1 + r * z) / (r + z)));
    const c = concentration * (r - f);
    if (c * (2 - c) - u2 > 0 || Math.log(c / u2) + 1 - c >= 0) return Math.sign(u3 - 0.5) * Math.acos(f);
  }
}

/** Python's a % m for m > 0: the remainder with the sign of m, in [0, m). */
const floorModulo = (a: number, m: number): number => a - m * Math.floor(a / m);

/**
 * The von Mises (circular normal) distribution of an angle, density e^(κ·cos(x − loc))/(2π·I₀(κ))
 * (torch.distributions.VonMises); loc and the values are any real numbers, read as angles modulo 2π;
 * `concentration` κ > 0; the parameters broadcast. log I₀(κ) is log i0e(κ) + κ by special.i0e (Cephes'
 * Chebyshev series, to the last digits; torch 1.13 uses Abramowitz and Stegun's polynomials, good to
 * about 1e-7 relative), and logProb = −2κ·sin²((x − loc)/2) − log i0e(κ) − log 2π, the same number
 * without the cancellation of κ·cos(x − loc) against κ. mean and mode are loc, the variance is the
 * circular 1 − I₁(κ)/I₀(κ). sample draws by Best and Fisher's rejection, on the host in float64 from
 * the library's generator (so `manualSeed` makes it reproducible; the CPU only), wrapped into
 * [−π, π) as torch's; no rsample and no entropy (torch 1.13 has neither).
 * @example
 * const d = new distributions.VonMises(tensor([0, 1]), tensor([1, 4]));
 * d.logProb(tensor([0, 0])); // [-1.0738, -2.1016]
 * d.variance; // [0.5536, 0.1365]
 */
export class VonMises extends Distribution {
  /** The mean angle (any real number), broadcast to batchShape. */
  readonly loc: Tensor;
  /** The concentration κ (> 0), broadcast to batchShape. */
  readonly concentration: Tensor;

  constructor(loc: Tensor | number, concentration: Tensor | number, options?: DistributionOptions) {
    const validateArgs = readValidateArgs('VonMises', options, optionKeys);
    const [mean, kappa] = broadcastParameters('VonMises', [loc, concentration]) as [Tensor, Tensor];
    super('VonMises', mean.shape, [], validateArgs);
    this.loc = mean;
    this.concentration = kappa;
    this.checkParameters({ loc: [mean, real], concentration: [kappa, positive] });
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({ loc: this.loc.expand(batch), concentration: this.concentration.expand(batch) }));
  }

  get support(): Constraint {
    return real;
  }
  /** The circular mean: loc. */
  get mean(): Tensor {
    return this.loc;
  }
  override get mode(): Tensor {
    return this.loc;
  }
  /** The circular variance 1 − I₁(κ)/I₀(κ) = 1 − i1e(κ)/i0e(κ). */
  get variance(): Tensor {
    return composite(() => i1e(this.concentration).div(i0e(this.concentration)).neg().add(1));
  }

  /**
   * Angles in [−π, π) of shape [...sampleShape, ...batchShape], without a graph, by Best and Fisher's
   * rejection on the host (the parameters are read synchronously: the CPU only).
   * @example
   * manualSeed(0);
   * new distributions.VonMises(0, 2).sample([1000]).cos().mean(); // ≈ I₁(2)/I₀(2) = 0.698
   */
  override sample(sampleShape: readonly number[] = []): Tensor {
    checkHostReadable('VonMises.sample', 'loc', this.loc);
    checkHostReadable('VonMises.sample', 'concentration', this.concentration);
    const shape = this.extendedShape(sampleShape);
    const read = (value: Tensor): ArrayLike<number> => composite(() => noGrad(() => value.detach().expand(shape).contiguous().dataSync()));
    const [locs, concentrations] = [read(this.loc), read(this.concentration)];
    // about 3·1.3 numbers a draw at worst (the envelope's acceptance rate is at least 0.66)
    const uniform = new UniformStream(null, 6 * locs.length);
    const angles = new Float64Array(locs.length);
    for (let i = 0; i < angles.length; i++) {
      const angle = sampleAngle(Number(concentrations[i]), uniform);
      angles[i] = floorModulo(angle + Math.PI + Number(locs[i]), TWO_PI) - Math.PI;
    }
    const { dtype, device } = this.loc;
    return fromTypedArray(dtype === 'float32' ? Float32Array.from(angles) : angles, shape, dtype, device);
  }

  // −2κ·sin²((x − loc)/2) − log i0e(κ) − log 2π = κ·cos(x − loc) − log I₀(κ) − log 2π
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.loc);
    return composite(() =>
      x.sub(this.loc).mul(0.5).sin().square().mul(this.concentration).mul(-2).sub(i0e(this.concentration).log()).sub(LOG_TWO_PI),
    );
  }

  entropy(): Tensor {
    throw new Error('VonMises.entropy is not implemented (torch raises NotImplementedError)');
  }
}
