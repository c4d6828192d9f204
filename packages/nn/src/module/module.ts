import {
  checkBoolean,
  describeValue,
  isTensor,
  keep,
  noCudaMessage,
  noGrad,
  readToArguments,
  refuseExtraArguments,
  resolveDType,
  scope,
  type Tensor,
  type ToOptions,
  installTorchSpellings,
} from '@dl/tensor';
import {
  extraInputsError,
  inputCountKey,
  missingInputError,
  nonTensorInputError,
  tensorInputKey,
  type MarkedForward,
} from './forward-inputs.js';
import {
  checkMemberArguments,
  type LoadStateDictOptions,
  type NamedModulesOptions,
  readLoadStateDictArguments,
  readNamedModulesArguments,
  readPersistent,
  readStateDictArguments,
  type StateDictOptions,
  readZeroGradArguments,
  type ZeroGradOptions,
} from './module-arguments.js';
import { forgetRemovedMembers, keepReassignedBuffers, noteMemberKind, reassignedMember } from './member-kinds.js';
import { buffer, isBuffer, isParameter, parameter } from './parameter.js';

/** Name → tensor, in PyTorch's order and with PyTorch's names (`fc1.weight`, `bn.running_mean`). */
export type StateDict = Record<string, Tensor>;

/** What `loadStateDict` did not match (PyTorch's `_IncompatibleKeys`). */
export interface IncompatibleKeys {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/** `hook(module, inputs, output)`; a returned value replaces the output. */
export type ForwardHook = (module: Module, inputs: unknown[], output: unknown) => unknown;

/**
 * `hook(module, inputs)`, run before forward (torch's forward pre-hook): a returned array replaces the
 * inputs, another value becomes the single input (torch wraps a non-tuple), undefined keeps them.
 */
export type ForwardPreHook = (module: Module, inputs: unknown[]) => unknown;

/** One register call: its handle removes this object, whatever else holds the same function. */
interface HookRegistration<Hook> {
  readonly hook: Hook;
}

/** Cross-package brand for modules (two copies of @dl/nn still see each other's modules). */
const moduleBrand: unique symbol = Symbol.for('@dl/nn.Module') as never;
const nonPersistentKey = Symbol('nonPersistentBuffers');
const forwardHooksKey = Symbol('forwardHooks');
const forwardPreHooksKey = Symbol('forwardPreHooks');
const fieldOrderKey = Symbol('fieldOrder');

/** What frees a call's intermediates, per class: formatted once, not on every call. */
const callEnds = new Map<Function, string>();

function callEndDescription(module: Module): string {
  let description = callEnds.get(module.constructor);
  if (description === undefined) {
    description = `the end of ${module.constructor.name}.call (Module.call frees what forward creates and does not return)`;
    callEnds.set(module.constructor, description);
  }
  return description;
}

/** keep()s every tensor in `value` (a tensor, or arrays and plain objects of them). */
function keepTensors(value: unknown): void {
  if (isTensor(value)) keep(value);
  else if (Array.isArray(value)) for (const item of value) keepTensors(item);
  else if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)
    for (const item of Object.values(value)) keepTensors(item);
}

/**
 * Notes `name` in `module`'s registration order, before it is defined. JavaScript lists integer-like
 * keys ('0', '10') before all others, so a Sequential with a child 'fc' would run an appended '1'
 * first; PyTorch's OrderedDicts keep registration order. The fields defined without a register call
 * since the last one (class fields, plain assignments) came before `name`, so those holding a
 * parameter, buffer or module are noted first. A name already noted keeps its place (replacing a child
 * keeps its position, as PyTorch), unless it was deleted since: then it moves to the end, as a key
 * deleted and added again in an OrderedDict. (Functions, not methods: they are no part of Module's API.)
 */
function recordFieldOrder(module: Module, name: string): void {
  const fields = module as unknown as Record<string | symbol, unknown>;
  if (!fields[fieldOrderKey]) Object.defineProperty(module, fieldOrderKey, { value: [], enumerable: false });
  const order = fields[fieldOrderKey] as string[];
  pruneDeletedFields(module, order);
  const noted = new Set(order);
  // only fields that hold a member now: one declared but still unset is ordered when it is set
  for (const key of Object.keys(module)) if (!noted.has(key) && isMember(fields[key])) order.push(key);
  if (!Object.hasOwn(module, name)) order.push(name);
}

/**
 * The names of `module`'s own enumerable fields in the order they were defined: the registration
 * order noted by register calls, then the fields defined after the last one (JavaScript's key order).
 * The module walk and ParameterDict list fields in this order.
 */
export function fieldNames(module: Module): string[] {
  const order = (module as unknown as Record<symbol, string[] | undefined>)[fieldOrderKey];
  const keys = Object.keys(module);
  if (order === undefined) return keys;
  pruneDeletedFields(module, order);
  const noted = new Set(order);
  // a noted field may be own but not enumerable for a while (functionalCall's substitutes): skipped
  const names = order.filter((name) => Object.prototype.propertyIsEnumerable.call(module, name));
  for (const key of keys) if (!noted.has(key)) names.push(key);
  return names;
}

/** Whether `value` is what the module walk lists: a module, a parameter or a buffer. */
function isMember(value: unknown): boolean {
  return isModule(value) || isParameter(value) || isBuffer(value);
}

/** Drops from `order` the names that are no longer own fields of `module` (deleted with `delete`). */
function pruneDeletedFields(module: object, order: string[]): void {
  let kept = 0;
  for (const name of order) if (Object.hasOwn(module, name)) order[kept++] = name;
  order.length = kept;
}

/**
 * Adds `hook` to `module`'s list under `key` (made on first use, not enumerable, so the module walk
 * never sees it); returns a handle that removes this registration only. One object per registration:
 * the same function registered twice is two hooks, and each handle removes its own (a second remove
 * does nothing), as torch's RemovableHandle.
 */
function addHook<Hook>(module: Module, key: symbol, hook: Hook): { remove(): void } {
  const fields = module as unknown as Record<symbol, HookRegistration<Hook>[] | undefined>;
  if (!fields[key]) Object.defineProperty(module, key, { value: [], enumerable: false });
  const registrations = fields[key]!;
  const registration: HookRegistration<Hook> = { hook };
  registrations.push(registration);
  return {
    remove: () => {
      const position = registrations.indexOf(registration);
      if (position >= 0) registrations.splice(position, 1);
    },
  };
}

/** What `hooksOf` gives for a module without hooks: one shared empty list, so a call allocates nothing for them. */
const noHooks: readonly never[] = Object.freeze([]);

/** The hooks registered on `module` under `key`, as a snapshot (empty when there are none). */
function hooksOf<Hook>(module: Module, key: symbol): readonly Hook[] {
  const registrations = (module as unknown as Record<symbol, HookRegistration<Hook>[] | undefined>)[key];
  return registrations && registrations.length > 0 ? registrations.map(({ hook }) => hook) : noHooks;
}

/**
 * `inputs` after `module`'s forward pre-hooks, run in registration order from a snapshot (a hook added
 * or removed by a hook changes the next call, not this one), each given what the previous returned.
 */
function runForwardPreHooks(module: Module, inputs: unknown[]): unknown[] {
  for (const hook of hooksOf<ForwardPreHook>(module, forwardPreHooksKey)) {
    // a hook may store what it is given: those tensors become the user's (no scope frees them)
    keepTensors(inputs);
    const replaced = hook(module, inputs);
    if (replaced !== undefined) inputs = Array.isArray(replaced) ? [...replaced] : [replaced];
  }
  return inputs;
}

/** Throws, naming the module, when `inputs` do not fit the forward's declared inputs (a count, a leading tensor). */
function checkForwardInputs(module: Module, forward: MarkedForward, inputs: unknown[]): void {
  const inputCount = forward[inputCountKey];
  if (inputCount === undefined) return;
  if (inputs.length > inputCount) throw extraInputsError(module, inputCount, inputs.length);
  if (inputCount > 0 && inputs[0] === undefined) throw missingInputError(module);
  if (forward[tensorInputKey] === true && !isTensor(inputs[0])) throw nonTensorInputError(module, inputs[0]);
}

/**
 * The member `name` of `module` for getSubmodule / getParameter / getBuffer, or torch's
 * AttributeError as an error naming the method and the whole path. "Has the attribute" is JavaScript's
 * `in` (torch's hasattr): a method or a plain field is found, then refused for what it is not.
 */
function memberOf(module: Module, name: string, method: string, target: string): unknown {
  if (!(name in module)) throw lookupError(method, target, `${module.constructor.name} has no attribute \`${name}\``);
  return (module as unknown as Record<string, unknown>)[name];
}

function lookupError(method: string, target: string, reason: string): Error {
  return new Error(`Module.${method}('${target}'): ${reason}`);
}

/** Splits a dotted path at its last dot (Python's rpartition): ['a.b', 'c'] for 'a.b.c', ['', 'c'] for 'c'. */
function splitLast(target: string): [string, string] {
  const dot = target.lastIndexOf('.');
  return dot < 0 ? ['', target] : [target.slice(0, dot), target.slice(dot + 1)];
}

/** Throws unless the path given to `Module.<method>` is a string. */
function checkTarget(method: string, target: unknown): void {
  if (typeof target !== 'string') throw new Error(`Module.${method}: target must be a dotted path string, got ${describeValue(target)}`);
}

function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Whether a checkpoint entry of shape `entry` loads into a tensor of shape `target`: the same shape,
 * or shape [1] into a 0-d tensor, as torch's `_load_from_state_dict` reads old checkpoints that saved
 * 0-d tensors (num_batches_tracked) as [1]. (torch takes element 0 of any 1-d entry; a longer one is
 * refused here as a size mismatch, since dropping the rest of a vector is never what a checkpoint meant.)
 */
function fitsTarget(entry: readonly number[], target: readonly number[]): boolean {
  if (target.length === 0 && entry.length === 1) return entry[0] === 1;
  return entry.length === target.length && entry.every((extent, axis) => extent === target[axis]);
}

/**
 * `tensor` on `target` (a device or a floating dtype) as a new parameter or buffer with its gradient
 * moved too, or `tensor` itself where nothing changes: casts apply to floating tensors only
 * (num_batches_tracked stays an integer), as torch's.
 */
function movedTensor(tensor: Tensor, target: string, kind: 'parameter' | 'buffer'): Tensor {
  const isCast = target === 'float32' || target === 'float64' || target === 'float16';
  if (isCast && tensor.dtype !== 'float32' && tensor.dtype !== 'float64' && tensor.dtype !== 'float16') return tensor;
  const moved = noGrad(() => tensor.to(target).detach());
  if (moved.storage === tensor.storage && moved.dtype === tensor.dtype) {
    moved.dispose();
    return tensor;
  }
  const gradient = tensor.borrowGrad();
  const replacement = kind === 'parameter' ? parameter(moved, tensor.requiresGrad) : buffer(moved);
  if (gradient) replacement.grad = noGrad(() => gradient.to(target));
  return replacement;
}

/**
 * The base of every layer and model (PyTorch's `nn.Module`). Parameters, buffers and submodules are
 * found by walking the module's own enumerable fields, in assignment order (integer-like names such as
 * '0' too, though JavaScript lists them first), so a model is plain
 * class fields with no registration:
 * - a tensor marked by `parameter()` is a parameter, one marked by `buffer()` a buffer;
 * - a `Module` is a child (its name prefixes its entries: `fc1.weight`);
 * - anything else (numbers, options, `null` biases) is ignored.
 * `registerParameter` / `registerBuffer` / `registerModule` do the same under a name that is not a
 * camelCase identifier (`running_mean`, `'0'`), to keep PyTorch's state-dict names.
 *
 * Call a module with `model.call(x)` (PyTorch's `model(x)`): it runs `forward` inside a `scope`, so
 * the intermediates of the call are freed as soon as it returns (what autograd saved stays alive
 * until `backward()`), and it runs forward hooks. Calling `forward` directly skips both.
 * @example
 * class Net extends Module {
 *   fc1 = new Linear(2, 16);
 *   fc2 = new Linear(16, 2);
 *   forward(x: Tensor): Tensor { return this.fc2.call(relu(this.fc1.call(x))); }
 * }
 * const net = new Net();
 * Object.keys(net.stateDict()); // ['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']
 */
export abstract class Module {
  readonly [moduleBrand] = true;
  /** Training mode (dropout active, batch norm uses batch statistics); set with `train()` / `eval()`. */
  training = true;

  /**
   * torch's `Module.__init__` takes no arguments: a layer that declares no constructor of its own
   * (`new Softmax2d(1)`) or a model class that declares none refuses what would be dropped.
   */
  constructor(...extra: never[]) {
    if (extra.length > 0) refuseExtraArguments(new.target.name, [], extra);
  }

  abstract forward(...inputs: never[]): unknown;

  /**
   * Runs `forward(...inputs)` in a scope that keeps only what it returns, then the forward hooks.
   * @example
   * const logits = model.call(images);
   */
  call<M extends Module>(this: M, ...inputs: Parameters<M['forward']>): ReturnType<M['forward']> {
    const forward = this.forward as ((...values: unknown[]) => unknown) & MarkedForward;
    if (typeof forward !== 'function') throw new Error(`${this.constructor.name}.call: the module defines no forward to call`);
    return scope(() => {
      // the inputs are checked after the pre-hooks: forward gets what they return, as torch's
      const hookedInputs = runForwardPreHooks(this, inputs);
      checkForwardInputs(this, forward, hookedInputs);
      let output = forward.apply(this, hookedInputs);
      keepReassignedBuffers(this);
      // a snapshot, as torch's: a hook added or removed by a hook changes the next call, not this one
      const hooks = hooksOf<ForwardHook>(this, forwardHooksKey);
      if (hooks.length > 0) {
        // a hook may store what it is given: those tensors become the user's (no scope frees them)
        keepTensors(hookedInputs);
        keepTensors(output);
        for (const hook of hooks) {
          const replaced = hook(this, hookedInputs, output);
          if (replaced !== undefined) output = replaced;
        }
      }
      return output;
    }, callEndDescription(this)) as ReturnType<M['forward']>;
  }

  /** Adds `hook(module, inputs, output)`, run after every `call`; returns a handle to remove it. */
  registerForwardHook(hook: ForwardHook, ...extra: never[]): { remove(): void } {
    if (extra.length > 0) refuseExtraArguments('Module.registerForwardHook', ['hook'], extra);
    if (typeof hook !== 'function') throw new Error(`Module.registerForwardHook: hook must be a function, got ${describeValue(hook)}`);
    return addHook(this, forwardHooksKey, hook);
  }

  /**
   * Adds `hook(module, inputs)`, run at the start of every `call`, before forward (torch's
   * `register_forward_pre_hook`): a returned array replaces the inputs, another value becomes the
   * single input, undefined keeps them. Returns a handle to remove it.
   * @example
   * model.registerForwardPreHook((_, [x]) => (x as Tensor).clamp(-1, 1)); // forward sees clamped inputs
   */
  registerForwardPreHook(hook: ForwardPreHook, ...extra: never[]): { remove(): void } {
    if (extra.length > 0) refuseExtraArguments('Module.registerForwardPreHook', ['hook'], extra);
    if (typeof hook !== 'function') throw new Error(`Module.registerForwardPreHook: hook must be a function, got ${describeValue(hook)}`);
    return addHook(this, forwardPreHooksKey, hook);
  }

  // ---- registration under explicit names --------------------------------------------------------
  /** Adds (or replaces) a parameter named `name`; `null` leaves a slot that the state dict skips. */
  registerParameter(name: string, value: Tensor | null, ...extra: never[]): Tensor | null {
    if (extra.length > 0) refuseExtraArguments('Module.registerParameter', ['name', 'value'], extra);
    this.assignField(name, value === null || isParameter(value) ? value : parameter(value));
    return value;
  }

  /**
   * Adds a buffer named `name` (PyTorch's `register_buffer(name, tensor, persistent=True)`, the flag
   * positionally or as `{ persistent }`). Non-persistent buffers move with the module but are left out
   * of the state dict.
   * @example
   * this.registerBuffer('running_mean', zeros([channels]));
   */
  registerBuffer(
    name: string,
    value: Tensor | null,
    ...rest: [persistent?: boolean] | [options?: { persistent?: boolean }]
  ): Tensor | null {
    const persistent = readPersistent(rest);
    this.assignField(name, value === null ? null : buffer(value));
    const self = this as unknown as Record<symbol, Set<string> | undefined>;
    if (!persistent) {
      if (!self[nonPersistentKey]) Object.defineProperty(this, nonPersistentKey, { value: new Set<string>(), enumerable: false });
      self[nonPersistentKey]!.add(name);
    } else self[nonPersistentKey]?.delete(name);
    return value;
  }

  /** Adds a child module named `name` (for names that are not identifiers, like Sequential's `'0'`). */
  registerModule(name: string, module: Module | null, ...extra: never[]): Module | null {
    if (extra.length > 0) refuseExtraArguments('Module.registerModule', ['name', 'module'], extra);
    this.assignField(name, module);
    return module;
  }

  private assignField(name: string, value: unknown): void {
    if (name === '' || name.includes('.')) throw new Error(`module name can't be empty or contain ".", got "${name}"`);
    recordFieldOrder(this, name);
    if (isParameter(value) || isBuffer(value)) noteMemberKind(this, name, isParameter(value) ? 'parameter' : 'buffer');
    // an own data property, so a name may shadow a getter of the class
    Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
  }

  /** Removes the field `name` that a register call made (PyTorch's `del self._modules[name]`): the containers' pop and delete. */
  protected removeField(name: string): void {
    delete (this as unknown as Record<string, unknown>)[name];
    const order = (this as unknown as Record<symbol, string[] | undefined>)[fieldOrderKey];
    if (order !== undefined) pruneDeletedFields(this, order);
  }

  /** The parameter, buffer or module of the field `name` (undefined when there is none). */
  protected getField(name: string): unknown {
    return (this as unknown as Record<string, unknown>)[name];
  }

  /** Own entries, in field order: [name, value, kind]. */
  private *ownEntries(): Generator<[string, Tensor | Module, 'parameter' | 'buffer' | 'module']> {
    const fields = this as unknown as Record<string, unknown>;
    let members = 0;
    for (const name of fieldNames(this)) {
      const value = fields[name];
      if (isModule(value)) yield [name, value as Module, 'module'];
      else if (isParameter(value)) {
        noteMemberKind(this, name, 'parameter');
        members++;
        yield [name, value, 'parameter'];
      } else if (isBuffer(value)) {
        noteMemberKind(this, name, 'buffer');
        members++;
        yield [name, value, 'buffer'];
      } else {
        // a plain tensor assigned where a buffer was stays a buffer (torch's __setattr__)
        const member = reassignedMember(this, name, value);
        if (member) members++;
        if (member) yield [name, member, 'buffer'];
      }
    }
    forgetRemovedMembers(this, members);
  }

  /**
   * Every submodule field in field order, [name, module]: a module held by two fields is listed under
   * both, as PyTorch's `_modules.items()`, which `state_dict()`, printing and the containers' length,
   * indexing and iteration walk (`Sequential(act, lin, act)` runs `act` twice). `namedChildren` lists
   * each module once. A plain loop: `Sequential.forward` walks it on every call.
   */
  protected moduleEntries(): [string, Module][] {
    const entries: [string, Module][] = [];
    const fields = this as unknown as Record<string, unknown>;
    for (const name of fieldNames(this)) {
      const value = fields[name];
      if (isModule(value)) entries.push([name, value]);
    }
    return entries;
  }

  // ---- look-up by path ---------------------------------------------------------------------------
  /**
   * The submodule at the dotted path `target` (torch's `get_submodule`; `''` is this module). A missing
   * name or a member that is not a module throws torch's AttributeError text, naming the method and path.
   * @example
   * model.getSubmodule('block.0'); // the first layer of model.block
   */
  getSubmodule(target: string, ...extra: never[]): Module {
    if (extra.length > 0) refuseExtraArguments('Module.getSubmodule', ['target'], extra);
    checkTarget('getSubmodule', target);
    return this.submoduleAt(target, 'getSubmodule', target);
  }

  /**
   * The parameter at the dotted path `target` (torch's `get_parameter`): `'block.0.weight'`.
   * @example
   * model.getParameter('fc1.bias');
   */
  getParameter(target: string, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseExtraArguments('Module.getParameter', ['target'], extra);
    checkTarget('getParameter', target);
    return this.tensorAt(target, 'getParameter', isParameter, 'an nn.Parameter');
  }

  /**
   * The buffer at the dotted path `target` (torch's `get_buffer`), persistent or not: `'bn.running_mean'`.
   * @example
   * model.getBuffer('bn.num_batches_tracked');
   */
  getBuffer(target: string, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseExtraArguments('Module.getBuffer', ['target'], extra);
    checkTarget('getBuffer', target);
    return this.tensorAt(target, 'getBuffer', isBuffer, 'a buffer');
  }

  /** The member at the dotted `target` when `is` accepts it; else torch's "`name` is not <kind>", naming `method`. */
  private tensorAt(target: string, method: string, is: (value: unknown) => boolean, kind: string): Tensor {
    const [modulePath, name] = splitLast(target);
    const owner = this.submoduleAt(modulePath, method, target);
    const found = memberOf(owner, name, method, target);
    // a plain tensor over a buffer is that buffer (torch's __setattr__; see member-kinds.ts)
    const value = isParameter(found) || isBuffer(found) ? found : (reassignedMember(owner, name, found) ?? found);
    if (!is(value)) throw lookupError(method, target, `\`${name}\` is not ${kind}`);
    return value as Tensor;
  }

  /** The module at `path` (dotted, '' for this one); errors name `method` and its whole `target`. */
  private submoduleAt(path: string, method: string, target: string): Module {
    if (path === '') return this;
    let module: Module = this;
    for (const name of path.split('.')) {
      const value = memberOf(module, name, method, target);
      if (!isModule(value)) throw lookupError(method, target, `\`${name}\` is not an nn.Module`);
      module = value;
    }
    return module;
  }

  // ---- traversal --------------------------------------------------------------------------------
  /** Direct submodules with their field names, each module once (a module held by two fields under the first). */
  namedChildren(...extra: never[]): Generator<[string, Module]> {
    if (extra.length > 0) refuseExtraArguments('Module.namedChildren', [], extra);
    return this.eachNamedChild();
  }
  private *eachNamedChild(): Generator<[string, Module]> {
    const seen = new Set<Module>();
    for (const [name, value, kind] of this.ownEntries()) {
      if (kind !== 'module' || seen.has(value as Module)) continue;
      seen.add(value as Module);
      yield [name, value as Module];
    }
  }
  children(...extra: never[]): Module[] {
    if (extra.length > 0) refuseExtraArguments('Module.children', [], extra);
    return [...this.eachNamedChild()].map(([, module]) => module);
  }

  /**
   * This module and every submodule with their dotted paths, depth first (`''` is this module), each
   * once (torch's `named_modules(memo=None, prefix='', remove_duplicate=True)`): with `removeDuplicate`
   * false, a module held by several fields is listed under each path. A module in `memo` is skipped
   * with its submodules; the ones listed are added to it (unless `removeDuplicate` is false), as torch's.
   * Also `namedModules(prefix, removeDuplicate)` and `namedModules({ memo, prefix, removeDuplicate })`.
   * @example
   * [...model.namedModules()].map(([path]) => path);                 // ['', 'fc1', 'fc2']
   * [...model.namedModules(null, 'model', false)].map(([path]) => path); // a shared layer under each path
   */
  namedModules(prefix?: string, removeDuplicate?: boolean): Generator<[string, Module]>;
  namedModules(memo?: Set<Module> | null, prefix?: string, removeDuplicate?: boolean): Generator<[string, Module]>;
  namedModules(options: NamedModulesOptions<Module>): Generator<[string, Module]>;
  namedModules(...rest: unknown[]): Generator<[string, Module]> {
    const { memo, prefix, removeDuplicate } = readNamedModulesArguments<Module>(rest);
    return this.eachNamedModule(prefix, memo, removeDuplicate);
  }
  /** torch's walk: a module in `memo` is skipped; a listed one is added to it when removing duplicates. */
  private *eachNamedModule(prefix: string, memo: Set<Module>, removeDuplicate = true): Generator<[string, Module]> {
    if (memo.has(this)) return;
    if (removeDuplicate) memo.add(this);
    yield [prefix, this];
    for (const [name, child] of this.moduleEntries())
      yield* child.eachNamedModule(prefix ? `${prefix}.${name}` : name, memo, removeDuplicate);
  }
  modules(...extra: never[]): Module[] {
    if (extra.length > 0) refuseExtraArguments('Module.modules', [], extra);
    return [...this.eachNamedModule('', new Set())].map(([, module]) => module);
  }

  private *namedMembers(
    kind: 'parameter' | 'buffer',
    prefix: string,
    recurse: boolean,
    removeDuplicate: boolean,
  ): Generator<[string, Tensor]> {
    const seen = new Set<Tensor>();
    const modules: Iterable<[string, Module]> = recurse ? this.eachNamedModule(prefix, new Set(), removeDuplicate) : [[prefix, this]];
    for (const [modulePrefix, module] of modules)
      for (const [name, value, entryKind] of module.ownEntries()) {
        if (entryKind !== kind) continue;
        if (removeDuplicate) {
          if (seen.has(value as Tensor)) continue;
          seen.add(value as Tensor); // a shared (tied) tensor is listed once, under its first name
        }
        yield [modulePrefix ? `${modulePrefix}.${name}` : name, value as Tensor];
      }
  }

  /**
   * Parameters with dotted names, each tensor once (torch's `named_parameters(prefix, recurse,
   * remove_duplicate)`: with `removeDuplicate` false, a tied tensor under each of its names).
   * @example
   * for (const [name, p] of model.namedParameters()) console.log(name, p.shape);
   */
  namedParameters(prefix = '', recurse = true, removeDuplicate = true, ...extra: never[]): Generator<[string, Tensor]> {
    checkMemberArguments('namedParameters', prefix, recurse, removeDuplicate, extra);
    return this.namedMembers('parameter', prefix, recurse, removeDuplicate);
  }
  /** Every parameter, each once, in state-dict order (what an optimizer takes). */
  parameters(recurse = true, ...extra: never[]): Tensor[] {
    if (extra.length > 0) refuseExtraArguments('Module.parameters', ['recurse'], extra);
    return [...this.namedParameters('', recurse)].map(([, value]) => value);
  }
  /** Buffers with dotted names, as namedParameters. */
  namedBuffers(prefix = '', recurse = true, removeDuplicate = true, ...extra: never[]): Generator<[string, Tensor]> {
    checkMemberArguments('namedBuffers', prefix, recurse, removeDuplicate, extra);
    return this.namedMembers('buffer', prefix, recurse, removeDuplicate);
  }
  buffers(recurse = true, ...extra: never[]): Tensor[] {
    if (extra.length > 0) refuseExtraArguments('Module.buffers', ['recurse'], extra);
    return [...this.namedBuffers('', recurse)].map(([, value]) => value);
  }

  /** Calls `fn` on every submodule (children first) and on this module; returns this. */
  apply(fn: (module: Module) => void, ...extra: never[]): this {
    if (extra.length > 0) refuseExtraArguments('Module.apply', ['fn'], extra);
    if (typeof fn !== 'function') throw new Error(`Module.apply: fn must be a function, got ${describeValue(fn)}`);
    for (const [, child] of this.eachNamedChild()) child.apply(fn);
    fn(this);
    return this;
  }

  // ---- modes ------------------------------------------------------------------------------------
  /** Sets training mode on this module and every submodule; returns this. */
  train(mode = true, ...extra: never[]): this {
    if (extra.length > 0) refuseExtraArguments('Module.train', ['mode'], extra);
    // torch raises "training mode is expected to be boolean": a string or a number would read as true
    checkBoolean('Module.train', 'mode', mode);
    this.training = mode;
    for (const [, child] of this.eachNamedChild()) child.train(mode);
    return this;
  }
  /** Evaluation mode (`train(false)`): dropout off, batch norm uses its running statistics. */
  eval(...extra: never[]): this {
    if (extra.length > 0) refuseExtraArguments('Module.eval', [], extra);
    return this.train(false);
  }

  /**
   * Turns gradient tracking of every parameter on or off (freezing layers for transfer learning).
   * @example
   * model.features.requiresGrad_(false); // train only the classifier
   */
  requiresGrad_(requiresGrad = true, ...extra: never[]): this {
    if (extra.length > 0) refuseExtraArguments('Module.requiresGrad_', ['requiresGrad'], extra);
    checkBoolean('Module.requiresGrad_', 'requiresGrad', requiresGrad);
    for (const value of this.parameters()) value.requiresGrad = requiresGrad;
    return this;
  }

  /**
   * Clears every parameter's gradient: `setToNone` (the default) drops it, freeing it at once unless
   * you hold it (you read it through `.grad`); otherwise it is zero-filled.
   */
  zeroGrad(setToNoneOrOptions?: boolean | ZeroGradOptions, ...extra: never[]): void {
    // torch's zero_grad(set_to_none) positionally, or { setToNone } as the optimizers take it
    const setToNone = readZeroGradArguments(setToNoneOrOptions, extra, () => 'Module.zeroGrad');
    for (const value of this.parameters()) {
      const gradient = value.borrowGrad();
      if (!gradient) continue;
      if (setToNone) value.grad = null;
      else noGrad(() => gradient.zero_());
    }
  }

  /**
   * Moves every parameter and buffer to a device and/or casts the floating ones to a dtype, in the
   * forms of torch's Module.to: `to(device, dtype?)`, `to(dtype)`, `to(tensor)` (its dtype and
   * device), `to({ device, dtype })`; `nonBlocking` is accepted and has no effect. Returns this.
   * Tensors cannot change device in place, so each field gets a new tensor: build optimizers after
   * moving the model, as in PyTorch. Integer buffers (num_batches_tracked) keep their dtype, and a dtype
   * that is not floating throws, as torch's.
   * @example
   * model.to('webgpu');
   * model.to('cpu', 'float64'); // model.to('cpu', torch.float64)
   */
  to(target: string | Tensor | Omit<ToOptions, 'copy'>, ...rest: (string | boolean | Omit<ToOptions, 'copy'> | undefined)[]): this {
    const { device, dtype } = readToArguments('Module.to', target, rest, false);
    if (device !== undefined) this.moveEvery(device);
    if (dtype !== undefined) {
      const floating = resolveDType('Module.to', dtype);
      if (floating !== 'float32' && floating !== 'float64' && floating !== 'float16')
        throw new Error(`Module.to: only floating dtypes cast a module (its integer buffers keep theirs), got '${dtype}'`);
      this.moveEvery(floating);
    }
    return this;
  }

  /** Casts the floating parameters and buffers to float64 (torch's `Module.double()`); returns this. */
  double(...extra: never[]): this {
    if (extra.length > 0) refuseExtraArguments('Module.double', [], extra);
    return this.to('float64');
  }

  /** Casts the floating parameters and buffers to float32 (torch's `Module.float()`); returns this. */
  float(...extra: never[]): this {
    if (extra.length > 0) refuseExtraArguments('Module.float', [], extra);
    return this.to('float32');
  }

  /**
   * Casts the floating parameters and buffers to float16 (torch's `Module.half()`); returns this.
   * float16 tensors live on the webgpu device only: move the module there first (the CPU refuses them).
   */
  half(...extra: never[]): this {
    if (extra.length > 0) refuseExtraArguments('Module.half', [], extra);
    return this.to('float16');
  }

  /** Moves every parameter and buffer to the CPU (torch's `Module.cpu()`); returns this. */
  cpu(...extra: never[]): this {
    if (extra.length > 0) refuseExtraArguments('Module.cpu', [], extra);
    return this.to('cpu');
  }

  /** There is no CUDA device: throws, pointing to `to('webgpu')` (torch's `Module.cuda()` moves to the GPU). */
  cuda(..._device: unknown[]): never {
    throw new Error(noCudaMessage('Module.cuda', 'module'));
  }

  /**
   * Moves or casts every parameter and buffer of every submodule to `target` (a device or a floating
   * dtype). A parameter held by several fields (an embedding tied to the output head) is replaced once
   * and stays tied: torch casts a Parameter in place (`param.data = ...`), so every field keeps seeing
   * one tensor. Buffers are replaced per field, as torch's `_buffers[key] = fn(buf)` does.
   */
  private moveEvery(target: string): void {
    const movedParameters = new Map<Tensor, Tensor>();
    for (const module of this.modules()) {
      const fields = module as unknown as Record<string, unknown>;
      for (const [name, value, kind] of module.ownEntries()) {
        if (kind === 'module') continue;
        const tensor = value as Tensor;
        if (kind === 'parameter') {
          let replacement = movedParameters.get(tensor);
          if (replacement === undefined) {
            replacement = movedTensor(tensor, target, kind);
            movedParameters.set(tensor, replacement);
          }
          fields[name] = replacement;
        } else fields[name] = movedTensor(tensor, target, kind);
      }
    }
  }

  // ---- state dict -------------------------------------------------------------------------------
  /**
   * Parameters and persistent buffers by PyTorch name, in PyTorch's order (own parameters, own
   * buffers, then each child). The tensors share storage with the module's, detached (no gradient
   * tracking); with `keepVars` (torch's `keep_vars=True`) they are the module's own tensors. The
   * prefix is given positionally, then `keepVars`, or both as `{ prefix, keepVars }`.
   * @example
   * Object.keys(new BatchNorm2d(8).stateDict());
   * // ['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']
   * model.stateDict({ keepVars: true })['fc1.weight'] === model.fc1.weight; // true
   */
  stateDict(prefix?: string, keepVars?: boolean): StateDict;
  stateDict(options: StateDictOptions): StateDict;
  stateDict(...rest: unknown[]): StateDict {
    const { prefix, keepVars } = readStateDictArguments(rest);
    const result: StateDict = {};
    this.collectState(prefix, keepVars, result);
    return result;
  }

  private collectState(prefix: string, keepVars: boolean, result: StateDict): void {
    const nonPersistent = (this as unknown as Record<symbol, Set<string> | undefined>)[nonPersistentKey];
    const entries = [...this.ownEntries()];
    for (const kind of ['parameter', 'buffer'] as const)
      for (const [name, value, entryKind] of entries)
        if (entryKind === kind && !(kind === 'buffer' && nonPersistent?.has(name)))
          result[prefix + name] = keepVars ? (value as Tensor) : (value as Tensor).detach();
    // every field, a shared module under each of its names: PyTorch's state_dict walks _modules.items()
    for (const [name, child] of this.moduleEntries()) child.collectState(`${prefix}${name}.`, keepVars, result);
  }

  /**
   * Copies `stateDict` into this module's parameters and buffers, in place. With `strict` (the
   * default), missing or unexpected keys are an error listing them all, as PyTorch; a shape mismatch
   * is an error in either mode.
   * @example
   * model.loadStateDict(saved);                              // throws on any difference
   * const { missingKeys } = model.loadStateDict(partial, { strict: false });
   */
  loadStateDict(
    stateDict: StateDict | Map<string, Tensor>,
    ...rest: [strict?: boolean] | [options?: LoadStateDictOptions]
  ): IncompatibleKeys {
    const { strict } = readLoadStateDictArguments(rest);
    const source = stateDict instanceof Map ? stateDict : new Map(Object.entries(stateDict));
    this.prepareEveryModuleToLoad(source);
    const own = this.stateDictTargets();
    const optional = this.optionalStateKeys();
    const missingKeys = [...own.keys()].filter((key) => !source.has(key) && !optional.has(key));
    const unexpectedKeys = [...source.keys()].filter((key) => !own.has(key));
    const errors: string[] = [];
    if (strict) {
      // PyTorch's order: missing, unexpected, then size mismatches
      if (missingKeys.length > 0) errors.push(`Missing key(s) in state_dict: ${missingKeys.map((key) => `"${key}"`).join(', ')}. `);
      if (unexpectedKeys.length > 0)
        errors.push(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((key) => `"${key}"`).join(', ')}. `);
    }
    for (const [key, target] of own) {
      const value = source.get(key);
      if (value === undefined) continue;
      if (!isTensor(value)) {
        errors.push(`While copying the parameter named "${key}", expected a tensor from the checkpoint but received ${typeof value}`);
        continue;
      }
      if (!fitsTarget(value.shape, target.shape))
        errors.push(
          `size mismatch for ${key}: copying a param with shape ${formatShape(value.shape)} from checkpoint, the shape in current model is ${formatShape(target.shape)}.`,
        );
      // torch copies across devices; a read from the GPU into CPU memory can only be awaited here
      else if (value.device !== target.device && target.device === 'cpu')
        errors.push(
          `"${key}" is on '${value.device}' and the model on 'cpu': reading it into CPU memory is asynchronous, so move the model first (model.to('${value.device}')) or the entries (await t.toAsync('cpu') for each).`,
        );
    }
    if (errors.length > 0) throw new Error(`Error(s) in loading state_dict for ${this.constructor.name}:\n\t${errors.join('\n\t')}`);
    // in a scope, so the reshaped and moved copies of checkpoint entries are freed once copied
    scope(() =>
      noGrad(() => {
        for (const [key, target] of own) {
          let value = source.get(key);
          if (value === undefined) continue;
          if (value.shape.length === 1 && target.shape.length === 0) value = value.reshape([]);
          target.copy_(value.device === target.device ? value : value.to(target.device));
        }
      }),
    );
    return { missingKeys, unexpectedKeys };
  }

  /**
   * Called on every module, under each of its names, before `loadStateDict` matches keys and shapes
   * (PyTorch's load_state_dict pre-hook), with the state dict being loaded and the module's key
   * prefix: lazy modules materialise their parameters there with the checkpoint's shapes. Nothing by
   * default.
   */
  protected prepareToLoad(_stateDict: ReadonlyMap<string, Tensor>, _prefix: string): void {}

  /** Runs `prepareToLoad` on every module with its prefix, as `loadStateDict` is about to load `stateDict`. */
  private prepareEveryModuleToLoad(stateDict: ReadonlyMap<string, Tensor>): void {
    const visit = (module: Module, prefix: string) => {
      module.prepareToLoad(stateDict, prefix);
      for (const [name, child] of module.moduleEntries()) visit(child, `${prefix}${name}.`);
    };
    visit(this, '');
  }

  /**
   * Names of this module's own state-dict entries that a loaded state dict may leave out: they keep
   * their current value and are not reported missing, even with `strict`. PyTorch's `_NormBase` does
   * this for `num_batches_tracked` (a buffer older checkpoints and many converted ones lack); none by
   * default.
   */
  protected optionalStateNames(): readonly string[] {
    return [];
  }

  /** The prefixed keys of every module's `optionalStateNames()`, each module under each of its names. */
  private optionalStateKeys(): Set<string> {
    const keys = new Set<string>();
    const visit = (module: Module, prefix: string) => {
      for (const name of module.optionalStateNames()) keys.add(prefix + name);
      for (const [name, child] of module.moduleEntries()) visit(child, `${prefix}${name}.`);
    };
    visit(this, '');
    return keys;
  }

  /** The live tensors behind each state-dict key. */
  private stateDictTargets(): Map<string, Tensor> {
    const targets = new Map<string, Tensor>();
    const visit = (module: Module, prefix: string) => {
      const nonPersistent = (module as unknown as Record<symbol, Set<string> | undefined>)[nonPersistentKey];
      for (const [name, value, kind] of module.ownEntries())
        if (kind !== 'module' && !(kind === 'buffer' && nonPersistent?.has(name))) targets.set(prefix + name, value as Tensor);
      for (const [name, child] of module.moduleEntries()) visit(child, `${prefix}${name}.`);
    };
    visit(this, '');
    return targets;
  }

  // ---- printing ---------------------------------------------------------------------------------
  /** The options shown between the parentheses of `toString()` (PyTorch's `extra_repr`). */
  extraRepr(): string {
    return '';
  }

  /**
   * PyTorch-style nested description.
   * @example
   * String(new Linear(2, 3)); // 'Linear(inFeatures=2, outFeatures=3, bias=true)'
   */
  toString(): string {
    const children = this.moduleEntries();
    const extra = this.extraRepr();
    if (children.length === 0) return `${this.constructor.name}(${extra})`;
    const lines = extra ? [extra] : [];
    for (const [name, child] of children) lines.push(`(${name}): ${String(child).replace(/\n/g, '\n  ')}`);
    return `${this.constructor.name}(\n  ${lines.join('\n  ')}\n)`;
  }
  /** Node's console.log and util.inspect print the layer tree, as PyTorch's print(model) (they listed the fields). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

// torch's snake_case names (`zero_grad`, `state_dict`, …) throw, naming the spelling here
installTorchSpellings(Module.prototype, 'module');

/** Whether `value` is a `Module` (from any copy of @dl/nn). */
export function isModule(value: unknown): value is Module {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[moduleBrand] === true;
}
