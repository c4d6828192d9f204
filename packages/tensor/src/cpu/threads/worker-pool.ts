import { nodeBuiltin } from '../../core/node-builtin.js';
import { workerSource } from './worker-source.js';

/** The kernels a helper runs (exports of the module), numbered by their index. */
const kernelNames = ['sgemm', 'convolutionForward', 'convolutionInputGradient', 'convolutionWeightGradient'] as const;
export type HelperKernel = (typeof kernelNames)[number];
/** Most arguments of a helper's kernel (sgemm's 13). */
const MAXIMUM_ARGUMENTS = 13;
/** Int32 values per helper in the control array: request, completed, status, kernel, argument count, arguments. */
const SLOT_SIZE = 5 + MAXIMUM_ARGUMENTS;
const slotField = { request: 0, completed: 1, status: 2, kernel: 3, count: 4, arguments: 5 } as const;

/** One kernel call for a helper: addresses are byte offsets in the shared memory. */
export interface HelperCall {
  kernel: HelperKernel;
  arguments: readonly number[];
}
/** How long a new helper may take to instantiate the module before threads are given up. */
const STARTUP_TIMEOUT_MS = 10_000;

interface NodeWorker {
  unref(): void;
  terminate(): Promise<number>;
}
type WorkerConstructor = new (source: string, options: { eval: true; workerData: unknown }) => NodeWorker;

/**
 * Helper threads that run kernel calls on the calling thread's shared WebAssembly memory. The caller
 * hands each helper the kernel and arguments of one call through a shared control array and wakes it with
 * `Atomics.notify`, runs its own part, then blocks in `Atomics.wait` until every helper has finished:
 * kernels stay synchronous functions. Helpers are unref'd, so they never keep a process alive.
 */
export class WorkerPool {
  private readonly state: Int32Array;
  private readonly workers: NodeWorker[] = [];
  private sequence = 0;
  /** How many calls have been handed to helpers (for tests: that work really was split). */
  handedOut = 0;
  /**
   * Why a helper failed during a call (its kernel trapped), or null. A failed pool is never used
   * again: kernelPool() stops it and the kernels run on the calling thread (threadsUnavailableReason).
   */
  failure: string | null = null;

  /** Starts `helpers` threads on `module` and `memory`; throws (after stopping them) if one cannot start. */
  constructor(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    readonly helpers: number,
  ) {
    const threads = nodeBuiltin<{ Worker: WorkerConstructor }>('node:worker_threads');
    if (!threads) throw new Error('worker threads are not available here');
    this.state = new Int32Array(new SharedArrayBuffer(helpers * SLOT_SIZE * 4));
    try {
      for (let slot = 0; slot < helpers; slot++) {
        const worker = new threads.Worker(workerSource, {
          eval: true,
          workerData: { module, memory, control: this.state.buffer, slot, slotSize: SLOT_SIZE, kernelNames },
        });
        worker.unref();
        this.workers.push(worker);
      }
    } catch (error) {
      // e.g. Node's permission model without --allow-worker: stop the helpers already started
      this.terminate();
      throw error;
    }
    for (let slot = 0; slot < helpers; slot++) {
      const status = slot * SLOT_SIZE + slotField.status;
      // blocking here is fine in Node: a worker starts on its own thread, with its data given up front
      Atomics.wait(this.state, status, 0, STARTUP_TIMEOUT_MS);
      const value = Atomics.load(this.state, status);
      if (value !== 1) {
        this.terminate();
        throw new Error(
          value === 0
            ? `a helper thread did not start within ${STARTUP_TIMEOUT_MS / 1000} s`
            : 'a helper thread could not instantiate the kernels on the shared memory',
        );
      }
    }
  }

  /**
   * Runs each of `calls` on a helper, and `own` on the calling thread meanwhile; returns when all are
   * done. At most `helpers` calls.
   */
  run(calls: readonly HelperCall[], own: () => void): void {
    if (this.failure !== null) throw new Error(`helper threads stopped: ${this.failure}`);
    const sequence = ++this.sequence;
    this.handedOut += calls.length;
    calls.forEach((call, slot) => {
      const base = slot * SLOT_SIZE;
      this.state[base + slotField.kernel] = kernelNames.indexOf(call.kernel);
      this.state[base + slotField.count] = call.arguments.length;
      this.state.set(call.arguments, base + slotField.arguments);
      Atomics.store(this.state, base + slotField.request, sequence);
      Atomics.notify(this.state, base + slotField.request);
    });
    own();
    for (let slot = 0; slot < calls.length; slot++) {
      const completed = slot * SLOT_SIZE + slotField.completed;
      for (let value = Atomics.load(this.state, completed); value !== sequence; value = Atomics.load(this.state, completed))
        Atomics.wait(this.state, completed, value);
    }
    const failed = calls.findIndex((_, slot) => Atomics.load(this.state, slot * SLOT_SIZE + slotField.status) !== 1);
    if (failed >= 0) {
      // the result misses that part: this call fails, and later calls run on one thread
      this.failure = `a helper thread failed while computing its part of ${calls[failed]!.kernel}`;
      throw new Error(`${calls[failed]!.kernel}: ${this.failure}; the kernels run on one thread from now on`);
    }
  }

  /** Stops every helper (they are blocked waiting, or finishing a call). */
  terminate(): void {
    for (let slot = 0; slot < this.workers.length; slot++) {
      Atomics.store(this.state, slot * SLOT_SIZE + slotField.request, -1);
      Atomics.notify(this.state, slot * SLOT_SIZE + slotField.request);
    }
    for (const worker of this.workers) void worker.terminate();
    this.workers.length = 0;
  }
}
