import { describeValue, isTensor, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { isParameter, parameter } from '../module/parameter.js';
import { describeParameter, reprWithoutChildren } from './parameter-repr.js';

/**
 * A list of parameters that belong to the module holding it (torch.nn.ParameterList): they are named
 * '0', '1', … (state dict `weights.0`), `parameters()` lists them and an optimizer sees them. A plain
 * tensor added is marked as a parameter in place (`parameter(tensor)`: requiresGrad on; a non-leaf is
 * detached first), as torch wraps it in nn.Parameter; anything but a tensor is refused (torch 1.13 would
 * also hold other objects). It has no forward: iterate it.
 * @example
 * class Mixture extends Module {
 *   weights = new ParameterList([randn([4, 4]), randn([4, 4])]);
 *   forward(x: Tensor) { for (const w of this.weights) x = x.matmul(w); return x; }
 * }
 * Object.keys(new Mixture().stateDict()); // ['weights.0', 'weights.1']
 */
export class ParameterList extends Module {
  constructor(values: Iterable<Tensor> = [], ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('ParameterList', ['values'], extra);
    if (values === null || typeof (values as Iterable<Tensor>)[Symbol.iterator] !== 'function')
      throw new TypeError(`ParameterList: expected an iterable of tensors, got ${describeValue(values)}`);
    this.extend(values);
  }

  /** The parameters in position order. */
  private items(): Tensor[] {
    const items: Tensor[] = [];
    for (const [name, value] of Object.entries(this)) if (isParameter(value) && /^\d+$/.test(name)) items.push(value);
    return items;
  }

  /** Number of parameters. */
  get length(): number {
    return this.items().length;
  }

  /** The parameter at `index` (negative counts from the end; torch's `list[index]`). */
  get(index: number): Tensor {
    const items = this.items();
    return items[this.position('get', index, items.length)]!;
  }

  /** The parameter at `index`, as `get` (Array's spelling). */
  at(index: number): Tensor {
    return this.get(index);
  }

  /** Puts `value` at `index` (torch's `list[index] = value`), under the same name; returns this. */
  set(index: number, value: Tensor): this {
    const at = this.position('set', index, this.length);
    this.registerParameter(String(at), this.checked('set', value));
    return this;
  }

  /** Adds `value` at the end, named by its position; returns this. */
  append(value: Tensor): this {
    this.registerParameter(String(this.length), this.checked('append', value));
    return this;
  }

  /** Appends each tensor in order; returns this. */
  extend(values: Iterable<Tensor>): this {
    for (const value of values) this.append(value);
    return this;
  }

  [Symbol.iterator](): Iterator<Tensor> {
    return this.items()[Symbol.iterator]();
  }

  forward(): never {
    throw new Error('ParameterList has no forward: iterate over its parameters');
  }

  override extraRepr(): string {
    return this.items()
      .map((value, index) => describeParameter(String(index), value, 'dtype'))
      .join('\n');
  }

  /**
   * torch's repr: `ParameterList(\n    (0): Parameter containing: [torch.float32 of size 2x3]\n)`, and with a
   * single parameter torch's one-line form `ParameterList(  (0): Parameter containing: […])`.
   */
  override toString(): string {
    return reprWithoutChildren(
      this.constructor.name,
      this.items().map((value, index) => describeParameter(String(index), value, 'dtype')),
    );
  }

  private checked(operation: string, value: unknown): Tensor {
    if (!isTensor(value)) throw new TypeError(`ParameterList.${operation}: expected a tensor, got ${describeValue(value)}`);
    return isParameter(value) ? value : parameter(value);
  }

  private position(operation: string, index: number, count: number): number {
    if (!Number.isInteger(index) || index < -count || index >= count)
      throw new RangeError(
        `ParameterList.${operation}: index ${describeValue(index)} is out of range for ${count} parameter${count === 1 ? '' : 's'}`,
      );
    return index < 0 ? index + count : index;
  }
}
