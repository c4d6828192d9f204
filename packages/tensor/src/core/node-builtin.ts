type BuiltinModuleLoader = (name: string) => unknown;

/**
 * One of Node's built-in modules (`node:v8`, `node:worker_threads`, …), reached through
 * `process.getBuiltinModule` rather than an import statement, so that bundlers see no Node import
 * and browsers load the package unchanged; null outside Node.
 */
export function nodeBuiltin<T>(name: string): T | null {
  const load = (globalThis as { process?: { getBuiltinModule?: BuiltinModuleLoader } }).process?.getBuiltinModule;
  return typeof load === 'function' ? (load(name) as T) : null;
}
