/**
 * Iteration over several strided views of one shape. Adjacent axes that are laid out contiguously in
 * every view are merged first, so a contiguous tensor of any rank becomes one flat inner loop.
 */
export interface LoopPlan {
  /** Extents of the merged axes (outer first); the last is the inner loop. */
  shape: number[];
  /** strides[view][axis] over the merged axes. */
  strides: number[][];
}

export function planLoop(shape: readonly number[], viewStrides: readonly (readonly number[])[]): LoopPlan {
  const axes: number[] = [];
  for (let axis = 0; axis < shape.length; axis++) if (shape[axis] !== 1) axes.push(axis);
  const mergedShape: number[] = [];
  const mergedStrides: number[][] = viewStrides.map(() => []);
  for (const axis of axes) {
    const extent = shape[axis]!;
    const last = mergedShape.length - 1;
    // axis merges into the previous merged axis when, in every view, stepping the previous axis by one
    // equals stepping this one `extent` times
    const mergeable = last >= 0 && viewStrides.every((strides, view) => mergedStrides[view]![last] === strides[axis]! * extent);
    if (mergeable) {
      mergedShape[last] = mergedShape[last]! * extent;
      viewStrides.forEach((strides, view) => (mergedStrides[view]![last] = strides[axis]!));
    } else {
      mergedShape.push(extent);
      viewStrides.forEach((strides, view) => mergedStrides[view]!.push(strides[axis]!));
    }
  }
  if (mergedShape.length === 0) {
    mergedShape.push(1);
    mergedStrides.forEach((strides) => strides.push(0));
  }
  return { shape: mergedShape, strides: mergedStrides };
}

/**
 * Calls `inner(offsets, innerStrides, length)` once per inner row; `offsets[v]` is the starting
 * element of view v. `size` 0 calls nothing.
 */
export function forEachRow(
  shape: readonly number[],
  viewStrides: readonly (readonly number[])[],
  baseOffsets: readonly number[],
  inner: (offsets: number[], innerStrides: number[], length: number) => void,
): void {
  if (shape.some((extent) => extent === 0)) return;
  const plan = planLoop(shape, viewStrides);
  const rank = plan.shape.length;
  const views = viewStrides.length;
  const innerLength = plan.shape[rank - 1]!;
  const innerStrides = plan.strides.map((strides) => strides[rank - 1]!);
  const offsets = [...baseOffsets];
  const counter = new Array<number>(rank - 1).fill(0);
  for (;;) {
    inner(offsets, innerStrides, innerLength);
    // odometer increment over the outer axes
    let axis = rank - 2;
    for (; axis >= 0; axis--) {
      counter[axis]!++;
      for (let view = 0; view < views; view++) offsets[view]! += plan.strides[view]![axis]!;
      if (counter[axis]! < plan.shape[axis]!) break;
      for (let view = 0; view < views; view++) offsets[view]! -= plan.strides[view]![axis]! * plan.shape[axis]!;
      counter[axis] = 0;
    }
    if (axis < 0) return;
  }
}
