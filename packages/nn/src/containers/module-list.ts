import { Module } from '../module/module.js';

/**
 * A list of modules whose parameters belong to the parent (a plain array would hide them). Children
 * are named '0', '1', … (state dict `layers.0.weight`). It has no forward: iterate it.
 * @example
 * class Stack extends Module {
 *   layers = new ModuleList([new Linear(8, 8), new Linear(8, 8)]);
 *   forward(x: Tensor) { for (const layer of this.layers) x = (layer as Linear).call(x); return x; }
 * }
 */
export class ModuleList<M extends Module = Module> extends Module {
  constructor(modules: Iterable<M> = []) {
    super();
    for (const module of modules) this.append(module);
  }

  get length(): number {
    return this.moduleEntries().length;
  }

  /** The module at `index` (negative counts from the end). */
  at(index: number): M {
    const entries = this.moduleEntries();
    const entry = entries[index < 0 ? index + entries.length : index];
    if (!entry) throw new RangeError(`index ${index} is out of range`);
    return entry[1] as M;
  }

  append(module: M): this {
    this.registerModule(String(this.length), module);
    return this;
  }

  extend(modules: Iterable<M>): this {
    for (const module of modules) this.append(module);
    return this;
  }

  [Symbol.iterator](): Iterator<M> {
    return this.moduleEntries()
      .map(([, module]) => module as M)
      [Symbol.iterator]();
  }

  forward(): never {
    throw new Error('ModuleList has no forward: iterate over its modules');
  }
}
