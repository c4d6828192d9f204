import { ConvTranspose1d, ConvTranspose2d, ConvTranspose3d, isModule, isParameter, type Module, parameter } from '@dl/nn';
import { describeValue, noGrad, randn, scope, type Tensor } from '@dl/tensor';
import { checkOptions } from '../options.js';
import { normalizeVector, weightMatrix } from './weight-matrix.js';

export interface SpectralNormOptions {
  /** The parameter to normalise; default 'weight'. */
  name?: string;
  /** Power iterations per training-mode forward, at least 1 (torch rejects 0); default 1. */
  nPowerIterations?: number;
  /** Floor of the norms when normalising u and v; default 1e-12. */
  eps?: number;
  /** The output axis of the weight; default 1 for ConvTranspose1d/2d/3d (weight [in, out, …]), 0 otherwise (as torch). */
  dim?: number;
}

/** What a spectral-normalised module remembers (stored on the module under a symbol). */
interface SpectralNormState {
  name: string;
  nPowerIterations: number;
  eps: number;
  dim: number;
  /** The weight the running forward uses (null outside forward). */
  current: Tensor | null;
  forward: (...inputs: never[]) => unknown;
}

const stateKey = Symbol.for('@dl/gan.spectralNorm');

type Fields = Record<string, unknown> & { [stateKey]?: Record<string, SpectralNormState> };

function fieldsOf(module: Module): Fields {
  return module as unknown as Fields;
}

/**
 * W / σ(W) with σ = uᵀ W v (torch's `SpectralNorm.compute_weight`). With `powerIteration`, u and v
 * are first updated in place, under noGrad, `nPowerIterations` times:
 *   v ← normalize(Wᵀ u),  u ← normalize(W v),
 * and then cloned, so that σ's graph holds copies that the next forward's in-place update does not
 * touch (torch clones them for the same reason: its version counter would fail backward).
 */
function computeWeight(module: Module, state: SpectralNormState, powerIteration: boolean): Tensor {
  const fields = fieldsOf(module);
  const original = fields[`${state.name}_orig`] as Tensor;
  const u = fields[`${state.name}_u`] as Tensor;
  const v = fields[`${state.name}_v`] as Tensor;
  if (powerIteration)
    noGrad(() =>
      scope(() => {
        const matrix = weightMatrix(original.detach(), state.dim);
        for (let iteration = 0; iteration < state.nPowerIterations; iteration++) {
          v.copy_(normalizeVector(matrix.t().matmul(u), state.eps));
          u.copy_(normalizeVector(matrix.matmul(v), state.eps));
        }
      }),
    );
  const [uCopy, vCopy] = noGrad(() => [u.clone(), v.clone()]);
  const sigma = uCopy!.dot(weightMatrix(original, state.dim).matmul(vCopy!));
  return original.div(sigma);
}

/** Transposed convolutions store their weight [in, out, …]: the output axis is 1 (torch's default `dim`). */
function isTransposedConvolution(module: Module): boolean {
  return module instanceof ConvTranspose1d || module instanceof ConvTranspose2d || module instanceof ConvTranspose3d;
}

/**
 * Spectral normalisation (Miyato et al. 2018), exactly `torch.nn.utils.spectral_norm`: the module's
 * `weight` parameter is replaced by `weight_orig` (the same tensor, so build optimizers after this
 * call or before: either way they hold it) and the buffers `weight_u` [size(dim)] and `weight_v`
 * [numel/size(dim)], initialised as normalize(N(0, 1)). Every forward recomputes `weight` = W / σ
 * with σ = uᵀ W v ≈ the largest singular value of W viewed as a matrix (`dim` first); a
 * training-mode forward first runs the power iteration (in place), eval mode does not. u and v carry
 * no gradient. State-dict names are torch's, so PyTorch's state dicts load as they are.
 * Returns the module.
 * @example
 * const layer = spectralNorm(new Linear(20, 40));
 * Object.keys(layer.stateDict()); // ['bias', 'weight_orig', 'weight_u', 'weight_v']
 */
/** Throws unless `module` is a layer: a tensor or a misspelt property would fail reading its fields. */
function checkModule(operation: string, module: unknown): void {
  if (!isModule(module)) throw new Error(`${operation}: expects a module (a layer with a weight), got ${describeValue(module)}`);
}

export function spectralNorm<M extends Module>(module: M, options: SpectralNormOptions = {}): M {
  checkModule('spectralNorm', module);
  checkOptions('spectralNorm', options, ['name', 'nPowerIterations', 'eps', 'dim']);
  const name = options.name ?? 'weight';
  const nPowerIterations = options.nPowerIterations ?? 1;
  const eps = options.eps ?? 1e-12;
  const fields = fieldsOf(module);
  if (fields[stateKey]?.[name]) throw new Error(`spectralNorm: cannot register two spectral_norm hooks on the same parameter ${name}`);
  const weight = fields[name];
  if (!isParameter(weight))
    throw new Error(
      `spectralNorm: ${module.constructor.name} has no parameter named '${name}' (got ${weight === undefined ? 'nothing' : typeof weight})`,
    );
  // torch: "Expected n_power_iterations to be positive"; with 0, u and v would never move from their random start
  if (!Number.isInteger(nPowerIterations) || nPowerIterations < 1)
    throw new Error(`spectralNorm: Expected nPowerIterations to be a positive integer, got ${nPowerIterations}`);
  const dim = options.dim ?? (isTransposedConvolution(module) ? 1 : 0);
  if (!Number.isInteger(dim) || dim < 0 || dim >= weight.ndim)
    throw new Error(`spectralNorm: dim ${dim} is out of range for '${name}' of shape [${weight.shape.join(', ')}]`);

  const rows = weight.shape[dim]!;
  const columns = weight.numel() / rows;
  const factory = { device: weight.device, dtype: weight.dtype };
  const [u, v] = noGrad(() => [normalizeVector(randn([rows], factory), eps), normalizeVector(randn([columns], factory), eps)]);

  // torch's order: drop the parameter, register `<name>_orig`, then the buffers `<name>_u`, `<name>_v`
  delete fields[name];
  module.registerParameter(`${name}_orig`, weight);
  module.registerBuffer(`${name}_u`, u!);
  module.registerBuffer(`${name}_v`, v!);

  const state: SpectralNormState = { name, nPowerIterations, eps, dim, current: null, forward: module.forward };
  if (!fields[stateKey]) Object.defineProperty(module, stateKey, { value: {}, enumerable: false });
  fields[stateKey]![name] = state;

  // `module[name]` reads the weight of the running forward; outside forward, a fresh W / σ (no
  // iteration). The getter and the forward find their state through `this`, not through this call's
  // `module` and `state`, so that a deepCopy of the module (which shares functions) uses its own W, u, v.
  Object.defineProperty(module, name, {
    enumerable: false,
    configurable: true,
    get(this: Module): Tensor {
      const own = fieldsOf(this)[stateKey]![name]!;
      return own.current && !own.current.isDisposed ? own.current : noGrad(() => computeWeight(this, own, false));
    },
  });
  const forward = module.forward as (...inputs: unknown[]) => unknown;
  Object.defineProperty(module, 'forward', {
    enumerable: false,
    configurable: true,
    writable: true,
    value: function spectralNormForward(this: Module, ...inputs: unknown[]): unknown {
      const own = fieldsOf(this)[stateKey]![name]!;
      own.current = computeWeight(this, own, this.training);
      try {
        return forward.apply(this, inputs);
      } finally {
        own.current = null;
      }
    },
  });
  return module;
}

/**
 * Undoes `spectralNorm`: `weight` becomes a parameter again holding W / σ (no power iteration), and
 * `weight_orig`, `weight_u`, `weight_v` are removed (torch's `remove_spectral_norm`). Returns the module.
 * @example
 * removeSpectralNorm(layer);
 */
export function removeSpectralNorm<M extends Module>(module: M, name = 'weight'): M {
  checkModule('removeSpectralNorm', module);
  const fields = fieldsOf(module);
  const state = fields[stateKey]?.[name];
  if (!state) throw new Error(`removeSpectralNorm: spectral_norm of '${name}' not found in ${module.constructor.name}`);
  const names = Object.keys(fields[stateKey]!);
  if (names[names.length - 1] !== name)
    throw new Error(
      `removeSpectralNorm: remove spectral norms in reverse order of registration ('${names[names.length - 1]}' first, then '${name}')`,
    );
  const weight = noGrad(() => computeWeight(module, state, false).detach());
  delete fields[stateKey]![name];
  delete fields[name];
  for (const suffix of ['_orig', '_u', '_v']) delete fields[`${name}${suffix}`];
  module.registerParameter(name, parameter(weight));
  // the wrapper of this name is the outermost one (see the check above): put back what it wrapped
  if (state.forward === (Object.getPrototypeOf(module) as Fields).forward) delete fields.forward;
  else Object.defineProperty(module, 'forward', { value: state.forward, enumerable: false, configurable: true, writable: true });
  return module;
}
