/**
 * The program of a helper thread, as source text: Node runs it with `new Worker(source, { eval: true })`,
 * so there is no separate file for bundlers to find. The helper instantiates the kernels' module on the
 * shared memory, says it is ready, then loops: wait for a request in its slot of the control array,
 * run the sgemm it describes, publish completion. A request number below 0 ends it.
 *
 * Slot layout (Int32Array, SLOT_SIZE values per helper): see `slotField` in worker-pool.ts.
 */
export const workerSource = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, slot, slotSize } = workerData;
const state = new Int32Array(control);
const base = slot * slotSize;
let kernels = null;
try {
  kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
  Atomics.store(state, base + 2, 1);
} catch (error) {
  Atomics.store(state, base + 2, -1);
}
Atomics.notify(state, base + 2);
let seen = 0;
while (kernels !== null) {
  Atomics.wait(state, base, seen);
  const request = Atomics.load(state, base);
  if (request < 0) break;
  if (request === seen) continue;
  seen = request;
  const a = state.subarray(base + 3, base + 16);
  try {
    kernels.sgemm(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12]);
  } catch (error) {
    Atomics.store(state, base + 2, -1);
  }
  Atomics.store(state, base + 1, request);
  Atomics.notify(state, base + 1);
}
`;
