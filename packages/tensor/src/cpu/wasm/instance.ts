import { getNumThreads, onThreadCountChange, reportThreadFailure } from '../threads/thread-count.js';
import { WorkerPool } from '../threads/worker-pool.js';
import {
  kernelsRelaxedSimdWasmBase64,
  kernelsSharedMemoryRelaxedSimdWasmBase64,
  kernelsSharedMemoryWasmBase64,
  kernelsWasmBase64,
} from './kernels-wasm.generated.js';

/** The exports of packages/tensor/assembly/index.ts (addresses are byte offsets; bools cross as 0 / 1). */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  workspaceBytes(): number;
  sgemm(
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    accumulate: number,
    workspace: number,
  ): void;
  convolutionScratchBytes(geometry: number): number;
  convolutionForward(geometry: number, x: number, w: number, bias: number, y: number, columns: number, workspace: number): void;
  convolutionInputGradient(geometry: number, dy: number, w: number, dx: number, columns: number, workspace: number): void;
  convolutionWeightGradient(geometry: number, x: number, dy: number, dw: number, columns: number, workspace: number): void;
  maxPool2x2(x: number, planes: number, height: number, width: number, indices: number, values: number): void;
  /** Philox4x32-10, four blocks per SIMD step (assembly/philox.ts). */
  philoxFill(output: number, key: bigint, counter: bigint, out: number, groups: number, threshold: number, scale: number): void;
  adamHyperparameters(
    sign: number,
    coupledDecay: number,
    shrink: number,
    beta1: number,
    beta2: number,
    stepSize: number,
    inverseCorrection2Sqrt: number,
    eps: number,
  ): void;
  adamDense(parameter: number, gradient: number, expAvg: number, expAvgSq: number, count: number): void;
  adamTransposed(parameter: number, gradient: number, expAvg: number, expAvgSq: number, rows: number, columns: number): void;
  reluForward(x: number, y: number, count: number): void;
  reluBackward(gradient: number, output: number, out: number, count: number): void;
  arithmetic(operation: number, a: number, b: number, out: number, count: number): void;
  /** A recurrent layer's direction, float32, H a multiple of 4 (assembly/recurrence.ts). */
  recurrenceForward(
    mode: number,
    hiddenSize: number,
    steps: number,
    batchSizes: number,
    offsets: number,
    reverse: number,
    inputGates: number,
    weightHh: number,
    bias: number,
    result: number,
    work: number,
    hidden: number,
    packedWeight: number,
    workspace: number,
  ): void;
  recurrenceBackward(
    mode: number,
    hiddenSize: number,
    steps: number,
    batchSizes: number,
    offsets: number,
    reverse: number,
    outputs: number,
    work: number,
    weightHh: number,
    gradient: number,
    dInput: number,
    dHidden: number,
    dh: number,
    dc: number,
    direct: number,
    dWeight: number,
    dBias: number,
    packedWeight: number,
    workspace: number,
  ): void;
  /** Bytes of op(B) [k×n] packed once for sgemm (assembly/sgemm.ts `packAllB`). */
  packedBBytes(n: number, k: number): number;
}

const PAGE_BYTES = 65536;
/** Operands start on cache-line boundaries. */
const ALIGNMENT_BYTES = 64;

/**
 * Which build of the kernels runs: 'relaxed-simd' (the sgemm microkernel's multiply-adds fused) where
 * the engine accepts relaxed SIMD — browsers, Node ≥ 22, Node 20 with --experimental-wasm-relaxed-simd
 * — else 'simd'. Decided once, by validating the relaxed build. Results differ only by float32
 * rounding (a fused multiply-add rounds once where a multiply and an add round twice).
 */
export type KernelVariant = 'relaxed-simd' | 'simd';

interface CompiledKernels {
  module: WebAssembly.Module;
  variant: KernelVariant;
}

/** The compiled builds, by memory: 'private' (the module's own) or 'shared' (imported, for threads). */
const compiled: { private?: CompiledKernels; shared?: CompiledKernels } = {};
let instance: KernelExports | undefined;
/** Helper threads on the instance's shared memory (setNumThreads(n > 1)); null on one thread. */
let pool: WorkerPool | null = null;
/** Views of the module's memory; replaced whenever the memory grows (growing detaches them). */
let floats = new Float32Array(0);
let integers = new Int32Array(0);

function compileKernels(memory: 'private' | 'shared'): CompiledKernels {
  const [relaxedBuild, plainBuild] =
    memory === 'shared'
      ? [kernelsSharedMemoryRelaxedSimdWasmBase64, kernelsSharedMemoryWasmBase64]
      : [kernelsRelaxedSimdWasmBase64, kernelsWasmBase64];
  const relaxed = decodeBase64(relaxedBuild);
  if (WebAssembly.validate(relaxed)) return { module: new WebAssembly.Module(relaxed), variant: 'relaxed-simd' };
  return { module: new WebAssembly.Module(decodeBase64(plainBuild)), variant: 'simd' };
}

/**
 * Instantiates the module on first use (synchronously, so kernels stay plain functions), on its own
 * memory; `kernelPool()` moves it to a shared memory with helper threads the first time a call has
 * work worth splitting. Call it before laying out a call (a `CallFrame` holds the instance it began on).
 */
export function kernels(): KernelExports {
  if (instance === undefined) {
    const build = (compiled.private ??= compileKernels('private'));
    instance = new WebAssembly.Instance(build.module, {}).exports as unknown as KernelExports;
  }
  return instance;
}

/** The helper threads if they have been started (kernelPool() starts them), else null. */
export function startedKernelPool(): WorkerPool | null {
  return pool;
}

/**
 * The helper threads for a call with work worth splitting, or null on one thread. With
 * setNumThreads(n > 1) the first such call re-instantiates the module on a shared memory and starts
 * n − 1 helpers on it (the kernels keep no state between calls, so nothing is lost); until then, and
 * for programs whose work is all small, no helper thread exists. In a browser the helpers start
 * asynchronously, so calls run on one thread until they are ready. If the helpers cannot start, or
 * one fails, the kernels stay on one thread and threadsUnavailableReason() says why.
 */
export function kernelPool(): WorkerPool | null {
  // `ready` also notices a helper that could not start (in a browser, it starts after the pool is made)
  if (pool !== null && !pool.ready && pool.failure !== null) {
    // a helper could not start or its kernel trapped: stop them all; one thread from now on, with the reason
    reportThreadFailure(`helper threads stopped: ${pool.failure}`);
    pool.terminate();
    pool = null;
  }
  const threads = getNumThreads();
  if (threads <= 1) return null;
  if (pool === null) {
    const build = (compiled.shared ??= compileKernels('shared'));
    try {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
      const exports = new WebAssembly.Instance(build.module, { env: { memory } }).exports as unknown as KernelExports;
      pool = new WorkerPool(build.module, memory, threads - 1);
      instance = exports;
      floats = new Float32Array(0);
      integers = new Int32Array(0);
    } catch (error) {
      // getNumThreads() now says 1 and threadsUnavailableReason() why, until setNumThreads changes
      reportThreadFailure(`helper threads could not start: ${(error as Error).message}`);
      return null;
    }
  }
  // in a browser the helpers start some time after the pool is made: one thread until they are ready
  return pool.ready ? pool : null;
}

/**
 * The build of the WebAssembly kernels this engine runs: 'relaxed-simd' (fused multiply-add in the
 * matrix products) or 'simd'.
 * @example
 * wasmKernelVariant(); // 'simd' on Node 20, 'relaxed-simd' in Chrome, Firefox, Safari and Node ≥ 22
 */
export function wasmKernelVariant(): KernelVariant {
  compiled.private ??= compileKernels('private');
  return compiled.private.variant;
}

/**
 * Drops the module's memory (`emptyCache()`): a WebAssembly memory can grow but never shrink, so the
 * scratch of the largest call made so far (hundreds of MB after a 4096² product) would stay for the
 * process's life. The next kernel call instantiates the compiled module again with a fresh memory
 * (and new helper threads on it); the kernels keep no state between calls, so nothing is lost.
 */
export function releaseKernelMemory(): void {
  pool?.terminate();
  pool = null;
  instance = undefined;
  floats = new Float32Array(0);
  integers = new Int32Array(0);
}

// a new number of threads takes effect at the next kernel call, on a memory of the right kind
onThreadCountChange(releaseKernelMemory);

/**
 * Lays out one kernel call in the module's memory: regions are handed out in order after the
 * module's static data, each aligned, and the memory grows as they are reserved, so every region
 * exists by the time a kernel runs. Every call starts from the same base: the kernels are
 * synchronous, so one call's regions are free again when the next call begins.
 */
export class CallFrame {
  private end: number;

  constructor(readonly exports: KernelExports = kernels()) {
    this.end = alignUp(exports.heapBase());
  }

  /** The byte address of a new region of `bytes` bytes (the memory grows to hold it). */
  reserve(bytes: number): number {
    const address = this.end;
    this.end = alignUp(address + bytes);
    const { memory } = this.exports;
    const missing = this.end - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / PAGE_BYTES));
    return address;
  }

  /** A new region holding a copy of source[offset … offset + count) (float32 or int32); returns its address. */
  copyIn(source: Float32Array | Int32Array, offset: number, count: number): number {
    const address = this.reserve(count * 4);
    const { floats, integers } = this.views();
    (source instanceof Float32Array ? floats : integers).set(source.subarray(offset, offset + count), address / 4);
    return address;
  }

  /** Copies `count` values of the region at `address` to target[offset …] (float32 or int32). */
  copyOut(address: number, target: Float32Array | Int32Array, offset: number, count: number): void {
    const { floats, integers } = this.views();
    const start = address / 4;
    target.set((target instanceof Float32Array ? floats : integers).subarray(start, start + count), offset);
  }

  /** Float32 and Int32 views of the whole memory (taken again after it grew). */
  views(): { floats: Float32Array; integers: Int32Array } {
    const { memory } = this.exports;
    if (floats.buffer !== memory.buffer) {
      floats = new Float32Array(memory.buffer);
      integers = new Int32Array(memory.buffer);
    }
    return { floats, integers };
  }
}

function alignUp(address: number): number {
  return Math.ceil(address / ALIGNMENT_BYTES) * ALIGNMENT_BYTES;
}

/** Decodes base64 with `atob`, available in browsers and in Node ≥ 16. */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
