import { broadcastShapes } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { expand } from './views.js';

/**
 * The tensors expanded to their common broadcast shape (torch.broadcast_tensors): views sharing each
 * input's storage (broadcast dims have stride 0); an input that already has that shape is returned
 * itself, as torch returns it. Gradients of a view sum over its broadcast dims.
 * @example
 * broadcastTensors(zeros(3, 1), zeros(4)).map((t) => t.shape); // [[3, 4], [3, 4]]
 */
export function broadcastTensors(...tensors: Tensor[]): Tensor[] {
  if (tensors.length > 0) assertSameDevice('broadcastTensors', tensors);
  const shape = broadcastShapes('broadcastTensors', ...tensors.map((x) => x.shape));
  return tensors.map((x) => expand(x, shape));
}
