import { isFloating, type DType } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';
import { isGradEnabled } from './grad-mode.js';
import { refreshViewHistory } from './in-place-history.js';
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
  // a view shares its one input's storage: remember what it views, for in-place writes into it
  if (inputs.length === 1 && output.storage === inputs[0]!.storage && output !== inputs[0]) {
    const base = inputs[0]!.viewBase ?? inputs[0]!;
    output.viewBase = base;
    output.viewBaseHistory = base.gradFn;
  }
  traceObserver()?.primitive(output, primitive, inputs, params);
  if (!isGradEnabled() || !isFloating(output.dtype)) return output;
  // one pass: a view made before an in-place write into its base reads the new values, so its history
  // follows them first; then whether any input requires grad
  let requiresGrad = false;
  for (const input of inputs) {
    if (input.viewBase !== null && input.viewBase.gradFn !== input.viewBaseHistory) refreshViewHistory(input);
    if (input.requiresGrad) requiresGrad = true;
  }
  if (!requiresGrad) return output;
  const saves = rules[primitive].saves;
  // one pass over the inputs into arrays of exact length (every op with a graph comes through here:
  // map() passes and their closures, or push() growing empty arrays to 16 slots, were a measurable
  // share of a small op's time and of the young generation's churn)
  const count = inputs.length;
  const edges = new Array<Edge>(count);
  const shapes = new Array<readonly number[]>(count);
  const dtypes = new Array<DType>(count);
  const savedInputs = new Array<Tensor | undefined>(count);
  const versions = new Array<number>(count);
  for (let index = 0; index < count; index++) {
    const input = inputs[index]!;
    edges[index] = !input.requiresGrad ? null : (input.gradFn ?? input.gradientTarget);
    shapes[index] = input.shape;
    dtypes[index] = input.dtype;
    savedInputs[index] = saves.includes(index) ? input.alias() : undefined;
    versions[index] = input.storage.version;
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
