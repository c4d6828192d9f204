/**
 * Shape and strides of several views of one shape with size-1 axes dropped and adjacent axes merged
 * where every view steps through them as one (so a contiguous tensor of any rank becomes rank 1, and
 * fewer shader variants are compiled).
 */
export interface MergedLayout {
  shape: number[];
  /** strides[view][axis] */
  strides: number[][];
}

export function mergeAxes(shape: readonly number[], viewStrides: readonly (readonly number[])[]): MergedLayout {
  const merged: MergedLayout = { shape: [], strides: viewStrides.map(() => []) };
  shape.forEach((extent, axis) => {
    if (extent === 1) return;
    const last = merged.shape.length - 1;
    // stepping the previous merged axis once must equal stepping this one `extent` times, in every view
    const mergeable = last >= 0 && viewStrides.every((strides, view) => merged.strides[view]![last] === strides[axis]! * extent);
    if (mergeable) {
      merged.shape[last] = merged.shape[last]! * extent;
      viewStrides.forEach((strides, view) => (merged.strides[view]![last] = strides[axis]!));
    } else {
      merged.shape.push(extent);
      viewStrides.forEach((strides, view) => merged.strides[view]!.push(strides[axis]!));
    }
  });
  if (merged.shape.length === 0) {
    merged.shape.push(1);
    merged.strides.forEach((strides) => strides.push(0));
  }
  return merged;
}
