/** GPU time spent in one kernel (by label) since `init()` or the last `resetKernelTimes()`. */
export interface KernelTime {
  kernel: string;
  dispatches: number;
  /** Sum of the kernel's passes, from the GPU's clock (Chrome rounds timestamps to 100 µs by default). */
  milliseconds: number;
}

/**
 * GPU time per kernel from timestamp queries (the `timestamp-query` feature, `init({ profile: true })`).
 * Every dispatch runs in its own compute pass, which writes the GPU clock at its beginning and end into
 * a query set (two slots per dispatch). Before a batch is submitted its slots are resolved into a
 * buffer and copied to a mappable one; after the submit that one is read back asynchronously and
 * each end − beginning is added to its kernel's total. The query set is reused by the next batch:
 * commands of one queue run in submission order, so the resolve has read the slots by then.
 */
export class KernelTimer {
  /** Dispatches one batch can time; the runtime submits a full batch early. */
  static readonly capacity = 256;
  private readonly querySet: GPUQuerySet;
  /** Labels of the current batch's timed dispatches, in slot order. */
  private labels: string[] = [];
  private readonly totals = new Map<string, { dispatches: number; nanoseconds: number }>();
  private readBacks: Promise<void>[] = [];

  constructor(private readonly device: GPUDevice) {
    this.querySet = device.createQuerySet({ label: 'dl kernel times', type: 'timestamp', count: 2 * KernelTimer.capacity });
  }

  get full(): boolean {
    return this.labels.length === KernelTimer.capacity;
  }

  /** The `timestampWrites` of the next dispatch's pass. */
  passTimestamps(label: string): GPUComputePassTimestampWrites {
    const slot = 2 * this.labels.push(label) - 2;
    return { querySet: this.querySet, beginningOfPassWriteIndex: slot, endOfPassWriteIndex: slot + 1 };
  }

  /**
   * Encodes the resolve of the batch's slots into `encoder` (just before it is finished); returns what
   * to call once the batch is submitted, or null when nothing was timed.
   */
  resolve(encoder: GPUCommandEncoder): (() => void) | null {
    const labels = this.labels;
    if (labels.length === 0) return null;
    this.labels = [];
    const bytes = 16 * labels.length;
    const resolved = this.device.createBuffer({
      label: 'dl kernel times',
      size: bytes,
      usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
    });
    const readable = this.device.createBuffer({
      label: 'dl kernel times',
      size: bytes,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    encoder.resolveQuerySet(this.querySet, 0, 2 * labels.length, resolved, 0);
    encoder.copyBufferToBuffer(resolved, 0, readable, 0, bytes);
    return () => {
      this.readBacks.push(
        readable.mapAsync(GPUMapMode.READ).then(() => {
          const stamps = new BigUint64Array(readable.getMappedRange());
          labels.forEach((label, index) => this.add(label, Number(stamps[2 * index + 1]! - stamps[2 * index]!)));
          readable.unmap();
          readable.destroy();
          resolved.destroy();
        }),
      );
    };
  }

  /** The totals once every submitted batch has been read back, longest first. */
  async report(): Promise<KernelTime[]> {
    while (this.readBacks.length > 0) await Promise.all(this.readBacks.splice(0));
    return [...this.totals]
      .map(([kernel, { dispatches, nanoseconds }]) => ({ kernel, dispatches, milliseconds: nanoseconds / 1e6 }))
      .sort((a, b) => b.milliseconds - a.milliseconds);
  }

  reset(): void {
    this.totals.clear();
  }

  private add(label: string, nanoseconds: number): void {
    const total = this.totals.get(label) ?? { dispatches: 0, nanoseconds: 0 };
    total.dispatches++;
    // a clock that runs backwards between passes (some drivers) counts as zero, not as negative time
    total.nanoseconds += Math.max(0, nanoseconds);
    this.totals.set(label, total);
  }
}
