import type { DType } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';
import type { Primitive, PrimitiveParams } from './primitives.js';

/** Where the gradient of one input goes: the node that produced it, a leaf to accumulate into, or nowhere. */
export type Edge = { node: Node } | { leaf: Tensor } | null;

export type GradientHook = (gradient: Tensor) => Tensor | void;

/**
 * One recorded primitive application (PyTorch's grad_fn). It keeps the input/output aliases its rule
 * needs (with their versions, to detect in-place changes), the edges to propagate along, and the
 * hooks registered on the tensor it produced.
 */
export class Node {
  released = false;
  // both lists stay null until their first entry: every op makes a node, almost none gets a hook
  /** Hooks registered on the tensor this node produced. */
  hooks: GradientHook[] | null = null;
  /** The output asked for its `.grad` via retainGrad(). */
  retainsGrad = false;
  /**
   * The handle this node produced, so that once a backward pass has consumed the graph, the handles
   * nobody released can be (see finished-graphs.ts). Cleared when the node is released.
   */
  output: Tensor | null = null;
  /**
   * On the node of a gradient that `grad(..., { createGraph: true })` returned: the graph that pass
   * went through and retained. It is released with this node, when a backward pass consumes the
   * gradient's graph (WGAN-GP's penalty), rather than kept for as long as the gradient's handle lives.
   */
  retainedGraph: Node[] | null = null;

  constructor(
    readonly primitive: Primitive,
    readonly params: PrimitiveParams[Primitive],
    readonly edges: Edge[],
    readonly inputShapes: (readonly number[])[],
    readonly inputDtypes: DType[],
    /** Saved input aliases, `undefined` where the rule does not need the value. */
    readonly savedInputs: (Tensor | undefined)[],
    readonly savedVersions: number[],
    readonly outputShape: readonly number[],
    readonly outputDtype: DType,
    public savedOutput: Tensor | undefined,
    public savedOutputVersion: number,
  ) {}

  get name(): string {
    return `${this.primitive[0]!.toUpperCase()}${this.primitive.slice(1)}Backward`;
  }

  /** Frees what the node saved; a later backward through it is an error (retainGraph was false). */
  release(): void {
    if (this.released) return;
    this.released = true;
    for (const saved of this.savedInputs) saved?.dispose();
    this.savedOutput?.dispose();
    this.savedInputs.fill(undefined);
    this.savedOutput = undefined;
    this.output = null;
  }
}
