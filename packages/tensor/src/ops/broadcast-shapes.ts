import { describeValue } from '../core/options.js';
import { broadcastShapes as broadcastTogether, type Shape } from '../core/shape.js';

/**
 * The shape that tensors of `shapes` broadcast to (torch.broadcast_shapes): shapes aligned on the
 * right, each pair of extents equal or one of them 1; a number is a 1-D shape, as torch's.
 * @example
 * broadcastShapes([2, 1], [1, 3]); // [2, 3]
 * broadcastShapes([3], [4, 1], 3); // [4, 3]
 */
export function broadcastShapes(...shapes: (Shape | number)[]): number[] {
  const lists = shapes.map((shape) => (typeof shape === 'number' ? [shape] : shape));
  for (const shape of lists)
    if (!Array.isArray(shape) || !shape.every((extent) => Number.isInteger(extent) && extent >= 0))
      throw new Error(`broadcastShapes: each shape is a list of sizes (integers ≥ 0) or one size, got ${describeValue(shape)}`);
  return broadcastTogether('broadcastShapes', ...lists);
}
