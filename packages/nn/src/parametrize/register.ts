import { describeValue, noGrad, scope, withDefaults, type Tensor } from '@dl/tensor';
import { ModuleDict } from '../containers/module-dict.js';
import { isModule, type Module } from '../module/module.js';
import { isBuffer, isParameter } from '../module/parameter.js';
import { cachedValue } from './cache.js';
import { checkSameSpace, type Parametrization, ParametrizationList } from './parametrization-list.js';

/** Options of `registerParametrization`. */
export interface RegisterParametrizationOptions {
  /** Skip the checks that the parametrization keeps the tensor's shape and dtype. Default false. */
  unsafe?: boolean;
}

type Fields = Record<string, unknown>;

function fieldsOf(module: Module): Fields {
  return module as unknown as Fields;
}

/** The module's `parametrizations` ModuleDict, when it has one. */
function parametrizationsOf(module: Module): ModuleDict<ParametrizationList> | undefined {
  const value = fieldsOf(module).parametrizations;
  return value instanceof ModuleDict ? (value as ModuleDict<ParametrizationList>) : undefined;
}

function checkModule(owner: string, module: unknown, what: string): void {
  if (!isModule(module)) throw new Error(`${owner}: expected ${what} to be a Module, got ${describeValue(module)}`);
}

/**
 * Whether `module` has a parametrized tensor `tensorName`, or, without a name, any parametrized
 * tensor (torch's `parametrize.is_parametrized`).
 * @example
 * parametrize.isParametrized(layer, 'weight'); // true after registerParametrization(layer, 'weight', …)
 */
export function isParametrized(module: Module, tensorName?: string): boolean {
  checkModule('parametrize.isParametrized', module, 'module');
  const parametrizations = parametrizationsOf(module);
  if (!parametrizations) return false;
  return tensorName === undefined ? parametrizations.size > 0 : parametrizations.has(tensorName);
}

/**
 * `module[name]` as a property of the instance (torch injects one into a subclass): each read runs
 * the chain afresh (or once per `cached` body), so gradients reach the original; an assignment goes
 * through the rightInverse of every parametrization. It reads the chain from `this`, so a deepCopy
 * of the module uses its own copy.
 */
function defineParametrizedProperty(module: Module, name: string): void {
  Object.defineProperty(module, name, {
    enumerable: false, // not a parameter: the state dict holds `parametrizations.<name>.original`
    configurable: true,
    get(this: Module): Tensor {
      const chain = parametrizationsOf(this)!.get(name)!;
      return cachedValue(this, name, () => chain.call());
    },
    set(this: Module, value: Tensor): void {
      parametrizationsOf(this)!.get(name)!.assign(value, `parametrize: assigning '${name}' of ${this.constructor.name}`);
    },
  });
}

/**
 * Unless `unsafe`, checks that a parametrization added to the chain of `name` maps a tensor of the
 * current value's shape and dtype to one of the same shape and dtype, and so does its rightInverse
 * (torch's checks; the intermediate tensors are freed at once).
 */
function checkAppended(owner: string, module: Module, name: string, parametrization: Parametrization): void {
  scope(() => {
    const current = fieldsOf(module)[name] as Tensor;
    const { shape, dtype } = current;
    const value = checkSameSpace(owner, `the parametrized value of '${name}'`, parametrization.call(current), shape, dtype);
    if (parametrization.rightInverse)
      checkSameSpace(owner, `rightInverse of the parametrized value of '${name}'`, parametrization.rightInverse(value), shape, dtype);
  });
}

/**
 * Reparametrises the parameter or buffer `tensorName` of `module` by `parametrization` (torch 1.13's
 * `torch.nn.utils.parametrize.register_parametrization`): afterwards `module[tensorName]` is
 * `parametrization.call(original)`, recomputed on every read, so a forward that reads it trains the
 * original through the parametrization. The first registration moves the tensor to
 * `module.parametrizations[tensorName].original` (the same tensor object, so an optimizer built
 * before still trains it; when the parametrization has `rightInverse`, the original takes
 * `rightInverse(tensor)` in place); registering again on the same name chains: original → p0 → p1.
 * State-dict keys are torch's: `parametrizations.weight.original`, then the parametrizations' own
 * parameters and buffers as `parametrizations.weight.<index>.<name>`. The parametrization takes the
 * module's training mode. Unless `unsafe`, the parametrized value must keep the tensor's shape and
 * dtype. Returns the module.
 * @example
 * class Symmetric extends Module {
 *   forward(x: Tensor): Tensor { return x.triu().add(x.triu(1).transpose(-1, -2)); }
 * }
 * const layer = parametrize.registerParametrization(new Linear(3, 3), 'weight', new Symmetric());
 * Object.keys(layer.stateDict()); // ['bias', 'parametrizations.weight.original']
 */
export function registerParametrization<M extends Module>(
  module: M,
  tensorName: string,
  parametrization: Parametrization,
  options?: RegisterParametrizationOptions,
): M {
  const owner = 'parametrize.registerParametrization';
  const { unsafe } = withDefaults(owner, options, { unsafe: false });
  checkModule(owner, module, 'module');
  checkModule(owner, parametrization, 'the parametrization');
  if (typeof tensorName !== 'string') throw new Error(`${owner}: tensorName must be a string, got ${describeValue(tensorName)}`);
  parametrization.train(module.training);
  const fields = fieldsOf(module);
  if (isParametrized(module, tensorName)) {
    if (!unsafe) checkAppended(owner, module, tensorName, parametrization);
    const chain = parametrizationsOf(module)!.get(tensorName)!;
    chain.append(parametrization);
    chain.unsafe ||= unsafe;
    return module;
  }
  const original = fields[tensorName];
  if (!isParameter(original) && !isBuffer(original))
    throw new Error(
      `${owner}: ${module.constructor.name} does not have a parameter, a buffer, or a parametrized element with name '${tensorName}' (got ${
        original === undefined ? 'nothing' : describeValue(original)
      })`,
    );
  const existing = fields.parametrizations;
  if (existing !== undefined && !parametrizationsOf(module))
    throw new Error(
      `${owner}: ${module.constructor.name} already has a field 'parametrizations' that is not a ModuleDict of parametrizations`,
    );
  // built first: its checks throw before the module changes
  const chain = scope(() => new ParametrizationList(parametrization, original, unsafe));
  delete fields[tensorName];
  if (!parametrizationsOf(module)) module.registerModule('parametrizations', new ModuleDict());
  defineParametrizedProperty(module, tensorName);
  parametrizationsOf(module)!.set(tensorName, chain);
  return module;
}

/**
 * Undoes the parametrizations of `tensorName` (torch's `parametrize.remove_parametrizations`): the
 * original tensor object becomes the parameter (or buffer) `tensorName` again, listed after the
 * module's other ones, holding the parametrized value when `leaveParametrized` (the default), or its
 * own unconstrained value otherwise. An optimizer holding the original keeps training it. The
 * `parametrizations` field goes when no tensor is left parametrized. Returns the module.
 * @example
 * parametrize.removeParametrizations(layer, 'weight'); // a plain symmetric `weight`
 */
export function removeParametrizations<M extends Module>(module: M, tensorName: string, leaveParametrized = true): M {
  const owner = 'parametrize.removeParametrizations';
  checkModule(owner, module, 'module');
  if (typeof leaveParametrized !== 'boolean')
    throw new Error(`${owner}: leaveParametrized must be a boolean, got ${describeValue(leaveParametrized)}`);
  if (!isParametrized(module, tensorName))
    throw new Error(`${owner}: ${module.constructor.name} does not have a parametrization on ${describeValue(tensorName)}`);
  const fields = fieldsOf(module);
  const parametrizations = parametrizationsOf(module)!;
  const original = parametrizations.get(tensorName)!.original;
  // the same object takes the value, so an optimizer does not need to be told (torch's set_)
  if (leaveParametrized) scope(() => noGrad(() => original.replaceData((fields[tensorName] as Tensor).detach())));
  delete fields[tensorName];
  parametrizations.delete(tensorName);
  if (isParameter(original)) module.registerParameter(tensorName, original);
  else module.registerBuffer(tensorName, original);
  if (parametrizations.size === 0) delete fields.parametrizations;
  return module;
}
