import { describeValue, isTensor, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { fieldNames, Module } from '../module/module.js';
import { isParameter, parameter } from '../module/parameter.js';
import { describeParameter, reprWithoutChildren } from './parameter-repr.js';

/**
 * Parameters by name that belong to the module holding it (torch.nn.ParameterDict): state dict
 * `gains.alpha`, `parameters()` lists them and an optimizer sees them. Insertion order, integer-like
 * names too (as torch's; a stateDict of its own, a plain object, still lists those first). A plain tensor set is
 * marked as a parameter in place (`parameter(tensor)`: requiresGrad on), as torch wraps it in
 * nn.Parameter; anything but a tensor is refused. `pop`, `delete`, `clear` and `update` work as torch's.
 * It has no forward.
 * @example
 * const gains = new ParameterDict({ alpha: ones([1]), beta: zeros([1]) });
 * gains.get('alpha'); // the parameter
 * Object.keys(gains.stateDict()); // ['alpha', 'beta']
 */
export class ParameterDict extends Module {
  constructor(values: Record<string, Tensor> | Iterable<readonly [string, Tensor]> = {}, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('ParameterDict', ['values'], extra);
    this.update(values);
  }

  /** The parameter under `name` (undefined when there is none). */
  get(name: string): Tensor | undefined {
    const value = this.getField(name);
    return isParameter(value) ? value : undefined;
  }

  /** Puts `value` under `name` (torch's `dict[name] = value`), replacing what was there; returns this. */
  set(name: string, value: Tensor): this {
    if (typeof name !== 'string') throw new TypeError(`ParameterDict.set: a name must be a string, got ${describeValue(name)}`);
    if (!isTensor(value)) throw new TypeError(`ParameterDict.set: "${name}" must be a tensor, got ${describeValue(value)}`);
    const existing = this.getField(name);
    if ((existing !== undefined || name in this) && !isParameter(existing))
      throw new Error(`ParameterDict: "${name}" is a property of the module itself and cannot name a parameter`);
    this.registerParameter(name, isParameter(value) ? value : parameter(value));
    return this;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  keys(): string[] {
    return this.entries().map(([name]) => name);
  }

  values(): Tensor[] {
    return this.entries().map(([, value]) => value);
  }

  /** `[name, parameter]` pairs in key order (torch's `items()`). */
  entries(): [string, Tensor][] {
    const entries: [string, Tensor][] = [];
    const fields = this as unknown as Record<string, unknown>;
    for (const name of fieldNames(this)) {
      const value = fields[name];
      if (isParameter(value)) entries.push([name, value]);
    }
    return entries;
  }

  get size(): number {
    return this.entries().length;
  }

  /** Iterates the names, as torch's `iter(dict)`. */
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }

  /** Removes the parameter under `name` and returns it (torch's `pop(key)`); an error if there is none. */
  pop(name: string): Tensor {
    const value = this.get(name);
    if (value === undefined)
      throw new Error(
        `ParameterDict.pop: no parameter named "${name}" (keys: ${
          this.keys()
            .map((key) => `"${key}"`)
            .join(', ') || 'none'
        })`,
      );
    this.removeField(name);
    return value;
  }

  /** Removes the parameter under `name` (torch's `del dict[key]`); an error if there is none. Returns this. */
  delete(name: string): this {
    this.pop(name);
    return this;
  }

  /** Removes every parameter. */
  clear(): void {
    for (const name of this.keys()) this.removeField(name);
  }

  /**
   * Sets every `[name, tensor]` of `values` (a record, a ParameterDict or an iterable of pairs), in its
   * order, replacing parameters of the same name (torch's `update`); returns this.
   */
  update(values: Record<string, Tensor> | ParameterDict | Iterable<readonly [string, Tensor]>): this {
    if (typeof values !== 'object' || values === null)
      throw new TypeError(`ParameterDict.update: expected a record, a ParameterDict or [name, tensor] pairs, got ${describeValue(values)}`);
    const pairs = isParameterDict(values)
      ? values.entries()
      : Symbol.iterator in values
        ? [...(values as Iterable<readonly [string, Tensor]>)]
        : Object.entries(values as Record<string, Tensor>);
    for (const pair of pairs) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string')
        throw new TypeError(`ParameterDict.update: expected [name, tensor] pairs, got ${describeValue(pair)}`);
      this.set(pair[0], pair[1]);
    }
    return this;
  }

  forward(): never {
    throw new Error('ParameterDict has no forward: pick a parameter with get(name)');
  }

  override extraRepr(): string {
    return this.entries()
      .map(([name, value]) => describeParameter(name, value, 'typename'))
      .join('\n');
  }

  /** torch's repr: `ParameterDict(\n    (alpha): Parameter containing: [torch.FloatTensor of size 1]\n)`. */
  override toString(): string {
    return reprWithoutChildren(
      this.constructor.name,
      this.entries().map(([name, value]) => describeParameter(name, value, 'typename')),
    );
  }
}

// Outside the class: a class that names itself in its own body is bundled as `var X = class _X`, and its
// name (String(model), errors) would read '_X'.
function isParameterDict(value: unknown): value is ParameterDict {
  return value instanceof ParameterDict;
}
