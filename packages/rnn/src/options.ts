/**
 * Throws when `options` has a key that `accepted` does not list, naming the module and the accepted
 * keys (a misspelt `batch_first` would otherwise be ignored silently).
 * @example
 * checkOptions('LSTM', { batch_first: true }, ['batchFirst']); // throws: LSTM: unknown option "batch_first"; accepted: batchFirst
 */
export function checkOptions(moduleName: string, options: object, accepted: readonly string[]): void {
  for (const key of Object.keys(options))
    if (!accepted.includes(key)) throw new Error(`${moduleName}: unknown option "${key}"; accepted: ${accepted.join(', ')}`);
}

/** `[a, b, c]`, as the shapes appear in error messages. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
