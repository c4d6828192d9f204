import { resolveDType } from '../core/dtype.js';
import { checkOptions, describeValue } from '../core/options.js';

/** Keys every creation function accepts; random ones add `generator`. */
export const creationKeys = ['dtype', 'device', 'requiresGrad'] as const;

/**
 * Throws unless every extent is a non-negative integer, naming the function (instead of the typed
 * array's "Invalid typed array length" or a silently truncated size).
 */
export function checkShape(owner: string, shape: unknown): number[] {
  if (typeof shape === 'number') shape = [shape];
  if (!Array.isArray(shape) && !ArrayBuffer.isView(shape))
    throw new Error(`${owner}: expected a shape (an array of sizes, or sizes as arguments), got ${describeValue(shape)}`);
  const sizes = Array.from(shape as ArrayLike<unknown>);
  for (const extent of sizes)
    if (typeof extent !== 'number' || !Number.isInteger(extent) || extent < 0)
      throw new Error(`${owner}: sizes must be non-negative integers, got [${sizes.map(describeValue).join(', ')}]`);
  return sizes as number[];
}

/** Options checked against `accepted`, with the dtype resolved (`'double'` → float64, `'long'` throws). */
export function checkCreationOptions<Options extends { dtype?: unknown }>(
  owner: string,
  options: Options | undefined,
  accepted: readonly string[] = creationKeys,
): Options {
  const checked = checkOptions(owner, options ?? ({} as Options), accepted);
  if (checked.dtype === undefined) return checked;
  return { ...checked, dtype: resolveDType(owner, checked.dtype) };
}

/**
 * A shape given either as an array (`zeros([2, 3], options)`) or as PyTorch's varargs
 * (`zeros(2, 3)`, `zeros(2, 3, options)`), with the options that follow it.
 */
export function shapeArguments<Options extends { dtype?: unknown }>(
  owner: string,
  args: readonly unknown[],
  accepted: readonly string[] = creationKeys,
): { shape: number[]; options: Options } {
  if (args.length > 0 && typeof args[0] === 'number') {
    let end = 0;
    while (end < args.length && typeof args[end] === 'number') end++;
    if (args.length > end + 1)
      throw new Error(`${owner}: after the sizes, expected one options object, got ${args.length - end} more arguments`);
    return {
      shape: checkShape(owner, args.slice(0, end)),
      options: checkCreationOptions<Options>(owner, args[end] as Options | undefined, accepted),
    };
  }
  if (args.length > 2) throw new Error(`${owner}: expected (shape, options), got ${args.length} arguments`);
  return { shape: checkShape(owner, args[0]), options: checkCreationOptions<Options>(owner, args[1] as Options | undefined, accepted) };
}
