import type { Tensor } from '@dl/tensor';
import { int, type GraphBuilder, type GraphValue } from '../graph/graph-builder.js';
import { onnxDataType } from '../protobuf/model-codec.js';
import { isDynamic } from '../trace/dimensions.js';
import type { TraceContext } from '../trace/trace-context.js';

/**
 * mean, var, std and layerNorm reach the tracer as a sum followed by a division by a number: the count
 * of the summed elements as the example had them (mean: N; var and std: N − correction). Over a dynamic
 * axis that number is wrong for any other extent, so the exporter remembers each sum over a dynamic
 * axis, @dl/tensor reports (TraceObserver.averaging) the sums it is about to divide by their count, and
 * the division of such a sum divides by the count read from the input's shape at run time instead.
 */
interface DynamicSum {
  /** The graph the sum belongs to (a tensor is never remembered across exports). */
  builder: GraphBuilder;
  /** The value that was summed, whose shape gives the count at run time. */
  summed: GraphValue;
  axes: readonly number[];
}

const dynamicSums = new WeakMap<Tensor, DynamicSum>();
/** The sums a mean, var or std divides by their count, with the correction subtracted from it. */
const averagedSums = new WeakMap<Tensor, number>();

/** Notes that `sum` is divided next by its count minus `correction` (TraceObserver.averaging). */
export function markAveraged(sum: Tensor, correction: number): void {
  averagedSums.set(sum, correction);
}

/** Remembers `output` as a sum of `summed` over `axes` when one of those axes is dynamic. */
export function rememberSum(context: TraceContext, output: Tensor, summed: GraphValue, axes: readonly number[]): void {
  if (!axes.some((axis) => isDynamic(summed.dims[axis]))) return;
  dynamicSums.set(output, { builder: context.builder, summed, axes });
}

/** A reshape of a remembered sum (mean's and var's keepdim) holds the same sums. */
export function carrySum(from: Tensor, to: Tensor): void {
  const sum = dynamicSums.get(from);
  if (sum) dynamicSums.set(to, sum);
}

/**
 * The divisor to use for `dividend / divisor`: the run-time count minus the correction when `dividend`
 * is a remembered sum over a dynamic axis that a mean, var or std divides by its count (a number, so a
 * 0-d constant here); undefined otherwise (divide by the divisor as it is).
 */
export function runTimeDivisor(context: TraceContext, output: Tensor, dividend: Tensor, divisor: Tensor): GraphValue | undefined {
  const sum = dynamicSums.get(dividend);
  const correction = averagedSums.get(dividend);
  if (!sum || sum.builder !== context.builder || correction === undefined) return undefined;
  if (divisor.ndim !== 0 || context.isTraced(divisor) || (output.dtype !== 'float32' && output.dtype !== 'float64')) return undefined;
  return countAtRunTime(context, sum, output.dtype, correction);
}

/** max(0, ∏ shape(summed)[axes] − correction) as a 0-d value of `type`, read from the shape at run time. */
function countAtRunTime(context: TraceContext, sum: DynamicSum, type: 'float32' | 'float64', correction: number): GraphValue {
  const rank = sum.summed.dims.length;
  const shape = context.node1('Shape', [sum.summed], { type: 'int64', dims: [rank] });
  const extents = context.node1('Gather', [shape, context.int64s(sum.axes)], { type: 'int64', dims: [sum.axes.length] }, { axis: int(0) });
  // no axes input: ReduceProd multiplies every element, at every opset
  const product = context.node1('ReduceProd', [extents], { type: 'int64', dims: [] }, { keepdims: int(0) });
  const count = context.node1('Cast', [product], { type, dims: [] }, { to: int(onnxDataType[type]) });
  if (correction === 0) return count;
  const corrected = context.node1('Sub', [count, context.builder.floatConstant([correction], type, [])], { type, dims: [] });
  return context.node1('Max', [corrected, context.builder.floatConstant([0], type, [])], { type, dims: [] });
}
