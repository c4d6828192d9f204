import { isModule, Module } from '../module/module.js';

/**
 * Modules by name, registered as children (state dict `heads.classifier.weight`). Insertion order,
 * except that integer-like names come first (JavaScript's property order). It has no forward.
 * @example
 * const heads = new ModuleDict({ classifier: new Linear(64, 10), regressor: new Linear(64, 1) });
 * heads.get('classifier');
 */
export class ModuleDict<M extends Module = Module> extends Module {
  constructor(modules: Record<string, M> = {}) {
    super();
    for (const [name, module] of Object.entries(modules)) this.set(name, module);
  }

  get(name: string): M | undefined {
    const value = this.getField(name);
    return isModule(value) ? (value as M) : undefined;
  }

  set(name: string, module: M): this {
    const existing = this.getField(name);
    if ((existing !== undefined || name in this) && !isModule(existing))
      throw new Error(`ModuleDict: "${name}" is a property of the module itself and cannot name a child`);
    this.registerModule(name, module);
    return this;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  keys(): string[] {
    return this.moduleEntries().map(([name]) => name);
  }

  /** The modules of every key, a module under two keys listed twice (as PyTorch's `values()`). */
  values(): M[] {
    return this.moduleEntries().map(([, module]) => module as M);
  }

  entries(): [string, M][] {
    return this.moduleEntries() as [string, M][];
  }

  get size(): number {
    return this.keys().length;
  }

  forward(): never {
    throw new Error('ModuleDict has no forward: pick a module with get(name)');
  }
}
