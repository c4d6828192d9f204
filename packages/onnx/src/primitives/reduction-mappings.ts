import type { Tensor } from '@dl/tensor';
import { int, ints } from '../graph/graph-builder.js';
import { onnxDataType } from '../protobuf/model-codec.js';
import type { TraceContext } from '../trace/trace-context.js';
import { normalizeAlongAxis } from '../trace/zero-dimensional.js';
import { rememberSum } from './dynamic-counts.js';
import type { PrimitiveMappings } from './primitive-mapping.js';

/**
 * A reduction over `axes`, removed from the shape (keepdims = 0, as the primitive). ReduceSum takes
 * its axes as an input from opset 13, the other reductions from opset 18 (before that, an attribute).
 */
function reduce(operator: string, axesAsInputFrom: number) {
  return (context: TraceContext, output: Tensor, [input]: readonly Tensor[], params: Record<string, unknown>) => {
    const x = context.valueOf(input!);
    const axes = params.axes as number[];
    const dims = x.dims.filter((_, axis) => !axes.includes(axis));
    // an empty axes list would mean "reduce everything" to ONNX; to @dl it means "reduce nothing"
    if (axes.length === 0) return context.node1('Identity', [x], { type: output.dtype, dims });
    if (context.opsetVersion >= axesAsInputFrom)
      return context.node1(operator, [x, context.int64s(axes)], { type: output.dtype, dims }, { keepdims: int(0) });
    return context.node1(operator, [x], { type: output.dtype, dims }, { axes: ints(axes), keepdims: int(0) });
  };
}

/** argmax/argmin along one axis: ONNX answers int64, @dl int32, so a Cast follows. */
function argReduce(operator: string) {
  return (context: TraceContext, output: Tensor, [input]: readonly Tensor[], params: Record<string, unknown>) => {
    const x = context.valueOf(input!);
    const [axis] = params.axes as number[];
    const dims = x.dims.filter((_, index) => index !== axis);
    // select_last_index = 0: the first of ties, as @dl's kernel
    const index = context.node1(operator, [x], { type: 'int64', dims }, { axis: int(axis!), keepdims: int(0), select_last_index: int(0) });
    return context.node1('Cast', [index], { type: output.dtype, dims }, { to: int(onnxDataType[output.dtype]) });
  };
}

export const reductionMappings: PrimitiveMappings = {
  sum: (context, output, inputs, params) => {
    const summed = reduce('ReduceSum', 13)(context, output, inputs, params);
    // a later division by the example's count (mean, var, std) must read the count at run time
    rememberSum(context, output, context.valueOf(inputs[0]!), params.axes as number[]);
    return summed;
  },
  prod: reduce('ReduceProd', 18),
  max: reduce('ReduceMax', 18),
  min: reduce('ReduceMin', 18),
  argmax: argReduce('ArgMax'),
  argmin: argReduce('ArgMin'),
  // log-softmax along one axis on a backend's fused kernel (opset 13's LogSoftmax takes any one axis, as
  // PyTorch's; a 0-d input as a vector of one); without the kernel the op traces as its composite: max,
  // sub, exp, sum, log, sub
  logSoftmax: (context, output, [input], params) =>
    normalizeAlongAxis(context, 'LogSoftmax', context.valueOf(input!), params.axis as number, output.dtype),
  // inclusive running sum (exclusive = 0, reverse = 0)
  cumsum: (context, output, [input], params) => {
    const x = context.valueOf(input!);
    // CumSum's axis is a 0-d tensor
    const axis = context.builder.addInitializer(
      'axis',
      'int64',
      [],
      new Uint8Array(BigInt64Array.of(BigInt(params.axis as number)).buffer),
    );
    return context.node1('CumSum', [x, axis], { type: output.dtype, dims: x.dims });
  },
};
