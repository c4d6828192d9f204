import { BufferPool } from './buffer-pool.js';
import { DeviceBytes } from './device-bytes.js';
import { IndexErrorFlag } from './index-error-flag.js';
import { KernelTimer } from './kernel-timer.js';
import { PipelineCache, type BindingAccess } from './pipeline-cache.js';

export interface RuntimeOptions {
  /** Log every generated WGSL program when it is first compiled. */
  debug?: boolean;
  /** Submit the shared command encoder after this many dispatches even without a read (default 64). */
  dispatchesPerSubmit?: number;
  /** Most bytes the storage-buffer pool keeps for reuse before destroying the oldest (default 256 MiB). */
  poolLimitBytes?: number;
  /** Raise out-of-range indices of gather/scatter at the next read (default true; see index-error-flag.ts). */
  checkIndices?: boolean;
  /**
   * Compile chains of elementwise ops, and elementwise consumers of a matmul, into one kernel
   * (default true; see fusion/elementwise-fusion.ts). `runtime.fuse` switches it later.
   */
  fuse?: boolean;
  /**
   * Time every kernel on the GPU with timestamp queries (`kernelTimes()`); needs the adapter's
   * `timestamp-query` feature, which `init` then requests (default false).
   */
  profile?: boolean;
}

/** What each option left out means. */
export const runtimeDefaults = {
  debug: false,
  dispatchesPerSubmit: 64,
  poolLimitBytes: 256 * 2 ** 20,
  checkIndices: true,
  fuse: true,
  profile: false,
} as const satisfies Required<RuntimeOptions>;

export interface KernelBinding {
  buffer: GPUBuffer;
  access: Exclude<BindingAccess, 'uniform'>;
}

export interface DispatchRequest {
  /** Names the kernel in errors and debug output. */
  label: string;
  source: string;
  /** Storage buffers, bound at 0..n-1 in this order. */
  bindings: KernelBinding[];
  /** Uniform parameters, bound at n (after the storage buffers) when given. */
  parameters?: ArrayBufferView;
  workgroups: readonly [number, number, number];
}

const storageUsage = () => GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;

/**
 * The device-side engine: one shared command encoder that collects dispatches until a read needs the
 * results (or `dispatchesPerSubmit` is reached), cached pipelines, pooled storage, uniform and staging
 * buffers, and a record of validation errors so a broken shader fails the next read instead of
 * silently leaving zeros.
 */
export class GpuRuntime {
  readonly storagePool: BufferPool;
  readonly stagingPool: BufferPool;
  private readonly uniformPool: BufferPool;
  private readonly pipelines: PipelineCache;
  private encoder: GPUCommandEncoder | null = null;
  private pendingDispatches = 0;
  /** Work to do once the current encoder is submitted (buffers that its commands still use). */
  private afterSubmit: (() => void)[] = [];
  private readonly errors: string[] = [];
  /** Error scopes of submitted batches whose verdict has not been awaited yet. */
  private pendingScopes: Promise<void>[] = [];
  readonly dispatchesPerSubmit: number;
  /** Out-of-range indices recorded by indexing kernels, raised at the next read. */
  readonly indexErrors: IndexErrorFlag;
  /** Counters for tests and profiling (see `statistics()` in init.ts). */
  readonly statistics = { dispatches: 0, submits: 0, compiles: 0, asyncCompiles: 0 };
  /** Dispatches per kernel label, for reports of where the dispatches of a step go. */
  readonly dispatchesByKernel = new Map<string, number>();
  /** Bytes of every GPU buffer the pools have created and not destroyed, and their peak. */
  readonly deviceBytes = new DeviceBytes();
  /** Whether elementwise ops are deferred and fused (RuntimeOptions.fuse); may be switched at any time. */
  fuse: boolean;
  /** Work recorded but not yet encoded (a pending fusion group), encoded before anything else is. */
  private deferred: (() => void) | null = null;
  /** GPU time per kernel, with RuntimeOptions.profile. */
  readonly timer: KernelTimer | null;

  constructor(
    readonly device: GPUDevice,
    readonly options: RuntimeOptions = {},
  ) {
    this.dispatchesPerSubmit = options.dispatchesPerSubmit ?? runtimeDefaults.dispatchesPerSubmit;
    this.fuse = options.fuse ?? runtimeDefaults.fuse;
    this.indexErrors = new IndexErrorFlag(device, options.checkIndices ?? runtimeDefaults.checkIndices);
    if (options.profile && !device.features.has('timestamp-query'))
      throw new Error("webgpu profile: timing kernels needs a device created with the 'timestamp-query' feature");
    this.timer = options.profile ? new KernelTimer(device) : null;
    const bytes = this.deviceBytes;
    this.storagePool = new BufferPool(device, storageUsage(), 'dl tensor', options.poolLimitBytes ?? runtimeDefaults.poolLimitBytes, bytes);
    this.stagingPool = new BufferPool(device, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, 'dl readback', 64 * 2 ** 20, bytes);
    this.uniformPool = new BufferPool(device, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, 'dl parameters', 2 ** 20, bytes);
    this.pipelines = new PipelineCache(device, (label, source, mode) => {
      if (mode === 'sync') this.statistics.compiles++;
      else this.statistics.asyncCompiles++;
      if (options.debug) console.log(`[@dl/gpu] compiling ${label}:\n${source}`);
    });
    device.addEventListener('uncapturederror', (event) => {
      const message = (event as GPUUncapturedErrorEvent).error.message;
      this.errors.push(message);
      if (options.debug) console.error(`[@dl/gpu] ${message}`);
    });
  }

  /**
   * Registers the encoder of deferred work (at most one: a new registration replaces the last, which
   * its owner has encoded or dropped). It runs before any other command is encoded, before a submit,
   * and from `materialiseDeferred`, so whatever reads or writes a buffer afterwards sees its result.
   */
  defer(encode: () => void): void {
    this.deferred = encode;
  }

  /** Encodes the deferred work now, if any (reads, writes and statistics call this). */
  materialiseDeferred(): void {
    const encode = this.deferred;
    if (!encode) return;
    // cleared first: encoding it dispatches, which would otherwise come back here
    this.deferred = null;
    encode();
  }

  /** The shared encoder, created on first use after each submit. */
  commandEncoder(): GPUCommandEncoder {
    this.materialiseDeferred();
    if (!this.encoder) {
      // every batch runs inside a validation scope, so its errors are tied to the batch and awaited on read
      this.device.pushErrorScope('validation');
      this.encoder = this.device.createCommandEncoder({ label: 'dl batch' });
    }
    return this.encoder;
  }

  /** Runs `task` after the pending commands are submitted (at once when nothing is pending). */
  whenSubmitted(task: () => void): void {
    if (this.encoder) this.afterSubmit.push(task);
    else task();
  }

  /**
   * Compiles a kernel's pipeline asynchronously ahead of its first dispatch (PipelineCache.prepare),
   * for kernels that know what will run next. A compile error is recorded like a validation error, so
   * the next read throws it.
   */
  prepare(request: { label: string; source: string; access: readonly BindingAccess[] }): void {
    this.pipelines.prepare(request.label, request.source, request.access).catch((error: unknown) => {
      this.errors.push(`compiling ${request.label} ahead of use: ${(error as Error).message}`);
    });
  }

  /** Resolves when the pipelines being compiled ahead of use are ready (tests; a dispatch never waits). */
  pipelinesPrepared(): Promise<void> {
    return this.pipelines.settled().catch(() => undefined);
  }

  /** Encodes one compute dispatch into the shared encoder. */
  dispatch(request: DispatchRequest): void {
    const { label, source, bindings, parameters, workgroups } = request;
    const access: BindingAccess[] = bindings.map((binding) => binding.access);
    if (parameters) access.push('uniform');
    const { pipeline, layout } = this.pipelines.get(label, source, access);
    // a batch times at most KernelTimer.capacity dispatches
    if (this.timer?.full) this.flush();
    const encoder = this.commandEncoder();
    const buffers = this.separateAliases(encoder, bindings);
    if (parameters) {
      const uniform = this.uniformPool.acquire(parameters.byteLength);
      this.device.queue.writeBuffer(uniform, 0, parameters.buffer, parameters.byteOffset, parameters.byteLength);
      buffers.push(uniform);
      this.afterSubmit.push(() => this.uniformPool.release(uniform));
    }
    const bindGroup = this.device.createBindGroup({
      label,
      layout,
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const pass = encoder.beginComputePass(this.timer ? { label, timestampWrites: this.timer.passTimestamps(label) } : { label });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(workgroups[0], workgroups[1], workgroups[2]);
    pass.end();
    this.statistics.dispatches++;
    this.dispatchesByKernel.set(label, (this.dispatchesByKernel.get(label) ?? 0) + 1);
    if (++this.pendingDispatches >= this.dispatchesPerSubmit) this.flush();
  }

  /**
   * WebGPU forbids binding one buffer as writable storage and as anything else in the same dispatch
   * (e.g. `x.copy_(x.flip(0))`): such inputs are read from a snapshot copy instead.
   */
  private separateAliases(encoder: GPUCommandEncoder, bindings: KernelBinding[]): GPUBuffer[] {
    const written = new Set(bindings.filter((binding) => binding.access === 'read-write').map((binding) => binding.buffer));
    const snapshots = new Map<GPUBuffer, GPUBuffer>();
    return bindings.map(({ buffer, access }) => {
      if (access === 'read-write' || !written.has(buffer)) return buffer;
      let snapshot = snapshots.get(buffer);
      if (!snapshot) {
        snapshot = this.storagePool.acquire(buffer.size);
        encoder.copyBufferToBuffer(buffer, 0, snapshot, 0, buffer.size);
        snapshots.set(buffer, snapshot);
        const taken = snapshot;
        this.afterSubmit.push(() => this.storagePool.release(taken));
      }
      return snapshot;
    });
  }

  /** Submits the shared encoder (if anything is pending) and runs the deferred releases. */
  flush(): void {
    this.materialiseDeferred();
    if (!this.encoder) return;
    const readTimes = this.timer?.resolve(this.encoder);
    const commands = this.encoder.finish();
    this.encoder = null;
    this.pendingDispatches = 0;
    this.device.queue.submit([commands]);
    this.pendingScopes.push(
      this.device.popErrorScope().then((error) => {
        if (error) this.errors.push(error.message);
      }),
    );
    this.statistics.submits++;
    readTimes?.();
    const tasks = this.afterSubmit;
    this.afterSubmit = [];
    for (const task of tasks) task();
  }

  /** Awaits the error scopes of submitted batches, then throws what they (or `uncapturederror`) caught. */
  async settle(operation: string): Promise<void> {
    const scopes = this.pendingScopes;
    this.pendingScopes = [];
    await Promise.all(scopes);
    this.throwIfErrors(operation);
  }

  /** Throws the validation errors collected since the last check (a broken kernel fails loudly). */
  throwIfErrors(operation: string): void {
    if (this.errors.length === 0) return;
    const messages = this.errors.splice(0);
    throw new Error(`webgpu: ${operation} found ${messages.length} GPU error(s); the first: ${messages[0]}`);
  }

  get pooledBytes(): number {
    return this.storagePool.pooledBytes + this.stagingPool.pooledBytes;
  }

  /** Destroys every pooled buffer (storage and staging). */
  trimPools(): void {
    this.flush();
    this.storagePool.trim(0);
    this.stagingPool.trim(0);
    this.uniformPool.trim(0);
  }

  get pipelineCount(): number {
    return this.pipelines.size;
  }
}
