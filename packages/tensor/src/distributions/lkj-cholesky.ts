import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { finfo } from '../core/type-info.js';
import { arange } from '../ops/creation.js';
import { diagEmbed } from '../ops/diagonal-embed.js';
import { where } from '../ops/elementwise.js';
import { mvlgamma } from '../ops/multivariate-gamma.js';
import { randn } from '../ops/random.js';
import { Beta } from './beta.js';
import { type Constraint, corrCholesky, positive } from './constraints.js';
import { broadcastParameters, Distribution, type DistributionOptions, optionKeys, readValidateArgs } from './distribution.js';

/**
 * The onion method's Cholesky factor from its noise (torch's LKJCholesky.sample after its draws): the
 * radii y [..., d, 1] (Beta draws, y of row 0 unused) and standard normals [..., d, d]. Row i > 0 takes
 * the direction of the normals left of the diagonal scaled to length √yᵢ, and the diagonal
 * √(1 − Σⱼ wᵢⱼ²) (at least the smallest normal number's root), so each row has unit length; row 0 is
 * [1, 0, …].
 * @example
 * onionCholesky(tensor([[[0.5], [0.5]]]), randn([1, 2, 2])); // [[[1, 0], [±0.7071, 0.7071]]]
 */
export function onionCholesky(radii: Tensor, normals: Tensor): Tensor {
  return composite(() => {
    const size = normals.shape[normals.ndim - 1]!;
    const below = normals.tril(-1);
    // row 0 has no entries left of the diagonal: 0/0, set to 0 as torch fills it
    const firstRow = arange(0, size, 1, { device: normals.device }).eq(0).unsqueeze(-1);
    const directions = where(firstRow, 0, below.div(below.norm(2, -1, true)));
    const w = radii.sqrt().mul(directions);
    const diagonal = w
      .square()
      .sum(-1)
      .neg()
      .add(1)
      .clamp({ min: finfo(w.dtype).tiny })
      .sqrt();
    return w.add(diagEmbed(diagonal));
  });
}

/**
 * The LKJ distribution of the lower Cholesky factor L of a `dim` × `dim` correlation matrix
 * (torch.distributions.LKJCholesky; Lewandowski, Kurowicka and Joe, 2009): the correlation matrix
 * L·Lᵀ has density proportional to det(L·Lᵀ)^(η − 1), η = `concentration` > 0 (default 1, uniform over
 * correlation matrices), batched over η's shape. logProb = Σᵢ₌₂ᵈ (2(η − 1) + d − i)·log Lᵢᵢ minus
 * torch's normaliser (d − 1)/2·log π + log Γ_{d−1}(η + (d − 2)/2) − (d − 1)·log Γ(η + (d − 1)/2).
 * sample is the onion method (Lewandowski et al., Section 3.2; torch's vectorised form, see
 * onionCholesky): row i ≥ 1 has squared length yᵢ ~ Beta(i/2, η + (d − 2)/2 − (i − 1)/2) left of the
 * diagonal, in a uniform direction, drawn without a graph (no rsample, as torch); the Beta draws run on
 * the CPU. torch 1.13 draws yᵢ ~ Beta(i − ½, …), so for d ≥ 3 its samples do not follow its own density
 * (each off-diagonal correlation should have variance 1/(2η + d − 1), as here); the method and the
 * noise are otherwise torch's.
 * The support is torch's corr_cholesky (lower triangular, positive diagonal, rows of unit length).
 * No mean, variance or entropy (torch has none).
 * @example
 * const d = new distributions.LKJCholesky(3, 0.5);
 * const l = d.sample(); // [3, 3]; l.matmul(l.t()) has a unit diagonal
 * d.logProb(eye(3)); // -2.5310
 */
export class LKJCholesky extends Distribution {
  /** The size d of the matrices (an integer ≥ 2). */
  readonly dim: number;
  /** η (> 0), of batchShape. */
  readonly concentration: Tensor;
  /** The Beta distributions of the onion method's squared radii, [...batchShape, d]. */
  private readonly beta: Beta;

  /**
   * @param dim - the size d of the matrices, an integer ≥ 2
   * @param concentration - η > 0 (a number or a tensor of the batch shape); default 1
   * @example
   * new distributions.LKJCholesky(4, tensor([0.5, 2]));
   */
  constructor(dim: number, concentration: Tensor | number = 1, options?: DistributionOptions) {
    const validateArgs = readValidateArgs('LKJCholesky', options, optionKeys);
    if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 2)
      throw new Error(`LKJCholesky: Expected dim to be an integer greater than or equal to 2. Found dim=${String(dim)}.`);
    const [eta] = broadcastParameters('LKJCholesky', [concentration]) as [Tensor];
    super('LKJCholesky', eta.shape, [dim, dim], validateArgs);
    this.dim = dim;
    this.concentration = eta;
    this.checkParameters({ concentration: [eta, positive] });
    // offsets o = [0, 0, 1, …, d − 2]: row i ≥ 1 takes Beta(i/2, η + (d − 2)/2 − (i − 1)/2) (Lewandowski
    // et al.'s onion, as NumPyro's); torch 1.13 takes o + ½ for the first concentration, i − ½ instead of
    // i/2, whose samples are not LKJ-distributed for d ≥ 3 (their correlations spread too wide)
    this.beta = composite(() => {
      const { dtype, device } = eta;
      const offset = arange(0, dim, 1, { dtype, device }).sub(1).clamp({ min: 0 });
      const marginal = eta.add(0.5 * (dim - 2)).unsqueeze(-1);
      return new Beta(offset.mul(0.5).add(0.5), marginal.sub(offset.mul(0.5)), { validateArgs: false });
    });
  }
  /** torch's expand: the same distribution over a batch broadcast to `batchShape` (see Distribution.expand). */
  override expand(batchShape: readonly number[]): this {
    return this.expandInstance(batchShape, (batch) => ({
      concentration: this.concentration.expand(batch),
      beta: this.beta.expand([...batch, this.dim]),
    }));
  }

  get support(): Constraint {
    return corrCholesky;
  }
  get mean(): Tensor {
    throw new Error('LKJCholesky.mean is not implemented (torch raises NotImplementedError)');
  }
  get variance(): Tensor {
    throw new Error('LKJCholesky.variance is not implemented (torch raises NotImplementedError)');
  }

  /**
   * Cholesky factors [...sampleShape, ...batchShape, d, d] by the onion method, without a graph: the
   * Beta radii are drawn first, then the normals (seeded by `manualSeed`).
   * @example
   * manualSeed(0);
   * new distributions.LKJCholesky(3, 2).sample([5]).shape; // [5, 3, 3]
   */
  override sample(sampleShape: readonly number[] = []): Tensor {
    return composite(() =>
      noGrad(() => {
        const radii = this.beta.sample(sampleShape).unsqueeze(-1);
        const normals = randn(this.extendedShape(sampleShape), { dtype: radii.dtype, device: radii.device });
        return onionCholesky(radii, normals);
      }),
    );
  }

  // Σᵢ₌₂ᵈ (2(η − 1) + d − i)·log Lᵢᵢ − ((d − 1)/2·log π + log Γ_{d−1}(η + (d − 2)/2) − (d − 1)·log Γ(η + (d − 1)/2))
  logProb(value: Tensor | number): Tensor {
    const x = this.checkValue('logProb', value, this.concentration);
    const size = this.dim;
    return composite(() => {
      const diagonal = x.diagonal(0, -2, -1).narrow(-1, 1, size - 1);
      const { dtype, device } = this.concentration;
      const orders = this.concentration
        .sub(1)
        .mul(2)
        .unsqueeze(-1)
        .add(size)
        .sub(arange(2, size + 1, 1, { dtype, device }));
      const unnormalized = orders.mul(diagonal.log()).sum(-1);
      const dm1 = size - 1;
      const alpha = this.concentration.add(0.5 * dm1);
      const normalizer = mvlgamma(alpha.sub(0.5), dm1)
        .sub(alpha.lgamma().mul(dm1))
        .add(0.5 * dm1 * Math.log(Math.PI));
      return unnormalized.sub(normalizer);
    });
  }

  entropy(): Tensor {
    throw new Error('LKJCholesky.entropy is not implemented (torch raises NotImplementedError)');
  }
}
