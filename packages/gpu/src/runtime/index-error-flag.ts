/**
 * Out-of-range indices on the GPU, reported the way CUDA's device-side assert is: the kernel cannot
 * throw, so it records the first bad index in a small storage buffer, and the next read (or
 * synchronisation) copies that buffer back with its own data and throws an error naming the op,
 * the index and the extent. Until an indexing kernel runs, reads pay nothing; after one, a read
 * adds a 16-byte copy and a clear to its batch.
 *
 * Layout (u32 words): [0] how many bad indices were seen, [1] the dispatch code of the first,
 * [2] the index (i32 bits), [3] the extent it had to be below.
 */
export class IndexErrorFlag {
  private flagBuffer: GPUBuffer | null = null;
  /** Labels of the indexing dispatches since the last check, by code (the kernel reports its code). */
  private labels: string[] = [];

  /**
   * @param enabled false skips the read-back (the kernels still clamp bad indices to 0, silently):
   * for measuring what the check costs, or for code that has validated its indices itself.
   */
  constructor(
    private readonly device: GPUDevice,
    public enabled = true,
  ) {}

  /** The flag buffer (created on first use) and a code naming this dispatch in the error. */
  register(label: string): { buffer: GPUBuffer; code: number } {
    this.flagBuffer ??= this.device.createBuffer({
      label: 'dl index errors',
      size: 16,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    if (!this.enabled) return { buffer: this.flagBuffer, code: 0 };
    this.labels.push(label);
    return { buffer: this.flagBuffer, code: this.labels.length - 1 };
  }

  /** True when an indexing kernel ran since the last check. */
  get pending(): boolean {
    return this.labels.length > 0;
  }

  /**
   * Encodes the copy of the flag into `staging` at byte `at` (16 bytes) and its reset, and returns
   * the labels the codes refer to; call `verdict` once `staging` is mapped.
   */
  encodeCheck(encoder: GPUCommandEncoder, staging: GPUBuffer, at: number): string[] {
    encoder.copyBufferToBuffer(this.flagBuffer!, 0, staging, at, 16);
    encoder.clearBuffer(this.flagBuffer!, 0, 16);
    const labels = this.labels;
    this.labels = [];
    return labels;
  }

  /** The error to throw for a mapped copy of the flag, or null when no index was out of range. */
  static verdict(words: Uint32Array, labels: readonly string[]): Error | null {
    const [count, code, index, extent] = words as unknown as [number, number, number, number];
    if (count === 0) return null;
    const label = labels[code] ?? 'an indexing kernel';
    const others = count > 1 ? ` (${count - 1} more out-of-range reads or writes after it)` : '';
    return new Error(
      `webgpu: ${label}: index ${index | 0} is out of bounds for size ${extent}${others}; ` +
        'reported at the next read, as CUDA reports a device-side assert; the values computed since are not valid',
    );
  }
}

/**
 * The WGSL that records a bad index: binding `binding` is the flag, `code` the dispatch code.
 * `checkedIndex(value, extent)` returns `value` when 0 ≤ value < extent, else records it and
 * returns 0 so the kernel never touches memory outside the tensor.
 */
export function indexCheckWgsl(binding: number, code: string): string {
  return `@group(0) @binding(${binding}) var<storage, read_write> indexErrors: array<atomic<u32>, 4>;
fn checkedIndex(value: i32, extent: i32) -> i32 {
  if (value >= 0 && value < extent) { return value; }
  if (atomicAdd(&indexErrors[0], 1u) == 0u) {
    atomicStore(&indexErrors[1], u32(${code}));
    atomicStore(&indexErrors[2], bitcast<u32>(value));
    atomicStore(&indexErrors[3], u32(extent));
  }
  return 0;
}`;
}
