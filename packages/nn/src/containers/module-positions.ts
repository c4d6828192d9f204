import { refuseExtraArguments } from '@dl/tensor';
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

  /**
   * The children from `start` to before `end`, every `step`-th, as a new container holding the same
   * modules (PyTorch's `container[start:end:step]`, Python's slice rules: null or undefined for a bound
   * left out, negative counting from the end, bounds clamped, a negative step walking backwards). A
   * Sequential keeps the children's names (`features.slice(0, 16)` of a VGG loads `features.0.weight`…),
   * a ModuleList numbers them from 0, as torch.
   * @example
   * const backbone = vgg.features.slice(0, 16); // torch's vgg.features[:16]
   */
  slice(start?: number | null, end?: number | null, step?: number | null, ...extra: never[]): this {
    if (extra.length > 0) refuseExtraArguments(`${this.constructor.name}.slice`, ['start', 'end', 'step'], extra);
    const entries = this.moduleEntries();
    const positions = slicePositions(`${this.constructor.name}.slice`, entries.length, start ?? null, end ?? null, step ?? null);
    return this.fromEntries(positions.map((position) => entries[position]!));
  }

  /** A new container of this kind holding `entries` (named as the kind names a slice's children). */
  protected abstract fromEntries(entries: [string, Module][]): this;

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

/**
 * The positions Python's `range(count)[start:end:step]` lists: a bound left out (null) is the start or
 * the end in the step's direction, a negative bound counts from the end, bounds are clamped to the
 * range; step 0 or a non-integer is an error.
 */
function slicePositions(operation: string, count: number, start: number | null, end: number | null, step: number | null): number[] {
  const stride = step ?? 1;
  for (const [name, value] of [
    ['start', start],
    ['end', end],
    ['step', step],
  ] as const)
    if (value !== null && !Number.isInteger(value))
      throw new TypeError(`${operation}: ${name} must be an integer or null, got ${String(value)}`);
  if (stride === 0) throw new RangeError(`${operation}: slice step cannot be zero`);
  const clamp = (bound: number, low: number, high: number) => Math.min(Math.max(bound < 0 ? bound + count : bound, low), high);
  const [low, high] = stride > 0 ? [0, count] : [-1, count - 1];
  const first = start === null ? (stride > 0 ? low : high) : clamp(start, low, high);
  const last = end === null ? (stride > 0 ? high : low) : clamp(end, low, high);
  const positions: number[] = [];
  for (let position = first; stride > 0 ? position < last : position > last; position += stride) positions.push(position);
  return positions;
}
