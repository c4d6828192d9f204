import type { GraphBuilder, GraphValue } from './graph-builder.js';

/**
 * Drops the nodes and initializers no graph output depends on (a primitive recorded on the way to an
 * op that was then mapped whole, such as the copy before a reduction). Walks the nodes backwards,
 * which works because they are in topological order.
 */
export function pruneUnused(builder: GraphBuilder, outputs: readonly GraphValue[]): void {
  const needed = new Set<GraphValue>(outputs);
  const kept = [];
  for (let index = builder.nodes.length - 1; index >= 0; index--) {
    const node = builder.nodes[index]!;
    if (!node.outputs.some((output) => needed.has(output))) continue;
    kept.push(node);
    for (const input of node.inputs) if (input) needed.add(input);
  }
  builder.nodes.splice(0, builder.nodes.length, ...kept.reverse());
  const initializers = builder.initializers.filter((initializer) => needed.has(initializer.value));
  builder.initializers.splice(0, builder.initializers.length, ...initializers);
}
