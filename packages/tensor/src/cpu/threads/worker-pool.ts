import { type HelperData, helperHost } from './helper-host.js';

/** The kernels a helper runs (exports of the module), numbered by their index. */
const kernelNames = [
  'sgemm',
  'convolutionForward',
  'convolutionInputGradient',
  'convolutionWeightGradient',
  'arithmetic',
  'reluForward',
  'reluBackward',
  'reduceRows',
  'sumChannels',
  'reduceBlocks',
  'adamDenseWith',
  'adamTransposedRows',
  'arithmeticRows',
  'recurrenceForwardPart',
  'recurrenceBackwardPart',
] as const;
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

/**
 * Helper threads that run kernel calls on the calling thread's shared WebAssembly memory. The caller
 * hands each helper the kernel and arguments of one call through a shared control array and wakes it with
 * `Atomics.notify`, runs its own part, then waits until every helper has finished: kernels stay
 * synchronous functions. In Node the helpers are unref'd (they never keep a process alive) and the
 * constructor waits for them to start. In a browser they start asynchronously (a worker cannot start
 * while the page that made it is blocked), so the pool is `ready` only some time after it is made,
 * and a page's main thread, which may not block, waits for its helpers' parts by polling.
 */
export class WorkerPool {
  private readonly state: Int32Array;
  private readonly workers: { stop(): void }[] = [];
  private readonly started = Date.now();
  private allReady = false;
  /** Whether the calling thread may block in Atomics.wait (else it polls). */
  private readonly canBlock: boolean;
  private sequence = 0;
  /** How many calls have been handed to helpers (for tests: that work really was split). */
  handedOut = 0;
  /**
   * Why a helper failed during a call (its kernel trapped), or null. A failed pool is never used
   * again: kernelPool() stops it and the kernels run on the calling thread (threadsUnavailableReason).
   */
  failure: string | null = null;

  /**
   * Starts `helpers` threads on `module` and `memory`; throws (after stopping them) if one cannot be
   * made, or, where the calling thread may wait for them (Node), start.
   */
  constructor(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    readonly helpers: number,
  ) {
    const host = helperHost();
    this.state = new Int32Array(new SharedArrayBuffer(helpers * SLOT_SIZE * 4));
    try {
      for (let slot = 0; slot < helpers; slot++) {
        const data: HelperData = {
          module,
          memory,
          control: this.state.buffer as SharedArrayBuffer,
          slot,
          slotSize: SLOT_SIZE,
          kernelNames,
        };
        this.workers.push(host.start(data));
      }
    } catch (error) {
      // e.g. Node's permission model without --allow-worker, a page whose policy forbids blob: workers
      this.terminate();
      throw error;
    }
    this.canBlock = host.canBlock;
    if (!host.startsAtOnce) return;
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
    this.allReady = true;
  }

  /**
   * Whether every helper has started (at once in Node; in a browser some time after the pool is made)
   * and none has failed. A helper that could not start, or not within 10 s, sets `failure`.
   */
  get ready(): boolean {
    if (this.failure !== null) return false;
    if (this.allReady) return true;
    let started = 0;
    for (let slot = 0; slot < this.helpers; slot++) {
      const status = Atomics.load(this.state, slot * SLOT_SIZE + slotField.status);
      if (status === -1) this.failure = 'a helper thread could not instantiate the kernels on the shared memory';
      if (status === 1) started++;
    }
    if (this.failure === null && started < this.helpers && Date.now() - this.started > STARTUP_TIMEOUT_MS)
      this.failure = `a helper thread did not start within ${STARTUP_TIMEOUT_MS / 1000} s`;
    this.allReady = this.failure === null && started === this.helpers;
    return this.allReady;
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
      // the helper's part usually ends within µs of ours: poll briefly before sleeping (see worker-source.ts)
      for (let spin = 0; spin < 20000 && Atomics.load(this.state, completed) !== sequence; spin++);
      for (let value = Atomics.load(this.state, completed); value !== sequence; value = Atomics.load(this.state, completed))
        if (this.canBlock) Atomics.wait(this.state, completed, value);
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
    for (const worker of this.workers) worker.stop();
    this.workers.length = 0;
  }
}
