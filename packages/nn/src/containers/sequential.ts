import type { Tensor } from '@dl/tensor';
import { isModule, type Module } from '../module/module.js';
import { ModulePositions } from './module-positions.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * Runs its modules one after another, each on the previous output. Children are named '0', '1', …
 * (state dict `0.weight`, as PyTorch), or by the keys of a record given as the only argument. `append`,
 * `extend`, `insert`, `set`, `pop` and `delete` work as PyTorch's (see ModulePositions).
 * @example
 * const mlp = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2));
 * Object.keys(mlp.stateDict()); // ['0.weight', '0.bias', '2.weight', '2.bias']
 * const named = new Sequential({ conv: new Conv2d(1, 6, 5), relu: new ReLU() });
 */
export class Sequential extends ModulePositions {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(...modules: Module[] | [Record<string, Module>]) {
    super();
    const [first] = modules;
    if (modules.length === 1 && first !== undefined && !isModule(first))
      for (const [name, module] of Object.entries(first)) this.registerModule(name, module);
    else (modules as Module[]).forEach((module, index) => this.registerModule(String(index), module));
  }

  /** A slice's Sequential: the same modules under their names (torch's `OrderedDict(list(items)[idx])`). */
  protected fromEntries(entries: [string, Module][]): this {
    return sequentialOf(entries) as this;
  }

  forward(input: Tensor): Tensor {
    let output: unknown = input;
    // every entry in order: a module given twice runs twice, as in PyTorch
    for (const [, module] of this.moduleEntries()) output = (module as Module & { call(value: unknown): unknown }).call(output);
    return output as Tensor;
  }
}

/**
 * A Sequential of `entries` under their names. Outside the class body on purpose: a class that names
 * itself inside its body is bundled as `class _Sequential`, and its name would print that way.
 */
function sequentialOf(entries: [string, Module][]): Sequential {
  const sequential = new Sequential();
  // one by one, in order: a record would list integer-like names ascending ('4' of a reversed slice last)
  for (const [name, module] of entries) sequential.registerModule(name, module);
  return sequential;
}
