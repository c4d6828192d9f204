import { describeValue, isTensor, keep, noGrad, onesLike, scope, type Tensor } from '@dl/tensor';
import { type ComputedEntry, computedParameters } from '../module/computed-parameters.js';
import { isModule, type Module } from '../module/module.js';
import { isParameter } from '../module/parameter.js';

function fieldsOf(module: Module): Record<string, unknown> {
  return module as unknown as Record<string, unknown>;
}

/** name = mask · name_orig (torch's `apply_mask`); recorded for autograd, so name_orig's gradient is masked. */
function maskedValue(module: Module, name: string): Tensor {
  const fields = fieldsOf(module);
  const original = fields[`${name}_orig`] as Tensor;
  const mask = fields[`${name}_mask`] as Tensor;
  return mask.to(original.dtype).mul(original);
}

/** The pruned values, mask · name_orig, computed each forward and on reading `module[name]`. */
const maskedParameters = computedParameters<ComputedEntry>(
  Symbol.for('@dl/nn.prune'),
  (module, name) => maskedValue(module, name),
  (module, name) =>
    `prune: '${name}' of ${module.constructor.name} is computed from '${name}_orig' and '${name}_mask'; assign those, or call prune.remove first`,
);

/** Whether `name` of `module` is pruned (has `<name>_orig` and `<name>_mask`). */
export function isParameterPruned(module: Module, name: string): boolean {
  return maskedParameters.entry(module, name) !== undefined;
}

/**
 * What a pruning method starts from for `name` of `module`: the tensor it scores by default (the
 * parameter, or its masked value when already pruned: torch's `getattr(module, name)`), the current
 * mask (ones before the first pruning) and whether `name` was pruned before. Checks the arguments.
 */
export function pruningTarget(owner: string, module: Module, name: string): { value: Tensor; mask: Tensor; pruned: boolean } {
  if (!isModule(module)) throw new Error(`${owner}: expected a Module, got ${describeValue(module)}`);
  if (typeof name !== 'string') throw new Error(`${owner}: name must be a parameter name, got ${describeValue(name)}`);
  const fields = fieldsOf(module);
  if (isParameterPruned(module, name))
    return { value: noGrad(() => maskedValue(module, name)), mask: (fields[`${name}_mask`] as Tensor).detach().clone(), pruned: true };
  const value = fields[name];
  if (!isParameter(value))
    throw new Error(
      `${owner}: ${module.constructor.name} has no parameter named '${name}' (got ${value === undefined ? 'nothing' : describeValue(value)})`,
    );
  for (const suffix of ['_orig', '_mask'])
    if (`${name}${suffix}` in fields) throw new Error(`${owner}: ${module.constructor.name} already has a field '${name}${suffix}'`);
  return { value, mask: noGrad(() => onesLike(value)), pruned: false };
}

/**
 * Throws unless `candidate` (the `what` argument) is a tensor of the shape of `reference`, the
 * parameter `name` (torch's importance_scores and custom mask checks); returns it.
 */
export function checkShapeOf(owner: string, what: string, candidate: unknown, reference: Tensor, name: string): Tensor {
  const sameShape =
    isTensor(candidate) && candidate.ndim === reference.ndim && candidate.shape.every((extent, axis) => extent === reference.shape[axis]);
  if (!sameShape)
    throw new Error(
      `${owner}: ${what} should have the shape of '${name}', [${reference.shape.join(', ')}]; got ${
        isTensor(candidate) ? `[${candidate.shape.join(', ')}]` : describeValue(candidate)
      }`,
    );
  return candidate as Tensor;
}

/** What a pruning method computes a mask from (see `pruningTarget`). */
export type PruningTarget = ReturnType<typeof pruningTarget>;

/**
 * Prunes `name` of `module` with the mask `computeMask(target)` returns (computed before anything
 * changes, so a failing method leaves the module as it was), as torch's `BasePruningMethod.apply`: the
 * first time, the parameter moves to `<name>_orig` (the same tensor, so an optimizer holding it still
 * trains it) and the mask is registered as the buffer `<name>_mask`; later, the mask buffer is
 * replaced in its place. Returns the module.
 */
export function applyPruning<M extends Module>(owner: string, module: M, name: string, computeMask: (target: PruningTarget) => Tensor): M {
  const mask = keep(scope(() => noGrad(() => computeMask(pruningTarget(owner, module, name))), `the end of ${owner}`));
  const pruned = isParameterPruned(module, name);
  const fields = fieldsOf(module);
  if (!pruned) {
    const original = fields[name] as Tensor;
    // torch's order: `<name>_orig` joins the parameters, `<name>` leaves them, `<name>_mask` joins the buffers
    delete fields[name];
    module.registerParameter(`${name}_orig`, original);
  }
  module.registerBuffer(`${name}_mask`, mask);
  if (pruned) return module;
  maskedParameters.install(module, name, { current: null });
  return module;
}

/**
 * Makes the pruning of `name` permanent (torch's `prune.remove`): `<name>_orig` takes the masked values
 * in place (so an optimizer holding it keeps training it) and becomes the parameter `<name>` again,
 * listed after the module's other parameters as in torch; `<name>_mask` is removed. Returns the module.
 * @example
 * prune.remove(layer, 'weight');
 * Object.keys(layer.stateDict()); // ['bias', 'weight']
 */
export function remove<M extends Module>(module: M, name: string): M {
  if (!isModule(module)) throw new Error(`prune.remove: expected a Module, got ${describeValue(module)}`);
  if (!isParameterPruned(module, name))
    throw new Error(`prune.remove: parameter '${name}' of ${module.constructor.name} has to be pruned before pruning can be removed`);
  const fields = fieldsOf(module);
  const original = fields[`${name}_orig`] as Tensor;
  noGrad(() => original.copy_(maskedValue(module, name)));
  maskedParameters.uninstall(module, name);
  delete fields[`${name}_orig`];
  delete fields[`${name}_mask`];
  module.registerParameter(name, original); // still a parameter, with its requiresGrad
  return module;
}

/**
 * Whether `module` or any of its submodules has a pruned parameter (torch's `prune.is_pruned`).
 * @example
 * prune.isPruned(model); // false until a pruning function is applied to one of its layers
 */
export function isPruned(module: Module): boolean {
  if (!isModule(module)) throw new Error(`prune.isPruned: expected a Module, got ${describeValue(module)}`);
  return module.modules().some((submodule) => maskedParameters.names(submodule).length > 0);
}
