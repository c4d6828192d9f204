import { isTensor } from '../core/brand.js';
import { memory } from '../core/memory.js';
import type { Tensor } from '../core/tensor.js';

/** What a call left behind on the CPU once its outputs were disposed: live tensor handles and bytes in use. */
export interface LeftBehind {
  handles: number;
  bytes: number;
}

/**
 * Runs `call` outside any scope, disposes every tensor it returned (in arrays and objects too) except
 * `inputs` (an op may return its input as it is, as dropout in evaluation does, which is not the
 * caller's to dispose), and reports how far the CPU's live handles and bytes in use moved. An op that
 * releases its intermediates leaves `{ handles: 0, bytes: 0 }`; the counters move synchronously, so
 * no garbage collection is involved. Run `call` once before to create the constants it caches.
 * @example
 * expect(leftBehind(() => myLoss(prediction, target))).toEqual({ handles: 0, bytes: 0 });
 */
export function leftBehind(call: () => unknown, inputs: Iterable<Tensor> = []): LeftBehind {
  const before = { ...memory().cpu! };
  const result = call();
  const given = new Set(inputs);
  for (const output of tensorsIn(result)) if (!given.has(output)) output.dispose();
  const after = memory().cpu!;
  return { handles: after.liveTensors - before.liveTensors, bytes: after.bytesInUse - before.bytesInUse };
}

function tensorsIn(value: unknown): Tensor[] {
  if (isTensor(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(tensorsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(tensorsIn);
  return [];
}
