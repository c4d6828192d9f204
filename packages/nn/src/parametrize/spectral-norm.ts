import { describeValue, isTensor, keep, noGrad, randn, scope, type Tensor, withDefaults } from '@dl/tensor';
import { normalize } from '../functional/distance.js';
import { ConvTranspose1d } from '../layers/conv-transpose1d.js';
import { ConvTranspose2d } from '../layers/conv-transpose2d.js';
import { ConvTranspose3d } from '../layers/conv-transpose3d.js';
import { isModule, Module } from '../module/module.js';
import { registerParametrization } from './register.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

const owner = 'parametrizations.spectralNorm';

/** Options of `parametrizations.spectralNorm`. */
export interface SpectralNormOptions {
  /** Power iterations each time the weight is read in training mode; a positive integer. Default 1. */
  nPowerIterations?: number;
  /** The floor of the norms by which u, v (and a 1-D weight) are divided. Default 1e-12. */
  eps?: number;
  /** The output axis of the weight (made the rows of its matrix). Default 1 for ConvTranspose1d/2d/3d, 0 otherwise. */
  dim?: number;
}

/**
 * Spectral normalisation as a parametrization (torch's `_SpectralNorm`): W ↦ W / σ with σ = uᵀ·W_mat·v,
 * W_mat the weight with axis `dim` moved first and the others flattened; u and v are the buffers `_u`
 * [rows] and `_v` [columns], estimates of W_mat's leading singular vectors kept by the power method.
 * A 1-D weight is divided by its norm instead (exactly its spectral norm; no buffers).
 */
export class SpectralNorm extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly dim: number;
  readonly eps: number;
  readonly nPowerIterations: number;

  /**
   * Starts u and v at normalize(N(0, 1)) and runs 15 power iterations on the weight (torch's
   * constructor), so the first σ is already a good estimate.
   */
  constructor(weight: Tensor, nPowerIterations: number, dim: number, eps: number) {
    super();
    const { ndim } = weight;
    if (dim >= ndim || dim < -ndim)
      throw new Error(`${owner}: Dimension out of range (expected to be in range of [-${ndim}, ${ndim - 1}] but got ${dim})`);
    if (nPowerIterations <= 0)
      throw new Error(`${owner}: Expected nPowerIterations to be positive, but got nPowerIterations=${nPowerIterations}`);
    this.dim = dim < 0 ? dim + ndim : dim;
    this.eps = eps;
    this.nPowerIterations = nPowerIterations;
    if (ndim > 1)
      noGrad(() => {
        const matrix = this.weightMatrix(weight.detach());
        const [rows, columns] = matrix.shape as [number, number];
        const factory = { dtype: weight.dtype, device: weight.device };
        // buffers: their own tensors, which no scope that the caller may have open frees
        this.registerBuffer('_u', keep(normalize(randn([rows], factory), { dim: 0, eps })));
        this.registerBuffer('_v', keep(normalize(randn([columns], factory), { dim: 0, eps })));
        this.powerMethod(matrix, 15);
      });
  }

  /** The weight as a matrix [size(dim), rest] (torch's `_reshape_weight_to_matrix`). */
  weightMatrix(weight: Tensor): Tensor {
    const axes = weight.shape.map((_, axis) => axis);
    const moved = this.dim === 0 ? weight : weight.permute([this.dim, ...axes.filter((axis) => axis !== this.dim)]);
    return moved.reshape([weight.shape[this.dim]!, -1]);
  }

  /**
   * `iterations` steps of the power method on W_mat, updating the buffers in place (so whoever holds
   * them, such as a copy made for another device, sees the update), without gradients:
   *   u ← normalize(W_mat·v),  v ← normalize(W_matᵀ·u).
   */
  powerMethod(matrix: Tensor, iterations: number): void {
    const u = this.getField('_u') as Tensor;
    const v = this.getField('_v') as Tensor;
    noGrad(() =>
      scope(() => {
        for (let iteration = 0; iteration < iterations; iteration++) {
          u.copy_(normalize(matrix.mv(v), { dim: 0, eps: this.eps }));
          v.copy_(normalize(matrix.t().mv(u), { dim: 0, eps: this.eps }));
        }
      }),
    );
  }

  /**
   * W / σ, after `nPowerIterations` power iterations in training mode (none in eval mode). σ uses
   * copies of u and v: the next read updates the buffers in place, and a graph that saved them (two
   * forwards before one backward, as in a GAN's D(real) − D(fake)) must keep this read's values.
   */
  forward(weight: Tensor): Tensor {
    if (weight.ndim === 1) return normalize(weight, { dim: 0, eps: this.eps });
    const matrix = this.weightMatrix(weight);
    if (this.training) this.powerMethod(matrix.detach(), this.nPowerIterations);
    const [u, v] = noGrad(() => [(this.getField('_u') as Tensor).clone(), (this.getField('_v') as Tensor).clone()]);
    const sigma = u!.dot(matrix.mv(v!));
    return weight.div(sigma);
  }

  /** The identity (torch's): an assigned weight becomes the original as it is. */
  rightInverse(value: Tensor): Tensor {
    return value;
  }
}

function isTransposedConvolution(module: Module): boolean {
  return module instanceof ConvTranspose1d || module instanceof ConvTranspose2d || module instanceof ConvTranspose3d;
}

/**
 * Spectral normalisation of the parameter `name` of `module` (torch 1.13's
 * `torch.nn.utils.parametrizations.spectral_norm`, Miyato et al. 2018): a parametrization registered with
 * `parametrize.registerParametrization`, so `module[name]` reads W / σ(W), σ the largest singular value
 * of W viewed as a matrix (axis `dim` first), estimated by the power method: 15 iterations at
 * registration (and one more in the registration's check, in training mode), then `nPowerIterations` on
 * every read in training mode and none in eval mode. A 1-D tensor is divided by its norm. The vectors
 * are buffers, so state-dict names are torch's: `parametrizations.weight.original`,
 * `parametrizations.weight.0._u`, `parametrizations.weight.0._v`. Returns the module.
 * @example
 * const critic = parametrizations.spectralNorm(new Linear(20, 40));
 * Object.keys(critic.stateDict());
 * // ['bias', 'parametrizations.weight.original', 'parametrizations.weight.0._u', 'parametrizations.weight.0._v']
 */
export function spectralNorm<M extends Module>(module: M, name = 'weight', options?: SpectralNormOptions): M {
  if (!isModule(module)) throw new Error(`${owner}: expected a Module, got ${describeValue(module)}`);
  const { nPowerIterations, eps, dim } = withDefaults(owner, options, {
    nPowerIterations: 1,
    eps: 1e-12,
    dim: isTransposedConvolution(module) ? 1 : 0,
  });
  if (typeof name !== 'string') throw new Error(`${owner}: name must be a string, got ${describeValue(name)}`);
  if (!Number.isInteger(nPowerIterations))
    throw new Error(`${owner}: nPowerIterations must be an integer, got ${describeValue(nPowerIterations)}`);
  if (!Number.isInteger(dim)) throw new Error(`${owner}: dim must be an integer, got ${describeValue(dim)}`);
  if (typeof eps !== 'number' || !(eps >= 0)) throw new Error(`${owner}: eps must be a non-negative number, got ${describeValue(eps)}`);
  const weight = (module as unknown as Record<string, unknown>)[name];
  if (!isTensor(weight)) throw new Error(`${owner}: Module '${module.constructor.name}' has no parameter or buffer with name '${name}'`);
  return registerParametrization(module, name, new SpectralNorm(weight, nPowerIterations, dim, eps));
}
