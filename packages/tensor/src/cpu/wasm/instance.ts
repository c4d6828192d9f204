import { refuseArgumentsPast } from '../../core/options.js';
import { getNumThreads, onThreadCountChange, reportThreadFailure } from '../threads/thread-count.js';
import { threadSupport } from '../threads/thread-support.js';
import { WorkerPool } from '../threads/worker-pool.js';
import { Arena } from './arena.js';
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
  /** Adam with the step's constants read from memory (eight float64), for calls split over threads. */
  adamDenseWith(constants: number, parameter: number, gradient: number, expAvg: number, expAvgSq: number, count: number): void;
  adamTransposedRows(
    constants: number,
    parameter: number,
    gradient: number,
    expAvg: number,
    expAvgSq: number,
    rows: number,
    columns: number,
    first: number,
    count: number,
  ): void;
  reluForward(x: number, y: number, count: number): void;
  reluBackward(gradient: number, output: number, out: number, count: number): void;
  arithmetic(operation: number, a: number, b: number, out: number, count: number): void;
  arithmeticRows(operation: number, a: number, b: number, out: number, rows: number, columns: number): void;
  /** Reductions of float32 over a range of outputs, for helper threads (assembly/reduce.ts). */
  reduceRows(operation: number, x: number, out: number, first: number, count: number, length: number): void;
  sumChannels(x: number, out: number, outer: number, channels: number, inner: number, first: number, count: number, totals: number): void;
  /** A reduction of float32 to one output: partials of a range of blocks, then their combination. */
  reduceBlocks(operation: number, x: number, length: number, blockLength: number, partials: number, first: number, count: number): void;
  combineBlocks(operation: number, partials: number, blocks: number, out: number): void;
  /** log-softmax along the rows of float32 [rows, length], and its gradient (assembly/log-softmax.ts). */
  logSoftmaxRows(x: number, y: number, rows: number, length: number, exponentials: number, totals: number): void;
  logSoftmaxGradientRows(gradient: number, output: number, out: number, rows: number, length: number, exponentials: number): void;
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
  /**
   * Part `part` of a recurrent pass split over threads, its arguments in a block of int32 words at
   * `block` (assembly/recurrence-parts.ts, driven by cpu/kernels/recurrence-parts.ts).
   */
  recurrenceForwardPart(block: number, part: number): void;
  recurrenceBackwardPart(block: number, part: number): void;
  /** Releases every thread waiting at a split pass's barrier (a thread failed), and re-arms them. */
  abandonBarriers(): void;
  resetBarriers(): void;
  /** Bytes of op(B) [k×n] packed once for sgemm (assembly/sgemm.ts `packAllB`). */
  packedBBytes(n: number, k: number): number;
}

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

/** The instance the kernels run on now, with the layout of its memory. */
export interface KernelInstance {
  /** The compiled module, which helper threads instantiate on the same (shared) memory. */
  module: WebAssembly.Module;
  exports: KernelExports;
  memory: WebAssembly.Memory;
  arena: Arena;
  /** Whether the memory is shared: then it also holds resident tensors and serves helper threads. */
  shared: boolean;
}

/**
 * Whether `array` is a view of the instance's (shared) memory: a resident tensor's buffer. A shared
 * memory's `buffer` is a new SharedArrayBuffer object after each grow (the old ones stay valid), so a
 * view is recognised by its buffer being one the memory has had (`Arena.holds`).
 */
export function holdsView(instance: KernelInstance, array: ArrayBufferView): boolean {
  return instance.shared && instance.arena.holds(array.buffer);
}

let current: KernelInstance | undefined;
/** Helper threads on the instance's shared memory (setNumThreads(n > 1)); null on one thread. */
let pool: WorkerPool | null = null;
/** Views of the module's memory; replaced whenever the memory grows (growing replaces its buffer). */
let floats: Float32Array<ArrayBufferLike> = new Float32Array(0);
let integers: Int32Array<ArrayBufferLike> = new Int32Array(0);
/** Runs before the memory is dropped (emptyCache): moves the resident tensors out of it. */
let beforeRelease: (() => void) | null = null;

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
 * The current instance, made on first use (synchronously, so kernels stay plain functions) on the
 * module's own memory, where every operand is copied in and out. `sharedKernelInstance()` replaces it
 * with one on a shared memory when a program first needs that: a tensor large enough to live in the
 * memory, or helper threads.
 */
export function kernelInstance(): KernelInstance {
  current ??= newInstance(instantiate((compiled.private ??= compileKernels('private'))), false);
  return current;
}

/** Whether the engine refused a shared memory (the reason went to threadsUnavailableReason()). */
let sharedRefused = false;

/**
 * The current instance on a shared memory (Node; a cross-origin isolated page), where float32 tensors
 * live (cpu/resident.ts) and helper threads run; null where memory cannot be shared. A private
 * instance is replaced (the kernels keep no state between calls, and nothing lives in a private
 * memory). A program moves to it with its first float32 tensor; one with none (integer work only)
 * keeps the private memory.
 */
export function sharedKernelInstance(): KernelInstance | null {
  if (current?.shared) return current;
  if (sharedRefused || !threadSupport().available) return null;
  const made = sharedInstance();
  if (made === null) {
    sharedRefused = true;
    return null;
  }
  current = newInstance(made, true);
  return current;
}

type Instantiated = Pick<KernelInstance, 'module' | 'exports' | 'memory'>;

function newInstance({ module, exports, memory }: Instantiated, shared: boolean): KernelInstance {
  floats = new Float32Array(0);
  integers = new Int32Array(0);
  const arena = new Arena(memory, exports.heapBase());
  return { module, exports, memory, arena, shared };
}

/** The module on `memory` (imported, shared) or on its own memory. */
function instantiate({ module }: CompiledKernels, memory?: WebAssembly.Memory): Instantiated {
  const exports = new WebAssembly.Instance(module, memory ? { env: { memory } } : {}).exports as unknown as KernelExports;
  return { module, exports, memory: memory ?? exports.memory };
}

/**
 * The module on a new shared memory, or null (with the reason for threadsUnavailableReason()) where
 * the engine refuses one: the kernels then run on one thread, on the module's own memory, copying
 * every operand, as where SharedArrayBuffer is missing.
 */
function sharedInstance(): Instantiated | null {
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    return instantiate((compiled.shared ??= compileKernels('shared')), memory);
  } catch (error) {
    reportThreadFailure(`the kernels' shared WebAssembly memory could not be made: ${(error as Error).message}`);
    return null;
  }
}

/** The current instance if one has been made (since the last `emptyCache()`), else null. */
export function kernelInstanceIfMade(): KernelInstance | null {
  return current ?? null;
}

/** The kernels' exports (see `kernelInstance`). Call it before laying out a call (a `CallFrame` holds the instance it began on). */
export function kernels(): KernelExports {
  return kernelInstance().exports;
}

/** The helper threads if they have been started (kernelPool() starts them), else null. */
export function startedKernelPool(): WorkerPool | null {
  return pool;
}

/**
 * The helper threads for a call with work worth splitting, or null on one thread. With
 * setNumThreads(n > 1) the first such call starts n − 1 helpers on the instance's shared memory;
 * until then, and for programs whose work is all small, no helper thread exists. In a browser the
 * helpers start asynchronously, so calls run on one thread until they are ready. If the helpers
 * cannot start, or one fails, the kernels stay on one thread and threadsUnavailableReason() says why.
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
  const instance = sharedKernelInstance();
  if (instance === null) return null;
  if (pool === null) {
    try {
      pool = new WorkerPool(instance.module, instance.memory, threads - 1);
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
  if (arguments.length > 0) refuseArgumentsPast('wasmKernelVariant', [], arguments);
  compiled.private ??= compileKernels('private');
  return compiled.private.variant;
}

/** Internal: `hook` runs before `releaseKernelMemory` drops a memory (cpu/resident.ts moves its tensors out). */
export function onKernelMemoryRelease(hook: () => void): void {
  beforeRelease = hook;
}

/**
 * Drops the module's memory (`emptyCache()`): a WebAssembly memory can grow but never shrink, so the
 * scratch of the largest call made so far (hundreds of MB after a 4096² product) would stay for the
 * process's life. Tensors living in it are first moved to ordinary typed arrays. The next kernel call
 * instantiates the compiled module again with a fresh memory (and new helper threads on it); the
 * kernels keep no state between calls, so nothing is lost.
 */
export function releaseKernelMemory(): void {
  stopHelpers();
  if (current !== undefined) beforeRelease?.();
  current = undefined;
  floats = new Float32Array(0);
  integers = new Int32Array(0);
}

function stopHelpers(): void {
  pool?.terminate();
  pool = null;
}

// a new number of threads takes effect at the next large call: the helpers stop, the memory stays
// (and a shared memory the engine refused is asked for again, so that the reason is said again)
onThreadCountChange(() => {
  stopHelpers();
  sharedRefused = false;
});

/**
 * Lays out one kernel call in the module's memory. Operands that already live there (resident
 * tensors, cpu/resident.ts) are used where they are; the rest are copied into the call's scratch,
 * whose regions are handed out in order, each aligned, the memory growing as they are reserved, so
 * every region exists by the time a kernel runs. A new frame frees the previous call's scratch: the
 * kernels are synchronous and frames never nest.
 */
export class CallFrame {
  readonly exports: KernelExports;
  private readonly instance: KernelInstance;
  /** Byte ranges of resident operands this call reads in place, [start, end) pairs (made on the first: most calls of a small model have none). */
  private inPlaceReads: number[] | null = null;

  constructor() {
    this.instance = kernelInstance();
    this.exports = this.instance.exports;
    this.instance.arena.beginCall();
  }

  /** Whether the call is laid out in a shared memory, the one helper threads run on. */
  get shared(): boolean {
    return this.instance.shared;
  }

  /** The byte address of a new scratch region of `bytes` bytes (the memory grows to hold it). */
  reserve(bytes: number): number {
    return this.instance.arena.reserveScratch(bytes);
  }

  /**
   * The address of source[offset … offset + count) for the kernel: where it lies when the array lives
   * in this memory, else a copy in the call's scratch. A kernel reads it, or, for an op that updates
   * the array in place (Adam's parameter and moments), updates it, and `copyOut` then copies a copy
   * back (nothing when the kernel worked in place).
   */
  input(source: Float32Array | Int32Array, offset: number, count: number): number {
    const address = this.readInPlace(source, offset, count * 4);
    return address >= 0 ? address : this.copyIn(source, offset, count);
  }

  /**
   * The byte address of array[offset], a stored span of `bytes` bytes the kernel reads in place, when
   * the array lives in this memory (outputs then keep clear of it), else −1.
   */
  readInPlace(array: Float32Array | Int32Array, offset: number, bytes: number): number {
    const address = this.residentAddress(array, offset);
    if (address >= 0) (this.inPlaceReads ??= []).push(address, address + bytes);
    return address;
  }

  /** A new scratch region holding a copy of source[offset … offset + count) (float32 or int32) that the kernel may overwrite; returns its address. */
  copyIn(source: Float32Array | Int32Array, offset: number, count: number): number {
    const address = this.reserve(count * 4);
    const { floats, integers } = this.views();
    (source instanceof Float32Array ? floats : integers).set(source.subarray(offset, offset + count), address / 4);
    return address;
  }

  /**
   * The address the kernel writes target[offset … offset + count) to: the target itself when it lives
   * in this memory and overlaps nothing the call reads in place, else a scratch region that
   * `copyOut` then copies to the target.
   */
  output(target: Float32Array | Int32Array, offset: number, count: number): number {
    const address = this.writeInPlace(target, offset, count * 4);
    return address >= 0 ? address : this.reserve(count * 4);
  }

  /**
   * The byte address of target[offset], a stored span of `bytes` bytes, when the kernel may write it
   * in place (the target lives in this memory and overlaps nothing the call reads in place), else −1.
   */
  writeInPlace(target: Float32Array | Int32Array, offset: number, bytes: number): number {
    const address = this.residentAddress(target, offset);
    return address >= 0 && !this.overlapsReads(address, address + bytes) ? address : -1;
  }

  /** Copies `count` values of the region at `address` to target[offset …] (float32 or int32); nothing when the kernel wrote them there already. */
  copyOut(address: number, target: Float32Array | Int32Array, offset: number, count: number): void {
    if (this.residentAddress(target, offset) === address) return;
    const { floats, integers } = this.views();
    const start = address / 4;
    target.set((target instanceof Float32Array ? floats : integers).subarray(start, start + count), offset);
  }

  /** The byte address of array[offset] when the array is a view of this memory, else −1. */
  residentAddress(array: Float32Array | Int32Array, offset: number): number {
    return holdsView(this.instance, array) ? array.byteOffset + offset * 4 : -1;
  }

  /** Float32 and Int32 views of the whole memory (taken again after it grew). */
  views(): { floats: Float32Array; integers: Int32Array } {
    const buffer = this.instance.arena.buffer;
    if (floats.buffer !== buffer) {
      floats = new Float32Array(buffer);
      integers = new Int32Array(floats.buffer);
    }
    return { floats, integers };
  }

  private overlapsReads(start: number, end: number): boolean {
    const reads = this.inPlaceReads;
    if (reads === null) return false;
    for (let index = 0; index < reads.length; index += 2) if (start < reads[index + 1]! && reads[index]! < end) return true;
    return false;
  }
}

/** Decodes base64 with `atob`, available in browsers and in Node ≥ 16. */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
