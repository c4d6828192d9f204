import { memory } from '../core/memory.js';
import { collectTensors } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';

/** What a call left behind on the CPU once its outputs were disposed: live tensor handles and bytes in use. */
export interface LeftBehind {
  handles: number;
  bytes: number;
}

/**
 * Runs `call` (from a test's top level: outside any scope), disposes every tensor it returned (in
 * arrays, objects and Maps too, as a scope finds them) except
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
  const outputs = new Set<Tensor>();
  collectTensors(result, outputs);
  for (const given of inputs) outputs.delete(given);
  for (const output of outputs) output.dispose();
  const after = memory().cpu!;
  return { handles: after.liveTensors - before.liveTensors, bytes: after.bytesInUse - before.bytesInUse };
}
