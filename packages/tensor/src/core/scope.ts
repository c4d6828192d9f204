import { isTensor } from './brand.js';
import type { Tensor } from './tensor.js';

/** Open scopes, innermost last; each collects the tensor handles created while it is open. */
const scopes: Set<Tensor>[] = [];

export function adoptIntoScope(tensor: Tensor): void {
  scopes[scopes.length - 1]?.add(tensor);
}

/** Takes `tensor` out of every open scope, so scope exits leave it alive. */
export function keep<T extends Tensor>(tensor: T): T {
  for (const open of scopes) open.delete(tensor);
  return tensor;
}

function collectTensors(value: unknown, found: Set<Tensor>, seen = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (isTensor(value)) {
    found.add(value);
    return;
  }
  const items = value instanceof Map ? value.values() : Array.isArray(value) ? value : Object.values(value);
  for (const item of items) collectTensors(item, found, seen);
}

function close(created: Set<Tensor>, result: unknown): void {
  const index = scopes.lastIndexOf(created);
  if (index >= 0) scopes.splice(index, 1);
  const parent = scopes[scopes.length - 1];
  // the common result (a module's forward) is one tensor: no traversal, no Sets
  if (isTensor(result)) {
    for (const tensor of created) {
      if (tensor === result) parent?.add(tensor);
      else tensor.dispose();
    }
    return;
  }
  const escaping = new Set<Tensor>();
  collectTensors(result, escaping);
  for (const tensor of created) {
    if (escaping.has(tensor)) parent?.add(tensor);
    else tensor.dispose();
  }
}

/**
 * Disposes every tensor created inside `body` except those it returns (found in arrays, objects and
 * Maps of the result). Works across `await` when `body` is async. Tensors saved for backward stay
 * alive through their own references until `backward()` releases them.
 * @example
 * const y = scope(() => x.mul(2).add(1).relu()); // the two intermediates are freed, y is kept
 */
export function scope<T>(body: () => T): T {
  const created = new Set<Tensor>();
  scopes.push(created);
  let result: T;
  try {
    result = body();
  } catch (error) {
    close(created, undefined);
    throw error;
  }
  if (result instanceof Promise) {
    return result.then(
      (value) => {
        close(created, value);
        return value;
      },
      (error) => {
        close(created, undefined);
        throw error;
      },
    ) as T;
  }
  close(created, result);
  return result;
}
