import { checkBoolean, checkOptions, describeValue } from '@dl/tensor';

/**
 * How many inputs a forward takes, kept on the forward function itself. JavaScript drops the arguments
 * a function does not declare, so `bn.call(x, true)` or `linear.call(x, bias)` ran as `call(x)`, where
 * PyTorch's `bn(x, True)` raises "TypeError: forward() takes 2 positional arguments but 3 were given".
 * A marked forward makes `Module.call` refuse the extras instead. The mark is on the function, not the
 * class: a subclass that overrides forward is not held to its parent's count, and one that inherits it is.
 */
export const inputCountKey: unique symbol = Symbol('forwardInputCount') as never;

/** On a marked forward whose first input must be a tensor (`refuseExtraInputs(layer, { tensorInput: true })`). */
export const tensorInputKey: unique symbol = Symbol('forwardTakesTensorInput') as never;

/** A forward function, with the count of inputs it takes and whether its first is a tensor, when it is marked. */
export type MarkedForward = { [inputCountKey]?: number; [tensorInputKey]?: true };

/** What `refuseExtraInputs` is told beyond the count. */
export interface RefuseExtraInputsOptions {
  /**
   * The first input must be a tensor: `Module.call` then names a number, a string, null, a list or a
   * plain object given in its place (`layer.call(5)`: "ReLU.call: the input must be a tensor, got 5")
   * before forward reads it in JavaScript's words. Every layer of this package, `@dl/rnn`'s cells and
   * `@dl/gan`'s models say so; the recurrent layers, which also take a PackedSequence, do not.
   * Default false (any first input).
   */
  tensorInput?: boolean;
}

/**
 * Marks `layer`'s forward as taking exactly the parameters it declares (its `length`), so that
 * `Module.call` refuses more inputs. For a forward without rest or default parameters, whose `length`
 * is the number it takes, optional ones included (`forward(input, hx?)` takes 2). Every layer of
 * this package, `@dl/rnn` and `@dl/gan` whose forward takes a fixed number of inputs is marked; a model
 * can mark its own class the same way, in a static block.
 * @example
 * class Net extends Module {
 *   static {
 *     refuseExtraInputs(this, { tensorInput: true });
 *   }
 *   fc = new Linear(4, 2);
 *   forward(x: Tensor): Tensor { return this.fc.call(x); }
 * }
 * new Net().call(x, mask); // throws: Net.call: forward takes 1 input, got 2
 * new Net().call([1, 2]); // throws: Net.call: the input must be a tensor, got [1, 2]
 */
export function refuseExtraInputs(
  layer: { readonly prototype: { forward(...inputs: never[]): unknown } },
  options: RefuseExtraInputsOptions = {},
): void {
  if (typeof (layer as unknown) !== 'function' || typeof layer.prototype?.forward !== 'function')
    throw new Error(
      `refuseExtraInputs: expects a module class with a forward (refuseExtraInputs(this) in its static block), got ${describeValue(layer)}`,
    );
  checkOptions('refuseExtraInputs', options, ['tensorInput']);
  const forward = layer.prototype.forward as ((...inputs: never[]) => unknown) & MarkedForward;
  Object.defineProperty(forward, inputCountKey, { value: forward.length, configurable: true });
  if (checkBoolean('refuseExtraInputs', 'tensorInput', options.tensorInput ?? false))
    Object.defineProperty(forward, tensorInputKey, { value: true, configurable: true });
}

/** The error of `Module.call` when a marked forward that takes `count` inputs was given `given`. */
export function extraInputsError(module: object, count: number, given: number): Error {
  const takes = `${count} input${count === 1 ? '' : 's'}`;
  return new Error(
    `${module.constructor.name}.call: forward takes ${takes}, got ${given}; PyTorch raises a TypeError for the extra ` +
      'positional arguments (here they would be dropped)',
  );
}

/**
 * The error of `Module.call` when a marked forward gets no first input, or undefined (a misspelt
 * `batch.inputs`): the layer would otherwise fail reading a property of it, in JavaScript's words.
 */
export function missingInputError(module: object): Error {
  return new Error(`${module.constructor.name}.call: the input is undefined (a forgotten argument, or a property that does not exist)`);
}

/** The error of `Module.call` when a forward marked `tensorInput` is given something else first. */
export function nonTensorInputError(module: object, input: unknown): Error {
  return new Error(`${module.constructor.name}.call: the input must be a tensor, got ${describeValue(input)}`);
}
