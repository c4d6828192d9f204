import type { Tensor } from '@dl/tensor';
import type { Module } from './module.js';

// Parameters a module computes from others at every forward, as torch's forward pre-hooks do for
// weight_norm (w = g·v/‖v‖) and pruning (w = mask·w_orig). The module keeps, under a symbol (so that
// deepCopy copies it), the forward it had and one entry per computed name; its forward is replaced by
// one that computes every value once, runs the forward it wrapped (which reads them as `module[name]`)
// and forgets them; `module[name]` outside a forward computes the value afresh.

/** What one computed name keeps: the value of the running forward, null outside it. */
export interface ComputedEntry {
  current: Tensor | null;
}

/** One kind of computed parameter (weight norm, pruning), installed on and removed from modules. */
export interface ComputedParameters<Entry extends ComputedEntry> {
  /** The entry of `name` in `module`, or undefined when `name` is not computed there. */
  entry(module: Module, name: string): Entry | undefined;
  /** The computed names of `module`, in installation order. */
  names(module: Module): string[];
  /** Makes `name` computed (wrapping the forward the first time): `module[name]` reads the computed value. */
  install(module: Module, name: string, entry: Entry): void;
  /**
   * Forgets `name` (its entry and the `module[name]` accessor); the last one out puts the original
   * forward back, unless another wrapper went on top of ours since.
   */
  uninstall(module: Module, name: string): void;
}

interface State<Entry> {
  forward: (...inputs: unknown[]) => unknown;
  entries: Record<string, Entry>;
}

type Fields<_Entry> = Record<string | symbol, unknown> & { forward?: unknown };

/**
 * A kind of computed parameter: `compute(module, name, entry)` gives the value (recorded for autograd);
 * `assignmentError(module, name)` is the message for an assignment to `module[name]`, which the
 * parameters it is computed from take instead.
 */
export function computedParameters<Entry extends ComputedEntry>(
  key: symbol,
  compute: (module: Module, name: string, entry: Entry) => Tensor,
  assignmentError: (module: Module, name: string) => string,
): ComputedParameters<Entry> {
  const fieldsOf = (module: Module) => module as unknown as Fields<Entry>;
  const stateOf = (module: Module) => fieldsOf(module)[key] as State<Entry> | undefined;

  // reads its state from `this`, so a deepCopy of the module runs with the copy's tensors
  function computedForward(this: Module, ...inputs: unknown[]): unknown {
    const state = stateOf(this)!;
    const entries = Object.entries(state.entries);
    const previous = entries.map(([, entry]) => entry.current);
    try {
      for (const [name, entry] of entries) entry.current = compute(this, name, entry);
      return state.forward.apply(this, inputs);
    } finally {
      entries.forEach(([, entry], index) => {
        entry.current = previous[index]!;
      });
    }
  }

  return {
    entry: (module, name) => stateOf(module)?.entries[name],
    names: (module) => Object.keys(stateOf(module)?.entries ?? {}),
    install(module, name, entry) {
      let state = stateOf(module);
      if (!state) {
        state = { forward: module.forward as State<Entry>['forward'], entries: {} };
        Object.defineProperty(module, key, { value: state, enumerable: false, configurable: true });
        Object.defineProperty(module, 'forward', { value: computedForward, enumerable: false, configurable: true, writable: true });
      }
      state.entries[name] = entry;
      Object.defineProperty(module, name, {
        enumerable: false, // not a parameter: the state dict holds what it is computed from
        configurable: true,
        get(this: Module): Tensor {
          const own = stateOf(this)!.entries[name]!;
          return own.current && !own.current.isDisposed ? own.current : compute(this, name, own);
        },
        set(this: Module): void {
          throw new Error(assignmentError(this, name));
        },
      });
    },
    uninstall(module, name) {
      const state = stateOf(module)!;
      const fields = fieldsOf(module);
      delete state.entries[name];
      delete fields[name];
      if (Object.keys(state.entries).length > 0 || fields.forward !== computedForward) return;
      if (state.forward === (Object.getPrototypeOf(module) as Fields<Entry>).forward) delete fields.forward;
      else Object.defineProperty(module, 'forward', { value: state.forward, enumerable: false, configurable: true, writable: true });
      delete fields[key];
    },
  };
}
