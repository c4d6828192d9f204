import { isTensor } from './brand.js';
import { sharedState } from './shared-state.js';
import type { Tensor } from './tensor.js';
import { checkFunction, describeValue, refuseArgumentsPast } from './options.js';
import { checkLive } from './tensor-arguments.js';

/**
 * Open scopes, innermost last; each lists the tensor handles created while it is open. Shared by
 * every copy of @dl/tensor in the process: `Module.call` opens its scope through @dl/nn's copy while
 * the ops of `forward` may create tensors through the app's.
 *
 * Arrays, not Sets: every op adds its output to the innermost scope, and a Set's hash table (grown as
 * it fills) cost a moons training step 12 KB of garbage, a tenth of what the step allocates; what the
 * young generation keeps is what decides whether it grows (issue #11). Layout 2: layout 1 held Sets.
 * A handle records the list it is in (`scopeList`); escaping a scope clears that record instead of
 * searching the list (a scope around a whole training loop lists every handle of the loop), and a
 * closing scope skips the entries whose handle no longer names it.
 */
const scopes = sharedState('scopes@2', () => [] as Tensor[][]);

export function adoptIntoScope(tensor: Tensor): void {
  const innermost = scopes[scopes.length - 1];
  if (!innermost) return;
  innermost.push(tensor);
  tensor.scopeList = innermost;
}

/** Moves `tensor` into `list` (the enclosing scope's, or none). */
function moveTo(tensor: Tensor, list: Tensor[] | undefined): void {
  tensor.scopeList = list ?? null;
  list?.push(tensor);
}

/** Internal: takes `tensor` out of every open scope, so scope exits leave it alive. */
export function escapeScopes<T extends Tensor>(tensor: T): T {
  tensor.scopeList = null;
  return tensor;
}

/**
 * Makes `tensor` yours: no automatic release touches it (scope and `Module.call` ends, finished
 * graphs, `zeroGrad()`); `dispose()` frees it, or the garbage collector once you drop it. For
 * long-lived state such as caches, running statistics or a metric's accumulator.
 * @example
 * this.cache = keep(mask.float()); // inside forward: survives the end of the module call
 */
export function keep<T extends Tensor>(tensor: T): T {
  if (arguments.length > 1) refuseArgumentsPast('keep', ['tensor'], arguments);
  checkLive('keep', 'tensor', tensor);
  tensor.kept = true;
  return escapeScopes(tensor);
}

/** Internal: adds the tensors in `value` (a tensor, or arrays, objects and Maps holding them) to `found`. */
export function collectTensors(value: unknown, found: Set<Tensor>, seen = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (isTensor(value)) {
    found.add(value);
    return;
  }
  const items = value instanceof Map ? value.values() : Array.isArray(value) ? value : Object.values(value);
  for (const item of items) collectTensors(item, found, seen);
}

/** Takes `created` off the stack of open scopes; returns the scope that encloses it, if any. */
function leave(created: Tensor[]): Tensor[] | undefined {
  const index = scopes.lastIndexOf(created);
  if (index >= 0) scopes.splice(index, 1);
  return scopes[scopes.length - 1];
}

function close(created: Tensor[], result: unknown, freedBy: string): void {
  const parent = leave(created);
  // the common result (a module's forward) is one tensor: no traversal, no Sets
  const single = isTensor(result) ? result : null;
  let escaping: Set<Tensor> | null = null;
  if (!single) collectTensors(result, (escaping = new Set<Tensor>()));
  for (const tensor of created) {
    if (tensor.scopeList !== created) continue; // escaped, or moved on
    if (tensor === single || escaping?.has(tensor)) moveTo(tensor, parent);
    else {
      tensor.scopeList = null;
      if (!tensor.kept) tensor.release(freedBy);
    }
  }
}

/**
 * Disposes every tensor created inside `body` except those it returns (found in arrays, objects and
 * Maps of the result). Works across `await` when `body` is async. Tensors saved for backward stay
 * alive through their own references until `backward()` releases them.
 * `freedBy` names what freed the tensors (a constant string: it is stored, not formatted, on each
 * release) for the error a later read of one throws.
 * @example
 * const y = scope(() => x.mul(2).add(1).relu()); // the two intermediates are freed, y is kept
 */
export function scope<T>(body: () => T, freedBy = 'the end of a scope()'): T {
  if (arguments.length > 2) refuseArgumentsPast('scope', ['body', 'freedBy'], arguments);
  checkFunction('scope', 'body', body);
  if (typeof freedBy !== 'string')
    throw new Error(`scope: freedBy must be a string (what frees the tensors, for messages), got ${describeValue(freedBy)}`);
  const created: Tensor[] = [];
  scopes.push(created);
  let result: T;
  try {
    result = body();
  } catch (error) {
    close(created, undefined, freedBy);
    throw error;
  }
  if (result instanceof Promise) {
    return result.then(
      (value) => {
        close(created, value, freedBy);
        return value;
      },
      (error) => {
        close(created, undefined, freedBy);
        throw error;
      },
    ) as T;
  }
  close(created, result, freedBy);
  return result;
}

/** What released an op's intermediates, for the use-after-free error (a constant: stored, not formatted). */
const INTERMEDIATE = 'the end of the op that made it (an intermediate it did not return)';

/**
 * Runs the body of an op composed of other ops, then releases the tensors the body created except
 * those it returns: PyTorch frees an op's temporaries when the op returns (reference counts), and a
 * caller who disposes the outputs expects nothing else to stay behind. Left to the garbage collector,
 * a synchronous loop (whose collector callbacks never run) piled them up: `layerNorm(x).dispose()` on
 * [256, 1024] held 351 MiB and ran 5× slower than in a scope. Tensors saved for backward stay alive
 * through the graph's own references, as at the end of `Module.call`.
 */
export function composite<T>(body: () => T): T {
  if (arguments.length > 1) refuseArgumentsPast('composite', ['body'], arguments);
  return scope(body, INTERMEDIATE);
}

/**
 * Releases `made`, an intermediate of an op, unless it is `kept` or `alsoKept`: the op's input (castTo,
 * contiguous, reshape and a full-range slice return their input when there is nothing to do) or its
 * result. For ops of two or three steps, where a `composite` scope would cost more than the op's own
 * bookkeeping.
 */
export function releaseIfMade(made: Tensor, kept: unknown, alsoKept?: unknown): void {
  // two parameters rather than a rest list: this runs in every elementwise op, and allocates nothing
  if (made !== kept && made !== alsoKept) made.release(INTERMEDIATE);
}

/**
 * Runs `body` and returns its result with the tensor handles it created, leaving them alive (they
 * also join the enclosing scope, as if untracked): for library code that learns only later which of
 * them to free, such as a DataLoader whose dataset may return promises.
 * @example
 * const [items, created] = trackCreated(() => indices.map((index) => dataset.getItem(index)));
 */
export function trackCreated<T>(body: () => T): [T, Set<Tensor>] {
  if (arguments.length > 1) refuseArgumentsPast('trackCreated', ['body'], arguments);
  checkFunction('trackCreated', 'body', body);
  const created: Tensor[] = [];
  const stillListed = new Set<Tensor>();
  scopes.push(created);
  let result: T;
  try {
    result = body();
  } finally {
    const parent = leave(created);
    for (const tensor of created) {
      if (tensor.scopeList !== created) continue; // escaped (a kept tensor, say): not the caller's to free
      moveTo(tensor, parent);
      stillListed.add(tensor);
    }
  }
  return [result, stillListed];
}

/**
 * Releases the tensors of `created` that `result` does not contain (arrays, objects and Maps are
 * searched) and that nobody kept, recording `freedBy` for the error a later read throws.
 */
export function releaseUnreturned(created: Set<Tensor>, result: unknown, freedBy: string): void {
  const escaping = new Set<Tensor>();
  collectTensors(result, escaping);
  for (const tensor of created) if (!escaping.has(tensor) && !tensor.kept) tensor.release(freedBy);
}
