import type { DType } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';
import type { Primitive, PrimitiveParams } from './primitives.js';

/**
 * Where the gradient of one input goes: the node that produced it, the leaf tensor to accumulate
 * into, or nowhere. No wrapper object: `isTensor` tells a leaf from a node (every op with a graph
 * makes one edge per input, and a wrapper was 32 bytes of each).
 */
export type Edge = Node | Tensor | null;

/** What a consumed node's lists and params become: frozen, so a stray write throws. */
const NONE = Object.freeze([]) as never[];
const NO_PARAMS = Object.freeze({}) as never;

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
    public params: PrimitiveParams[Primitive],
    readonly edges: Edge[],
    public inputShapes: (readonly number[])[],
    public inputDtypes: DType[],
    /** Saved input aliases, `undefined` where the rule does not need the value. */
    public savedInputs: (Tensor | undefined)[],
    public savedVersions: number[],
    readonly outputShape: readonly number[],
    readonly outputDtype: DType,
    public savedOutput: Tensor | undefined,
    public savedOutputVersion: number,
  ) {}

  get name(): string {
    return `${this.primitive[0]!.toUpperCase()}${this.primitive.slice(1)}Backward`;
  }

  /**
   * Frees what the node saved; a later backward through it is an error (retainGraph was false).
   * A consumed node keeps its edges, and nothing else: the handles of a consumed graph (the loss, the
   * model's output) are kept for reading for two more steps (finished-graphs.ts), and the graph's
   * every node stays reachable through them. The edges are what `grad()` needs to tell whether a new
   * graph reaches a captured tensor through this one (and so must fail, as in PyTorch); the rest
   * (per node four arrays, the input shapes and the params) was a sixth of what survived each young
   * collection of the moons DataLoader loop (62 → 50 KB; issue #11).
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    for (const saved of this.savedInputs) saved?.dispose();
    this.savedOutput?.dispose();
    this.savedOutput = undefined;
    this.output = null;
    this.savedInputs = this.savedVersions = this.inputShapes = this.inputDtypes = NONE;
    this.params = NO_PARAMS;
  }
}
