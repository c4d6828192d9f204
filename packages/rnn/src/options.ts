import { checkOptions as checkSharedOptions } from '@dl/tensor';

/**
 * @dl/tensor's shared option check (issue #14: one mechanism for every package): an unknown key
 * throws, naming the module and the accepted keys, and `batch_first` gets "did you mean `batchFirst`?".
 * @example
 * checkOptions('LSTM', { batch_first: true }, ['batchFirst']); // LSTM: unknown option `batch_first` (did you mean `batchFirst`?). …
 */
export function checkOptions(moduleName: string, options: object | undefined, accepted: readonly string[]): void {
  checkSharedOptions(moduleName, options, accepted);
}

/** `[a, b, c]`, as the shapes appear in error messages. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
