import type { DType, TensorView } from '@dl/tensor';
import { GpuTensorBuffer } from '../backend/gpu-tensor-buffer.js';
import type { ElementwiseKernel } from '../kernels/strided-elementwise.js';
import { mergeAxes } from '../kernels/merge-axes.js';
import type { Typed, WgslType } from '../kernels/wgsl-types.js';
import type { FusedElementProgram } from './fused-elementwise-source.js';

/** Where a node's operand comes from: a strided read of a materialised buffer, or an earlier node's value. */
export type Operand = { kind: 'leaf'; leaf: number } | { kind: 'node'; node: number };

/** A materialised tensor view read by the group, its axes merged (so a contiguous view is rank 1). */
export interface Leaf {
  /** Index into `FusionGroup.buffers` (views of one buffer share its binding). */
  binding: number;
  dtype: DType;
  offset: number;
  shape: number[];
  strides: number[];
}

/** One deferred op: its value is `compute` of its operands, stored (converted) as `dtype`. */
export interface FusionNode {
  label: string;
  operands: Operand[];
  /** Absent for the root (the root kernel's value, handed to the epilogue). */
  compute?: (values: Typed[]) => Typed;
  dtype: DType;
  /** Written when the group is encoded, unless freed by then. */
  output: GpuTensorBuffer;
  /** The op as recorded, to run it unfused when it ends up alone in its group. */
  request?: ElementwiseKernel;
}

/**
 * Elementwise work a kernel does where it stores its result, instead of writing it: it calls
 * `writeElement(index, value)` with the result's linear index, and the program's bindings and
 * parameters follow the kernel's own (fused-elementwise-source.ts writes the program).
 */
export interface KernelEpilogue {
  label: string;
  program: (firstBinding: number, firstParameter: number, rootType: WgslType) => FusedElementProgram;
}

/**
 * A kernel whose result the group's elementwise nodes start from (a matmul, a convolution): its
 * output is contiguous from offset 0, so its element i is element i of the group.
 */
export interface FusionRoot {
  /** The kernel's own label, e.g. `matmul Bᵀ`. */
  label: string;
  /** Buffers it reads, each a storage binding. */
  reads: GpuTensorBuffer[];
  out: TensorView;
  /** Runs the kernel: alone it writes `out`, with an epilogue it hands each value to the epilogue. */
  run(epilogue?: KernelEpilogue): void;
}

/** Most nodes in one group: keeps generated kernels (and the compile of a new one) small. */
export const MAXIMUM_NODES = 32;

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, extent) => product * extent, 1);
}

/** Whether a view steps through its elements in row-major order with no gaps (size-1 axes ignored). */
export function isContiguous(view: Pick<TensorView, 'shape' | 'strides'>): boolean {
  let expected = 1;
  for (let axis = view.shape.length - 1; axis >= 0; axis--) {
    const extent = view.shape[axis]!;
    if (extent === 1) continue;
    if (view.strides[axis] !== expected) return false;
    expected *= extent;
  }
  return true;
}

/**
 * The ops recorded since the last encode, all over `count` elements in row-major order: what
 * `ElementwiseFusion` compiles into one kernel. Every node writes a contiguous buffer from offset 0
 * (element i of the group is element i of every output), so a later op reading that whole buffer in
 * order takes the node's value instead of a load; other inputs are leaves, read with their strides.
 */
export class FusionGroup {
  readonly nodes: FusionNode[] = [];
  readonly leaves: Leaf[] = [];
  /** Distinct buffers the leaves read, in binding order. */
  readonly buffers: GpuTensorBuffer[] = [];
  /** Buffers the group reads: the leaves' and the root's (freeing or writing one must encode first). */
  readonly reads = new Set<GpuTensorBuffer>();
  /** Outputs not yet written, to the node computing them. */
  readonly pending = new Map<GpuTensorBuffer, number>();
  private readonly leafKeys = new Map<string, number>();

  constructor(
    readonly count: number,
    readonly root: FusionRoot | null = null,
  ) {
    if (root) {
      for (const buffer of root.reads) this.reads.add(buffer);
      this.nodes.push({ label: root.label, operands: [], dtype: root.out.dtype, output: root.out.buffer as GpuTensorBuffer });
      this.pending.set(root.out.buffer as GpuTensorBuffer, 0);
    }
  }

  /** Whether `view` reads a pending output exactly as it will be written: the node's value can stand in. */
  readsPendingInOrder(view: TensorView): boolean {
    return (
      this.pending.has(view.buffer as GpuTensorBuffer) && view.offset === 0 && isContiguous(view) && elementCount(view.shape) === this.count
    );
  }

  /** Outputs still to be written (a freed output is not). */
  liveOutputs(): FusionNode[] {
    return this.nodes.filter((node) => !node.output.released);
  }

  /** Storage buffers the encoded kernel binds: the root's, the leaves' buffers, the live outputs. */
  storageBindings(): number {
    return (this.root?.reads.length ?? 0) + this.buffers.length + this.liveOutputs().length;
  }

  /**
   * Why `request` cannot join (null when it can): it must cover the group's elements, write a buffer
   * the group neither reads nor writes yet, read pending outputs only in order, and keep the kernel
   * within `maximumBindings` storage buffers.
   */
  obstacle(request: ElementwiseKernel, maximumBindings: number): string | null {
    if (elementCount(request.output.shape) !== this.count) return 'another element count';
    if (this.nodes.length >= MAXIMUM_NODES) return 'the group is full';
    const output = request.output.buffer as GpuTensorBuffer;
    if (this.reads.has(output) || this.pending.has(output)) return 'it writes a buffer the group uses';
    const newBuffers = new Set<GpuTensorBuffer>();
    for (const input of request.inputs) {
      const buffer = input.buffer as GpuTensorBuffer;
      if (this.pending.has(buffer)) {
        if (!this.readsPendingInOrder(input)) return 'it reads a pending output out of order';
      } else if (!this.buffers.includes(buffer)) newBuffers.add(buffer);
    }
    if (this.storageBindings() + newBuffers.size + 1 > maximumBindings) return 'the storage binding limit';
    return null;
  }

  /** Records `request` (its `obstacle` must be null). */
  add(request: ElementwiseKernel): void {
    const operands = request.inputs.map((input): Operand => {
      const pending = this.pending.get(input.buffer as GpuTensorBuffer);
      return pending === undefined ? { kind: 'leaf', leaf: this.leafOf(input) } : { kind: 'node', node: pending };
    });
    const output = request.output.buffer as GpuTensorBuffer;
    this.nodes.push({ label: request.label, operands, compute: request.compute, dtype: request.output.dtype, output, request });
    this.pending.set(output, this.nodes.length - 1);
  }

  private leafOf(view: TensorView): number {
    const buffer = view.buffer as GpuTensorBuffer;
    if (!(buffer instanceof GpuTensorBuffer)) throw new Error("webgpu: the tensor's buffer does not belong to the webgpu device");
    let binding = this.buffers.indexOf(buffer);
    if (binding < 0) binding = this.buffers.push(buffer) - 1;
    this.reads.add(buffer);
    const layout = mergeAxes(view.shape, [view.strides]);
    const key = `${binding}:${view.offset}:${layout.shape}:${layout.strides[0]}`;
    let leaf = this.leafKeys.get(key);
    if (leaf === undefined) {
      leaf = this.leaves.push({ binding, dtype: view.dtype, offset: view.offset, shape: layout.shape, strides: layout.strides[0]! }) - 1;
      this.leafKeys.set(key, leaf);
    }
    return leaf;
  }
}
