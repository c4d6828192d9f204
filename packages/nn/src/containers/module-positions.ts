import { isModule, Module } from '../module/module.js';

/**
 * The list operations of PyTorch's ModuleList and Sequential over a module's children, in field order:
 * a child's position is its index, and the children added by position are named '0', '1', … (state
 * dict `layers.0.weight`). Removing a child renumbers the rest from 0, as PyTorch's `__delitem__`
 * does, so names stay the positions a state dict saved under. `this.constructor.name` names the
 * container in errors.
 */
export abstract class ModulePositions<M extends Module = Module> extends Module {
  /** Number of children (a module held at two positions counts twice). */
  get length(): number {
    return this.moduleEntries().length;
  }

  /** The module at `index` (negative counts from the end). */
  at(index: number): M {
    const entries = this.moduleEntries();
    return entries[this.position('at', index, entries.length)]![1] as M;
  }

  /** Adds `module` at the end, named by its position; returns this. */
  append(module: M): this {
    this.registerModule(String(this.length), this.checkedModule('append', module));
    return this;
  }

  /** Appends each module in order; returns this. */
  extend(modules: Iterable<M>): this {
    for (const module of modules) this.append(module);
    return this;
  }

  /**
   * Puts `module` in place of the one at `index` (PyTorch's `container[index] = module`), under the
   * same name; returns this.
   */
  set(index: number, module: M): this {
    const entries = this.moduleEntries();
    const [name] = entries[this.position('set', index, entries.length)]!;
    this.registerModule(name, this.checkedModule('set', module));
    return this;
  }

  /**
   * Inserts `module` before position `index` (−length ≤ index ≤ length, negative counting from the end
   * as Python's list.insert; PyTorch's Sequential.insert); the children after it move up one name.
   */
  insert(index: number, module: M): this {
    const entries = this.moduleEntries();
    const at = this.position('insert', index, entries.length, true);
    this.checkedModule('insert', module);
    const named = entries.find(([name], position) => name !== String(position));
    if (named)
      throw new Error(
        `${this.constructor.name}.insert: inserting needs children named by position (0, 1, …); this one has a child named "${named[0]}"`,
      );
    for (let position = entries.length; position > at; position--) this.registerModule(String(position), entries[position - 1]![1]);
    this.registerModule(String(at), module);
    return this;
  }

  /** Removes the module at `index` (default the last) and returns it; the children after it move down. */
  pop(index = -1): M {
    const entries = this.moduleEntries();
    const at = this.position('pop', index, entries.length);
    this.renumber(entries.filter((_, position) => position !== at));
    return entries[at]![1] as M;
  }

  /** Removes the module at `index` (PyTorch's `del container[index]`); the children after it move down. Returns this. */
  delete(index: number): this {
    this.pop(index);
    return this;
  }

  [Symbol.iterator](): Iterator<M> {
    return this.moduleEntries()
      .map(([, module]) => module as M)
      [Symbol.iterator]();
  }

  /** Replaces every child field by `entries`' modules in order, named '0', '1', …. */
  private renumber(entries: [string, Module][]): void {
    for (const [name] of this.moduleEntries()) this.removeField(name);
    entries.forEach(([, module], position) => this.registerModule(String(position), module));
  }

  /**
   * `index` as a position among `count` children, negative counting from the end (−count ≤ index <
   * count; index = count too where `end` allows it, for insert); a RangeError otherwise.
   */
  private position(operation: string, index: number, count: number, end = false): number {
    if (!Number.isInteger(index) || index < -count || index > (end ? count : count - 1))
      throw new RangeError(
        `${this.constructor.name}.${operation}: index ${index} is out of range for ${count} module${count === 1 ? '' : 's'}${
          Number.isInteger(index) ? '' : ' (an integer is needed)'
        }`,
      );
    return index < 0 ? index + count : index;
  }

  private checkedModule(operation: string, module: unknown): M {
    if (!isModule(module))
      throw new TypeError(`${this.constructor.name}.${operation}: expected a Module, got ${module === null ? 'null' : typeof module}`);
    return module as M;
  }
}
