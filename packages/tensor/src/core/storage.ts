import { getBackend, type Backend, type BackendBuffer } from './backend.js';
import { bytesPerElement, type DType } from './dtype.js';
import { countersFor, type DeviceCounters } from './memory.js';

/**
 * A storage's accounts, apart from its buffer: the garbage-collection safety net keeps these (and
 * never the buffer) until its callback runs, so a dropped CPU buffer goes with the next collection
 * rather than waiting for the event loop to turn (DESIGN §3).
 */
export class StorageLedger {
  /** Tensor handles (and saved-for-backward aliases) that hold the storage. */
  references = 0;

  constructor(
    readonly bytes: number,
    /** The device's `memory()` counters, looked up once here rather than in a Map on every handle and free. */
    readonly counters: DeviceCounters,
  ) {
    counters.bytesInUse += bytes;
  }

  /** Counted in `bytesCached` rather than `bytesInUse`: a framework cache's storage (shared scalar constants). */
  cached = false;

  /** Moves the bytes to the device's cache counter (see `cached`). */
  markCached(): void {
    this.cached = true;
    this.counters.bytesInUse -= this.bytes;
    this.counters.bytesCached += this.bytes;
  }

  /**
   * Where the buffer lives when the backend must free it itself even after the collector took every
   * handle (a CPU tensor living in the kernels' WebAssembly memory, cpu/resident.ts): a number the
   * backend gave, and what gives it back. The ledger, not the storage, carries it, because the
   * safety net's callback sees only ledgers.
   */
  region = -1;
  releaseRegion: ((region: number) => void) | null = null;

  /** The last holder is gone: the bytes leave the counters (and a region goes back to its backend). */
  freed(): void {
    if (this.cached) this.counters.bytesCached -= this.bytes;
    else this.counters.bytesInUse -= this.bytes;
    if (this.region >= 0) {
      this.releaseRegion!(this.region);
      this.region = -1;
    }
  }

  /** One holder gone without an explicit free (the collector took it): settles the counters only. */
  settle(): void {
    this.counters.liveTensors--;
    if (--this.references === 0) this.freed();
  }
}

/**
 * A buffer on one device, shared by every view of it. Its ledger counts tensor handles; when the last
 * one is released the buffer goes back to the backend at once. `version` counts in-place writes so
 * autograd can tell when a tensor saved for backward was changed (PyTorch's version counter).
 */
export class Storage {
  version = 0;
  readonly ledger: StorageLedger;

  constructor(
    readonly backend: Backend,
    /**
     * The backend's buffer. Replaced only by the CPU backend's `emptyCache()`, which moves the
     * tensors living in the WebAssembly memory it drops to ordinary typed arrays (same values).
     */
    public buffer: BackendBuffer,
    readonly dtype: DType,
    readonly size: number,
  ) {
    this.ledger = new StorageLedger(size * bytesPerElement(dtype), countersFor(backend.device));
    backend.adopt?.(this);
  }

  static allocate(device: string, dtype: DType, size: number): Storage {
    const backend = getBackend(device);
    return new this(backend, backend.allocate(dtype, size), dtype, size);
  }

  get device(): string {
    return this.backend.device;
  }

  get bytes(): number {
    return this.ledger.bytes;
  }

  get counters(): DeviceCounters {
    return this.ledger.counters;
  }

  get references(): number {
    return this.ledger.references;
  }

  retain(): void {
    this.ledger.references++;
  }

  release(): void {
    const ledger = this.ledger;
    if (--ledger.references === 0) {
      this.backend.free(this.buffer);
      ledger.freed();
    }
  }
}
