import { isTensor } from '../core/brand.js';
import { formatShape } from '../core/shape.js';
import { escapeScopes, scope } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { enableGrad, noGrad } from './grad-mode.js';
import { retireFinishedGraph } from './finished-graphs.js';
import type { Edge, Node } from './node.js';
import type { Primitive, Rule } from './primitives.js';
import { rules } from './rules.js';

/** Options of `backward()` and `grad()`. */
export interface BackwardOptions {
  /** Keep the graph (what nodes saved) for another backward pass through it. Default false. */
  retainGraph?: boolean;
  /** Record the backward pass itself, so the gradients can be differentiated again (WGAN-GP). Default false. */
  createGraph?: boolean;
}

/** Nodes reachable from `roots`, each after every node that consumes its output (reverse topological). */
function topologicalOrder(roots: Node[]): Node[] {
  const visited = new Set<Node>();
  const postOrder: Node[] = [];
  // iterative DFS (graphs of long training unrolls, RNNs, are deeper than the call stack); the stack is
  // two parallel arrays, a node and the index of its next edge, so every access sees one array shape
  const nodes: Node[] = [];
  const nextEdges: number[] = [];
  for (const root of roots) {
    visited.add(root);
    nodes.push(root);
    nextEdges.push(0);
  }
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const node = nodes[top]!;
    const next = nextEdges[top]!;
    if (next < node.edges.length) {
      nextEdges[top] = next + 1;
      const edge = node.edges[next];
      if (edge && !isTensor(edge) && !visited.has(edge)) {
        visited.add(edge);
        nodes.push(edge);
        nextEdges.push(0);
      }
    } else {
      nodes.pop();
      nextEdges.pop();
      postOrder.push(node);
    }
  }
  return postOrder.reverse();
}

/**
 * For grad(): the nodes from which a captured tensor can be reached, the only ones whose rules need
 * to run (PyTorch prunes the same way). Without it, grad(..., { createGraph: true }) of a critic's
 * score with respect to its input (WGAN-GP) would also build, and leave behind, the graph of every
 * parameter's gradient. `order` has consumers first, so walking it backwards sees inputs first.
 */
function nodesLeadingTo(order: Node[], captureLeaves: Set<Tensor>, captureNodes: Set<Node>): Set<Node> {
  const needed = new Set<Node>();
  for (let index = order.length - 1; index >= 0; index--) {
    const node = order[index]!;
    const reaches = (edge: Edge) => edge !== null && (isTensor(edge) ? captureLeaves.has(edge) : needed.has(edge));
    if (captureNodes.has(node) || node.edges.some(reaches)) needed.add(node);
  }
  return needed;
}

function checkVersions(node: Node): void {
  const { savedInputs, savedVersions } = node;
  for (let index = 0; index < savedInputs.length; index++) checkVersion(node, savedInputs[index], savedVersions[index]!);
  checkVersion(node, node.savedOutput, node.savedOutputVersion);
}

function checkVersion(node: Node, saved: Tensor | undefined, expected: number): void {
  if (saved && saved.storage.version !== expected)
    throw new Error(
      `backward: one of the variables needed for gradient computation has been modified by an inplace operation: ` +
        `[${saved.dtype} ${formatShape(saved.shape)}], which is output 0 of ${node.name}, is at version ` +
        `${saved.storage.version}; expected version ${expected} instead`,
    );
}

/**
 * `.grad += contribution`. The sum is a new tensor (the old gradient may be held by the user, or
 * saved in a createGraph graph); the old one is released unless it was handed out. `.grad` outlives
 * any scope the backward runs in.
 */
function accumulateGrad(tensor: Tensor, contribution: Tensor): void {
  const previous = tensor.borrowGrad();
  tensor.replaceGrad(escapeScopes(previous ? previous.add(contribution) : contribution));
}

/**
 * Frees what the consumed graph saved, and hands the handles it produced that nobody released (the
 * model's output, the loss) to finished-graphs.ts, which releases them two backward passes later.
 */
function releaseGraph(order: Node[]): void {
  const produced: Tensor[] = [];
  for (const node of order) releaseNode(node, produced);
  retireFinishedGraph(produced);
}

function releaseNode(node: Node, produced: Tensor[]): void {
  if (node.released) return;
  const output = node.output;
  if (output && !output.isDisposed && !output.kept) produced.push(output);
  const retained = node.retainedGraph;
  node.retainedGraph = null;
  node.release();
  if (retained) for (const earlier of retained) releaseNode(earlier, produced);
}

function accumulate(map: Map<Node, Tensor>, node: Node, gradient: Tensor): void {
  const previous = map.get(node);
  map.set(node, previous ? previous.add(gradient) : gradient);
}

/**
 * Runs the chain rule from `roots` (with seed gradients) back to the leaves. When `capture` is given
 * (the `grad()` API), gradients of those tensors are returned instead of accumulated into `.grad`.
 */
export function runBackward(roots: Tensor[], seeds: Tensor[], options: BackwardOptions, capture?: Tensor[]): Map<Tensor | Node, Tensor> {
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  const captured = new Map<Tensor | Node, Tensor>();
  const captureLeaves = new Set(capture?.filter((tensor) => !tensor.gradFn));
  const captureNodes = new Set(capture?.filter((tensor) => tensor.gradFn).map((tensor) => tensor.gradFn!));

  const pending = new Map<Node, Tensor>();
  const rootNodes: Node[] = [];
  const run = () => {
    roots.forEach((root, index) => {
      const seed = seeds[index]!;
      if (root.gradFn) {
        accumulate(pending, root.gradFn, seed);
        rootNodes.push(root.gradFn);
      } else deliverToLeaf(root, seed);
    });
    const order = topologicalOrder(rootNodes);
    const needed = capture ? nodesLeadingTo(order, captureLeaves, captureNodes) : null;
    // an edge worth following: every one for backward(); for grad(), those reaching a captured tensor
    const useful = (edge: Edge): boolean =>
      edge !== null && (needed === null || (isTensor(edge) ? captureLeaves.has(edge) : needed.has(edge)));
    for (const node of order) {
      let gradient = pending.get(node);
      pending.delete(node);
      if (!gradient || (needed !== null && !needed.has(node))) continue;
      if (node.hooks) for (const hook of node.hooks) gradient = hook(gradient) ?? gradient;
      if (node.retainsGrad && node.output) accumulateGrad(node.output, gradient.detach());
      if (captureNodes.has(node)) captured.set(node, gradient);
      if (node.released)
        throw new Error(
          `backward: trying to backward through the graph a second time (${node.name}); ` +
            'pass { retainGraph: true } to the first backward if you need to',
        );
      checkVersions(node);
      const rule = rules[node.primitive] as Rule<Primitive>;
      const inputGradients = rule.backward(gradient, {
        inputs: node.savedInputs,
        output: node.savedOutput,
        params: node.params,
        inputShapes: node.inputShapes,
        inputDtypes: node.inputDtypes,
        needsGradient: node.edges.map(useful),
      });
      for (let index = 0; index < node.edges.length; index++) {
        const edge = node.edges[index]!;
        const inputGradient = inputGradients[index];
        if (!useful(edge) || !inputGradient) continue;
        if (isTensor(edge)) deliverToLeaf(edge, inputGradient);
        else accumulate(pending, edge, inputGradient);
      }
    }
    if (!retainGraph) releaseGraph(order);
    // createGraph: the returned gradients' graphs reach into this one; it goes when they are consumed.
    // A retaining pass does not advance the finished-graph window: the graph it ran is still live
    // (gradcheck and Hessian loops call grad() many times on one graph and read its outputs after).
    else if (createGraph) for (const gradient of captured.values()) if (gradient.gradFn) gradient.gradFn.retainedGraph = order;
  };

  function deliverToLeaf(leaf: Tensor, gradient: Tensor): void {
    let value = gradient;
    if (leaf.leafHooks) for (const hook of leaf.leafHooks) value = hook(value) ?? value;
    if (capture) {
      if (captureLeaves.has(leaf)) {
        const previous = captured.get(leaf);
        captured.set(leaf, previous ? previous.add(value) : value);
      }
      return;
    }
    // .grad never carries a graph unless createGraph asked for one (PyTorch's AccumulateGrad)
    accumulateGrad(leaf, createGraph ? value : value.detach());
  }

  // everything backward creates (seeds, intermediate gradients) is disposed at the end, except the
  // kept .grad tensors and the captured results, which escape the scope through its return value
  return scope(() => {
    if (createGraph) enableGrad(run);
    else noGrad(run);
    return captured;
  }, 'the end of backward()');
}
