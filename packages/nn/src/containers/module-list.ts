import { refuseExtraArguments } from '@dl/tensor';
import type { Module } from '../module/module.js';
import { ModulePositions } from './module-positions.js';

/**
 * A list of modules whose parameters belong to the parent (a plain array would hide them). Children
 * are named '0', '1', … (state dict `layers.0.weight`). It has no forward: iterate it. `append`, `extend`,
 * `insert`, `set`, `pop` and `delete` work as PyTorch's list operations (see ModulePositions).
 * @example
 * class Stack extends Module {
 *   layers = new ModuleList([new Linear(8, 8), new Linear(8, 8)]);
 *   forward(x: Tensor) { for (const layer of this.layers) x = (layer as Linear).call(x); return x; }
 * }
 */
export class ModuleList<M extends Module = Module> extends ModulePositions<M> {
  constructor(modules: Iterable<M> = [], ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('ModuleList', ['modules'], extra);
    this.extend(modules);
  }

  /** A slice's ModuleList: the same modules, numbered from 0 (torch's `ModuleList(list(values)[idx])`). */
  protected fromEntries(entries: [string, Module][]): this {
    return moduleListOf(entries.map(([, module]) => module)) as this;
  }

  forward(): never {
    throw new Error('ModuleList has no forward: iterate over its modules');
  }
}

/** A ModuleList of `modules`; outside the class body so that the bundled class keeps its name (see sequentialOf). */
function moduleListOf(modules: Module[]): ModuleList {
  return new ModuleList(modules);
}
