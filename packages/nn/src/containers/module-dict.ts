import { refuseExtraArguments } from '@dl/tensor';
import { isModule, Module } from '../module/module.js';

/**
 * Modules by name, registered as children (state dict `heads.classifier.weight`), in insertion order
 * (integer-like names too, as PyTorch's). It has no forward.
 * `pop`, `delete`, `clear` and `update` work as PyTorch's.
 * @example
 * const heads = new ModuleDict({ classifier: new Linear(64, 10), regressor: new Linear(64, 1) });
 * heads.get('classifier');
 */
export class ModuleDict<M extends Module = Module> extends Module {
  constructor(modules: Record<string, M> = {}, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('ModuleDict', ['modules'], extra);
    for (const [name, module] of Object.entries(modules)) this.set(name, module);
  }

  get(name: string): M | undefined {
    const value = this.getField(name);
    return isModule(value) ? (value as M) : undefined;
  }

  set(name: string, module: M): this {
    if (!isModule(module))
      throw new TypeError(`ModuleDict.set: "${name}" must be a Module, got ${module === null ? 'null' : typeof module}`);
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

  /** Removes the module under `name` and returns it (PyTorch's `pop(key)`); an error if there is none. */
  pop(name: string): M {
    const module = this.get(name);
    if (module === undefined)
      throw new Error(
        `ModuleDict.pop: no module named "${name}" (keys: ${
          this.keys()
            .map((key) => `"${key}"`)
            .join(', ') || 'none'
        })`,
      );
    this.removeField(name);
    return module;
  }

  /** Removes the module under `name` (PyTorch's `del d[key]`); an error if there is none. Returns this. */
  delete(name: string): this {
    this.pop(name);
    return this;
  }

  /** Removes every module. */
  clear(): void {
    for (const name of this.keys()) this.pop(name);
  }

  /**
   * Sets every `[name, module]` of `modules` (a record, a ModuleDict or an iterable of pairs), in its
   * order, replacing modules of the same name (PyTorch's `update`); returns this.
   */
  update(modules: Record<string, M> | ModuleDict<M> | Iterable<readonly [string, M]>): this {
    const pairs = isModuleDict(modules)
      ? modules.entries()
      : Symbol.iterator in modules
        ? [...(modules as Iterable<readonly [string, M]>)]
        : Object.entries(modules as Record<string, M>);
    for (const pair of pairs) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string')
        throw new TypeError(`ModuleDict.update: expected [name, module] pairs, got ${JSON.stringify(pair) ?? String(pair)}`);
      this.set(pair[0], pair[1]);
    }
    return this;
  }

  forward(): never {
    throw new Error('ModuleDict has no forward: pick a module with get(name)');
  }
}

// Outside the class: a class that names itself in its own body is bundled as `var X = class _X`, and its
// name (String(model), errors) would read '_X'.
function isModuleDict(value: unknown): value is ModuleDict {
  return value instanceof ModuleDict;
}
