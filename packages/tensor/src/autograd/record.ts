import { isFloating, type DType } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';
import { isGradEnabled } from './grad-mode.js';
import { Node, type Edge } from './node.js';
import type { Primitive, PrimitiveParams } from './primitives.js';
import { rules } from './rules.js';
import { traceObserver } from './trace-observer.js';

/**
 * Attaches a graph node to `output` when grad mode is on and some input requires grad. Called by every
 * differentiable primitive right after its kernel ran. Returns `output` for chaining.
 */
export function record<P extends Primitive>(output: Tensor, primitive: P, inputs: readonly Tensor[], params: PrimitiveParams[P]): Tensor {
  output.origin = primitive;
  traceObserver()?.primitive(output, primitive, inputs, params);
  if (!isGradEnabled() || !isFloating(output.dtype) || !anyRequiresGrad(inputs)) return output;
  const saves = rules[primitive].saves;
  // one pass over the inputs (every op with a graph comes through here, so five map() passes and their
  // closures were a measurable share of a small op)
  const edges: Edge[] = [];
  const shapes: (readonly number[])[] = [];
  const dtypes: DType[] = [];
  const savedInputs: (Tensor | undefined)[] = [];
  const versions: number[] = [];
  for (let index = 0; index < inputs.length; index++) {
    const input = inputs[index]!;
    edges.push(!input.requiresGrad ? null : input.gradFn ? { node: input.gradFn } : { leaf: input.gradientTarget });
    shapes.push(input.shape);
    dtypes.push(input.dtype);
    savedInputs.push(saves.includes(index) ? input.alias() : undefined);
    versions.push(input.storage.version);
  }
  const node = new Node(
    primitive,
    params,
    edges,
    shapes,
    dtypes,
    savedInputs,
    versions,
    output.shape,
    output.dtype,
    undefined,
    output.storage.version,
  );
  node.output = output;
  output.attachGradFn(node);
  if (saves.includes('output')) node.savedOutput = output.alias();
  return output;
}

function anyRequiresGrad(inputs: readonly Tensor[]): boolean {
  for (const input of inputs) if (input.requiresGrad) return true;
  return false;
}
