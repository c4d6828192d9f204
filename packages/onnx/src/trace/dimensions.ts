import type { Dimension } from '../graph/graph-builder.js';

/**
 * Output dims of a broadcasting op: aligned from the right, an axis keeps the dynamic name of an
 * input whose extent there equals the output's (ONNX and PyTorch broadcast alike).
 */
export function broadcastDims(shape: readonly number[], inputs: readonly (readonly Dimension[])[]): Dimension[] {
  return shape.map((extent, axis) => {
    for (const dims of inputs) {
      const aligned = axis - (shape.length - dims.length);
      const dimension = aligned >= 0 ? dims[aligned] : undefined;
      if (typeof dimension === 'string' || dimension === null) return dimension;
    }
    return extent;
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
