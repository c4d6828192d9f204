/**
 * The program of a helper thread, as source text, so there is no separate file for bundlers to find:
 * Node runs it with `new Worker(source, { eval: true })`, a browser from a `blob:` URL. The helper
 * instantiates the kernels' module on the shared memory, says it is ready, then loops: wait for a
 * request in its slot of the control array, run the kernel it names with its arguments, publish
 * completion. A request number below 0 ends it. A helper always may block in `Atomics.wait` (a
 * worker's, unlike a page's main thread).
 *
 * Slot layout (Int32Array, SLOT_SIZE values per helper): see `slotField` in worker-pool.ts; the kernel
 * is named by its index in `kernelNames`.
 */
const helperLoop = `
function serve({ module, memory, control, slot, slotSize, kernelNames }) {
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
    // poll for a few tens of µs first: the next call of a loop of products comes that soon, and waking
    // from Atomics.wait costs about as long (2 threads at 256³: 0.517 → 0.485 ms a product)
    for (let spin = 0; spin < 20000 && Atomics.load(state, base) === seen; spin++);
    Atomics.wait(state, base, seen);
    const request = Atomics.load(state, base);
    if (request < 0) break;
    if (request === seen) continue;
    seen = request;
    const kernel = kernelNames[state[base + 3]];
    const count = state[base + 4];
    const call = Array.from(state.subarray(base + 5, base + 5 + count));
    try {
      kernels[kernel](...call);
    } catch (error) {
      Atomics.store(state, base + 2, -1);
      // the other threads of a split recurrent pass would wait for this one at its next barrier forever
      kernels.abandonBarriers();
    }
    Atomics.store(state, base + 1, request);
    Atomics.notify(state, base + 1);
  }
}
`;

/** Node: the helper's data arrives as `workerData`. */
export const nodeWorkerSource = `${helperLoop}
serve(require('node:worker_threads').workerData);
`;

/** Browsers: the helper's data arrives in its first message (a module and a shared memory clone to it). */
export const browserWorkerSource = `${helperLoop}
self.onmessage = (event) => serve(event.data);
`;
