import type { Dimension } from '../graph/graph-builder.js';

/**
 * A fixed extent lined up with a dynamic axis: the traced tensor took its size from the example
 * input (zeros(x.shape), a constant pad, a mask built for the example), so the exported model would
 * only run when the dynamic axis has the example's size. Thrown by the dims helpers and reported by
 * the tracer under the name of the op that met it.
 */
export class DynamicAxisConflict extends Error {
  constructor(axis: number, dynamic: Dimension, extent: number, meaning: string) {
    const name = typeof dynamic === 'string' ? `the dynamic axis '${dynamic}'` : 'a dynamic axis';
    super(
      `output axis ${axis} is ${name} in one operand but a fixed ${extent} in another (${meaning}): the model would ` +
        "only run when that axis has the example input's size; build that operand from the input with traced ops, " +
        'or export without this dynamic axis',
    );
    this.name = 'DynamicAxisConflict';
  }
}

/**
 * Output dims of a broadcasting op: aligned from the right, an axis keeps the dynamic name of an
 * input whose extent there equals the output's (ONNX and PyTorch broadcast alike). A fixed extent
 * other than 1 on an axis another input has dynamic broadcasts only at the example's size, so it is
 * refused (a DynamicAxisConflict).
 */
export function broadcastDims(shape: readonly number[], inputs: readonly (readonly Dimension[])[]): Dimension[] {
  return shape.map((extent, axis) => {
    const aligned = inputs.map((dims) => dims[axis - (shape.length - dims.length)]);
    const dynamic = aligned.find(isDynamic);
    if (dynamic === undefined) return extent;
    const fixed = aligned.find((dimension) => typeof dimension === 'number' && dimension !== 1);
    if (fixed !== undefined) throw new DynamicAxisConflict(axis, dynamic, fixed as number, 'broadcast against it');
    return dynamic;
  });
}

/**
 * Output dims of a concatenation along `axis`: that axis is dynamic when any part's is; every other
 * axis must agree in all parts, so a part fixed where another is dynamic is refused.
 */
export function concatenatedDims(shape: readonly number[], parts: readonly (readonly Dimension[])[], axis: number): Dimension[] {
  return shape.map((extent, index) => {
    const dynamic = parts.map((dims) => dims[index]).find(isDynamic);
    if (index === axis) return dynamic === undefined ? extent : null;
    if (dynamic === undefined) return extent;
    const fixed = parts.find((dims) => !isDynamic(dims[index]));
    if (fixed) throw new DynamicAxisConflict(index, dynamic, fixed[index] as number, 'concatenated beside it');
    return dynamic;
  });
}

/** Whether a dimension is dynamic (named or not). */
export function isDynamic(dimension: Dimension | undefined): boolean {
  return typeof dimension === 'string' || dimension === null;
}

/** Dims of a spatial op's output: batch (and channels when kept) from the input, the rest fixed unless the input's were dynamic. */
export function spatialDims(inputDims: readonly Dimension[], shape: readonly number[], keepChannels: boolean): Dimension[] {
  return shape.map((extent, axis) => {
    if (axis === 0 || (axis === 1 && keepChannels)) return inputDims[axis] ?? extent;
    return isDynamic(inputDims[axis]) ? null : extent;
  });
}
