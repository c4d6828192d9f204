import type { Tensor } from '@dl/tensor';
import type { Dimension, GraphValue } from '../graph/graph-builder.js';
import { isDynamic } from '../trace/dimensions.js';
import type { TraceContext } from '../trace/trace-context.js';

/** Where an operand axis takes its extent at run time: axis `axis` of operand `operand`. */
interface ExtentSource {
  operand: number;
  axis: number;
}

/**
 * The graph values of an op's operands, with each constant filled with one value (zeros(x.shape),
 * a constant pad's border, a filled tensor) rebuilt at run time wherever it lines up with another
 * operand's dynamic axis: Expand(value, shape), its extent on those axes read from that operand's
 * Shape. Such a constant took its size from the example input, and baked in as it is the model would
 * only run at the example's size. Other constants are left as they are (the dims helpers refuse a
 * conflict among them).
 *
 * Operands are aligned from the right as in broadcasting; `concatenationAxis` (an output axis) marks
 * a concatenation, where every other axis must agree and the concatenated one is each part's own.
 */
export function operandValues(
  context: TraceContext,
  operands: readonly Tensor[],
  outputRank: number,
  concatenationAxis?: number,
): GraphValue[] {
  const values = operands.map((operand) => context.valueOf(operand));
  return values.map((value, index) => {
    const sources = extentSources(operands, values, index, outputRank, concatenationAxis);
    if (sources.every((source) => source === undefined)) return value;
    const scalar = context.uniformScalar(operands[index]!);
    return scalar ? expandAtRunTime(context, scalar, value, values, sources) : value;
  });
}

/**
 * Per axis of operand `index`: where its extent comes from at run time when it is fixed (not 1 in a
 * broadcast, where 1 stretches) and another operand is dynamic on the same output axis with the same
 * example extent (a dynamic axis of example extent 1 broadcast against it is another shape: refused).
 */
function extentSources(
  operands: readonly Tensor[],
  values: readonly GraphValue[],
  index: number,
  outputRank: number,
  concatenationAxis: number | undefined,
): (ExtentSource | undefined)[] {
  const own = values[index]!.dims;
  return own.map((dimension, axis) => {
    const outputAxis = axis + outputRank - own.length;
    if (isDynamic(dimension) || outputAxis === concatenationAxis) return undefined;
    if (dimension === 1 && concatenationAxis === undefined) return undefined;
    for (let operand = 0; operand < values.length; operand++) {
      const dims = values[operand]!.dims;
      const aligned = outputAxis - (outputRank - dims.length);
      const sameExtent = operands[operand]!.shape[aligned] === dimension;
      if (operand !== index && aligned >= 0 && isDynamic(dims[aligned]) && sameExtent) return { operand, axis: aligned };
    }
    return undefined;
  });
}

/** Expand(scalar, shape) with the shape's run-time axes gathered from their operands' Shape. */
function expandAtRunTime(
  context: TraceContext,
  scalar: GraphValue,
  constant: GraphValue,
  values: readonly GraphValue[],
  sources: readonly (ExtentSource | undefined)[],
): GraphValue {
  const shapes = new Map<number, GraphValue>();
  const shapeOf = (operand: number) => {
    if (!shapes.has(operand)) {
      const rank = values[operand]!.dims.length;
      shapes.set(operand, context.node1('Shape', [values[operand]!], { type: 'int64', dims: [rank] }));
    }
    return shapes.get(operand)!;
  };
  const pieces = constant.dims.map((extent, axis) => {
    const source = sources[axis];
    if (!source) return context.int64s([extent as number]);
    const indices = context.int64s([source.axis]);
    return context.node1('Gather', [shapeOf(source.operand), indices], { type: 'int64', dims: [1] }, { axis: { kind: 'int', value: 0 } });
  });
  const rank = constant.dims.length;
  const shape = context.node1('Concat', pieces, { type: 'int64', dims: [rank] }, { axis: { kind: 'int', value: 0 } });
  const dims: Dimension[] = constant.dims.map((extent, axis) => {
    const source = sources[axis];
    return source ? values[source.operand]!.dims[source.axis]! : extent;
  });
  return context.node1('Expand', [scalar, shape], { type: constant.type, dims });
}
