/**
 * Refuses options a function does not understand (a misspelt `devcie` would otherwise be ignored
 * silently).
 * @example
 * checkOptions('loadSafetensors', options, ['device', 'dtype']);
 */
export function checkOptions(operation: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options))
    if (!known.includes(key)) throw new Error(`${operation}: unknown option '${key}' (known: ${known.join(', ')})`);
}
