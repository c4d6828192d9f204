/**
 * Throws when `options` holds a key outside `accepted`, naming the function, the unknown keys and
 * the accepted ones (a misspelt option is an error, never silently ignored).
 * @example
 * checkOptions('gradientPenalty', options, ['lambda', 'eps']);
 */
export function checkOptions(caller: string, options: object | undefined, accepted: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) throw new Error(`${caller}: options must be an object, got ${String(options)}`);
  const unknown = Object.keys(options).filter((key) => !accepted.includes(key));
  if (unknown.length > 0)
    throw new Error(`${caller}: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `'${key}'`).join(', ')}; accepted: ${accepted.join(', ')}`);
}

/** `[a, b, c]` for error messages. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
