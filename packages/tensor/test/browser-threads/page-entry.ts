/**
 * Bundled by browser-threads.test.ts and run in headless Chromium: matrix products and a convolution
 * on one thread and on two (helper Workers on a shared WebAssembly memory), with their bits, whether
 * the work was handed to a helper, and what the page reports about threads.
 */
import { conv2d, getNumThreads, manualSeed, matmul, randn, setNumThreads, threadsUnavailableReason } from '../../src/index.js';
import { kernelPool, startedKernelPool } from '../../src/cpu/wasm/instance.js';

/** The float32 bits of a result, so that equality is bit for bit. */
const bitsOf = (values: Float32Array) => Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));

function products(): number[][] {
  manualSeed(5);
  const a = randn([300, 200]);
  const b = randn([200, 250]);
  const x = randn([6, 8, 20, 20]);
  const w = randn([16, 8, 3, 3]);
  return [bitsOf(matmul(a, b).dataSync() as Float32Array), bitsOf(conv2d(x, w, null, { padding: 1 }).dataSync() as Float32Array)];
}

export interface ThreadReport {
  isolated: boolean;
  threads: number;
  reason: string | null;
  /** Milliseconds until the helpers were ready (null: they never started). */
  readyAfter: number | null;
  handedOut: number;
  identical: boolean;
}

async function run(): Promise<ThreadReport> {
  setNumThreads(1);
  const one = products();
  setNumThreads(2);
  // the first large call starts the helper, which becomes ready while the page is not blocked
  const started = performance.now();
  let readyAfter: number | null = null;
  while (performance.now() - started < 20_000) {
    products();
    if (kernelPool() !== null) {
      readyAfter = performance.now() - started;
      break;
    }
    if (threadsUnavailableReason() !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const two = products();
  return {
    isolated: globalThis.crossOriginIsolated === true,
    threads: getNumThreads(),
    reason: threadsUnavailableReason(),
    readyAfter,
    handedOut: startedKernelPool()?.handedOut ?? 0,
    identical: JSON.stringify(one) === JSON.stringify(two),
  };
}

/** The same in a dedicated Worker running this bundle: there the caller may block, and helpers are nested workers. */
function runInWorker(): Promise<ThreadReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker('/bundle.js', { type: 'module' });
    worker.onmessage = (event: MessageEvent<ThreadReport>) => {
      resolve(event.data);
      worker.terminate();
    };
    worker.onerror = (event) => reject(new Error(`the worker failed: ${event.message}`));
  });
}

if (typeof document === 'undefined') {
  // loaded as a worker: report once
  void run().then((report) => (globalThis as unknown as { postMessage(message: unknown): void }).postMessage(report));
} else {
  Object.assign(globalThis, { dlThreads: run, dlThreadsInWorker: runInWorker });
  document.title = 'dl-threads-ready';
}
