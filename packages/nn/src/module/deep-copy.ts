import { isTensor, keep, noGrad, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { isModule, type Module } from './module.js';
import { buffer, isBuffer, isParameter, parameter } from './parameter.js';

/**
 * An independent copy of `module` (Python's `copy.deepcopy`, which torch's TransformerEncoder uses to
 * stack N copies of one layer): every submodule, parameter and buffer is copied, with its kind and
 * `requiresGrad`; a module or tensor held by two fields stays shared within the copy (tied weights stay
 * tied); arrays, Maps, Sets and plain objects are copied; functions and other objects are shared.
 * Gradients are not copied. The copy is the caller's: no scope frees its tensors.
 * @example
 * const layers = Array.from({ length: 6 }, () => deepCopy(layer)); // six layers with the same start
 */
export function deepCopy<M extends Module>(module: M, ...extra: never[]): M {
  refuseExtraArguments('deepCopy', ['module'], extra);
  return noGrad(() => copyValue(module, new Map())) as M;
}

function copyValue(value: unknown, copies: Map<unknown, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (copies.has(value)) return copies.get(value);
  if (isTensor(value)) return rememberTensor(value, copies);
  if (isModule(value)) {
    const copy = Object.create(Object.getPrototypeOf(value)) as object;
    copies.set(value, copy);
    copyProperties(value, copy, copies);
    return copy;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const item of value) copy.push(copyValue(item, copies));
    return copy;
  }
  if (value instanceof Map) {
    const copy = new Map();
    copies.set(value, copy);
    for (const [key, item] of value) copy.set(copyValue(key, copies), copyValue(item, copies));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set();
    copies.set(value, copy);
    for (const item of value) copy.add(copyValue(item, copies));
    return copy;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const copy = {};
    copies.set(value, copy);
    copyProperties(value, copy, copies);
    return copy;
  }
  return value; // class instances other than modules and tensors (a generator, a callback's owner): shared
}

/** A tensor's copy: its own storage, the same kind (parameter or buffer) and requiresGrad. */
function rememberTensor(tensor: Tensor, copies: Map<unknown, unknown>): Tensor {
  const { requiresGrad } = tensor;
  let copy = keep(tensor.detach().clone());
  if (isParameter(tensor)) copy = parameter(copy, requiresGrad);
  else if (isBuffer(tensor)) copy = buffer(copy);
  else copy.requiresGrad = requiresGrad;
  copies.set(tensor, copy);
  return copy;
}

/** Every own property (symbol-keyed and non-enumerable ones too: hooks, non-persistent buffer names), copied in order. */
function copyProperties(source: object, target: object, copies: Map<unknown, unknown>): void {
  for (const key of Reflect.ownKeys(source)) {
    const descriptor = Object.getOwnPropertyDescriptor(source, key)!;
    if ('value' in descriptor) descriptor.value = copyValue(descriptor.value, copies);
    Object.defineProperty(target, key, descriptor);
  }
}
