import { describeValue, noGrad, readArguments, type Tensor } from '@dl/tensor';
import { type ComputedEntry, computedParameters } from './computed-parameters.js';
import { isModule, type Module } from './module.js';
import { isParameter, parameter } from './parameter.js';

/** Options of `weightNorm`. */
export interface WeightNormOptions {
  /** The parameter to reparametrise. Default 'weight'. */
  name?: string;
  /**
   * The axis that keeps one norm per index (0: one per output row or channel); `null` is one norm for
   * the whole tensor. Negative values count from the end, except −1, which torch 1.13 reads as `null`
   * (the whole tensor, not the last axis). Default 0.
   */
  dim?: number | null;
}

/** Options of `removeWeightNorm`. */
export interface RemoveWeightNormOptions {
  /** The parameter whose weight normalisation is undone. Default 'weight'. */
  name?: string;
}

/** The parameter's name, as given or 'weight'; anything but a string throws, naming the function. */
function parameterName(owner: string, name: unknown): string {
  if (name === undefined) return 'weight';
  if (typeof name !== 'string') throw new Error(`${owner}: name must be a parameter's name (a string), got ${describeValue(name)}`);
  return name;
}

const weightNormKeys = ['name', 'dim'] as const;

/** One reparametrised parameter: its axis (null: whole-tensor norm) and, during forward, its weight. */
interface NormalisedParameter extends ComputedEntry {
  dim: number | null;
}

/**
 * ‖v‖ over every axis but `dim`, keeping `dim` (torch's `norm_except_dim` with p = 2): shape [4, 1]
 * for a [4, 3] weight at dim 0; a 0-d tensor when `dim` is null.
 */
function normExceptDim(v: Tensor, dim: number | null): Tensor {
  if (dim === null) return v.norm();
  const others = v.shape.map((_, axis) => axis).filter((axis) => axis !== dim);
  // a 1-d weight has no other axis: each entry is its own norm
  return others.length === 0 ? v.abs() : v.norm(2, others, true);
}

/** w = v · (g / ‖v‖), in torch's order of operations, recorded for autograd when grad mode is on. */
function computeWeight(module: Module, name: string, dim: number | null): Tensor {
  const fields = fieldsOf(module);
  const g = fields[`${name}_g`] as Tensor;
  const v = fields[`${name}_v`] as Tensor;
  return v.mul(g.div(normExceptDim(v, dim)));
}

function fieldsOf(module: Module): Record<string, unknown> {
  return module as unknown as Record<string, unknown>;
}

/** The weights `weightNorm` computes, each forward and on reading `module[name]`. */
const normalised = computedParameters<NormalisedParameter>(
  Symbol.for('@dl/nn.weightNorm'),
  (module, name, entry) => computeWeight(module, name, entry.dim),
  (module, name) =>
    `weightNorm: '${name}' of ${module.constructor.name} is computed from '${name}_g' and '${name}_v'; assign those, or call removeWeightNorm first`,
);

/**
 * Weight normalisation (Salimans & Kingma 2016), exactly torch 1.13's `torch.nn.utils.weight_norm`:
 * the parameter `name` is replaced by two parameters,
 *   `<name>_g` = ‖w‖ over every axis but `dim` (shape of w with 1 on the other axes; 0-d for `null`),
 *   `<name>_v` = w (the same tensor),
 * and each forward recomputes w = g · v/‖v‖ from them, so gradients reach g and v. State-dict keys
 * are torch's, in torch's order (`Linear`: bias, weight_g, weight_v), so a state dict of a torch model
 * with weight norm loads as it is. Build the optimizer after this call. Returns the module. `name` and
 * `dim` may also come positionally, in torch's order: `weightNorm(conv, 'weight', 1)`.
 * @example
 * const layer = weightNorm(new Linear(20, 40));
 * Object.keys(layer.stateDict()); // ['bias', 'weight_g', 'weight_v']
 * layer.stateDict().weight_g!.shape; // [40, 1]
 */
export function weightNorm<M extends Module>(module: M, options?: WeightNormOptions): M;
/** torch's positional order, `weight_norm(module, name, dim)`. */
export function weightNorm<M extends Module>(module: M, name: string, dim?: number | null): M;
export function weightNorm<M extends Module>(module: M, ...rest: unknown[]): M {
  const options = readArguments<WeightNormOptions>('weightNorm', rest, weightNormKeys, weightNormKeys);
  const name = parameterName('weightNorm', options.name);
  const requestedDim = options.dim === undefined ? 0 : options.dim;
  if (!isModule(module)) throw new Error(`weightNorm: expected a Module, got ${describeValue(module)}`);
  const fields = fieldsOf(module);
  const owner = module.constructor.name;
  if (normalised.entry(module, name))
    throw new Error(`weightNorm: cannot register two weight_norm hooks on the same parameter '${name}' of ${owner}`);
  const weight = fields[name];
  if (!isParameter(weight))
    throw new Error(
      `weightNorm: ${owner} has no parameter named '${name}' (got ${weight === undefined ? 'nothing' : describeValue(weight)})`,
    );
  for (const suffix of ['_g', '_v'])
    if (`${name}${suffix}` in fields) throw new Error(`weightNorm: ${owner} already has a field '${name}${suffix}'`);
  const rank = weight.ndim;
  if (requestedDim !== null && (!Number.isInteger(requestedDim) || requestedDim < -rank || requestedDim >= rank))
    throw new Error(
      `weightNorm: dim ${describeValue(requestedDim)} is out of range for '${name}' of ${owner} with shape [${weight.shape.join(', ')}] (expected null or an integer in [${-rank}, ${rank - 1}])`,
    );
  // torch turns None into −1 and reads −1 as the whole tensor
  const dim = requestedDim === null || requestedDim === -1 ? null : requestedDim < 0 ? requestedDim + rank : requestedDim;

  const g = noGrad(() => normExceptDim(weight, dim).detach());
  // torch's order: drop the parameter, then register `<name>_g` and `<name>_v`
  delete fields[name];
  module.registerParameter(`${name}_g`, parameter(g));
  module.registerParameter(`${name}_v`, parameter(weight));

  normalised.install(module, name, { dim, current: null });
  return module;
}

/**
 * Undoes `weightNorm` (torch's `remove_weight_norm`): `<name>` becomes a plain parameter again,
 * holding g · v/‖v‖ of the current g and v, and `<name>_g`, `<name>_v` are removed, so the state dict
 * is back to `weight`. Returns the module.
 * @example
 * removeWeightNorm(layer);
 * Object.keys(layer.stateDict()); // ['bias', 'weight']
 * removeWeightNorm(conv, 'weight'); // torch's positional name
 */
export function removeWeightNorm<M extends Module>(module: M, options?: RemoveWeightNormOptions): M;
/** torch's positional order, `remove_weight_norm(module, name)`. */
export function removeWeightNorm<M extends Module>(module: M, name: string): M;
export function removeWeightNorm<M extends Module>(module: M, ...rest: unknown[]): M {
  const options = readArguments<RemoveWeightNormOptions>('removeWeightNorm', rest, ['name'], ['name']);
  const name = parameterName('removeWeightNorm', options.name);
  if (!isModule(module)) throw new Error(`removeWeightNorm: expected a Module, got ${describeValue(module)}`);
  const entry = normalised.entry(module, name);
  if (!entry) throw new Error(`removeWeightNorm: weight_norm of '${name}' not found in ${module.constructor.name}`);
  const weight = noGrad(() => computeWeight(module, name, entry.dim).detach());
  normalised.uninstall(module, name);
  const fields = fieldsOf(module);
  delete fields[`${name}_g`];
  delete fields[`${name}_v`];
  module.registerParameter(name, parameter(weight));
  return module;
}
