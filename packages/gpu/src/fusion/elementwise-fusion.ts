import type { MatmulShape, ReduceOp, TensorView, WindowGeometry } from '@dl/tensor';
import { GpuTensorBuffer } from '../backend/gpu-tensor-buffer.js';
import { forwardLabel, runConvolutionForward } from '../kernels/convolution-forward-kernel.js';
import { matmulLabel, runMatmul } from '../kernels/matmul-kernel.js';
import { runReduce } from '../kernels/reduce-kernel.js';
import { type ElementwiseKernel, runElementwise } from '../kernels/strided-elementwise.js';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { runFusedElementwise } from './fused-elementwise-kernel.js';
import { fusedElementProgram, fusedLabel } from './fused-elementwise-source.js';
import { elementCount, FusionGroup, type FusionRoot, isContiguous } from './fusion-group.js';

/**
 * Deferred evaluation of elementwise ops (and of a matmul they consume), so a chain becomes one kernel.
 *
 * An elementwise op whose output is a whole contiguous buffer is not dispatched: it joins the pending
 * group (see FusionGroup), or, when it cannot, the group is encoded and a new one starts with it. A
 * matmul, a forward convolution or a row reduction starts a group of its own, and the elementwise ops
 * that follow run in its store (so ReLU(x·W + b) and ReLU(conv2d(x) + b) are one dispatch). The group is encoded as soon as anything else is about to be: a
 * dispatch, a read, a write, a submit (GpuRuntime.defer), and when a buffer it reads is freed (the pool
 * could hand it out before the kernel runs). Outputs freed before then are never written: that is how
 * intermediates nobody keeps (Module-call temporaries, values autograd does not save) cost no memory
 * traffic, while the ones still referenced are written like any other result.
 */
export class ElementwiseFusion {
  private group: FusionGroup | null = null;
  private readonly maximumBindings: number;

  constructor(private readonly runtime: GpuRuntime) {
    this.maximumBindings = runtime.device.limits.maxStorageBuffersPerShaderStage;
  }

  /** Runs or defers an elementwise op (the backend's unary, binary and where). */
  elementwise(request: ElementwiseKernel): void {
    const { output } = request;
    const count = elementCount(output.shape);
    const deferrable =
      this.runtime.fuse &&
      count > 0 &&
      output.offset === 0 &&
      isContiguous(output) &&
      output.buffer instanceof GpuTensorBuffer &&
      request.inputs.every((input) => input.shape.join() === output.shape.join());
    if (!deferrable) {
      this.encode();
      runElementwise(this.runtime, request);
      return;
    }
    if (this.group?.obstacle(request, this.maximumBindings)) this.encode();
    const group = this.group ?? this.start(new FusionGroup(count));
    group.add(request);
  }

  /** Runs or defers a matmul (deferred, it becomes the root its elementwise consumers fuse into). */
  matmul(a: TensorView, b: TensorView, out: TensorView, shape: MatmulShape): void {
    this.root({
      label: matmulLabel(shape),
      reads: [a.buffer as GpuTensorBuffer, b.buffer as GpuTensorBuffer],
      out,
      run: (epilogue) => runMatmul(this.runtime, a, b, out, shape, epilogue),
    });
  }

  /** Runs or defers a forward convolution (a root like the matmul: its bias is added before the epilogue). */
  convolutionForward(x: TensorView, weight: TensorView, bias: TensorView | null, out: TensorView, geometry: WindowGeometry): void {
    const reads = [x, weight, ...(bias ? [bias] : [])].map((view) => view.buffer as GpuTensorBuffer);
    this.root({
      label: forwardLabel(bias !== null),
      reads,
      out,
      run: (epilogue) => runConvolutionForward(this.runtime, x, weight, bias, out, geometry, epilogue),
    });
  }

  /** Runs or defers a row reduction (a root like the matmul: one element per row). */
  reduce(op: ReduceOp, x: TensorView, out: TensorView): void {
    this.root({
      label: `reduce ${op}`,
      reads: [x.buffer as GpuTensorBuffer],
      out,
      run: (epilogue) => runReduce(this.runtime, op, x, out, epilogue),
    });
  }

  /** Starts a group at `root`, or runs it at once when it cannot be one. */
  private root(root: FusionRoot): void {
    this.encode();
    const count = elementCount(root.out.shape);
    const deferrable =
      this.runtime.fuse &&
      count > 0 &&
      root.out.offset === 0 &&
      isContiguous(root.out) &&
      root.out.buffer instanceof GpuTensorBuffer &&
      root.reads.every((buffer) => buffer instanceof GpuTensorBuffer) &&
      // the epilogue binds at least one output beside what the root reads
      root.reads.length + 1 <= this.maximumBindings;
    if (deferrable) this.start(new FusionGroup(count, root));
    else root.run();
  }

  /**
   * Called before a buffer goes back to the pool. A buffer the group reads is encoded against first;
   * a pending output is just not written (its value stays available to the nodes that use it).
   */
  beforeFree(buffer: GpuTensorBuffer): void {
    if (this.group?.reads.has(buffer)) this.encode();
  }

  /**
   * Called before a host write into a buffer (queue.writeBuffer runs before any encoded command): the
   * group is encoded first only if it uses the buffer. A freshly allocated buffer, what writes
   * normally target, never is, so creating a constant does not end a chain.
   */
  beforeWrite(buffer: GpuTensorBuffer): void {
    if (this.group && (this.group.reads.has(buffer) || this.group.pending.has(buffer))) this.encode();
  }

  /** Encodes the pending group now (a no-op when none is pending). */
  encode(): void {
    this.runtime.materialiseDeferred();
  }

  private start(group: FusionGroup): FusionGroup {
    this.group = group;
    this.runtime.defer(() => this.encodeGroup());
    return group;
  }

  private encodeGroup(): void {
    const group = this.group;
    this.group = null;
    // every output was freed before anything could read it: there is nothing to compute
    if (!group || group.liveOutputs().length === 0) return;
    const { root, nodes } = group;
    // a lone op runs as it would unfused (same kernel, same label, no new pipeline)
    if (nodes.length === 1) {
      if (root) root.run();
      else runElementwise(this.runtime, nodes[0]!.request!);
      return;
    }
    if (!root) {
      runFusedElementwise(this.runtime, group);
      return;
    }
    root.run({
      label: fusedLabel(group),
      program: (firstBinding, firstParameter, rootType) => fusedElementProgram(group, firstBinding, firstParameter, rootType),
    });
  }
}
