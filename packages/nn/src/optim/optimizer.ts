import {
  checkBoolean,
  checkOptions,
  describeValue,
  enableGrad,
  isTensor,
  keep,
  noGrad,
  readArguments,
  refuseExtraArguments,
  scope,
  type Tensor,
  tensor as copyTensor,
  withDefaults,
  installTorchSpellings,
} from '@dl/tensor';
import { readZeroGradArguments, type ZeroGradOptions } from '../module/module-arguments.js';
import { checkGroupOptionTypes, checkGroupsBeforeStep } from './group-option-types.js';
import { toCamelCase, toSnakeCase } from './state-dict-keys.js';

export type { ZeroGradOptions };

/** One state entry: a buffer, a counter, null for an unused buffer, or a list of them (LBFGS's history). */
export type OptimizerStateValue = Tensor | number | null | Array<Tensor | number | null>;

/** Per-parameter state: buffers (`exp_avg`, `momentum_buffer`, ...), counters (`step`); null for an unused buffer. */
export type OptimizerState = Record<string, OptimizerStateValue>;

/** One parameter group: its parameters and its options (defaults filled in; schedulers may add keys). */
export type ParameterGroup<Options> = Options & { params: Tensor[]; [option: string]: unknown };

/** A parameter group as the user writes it: parameters plus options that override the defaults. */
export type ParameterGroupInput<Options> = { params: Iterable<Tensor> } & Partial<Options> & { [option: string]: unknown };

/** What optimizers take: a list of parameters, or a list of parameter groups. */
export type OptimizerParameters<Options> = Iterable<Tensor> | Iterable<ParameterGroupInput<Options>>;

/**
 * PyTorch's optimizer state-dict layout: `state` keyed by parameter index (counting through the
 * groups in order), `param_groups` with snake_case options and `params` as index lists.
 */
export interface OptimizerStateDict {
  state: Record<string, Record<string, OptimizerStateValue>>;
  param_groups: Array<{ params: number[]; [option: string]: unknown }>;
}

/**
 * An optimizer's options from its constructor's arguments after the parameters: PyTorch's positional
 * order (`lr` second: `new SGD(params, 0.1)`), an options object, or positionals followed by an
 * options object; unknown keys throw (`weight_decay` → "did you mean `weightDecay`?"), missing ones
 * take `defaults`.
 * @example
 * optimizerOptions('SGD', [0.1, { momentum: 0.9 }], ['lr', 'momentum'], { lr: 1e-3, momentum: 0 }); // { lr: 0.1, momentum: 0.9 }
 */
export function optimizerOptions<Options extends object>(
  owner: string,
  rest: readonly unknown[],
  positionals: readonly (keyof Options & string)[],
  defaults: Options,
): Options {
  const options = readArguments<Partial<Options>>(owner, rest, positionals, Object.keys(defaults));
  const merged = withDefaults(owner, options, defaults);
  checkGroupOptionTypes(owner, merged as Record<string, unknown>, defaults);
  return merged;
}

/**
 * The base of every optimizer (PyTorch's `torch.optim.Optimizer`): parameter groups, per-parameter
 * state, `zeroGrad`, `step` and state dicts. A subclass implements `updateParameter`, called under
 * `noGrad` inside a `scope`, so every temporary of a step is released when it returns; state buffers
 * it creates must go through `keep`.
 * @example
 * const optimizer = new SGD([{ params: backbone.parameters(), lr: 1e-4 }, { params: head.parameters() }], { lr: 1e-2 });
 * for (const [x, y] of batches) {
 *   optimizer.zeroGrad();
 *   lossFunction.call(model.call(x), y).backward();
 *   optimizer.step();
 * }
 */
export abstract class Optimizer<Options extends object> {
  readonly defaults: Options;
  readonly paramGroups: ParameterGroup<Options>[] = [];
  /** State entries held as numbers, which torch saves as 0-d tensors (NAdam adds its μ product). */
  protected readonly scalarStateKeys: readonly string[] = ['step'];

  /** Per-parameter state, created on a parameter's first update. */
  readonly state = new Map<Tensor, OptimizerState>();

  constructor(parameters: OptimizerParameters<Options>, defaults: Options) {
    this.defaults = defaults;
    const items = [...parameters] as Array<Tensor | ParameterGroupInput<Options>>;
    if (items.length === 0) throw new Error(`${this.constructor.name}: got an empty parameter list`);
    const groups = (isTensor(items[0]) ? [{ params: items as Tensor[] }] : items) as ParameterGroupInput<Options>[];
    for (const group of groups) this.addParamGroup(group);
  }

  /** Adds a group (e.g. layers unfrozen later); options it does not give come from the defaults. */
  addParamGroup(group: ParameterGroupInput<Options>, ...extra: never[]): void {
    if (extra.length > 0) refuseExtraArguments(`${this.constructor.name}.addParamGroup`, ['group'], extra);
    const owner = `${this.constructor.name} parameter group`;
    if (typeof group !== 'object' || group === null || !('params' in group)) throw new Error(`${owner}: expected { params, ...options }`);
    checkOptions(owner, group, ['params', ...Object.keys(this.defaults)]);
    const params = [...group.params];
    for (const parameter of params) {
      if (!isTensor(parameter)) throw new Error(`${owner}: can only optimize tensors, got ${describeValue(parameter)}`);
      if (!parameter.isLeaf)
        throw new Error(
          `${owner}: can't optimize a non-leaf tensor [${parameter.shape.join(', ')}] (one computed from others): pass the leaves`,
        );
    }
    const seen = new Set(this.paramGroups.flatMap((existing) => existing.params));
    if (params.some((parameter) => seen.has(parameter)))
      throw new Error(`${owner}: some parameters appear in more than one parameter group`);
    const filled = { ...this.defaults, ...group, params } as ParameterGroup<Options>;
    checkGroupOptionTypes(this.constructor.name, filled, this.defaults);
    this.validateGroup(filled);
    this.paramGroups.push(filled);
  }

  /** Throws on invalid options (negative learning rate, ...). */
  protected validateGroup(group: ParameterGroup<Options>): void {
    const lr = (group as { lr?: unknown }).lr;
    if (typeof lr === 'number' && !(lr >= 0)) throw new Error(`${this.constructor.name}: invalid learning rate: ${lr}`);
  }

  /**
   * Clears every parameter's gradient: `setToNone` (the default) drops it, otherwise it is zero-filled;
   * torch's `zero_grad(set_to_none)` positionally or as `{ setToNone }`.
   * @example
   * optimizer.zeroGrad();      // gradients dropped (grad null)
   * optimizer.zeroGrad(false); // gradients kept, filled with zeros
   */
  zeroGrad(setToNoneOrOptions?: boolean | ZeroGradOptions, ...extra: never[]): void {
    const setToNone = readZeroGradArguments(setToNoneOrOptions, extra, () => `${this.constructor.name}.zeroGrad`);
    noGrad(() => {
      for (const group of this.paramGroups)
        for (const parameter of group.params) {
          const gradient = parameter.borrowGrad();
          if (gradient === null) continue;
          // released at once unless you hold it (read it through .grad), as PyTorch frees it
          if (setToNone) parameter.grad = null;
          else gradient.zero_();
        }
    });
  }

  /**
   * One update of every parameter that has a gradient. `closure` (re-evaluates the model and returns
   * the loss) runs first, with gradients enabled; its result is returned.
   */
  step<Loss = undefined>(closure?: () => Loss, ...extra: never[]): Loss | undefined {
    if (extra.length > 0) refuseExtraArguments(`${this.constructor.name}.step`, ['closure'], extra);
    if (closure !== undefined && typeof closure !== 'function')
      throw new Error(
        `${this.constructor.name}.step: closure must be a function that evaluates the model and returns the loss, got ${describeValue(closure)}`,
      );
    const loss = closure ? enableGrad(closure) : undefined;
    checkGroupsBeforeStep(`${this.constructor.name}.step`, this.paramGroups, this.defaults);
    noGrad(() => {
      for (const group of this.paramGroups)
        for (const parameter of group.params) {
          const gradient = parameter.borrowGrad();
          if (gradient === null) continue;
          let state = this.state.get(parameter);
          if (!state) this.state.set(parameter, (state = {}));
          // one scope per parameter: the temporaries of one update are freed before the next
          scope(() => this.updateParameter(parameter, gradient, state, group), 'the end of optimizer.step()');
        }
    });
    return loss;
  }

  /** Updates one parameter in place from its gradient, reading and writing its state. */
  protected abstract updateParameter(parameter: Tensor, gradient: Tensor, state: OptimizerState, group: ParameterGroup<Options>): void;

  /** Creates a state buffer that outlives the step's scope. */
  protected keepBuffer(buffer: Tensor): Tensor {
    return keep(buffer);
  }

  /**
   * The state in PyTorch's layout. Tensors are the live buffers (not copies), as in PyTorch; clone
   * them to keep a snapshot while training goes on.
   * @example
   * const saved = optimizer.stateDict();
   * saved.param_groups[0].lr; // 0.001
   * saved.state[0].exp_avg;   // Adam's first moment of parameter 0
   */
  stateDict(...extra: never[]): OptimizerStateDict {
    if (extra.length > 0) refuseExtraArguments(`${this.constructor.name}.stateDict`, [], extra);
    const state: OptimizerStateDict['state'] = {};
    const paramGroups: OptimizerStateDict['param_groups'] = [];
    let index = 0;
    for (const group of this.paramGroups) {
      const entry: OptimizerStateDict['param_groups'][number] = { params: [] };
      for (const [key, value] of Object.entries(group))
        if (key !== 'params') entry[toSnakeCase(key)] = Array.isArray(value) ? [...value] : value;
      for (const parameter of group.params) {
        const parameterState = this.state.get(parameter);
        if (parameterState) {
          state[index] = {};
          for (const [key, value] of Object.entries(parameterState))
            state[index]![toSnakeCase(key)] = Array.isArray(value) ? [...value] : value;
        }
        entry.params.push(index++);
      }
      paramGroups.push(entry);
    }
    return { state, param_groups: paramGroups };
  }

  /**
   * Restores options and state from `stateDict()` (ours or PyTorch's, tensors converted). Buffers are
   * copied, cast to their parameter's dtype and moved to its device; `step` (and the other
   * `scalarStateKeys`) may be a number or a one-element tensor; a list (LBFGS's history) is restored
   * item by item.
   */
  loadStateDict(saved: OptimizerStateDict, ...extra: never[]): void {
    if (extra.length > 0) refuseExtraArguments(`${this.constructor.name}.loadStateDict`, ['stateDict'], extra);
    if (saved.param_groups.length !== this.paramGroups.length)
      throw new Error(
        `${this.constructor.name}.loadStateDict: the state dict has ${saved.param_groups.length} parameter groups; the optimizer has ${this.paramGroups.length}`,
      );
    saved.param_groups.forEach((group, index) => {
      if (group.params.length !== this.paramGroups[index]!.params.length)
        throw new Error(
          `${this.constructor.name}.loadStateDict: parameter group ${index} has ${group.params.length} parameters in the state dict and ${this.paramGroups[index]!.params.length} in the optimizer`,
        );
    });
    const parameterOf = new Map<number, Tensor>();
    saved.param_groups.forEach((group, groupIndex) =>
      group.params.forEach((id, position) => parameterOf.set(id, this.paramGroups[groupIndex]!.params[position]!)),
    );
    const loaded = new Map<Tensor, OptimizerState>();
    for (const [id, entry] of Object.entries(saved.state)) {
      const parameter = parameterOf.get(Number(id));
      if (!parameter)
        throw new Error(`${this.constructor.name}.loadStateDict: the state dict has state for parameter ${id}, which no group lists`);
      const restored: OptimizerState = {};
      for (const [key, value] of Object.entries(entry)) {
        const name = toCamelCase(key);
        const restore = (item: Tensor | number | null) =>
          !isTensor(item)
            ? item
            : this.scalarStateKeys.includes(name)
              ? item.to('cpu').dataSync()[0]!
              : keep(copyTensor(item, { dtype: parameter.dtype, device: parameter.device }));
        restored[name] = Array.isArray(value) ? value.map(restore) : restore(value);
      }
      loaded.set(parameter, restored);
    }
    // the old buffers go only now: `saved` may be this optimizer's own stateDict()
    for (const old of this.state.values()) disposeState(old);
    this.state.clear();
    for (const [parameter, restored] of loaded) this.state.set(parameter, restored);
    saved.param_groups.forEach((group, index) => {
      const target = this.paramGroups[index]!;
      for (const [key, value] of Object.entries(group))
        if (key !== 'params') (target as Record<string, unknown>)[toCamelCase(key)] = Array.isArray(value) ? [...value] : value;
    });
  }
}

// torch's snake_case names (`zero_grad`, `state_dict`, …) throw, naming the spelling here
installTorchSpellings(Optimizer.prototype, 'optimizer', ['paramGroups']);

function disposeState(state: OptimizerState): void {
  for (const value of Object.values(state)) for (const item of Array.isArray(value) ? value : [value]) if (isTensor(item)) item.dispose();
}
