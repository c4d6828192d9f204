import type { Tensor } from '@dl/tensor';
import { int } from '../graph/graph-builder.js';
import { onnxDataType } from '../protobuf/model-codec.js';
import { broadcastDims } from '../trace/dimensions.js';
import type { TraceContext } from '../trace/trace-context.js';
import type { PrimitiveMappings } from './primitive-mapping.js';

/** Unary primitives with an ONNX operator of the same meaning. */
const unaryOperators: Record<string, string> = {
  neg: 'Neg',
  abs: 'Abs',
  sign: 'Sign',
  exp: 'Exp',
  log: 'Log',
  sqrt: 'Sqrt',
  sin: 'Sin',
  cos: 'Cos',
  tanh: 'Tanh',
  erf: 'Erf',
  floor: 'Floor',
  ceil: 'Ceil',
  relu: 'Relu',
  not: 'Not',
  // torch.round and ONNX Round both round half to even
  round: 'Round',
};

/** Binary ops with an ONNX operator of the same meaning (both broadcast numpy-style). */
const binaryOperators: Record<string, string> = {
  add: 'Add',
  sub: 'Sub',
  mul: 'Mul',
  div: 'Div',
  pow: 'Pow',
  maximum: 'Max',
  minimum: 'Min',
  eq: 'Equal',
  lt: 'Less',
  le: 'LessOrEqual',
  gt: 'Greater',
  ge: 'GreaterOrEqual',
  and: 'And',
  or: 'Or',
};

function unary(operator: string) {
  return (context: TraceContext, output: Tensor, [input]: readonly Tensor[]) =>
    context.node1(operator, [context.valueOf(input!)], { type: output.dtype, dims: context.valueOf(input!).dims });
}

function binary(operator: string) {
  return (context: TraceContext, output: Tensor, [left, right]: readonly Tensor[]) => {
    const a = context.valueOf(left!);
    const b = context.valueOf(right!);
    return context.node1(operator, [a, b], { type: output.dtype, dims: broadcastDims(output.shape, [a.dims, b.dims]) });
  };
}

/** Same-shape ops built from two ONNX nodes. */
function withConstant(first: string, second: string, constant: number, constantFirst: boolean) {
  return (context: TraceContext, output: Tensor, [input]: readonly Tensor[]) => {
    const x = context.valueOf(input!);
    const one = context.builder.floatConstant([constant], output.dtype === 'float64' ? 'float64' : 'float32', []);
    const description = { type: output.dtype, dims: x.dims };
    if (constantFirst) return context.node1(second, [context.node1(first, [x], description), one], description);
    return context.node1(second, [context.node1(first, [x, one], description)], description);
  };
}

export const elementwiseMappings: PrimitiveMappings = {
  ...Object.fromEntries(Object.entries(unaryOperators).map(([primitive, operator]) => [primitive, unary(operator)])),
  ...Object.fromEntries(Object.entries(binaryOperators).map(([primitive, operator]) => [primitive, binary(operator)])),
  // log1p(x) = log(x + 1); expm1(x) = exp(x) − 1 (ONNX has neither; the small-x precision loss is float32's)
  log1p: withConstant('Add', 'Log', 1, false),
  expm1: withConstant('Exp', 'Sub', 1, true),
  // a ≠ b = not(a = b)
  ne: (context, output, inputs) => {
    const equal = binary('Equal')(context, output, inputs);
    return context.node1('Not', [equal], { type: 'bool', dims: equal.dims });
  },
  where: (context, output, [condition, left, right]) => {
    const values = [context.valueOf(condition!), context.valueOf(left!), context.valueOf(right!)];
    return context.node1('Where', values, {
      type: output.dtype,
      dims: broadcastDims(
        output.shape,
        values.map((value) => value.dims),
      ),
    });
  },
  cast: (context, output, [input]) => {
    const x = context.valueOf(input!);
    return context.node1('Cast', [x], { type: output.dtype, dims: x.dims }, { to: int(onnxDataType[output.dtype]) });
  },
};
