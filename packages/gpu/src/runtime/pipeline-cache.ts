/** How a kernel binds one buffer; the binding number is its position in the kernel's list. */
export type BindingAccess = 'read' | 'read-write' | 'uniform';

export interface CachedPipeline {
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
}

/**
 * Compiled compute pipelines keyed by their WGSL source (the source already encodes op, dtypes and
 * rank). Layouts are explicit, so a binding a shader happens not to use never breaks the bind group.
 */
export class PipelineCache {
  private readonly pipelines = new Map<string, CachedPipeline>();

  constructor(
    private readonly device: GPUDevice,
    private readonly onCompile: (label: string, source: string) => void,
  ) {}

  get(label: string, source: string, access: readonly BindingAccess[]): CachedPipeline {
    const key = `${access.join(',')}\n${source}`;
    const cached = this.pipelines.get(key);
    if (cached) return cached;
    this.onCompile(label, source);
    const layout = this.device.createBindGroupLayout({
      label,
      entries: access.map((kind, binding) => ({
        binding,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: kind === 'uniform' ? 'uniform' : kind === 'read' ? 'read-only-storage' : 'storage' },
      })),
    });
    const module = this.device.createShaderModule({ label, code: source });
    const pipeline = this.device.createComputePipeline({
      label,
      layout: this.device.createPipelineLayout({ label, bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: 'main' },
    });
    const entry = { pipeline, layout };
    this.pipelines.set(key, entry);
    return entry;
  }

  get size(): number {
    return this.pipelines.size;
  }
}
