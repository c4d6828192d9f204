import { isFloating } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';
import { isGradEnabled } from './grad-mode.js';
import { Node, type Edge } from './node.js';
import type { Primitive, PrimitiveParams } from './primitives.js';
import { rules } from './rules.js';

/**
 * Attaches a graph node to `output` when grad mode is on and some input requires grad. Called by every
 * differentiable primitive right after its kernel ran. Returns `output` for chaining.
 */
export function record<P extends Primitive>(
  output: Tensor,
  primitive: P,
  inputs: readonly Tensor[],
  params: PrimitiveParams[P],
): Tensor {
  if (!isGradEnabled() || !isFloating(output.dtype) || !inputs.some((input) => input.requiresGrad)) return output;
  const saves = rules[primitive].saves;
  const edges: Edge[] = inputs.map((input) =>
    !input.requiresGrad ? null : input.gradFn ? { node: input.gradFn } : { leaf: input.gradientTarget },
  );
  const savedInputs = inputs.map((input, index) => (saves.includes(index) ? input.alias() : undefined));
  const node = new Node(
    primitive,
    params,
    edges,
    inputs.map((input) => input.shape),
    inputs.map((input) => input.dtype),
    savedInputs,
    inputs.map((input) => input.storage.version),
    output.shape,
    output.dtype,
    undefined,
    output.storage.version,
  );
  output.attachGradFn(node);
  if (saves.includes('output')) node.savedOutput = output.alias();
  return output;
}
