import { formatShape } from '../core/shape.js';
import { keep, scope } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { enableGrad, noGrad } from './grad-mode.js';
import type { Node } from './node.js';
import type { Primitive, Rule } from './primitives.js';
import { rules } from './rules.js';

export interface BackwardOptions {
  retainGraph?: boolean;
  createGraph?: boolean;
}

/** Nodes reachable from `roots`, each after every node that consumes its output (reverse topological). */
function topologicalOrder(roots: Node[]): Node[] {
  const visited = new Set<Node>();
  const postOrder: Node[] = [];
  // iterative DFS: graphs of long training unrolls (RNNs) are deeper than the call stack
  const stack: [Node, number][] = roots.map((node) => [node, 0]);
  for (const root of roots) visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [node, next] = top;
    if (next < node.edges.length) {
      top[1]++;
      const edge = node.edges[next];
      if (edge && 'node' in edge && !visited.has(edge.node)) {
        visited.add(edge.node);
        stack.push([edge.node, 0]);
      }
    } else {
      stack.pop();
      postOrder.push(node);
    }
  }
  return postOrder.reverse();
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

function accumulate(map: Map<Node, Tensor>, node: Node, gradient: Tensor): void {
  const previous = map.get(node);
  map.set(node, previous ? previous.add(gradient) : gradient);
}

/**
 * Runs the chain rule from `roots` (with seed gradients) back to the leaves. When `capture` is given
 * (the `grad()` API), gradients of those tensors are returned instead of accumulated into `.grad`.
 */
export function runBackward(
  roots: Tensor[],
  seeds: Tensor[],
  options: BackwardOptions,
  capture?: Tensor[],
): Map<Tensor | Node, Tensor> {
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
    for (const node of order) {
      let gradient = pending.get(node);
      pending.delete(node);
      if (!gradient) continue;
      if (node.hooks) for (const hook of node.hooks) gradient = hook(gradient) ?? gradient;
      if (node.retainers) for (const reference of node.retainers) {
        const tensor = reference.deref();
        if (tensor) tensor.grad = keep(tensor.grad ? tensor.grad.add(gradient) : gradient.detach());
      }
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
        needsGradient: node.edges.map((edge) => edge !== null),
      });
      for (let index = 0; index < node.edges.length; index++) {
        const edge = node.edges[index];
        const inputGradient = inputGradients[index];
        if (!edge || !inputGradient) continue;
        if ('node' in edge) accumulate(pending, edge.node, inputGradient);
        else deliverToLeaf(edge.leaf, inputGradient);
      }
    }
    if (!retainGraph) for (const node of order) node.release();
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
    const contribution = createGraph ? value : value.detach();
    // .grad outlives any scope the backward runs in
    leaf.grad = keep(leaf.grad ? leaf.grad.add(contribution) : contribution);
  }

  // everything backward creates (seeds, intermediate gradients) is disposed at the end, except the
  // kept .grad tensors and the captured results, which escape the scope through its return value
  return scope(() => {
    if (createGraph) enableGrad(run);
    else noGrad(run);
    return captured;
  });
}

