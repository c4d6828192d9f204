/** An old key prefix of a model's state dict and the prefix that replaced it (`'net.'` → `'main.'`). */
export type PrefixRename = readonly [oldPrefix: string, newPrefix: string];

/**
 * The state dict with every key that starts with an old prefix renamed to the new one, in the
 * original order; the other keys are kept as they are. Checkpoints written before a model renamed
 * its fields then load into it (PyTorch modules do the same in `_load_from_state_dict`). A key that
 * would arrive twice, once old and once new, is an error: neither value can be preferred silently.
 * @example
 * renameLegacyKeys('DcganGenerator', { 'net.0.weight': w }, [['net.', 'main.']]); // Map { 'main.0.weight' → w }
 */
export function renameLegacyKeys<Value>(
  caller: string,
  stateDict: Readonly<Record<string, Value>> | ReadonlyMap<string, Value>,
  renames: readonly PrefixRename[],
): Map<string, Value> {
  const entries: [string, Value][] = stateDict instanceof Map ? [...stateDict.entries()] : Object.entries(stateDict);
  const renamed = new Map<string, Value>();
  for (const [key, value] of entries) {
    const rename = renames.find(([oldPrefix]) => key.startsWith(oldPrefix));
    const name = rename ? rename[1] + key.slice(rename[0].length) : key;
    if (renamed.has(name))
      throw new Error(`${caller}.loadStateDict: the state dict holds '${name}' under both its old and its new name; keep one`);
    renamed.set(name, value);
  }
  return renamed;
}
