import { nodeBuiltin } from './node-builtin.js';

/**
 * A full garbage collection where the engine lets a library ask for one: Node, through its built-in
 * `v8` and `vm` modules (reached with `process.getBuiltinModule`, so bundlers see no Node import).
 * Browsers offer none; there the collector runs on its own schedule.
 *
 * `emptyCache()` calls this after dropping its pools: buffers the JavaScript engine owns (typed
 * arrays, a replaced WebAssembly memory) go back to the system only when a collection finds them
 * unreachable, and a loop that allocates little may not trigger one for a long time. V8 frees the
 * backing stores on a background thread right after the collection.
 */
let collector: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (collector === undefined) collector = findCollector();
  collector?.();
}

function findCollector(): (() => void) | null {
  const v8 = nodeBuiltin<{ setFlagsFromString(flags: string): void }>('node:v8');
  const vm = nodeBuiltin<{ runInNewContext(code: string): unknown }>('node:vm');
  if (!v8 || !vm) return null;
  // `gc` exists in contexts created after the flag is set; the current one is left as it was
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  return typeof gc === 'function' ? (gc as () => void) : null;
}
