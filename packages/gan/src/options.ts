import { checkOptions as checkSharedOptions } from '@dl/tensor';

/**
 * @dl/tensor's shared option check (issue #14: one mechanism for every package): a key outside
 * `accepted` throws, naming the function and the accepted ones, with "did you mean" for snake_case.
 * @example
 * checkOptions('gradientPenalty', options, ['lambda', 'eps']);
 */
export function checkOptions(caller: string, options: object | undefined, accepted: readonly string[]): void {
  checkSharedOptions(caller, options, accepted);
}

/** `[a, b, c]` for error messages. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
