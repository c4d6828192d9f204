import { keep, type Tensor } from '@dl/tensor';
import type { Module } from '../module/module.js';

/** How many `cached` bodies are running (they nest), and what they computed, per module and name. */
let depth = 0;
let values = new Map<Module, Map<string, Tensor>>();

/**
 * The parametrized value of `name` of `module`: `compute()` afresh, or, inside `cached`, the value
 * computed by the first access (torch's `_cache`, keyed by module and name).
 */
export function cachedValue(module: Module, name: string, compute: () => Tensor): Tensor {
  if (depth === 0) return compute();
  let byName = values.get(module);
  if (!byName) values.set(module, (byName = new Map()));
  let value = byName.get(name);
  if (value === undefined || value.isDisposed) {
    // kept: it outlives the module call that first reads it, for the later reads of the body
    value = keep(compute());
    byName.set(name, value);
  }
  return value;
}

/**
 * Runs `body` with parametrized tensors computed once (torch's `parametrize.cached()` context
 * manager): inside it, each `module[name]` of a parametrized tensor is computed on its first access
 * and reused, so a weight read at every step of a recurrent network costs one evaluation. The values
 * are forgotten when the outermost `cached` returns (or throws). `body` is synchronous. Returns what
 * `body` returns.
 * @example
 * const output = parametrize.cached(() => rnn.call(sequence)); // the parametrized weights once
 */
export function cached<T>(body: () => T): T {
  if (typeof body !== 'function') throw new Error(`parametrize.cached: expected a function, got ${typeof body}`);
  depth++;
  try {
    return body();
  } finally {
    depth--;
    if (depth === 0) values = new Map();
  }
}
