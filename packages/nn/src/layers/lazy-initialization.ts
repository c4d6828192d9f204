import { isTensor, noGrad, type Tensor } from '@dl/tensor';
import type { Module } from '../module/module.js';
import { isParameter } from '../module/parameter.js';
import { isUninitialized, materialize, uninitializedBuffer, uninitializedParameter } from '../module/uninitialized-parameter.js';

/** A module whose parameters can be (re)initialised: what a lazy module becomes. */
type Resettable = Module & { resetParameters(): void };

/**
 * What the shared lazy mechanism (PyTorch's LazyModuleMixin) needs to know of one lazy layer: the
 * class it becomes, the field of the size it infers, and how that size is read and used.
 * @example
 * const layout: LazyLayout<LazyLinear> = {
 *   becomes: Linear,
 *   sizeField: 'inFeatures',
 *   sizeFromInput: (module, input) => input.shape[input.ndim - 1]!,
 *   sizeFromState: (module, name, shape) => (name === 'weight' ? shape[1] : undefined),
 *   shapes: (module, size) => ({ weight: [module.outFeatures, size], bias: [module.outFeatures] }),
 * };
 */
export interface LazyLayout<M extends Resettable> {
  /** The class the module turns into once its tensors are materialised (torch's `cls_to_become`). Required. */
  becomes: abstract new (
    ...args: never[]
  ) => Module;
  /** The field holding the inferred size: `inFeatures`, `inChannels` or `numFeatures`. Required. */
  sizeField: string;
  /** The size the first input gives; throws, naming the module and the input's shape, on an input it cannot read. Required. */
  sizeFromInput(module: M, input: Tensor): number;
  /** The size a loaded state-dict entry gives (its name, `weight` or `running_mean`, and its shape), or undefined. Required. */
  sizeFromState(module: M, name: string, shape: readonly number[]): number | undefined;
  /** The shape of every lazily made tensor, by field (= state-dict) name, for a size. Required. */
  shapes(module: M, size: number): Record<string, readonly number[]>;
}

function field(module: Module, name: string): unknown {
  return (module as unknown as Record<string, unknown>)[name];
}

/** The module's lazily made tensors (those its options did not disable), with their names. */
function lazyTensors<M extends Resettable>(module: M, layout: LazyLayout<M>): [string, Tensor][] {
  // the names only: a size of 0 gives every shape's field
  const names = Object.keys(layout.shapes(module, 0));
  return names.flatMap((name): [string, Tensor][] => {
    const value = field(module, name);
    return isTensor(value) ? [[name, value]] : [];
  });
}

/**
 * Replaces the tensors `names` that the non-lazy constructor made with sizes of 0 by placeholders on
 * the same device and with the same dtype and kind (parameter or buffer), keeping the fields' order
 * and so the state-dict order. A null field (no bias) stays null.
 */
export function makeLazy(module: Module, names: readonly string[]): void {
  for (const name of names) {
    const made = field(module, name);
    if (!isTensor(made)) continue;
    const owner = `${module.constructor.name}.${name}`;
    const factory = { device: made.device, dtype: made.dtype };
    const replacement = isParameter(made) ? uninitializedParameter(owner, factory) : uninitializedBuffer(owner, factory);
    // an own data property, as registerBuffer defines it: redefining keeps its place among the fields
    Object.defineProperty(module, name, { value: replacement, writable: true, enumerable: true, configurable: true });
    made.dispose();
  }
}

/**
 * Whether `resetParameters` may run (torch's lazy `reset_parameters`): every lazily made tensor has
 * its values and the inferred size is not 0. Not before: the non-lazy constructor calls it while the
 * tensors are empty stand-ins.
 */
export function canReset<M extends Resettable>(module: M, layout: LazyLayout<M>): boolean {
  return field(module, layout.sizeField) !== 0 && lazyTensors(module, layout).every(([, tensor]) => !isUninitialized(tensor));
}

/** Records the size and turns the module into its non-lazy class (torch assigns `__class__`). */
function become<M extends Resettable>(module: M, layout: LazyLayout<M>, size: number): void {
  // the size field is readonly to users; it is written once here, when it becomes known
  (module as unknown as Record<string, number>)[layout.sizeField] = size;
  Object.setPrototypeOf(module, layout.becomes.prototype);
}

/**
 * The first call (torch's `_infer_parameters`): infers the size from `input`, materialises every
 * lazily made tensor, initialises them as the non-lazy class does (its `resetParameters`, so the
 * random draws come in the same order) and turns the module into that class. A module whose tensors
 * a state dict gave only in part is an error: nothing could initialise the rest consistently.
 */
export function initializeFromInput<M extends Resettable>(module: M, layout: LazyLayout<M>, input: Tensor): void {
  const tensors = lazyTensors(module, layout);
  const waiting = tensors.filter(([, tensor]) => isUninitialized(tensor));
  if (waiting.length > 0 && waiting.length < tensors.length) {
    const loaded = tensors.filter(([, tensor]) => !isUninitialized(tensor)).map(([name]) => name);
    throw new Error(
      `${module.constructor.name}: a state dict initialized ${loaded.join(', ')} but not ${waiting.map(([name]) => name).join(', ')}; ` +
        'load all of them or none before the first call',
    );
  }
  const size = layout.sizeFromInput(module, input);
  const shapes = layout.shapes(module, size);
  noGrad(() => {
    for (const [name, tensor] of waiting) materialize(tensor, shapes[name]!);
  });
  become(module, layout, size);
  noGrad(() => module.resetParameters());
}

/**
 * Before a state dict loads (torch's `_lazy_load_hook`): materialises each lazily made tensor that
 * the state dict holds, with the shape its entries give, so that a checkpoint loads before any call.
 * An entry whose shape does not fit the module's settings is left alone, for `loadStateDict` to
 * report as a size mismatch. Once every lazily made tensor has values the module becomes its
 * non-lazy class, with the size the checkpoint gave.
 */
export function materializeFromStateDict<M extends Resettable>(
  module: M,
  layout: LazyLayout<M>,
  stateDict: ReadonlyMap<string, Tensor>,
  prefix: string,
): void {
  const entry = (name: string): Tensor | undefined => {
    const value = stateDict.get(prefix + name);
    return isTensor(value) ? value : undefined;
  };
  const waiting = lazyTensors(module, layout).filter(([, tensor]) => isUninitialized(tensor));
  let size: number | undefined;
  for (const [name] of waiting) {
    const value = entry(name);
    size ??= value && layout.sizeFromState(module, name, value.shape);
  }
  if (size === undefined) return;
  const shapes = layout.shapes(module, size);
  noGrad(() => {
    for (const [name, tensor] of waiting) {
      const shape = entry(name)?.shape;
      const expected = shapes[name]!;
      if (shape && shape.length === expected.length && shape.every((extent, axis) => extent === expected[axis]))
        materialize(tensor, expected);
    }
  });
  if (lazyTensors(module, layout).every(([, tensor]) => !isUninitialized(tensor))) become(module, layout, size);
}
