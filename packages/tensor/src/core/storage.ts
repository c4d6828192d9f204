import { getBackend, type Backend, type BackendBuffer } from './backend.js';
import { bytesPerElement, type DType } from './dtype.js';
import { countersFor, type DeviceCounters } from './memory.js';

/**
 * A buffer on one device, shared by every view of it. `references` counts tensor handles (and saved-
 * for-backward aliases); at zero the buffer goes back to the backend at once. `version` counts in-place
 * writes so autograd can tell when a tensor saved for backward was changed (PyTorch's version counter).
 */
export class Storage {
  references = 0;
  version = 0;
  readonly bytes: number;
  /** The device's `memory()` counters, looked up once here rather than in a Map on every handle and free. */
  readonly counters: DeviceCounters;

  constructor(
    readonly backend: Backend,
    readonly buffer: BackendBuffer,
    readonly dtype: DType,
    readonly size: number,
  ) {
    this.bytes = size * bytesPerElement(dtype);
    this.counters = countersFor(backend.device);
    this.counters.bytesInUse += this.bytes;
  }

  static allocate(device: string, dtype: DType, size: number): Storage {
    const backend = getBackend(device);
    return new Storage(backend, backend.allocate(dtype, size), dtype, size);
  }

  get device(): string {
    return this.backend.device;
  }

  retain(): void {
    this.references++;
  }

  release(): void {
    if (--this.references === 0) {
      this.backend.free(this.buffer);
      this.counters.bytesInUse -= this.bytes;
    }
  }
}
