import type { Tensor } from '@dl/tensor';
import { int, type GraphValue } from '../graph/graph-builder.js';
import { onnxDataType } from '../protobuf/model-codec.js';
import { broadcastDims } from '../trace/dimensions.js';
import type { TraceContext } from '../trace/trace-context.js';
import { runTimeDivisor } from './dynamic-counts.js';
import type { PrimitiveMappings } from './primitive-mapping.js';
import { operandValues } from './run-time-constants.js';

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
  tan: 'Tan',
  asin: 'Asin',
  acos: 'Acos',
  atan: 'Atan',
  sinh: 'Sinh',
  cosh: 'Cosh',
  asinh: 'Asinh',
  acosh: 'Acosh',
  atanh: 'Atanh',
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
    const [a, b] = operandValues(context, [left!, right!], output.ndim) as [GraphValue, GraphValue];
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

/**
 * atan2(y, x) (ONNX has no such operator): atan(y/x), plus π when x < 0 ≤ y and minus π when x, y < 0;
 * at x = 0 the division gives ±∞ and atan ±π/2, as torch (atan2(0, 0) becomes NaN there, not 0).
 */
function arcTangent2(context: TraceContext, output: Tensor, [left, right]: readonly Tensor[]) {
  const [y, x] = operandValues(context, [left!, right!], output.ndim) as [GraphValue, GraphValue];
  const description = { type: output.dtype, dims: broadcastDims(output.shape, [y.dims, x.dims]) };
  const type = output.dtype === 'float64' ? 'float64' : 'float32';
  const constant = (value: number) => context.builder.floatConstant([value], type, []);
  const angle = context.node1('Atan', [context.node1('Div', [y, x], description)], description);
  const flags = { type: 'bool' as const, dims: description.dims };
  const behind = context.node1('Less', [x, constant(0)], flags);
  const below = context.node1('Less', [y, constant(0)], flags);
  const turn = context.node1('Where', [below, constant(-Math.PI), constant(Math.PI)], description);
  const correction = context.node1('Where', [behind, turn, constant(0)], description);
  return context.node1('Add', [angle, correction], description);
}

export const elementwiseMappings: PrimitiveMappings = {
  ...Object.fromEntries(Object.entries(unaryOperators).map(([primitive, operator]) => [primitive, unary(operator)])),
  ...Object.fromEntries(Object.entries(binaryOperators).map(([primitive, operator]) => [primitive, binary(operator)])),
  // log1p(x) = log(x + 1); expm1(x) = exp(x) − 1 (ONNX has neither; the small-x precision loss is float32's)
  log1p: withConstant('Add', 'Log', 1, false),
  expm1: withConstant('Exp', 'Sub', 1, true),
  // log₂ x = ln x / ln 2, log₁₀ x = ln x / ln 10, 2ˣ = e^{x ln 2}
  log2: withConstant('Log', 'Div', Math.LN2, true),
  log10: withConstant('Log', 'Div', Math.LN10, true),
  exp2: withConstant('Mul', 'Exp', Math.LN2, false),
  atan2: (context, output, inputs) => arcTangent2(context, output, inputs),
  // mean, var and std divide a sum by the example's count: over a dynamic axis, by the count at run time
  div: (context, output, [dividend, divisor]) => {
    const count = runTimeDivisor(context, output, dividend!, divisor!);
    if (!count) return binary('Div')(context, output, [dividend!, divisor!]);
    const total = context.valueOf(dividend!);
    return context.node1('Div', [total, count], { type: output.dtype, dims: total.dims });
  },
  // a ≠ b = not(a = b)
  ne: (context, output, inputs) => {
    const equal = binary('Equal')(context, output, inputs);
    return context.node1('Not', [equal], { type: 'bool', dims: equal.dims });
  },
  where: (context, output, [condition, left, right]) => {
    const values = operandValues(context, [condition!, left!, right!], output.ndim);
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
