/** How a kernel binds one buffer; the binding number is its position in the kernel's list. */
export type BindingAccess = 'read' | 'read-write' | 'uniform';

export interface CachedPipeline {
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
}

/**
 * Compiled compute pipelines keyed by their WGSL source and binding layout (the source already encodes
 * op, dtypes, rank and variant). Layouts are explicit, so a binding a shader happens not to use never
 * breaks the bind group.
 *
 * Two ways in: `get` compiles synchronously on first use (a dispatch cannot wait), and `prepare`
 * compiles ahead of first use with createComputePipelineAsync, where a kernel already knows what
 * will run next (a convolution's forward knows its two gradients' shapes), so the driver compiles
 * while other work runs and the later `get` finds the pipeline ready. A `get` that comes before the
 * asynchronous compile has finished compiles synchronously; whichever finishes first is kept.
 */
export class PipelineCache {
  private readonly pipelines = new Map<string, CachedPipeline>();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly device: GPUDevice,
    private readonly onCompile: (label: string, source: string, mode: 'sync' | 'async') => void,
  ) {}

  get(label: string, source: string, access: readonly BindingAccess[]): CachedPipeline {
    const key = keyOf(source, access);
    const cached = this.pipelines.get(key);
    if (cached) return cached;
    this.onCompile(label, source, 'sync');
    const { layout, descriptor } = this.describe(label, source, access);
    const entry = { pipeline: this.device.createComputePipeline(descriptor), layout };
    this.pipelines.set(key, entry);
    return entry;
  }

  /** Compiles the pipeline asynchronously unless it is cached or already being compiled; resolves when it is ready. */
  prepare(label: string, source: string, access: readonly BindingAccess[]): Promise<void> {
    const key = keyOf(source, access);
    if (this.pipelines.has(key)) return Promise.resolve();
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    this.onCompile(label, source, 'async');
    const { layout, descriptor } = this.describe(label, source, access);
    const compiled = this.device
      .createComputePipelineAsync(descriptor)
      .then((pipeline) => {
        if (!this.pipelines.has(key)) this.pipelines.set(key, { pipeline, layout });
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, compiled);
    return compiled;
  }

  /** Resolves when every asynchronous compile started so far has finished (rejects with a compile error). */
  async settled(): Promise<void> {
    await Promise.all(this.pending.values());
  }

  private describe(
    label: string,
    source: string,
    access: readonly BindingAccess[],
  ): { layout: GPUBindGroupLayout; descriptor: GPUComputePipelineDescriptor } {
    const layout = this.device.createBindGroupLayout({
      label,
      entries: access.map((kind, binding) => ({
        binding,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: kind === 'uniform' ? 'uniform' : kind === 'read' ? 'read-only-storage' : 'storage' },
      })),
    });
    const module = this.device.createShaderModule({ label, code: source });
    return {
      layout,
      descriptor: {
        label,
        layout: this.device.createPipelineLayout({ label, bindGroupLayouts: [layout] }),
        compute: { module, entryPoint: 'main' },
      },
    };
  }

  get size(): number {
    return this.pipelines.size;
  }
}

function keyOf(source: string, access: readonly BindingAccess[]): string {
  return `${access.join(',')}\n${source}`;
}
