/**
 * Bytes of GPU buffers the runtime has created and not destroyed (storage, readback staging and
 * uniform pools together, pooled buffers included): what the device holds for @dl, and its peak
 * since the last reset (bench/gpu.mjs's peak GPU memory). Buffer sizes are size classes, so this is
 * what was really allocated, not the tensors' byte counts.
 */
export class DeviceBytes {
  live = 0;
  peak = 0;

  created(bytes: number): void {
    this.live += bytes;
    if (this.live > this.peak) this.peak = this.live;
  }

  destroyed(bytes: number): void {
    this.live -= bytes;
  }

  /** Starts a new peak from what is held now. */
  resetPeak(): void {
    this.peak = this.live;
  }
}
