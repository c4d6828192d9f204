import { type GraphValue, int } from '../graph/graph-builder.js';
import type { TraceContext } from './trace-context.js';

/** A 0-d value as one of shape [1] (Unsqueeze at axis 0); a value of any other rank as it is. */
export function asVector(context: TraceContext, value: GraphValue): GraphValue {
  if (value.dims.length > 0) return value;
  return context.node1('Unsqueeze', [value, context.int64s([0])], { type: value.type, dims: [1] });
}

/** The [1] result of an op run on `asVector` operands back to 0-d (Squeeze at axis 0), when `scalar`. */
export function backToScalar(context: TraceContext, value: GraphValue, scalar: boolean): GraphValue {
  if (!scalar) return value;
  return context.node1('Squeeze', [value, context.int64s([0])], { type: value.type, dims: [] });
}

/**
 * Softmax or LogSoftmax of `x` along `axis`. ONNX requires rank ≥ 1 for both, where torch takes a 0-d
 * tensor as one element along dim 0 or −1 (softmax 1, log-softmax 0): a 0-d input is normalized as
 * the vector [x] along axis 0 and squeezed back.
 */
export function normalizeAlongAxis(
  context: TraceContext,
  operator: 'Softmax' | 'LogSoftmax',
  x: GraphValue,
  axis: number,
  type: GraphValue['type'],
): GraphValue {
  const scalar = x.dims.length === 0;
  const vector = asVector(context, x);
  const normalized = context.node1(operator, [vector], { type, dims: vector.dims }, { axis: int(scalar ? 0 : axis) });
  return backToScalar(context, normalized, scalar);
}
