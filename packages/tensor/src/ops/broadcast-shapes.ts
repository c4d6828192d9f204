import { broadcastShapes as broadcastTogether, type Shape } from '../core/shape.js';
import { checkShape } from './creation-arguments.js';

/**
 * The shape that tensors of `shapes` broadcast to (torch.broadcast_shapes): shapes aligned on the
 * right, each pair of extents equal or one of them 1; a number is a 1-D shape, as torch's.
 * @example
 * broadcastShapes([2, 1], [1, 3]); // [2, 3]
 * broadcastShapes([3], [4, 1], 3); // [4, 3]
 */
export function broadcastShapes(...shapes: (Shape | number)[]): number[] {
  return broadcastTogether('broadcastShapes', ...shapes.map((shape) => checkShape('broadcastShapes', shape)));
}
