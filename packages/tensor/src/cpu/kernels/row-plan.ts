import type { TensorView } from '../../core/backend.js';

/**
 * An elementwise iteration over several views of one shape, collapsed to `outer` rows of `inner`
 * elements. Adjacent axes merge when every view steps through them as through one axis, so a dense
 * tensor of any rank is one row, and a broadcast bias ([N, C] + [C]) or a transpose is two axes.
 */
export interface RowPlan {
  outer: number;
  inner: number;
  /** Per view, in the order given to planRows: the step between rows and the step within a row. */
  readonly outerStrides: number[];
  readonly innerStrides: number[];
}

/** Rows shorter than this are iterated column by column when that gives longer rows (fewer loop restarts). */
const SHORT_ROW = 8;

// One plan object for every call: kernels run synchronously and read the plan before planning again,
// so the per-op cost is no allocation at all (a small op's overhead matters as much as its loop).
const plan: RowPlan = { outer: 1, inner: 1, outerStrides: [0, 0, 0, 0], innerStrides: [0, 0, 0, 0] };

/**
 * The two-axis plan of `views` walking `shape` (shared; valid until the next call), or null when the
 * strides need three or more axes. At most four views.
 */
export function planRows(shape: readonly number[], views: readonly TensorView[]): RowPlan | null {
  const count = views.length;
  const { outerStrides, innerStrides } = plan;
  let axes = 0; // merged axes found so far (0, 1 = inner, 2 = outer)
  let inner = 1;
  let outer = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const extent = shape[axis]!;
    if (extent === 1) continue;
    if (axes === 0) {
      for (let view = 0; view < count; view++) innerStrides[view] = views[view]!.strides[axis]!;
      inner = extent;
      axes = 1;
      continue;
    }
    // the axis continues the current one when, in every view, one step of it spans the current one
    const current = axes === 1 ? innerStrides : outerStrides;
    const span = axes === 1 ? inner : outer;
    let merges = true;
    for (let view = 0; view < count && merges; view++) merges = views[view]!.strides[axis] === current[view]! * span;
    if (merges) {
      if (axes === 1) inner *= extent;
      else outer *= extent;
    } else if (axes === 1) {
      for (let view = 0; view < count; view++) outerStrides[view] = views[view]!.strides[axis]!;
      outer = extent;
      axes = 2;
    } else return null;
  }
  if (axes < 2) for (let view = 0; view < count; view++) outerStrides[view] = 0;
  if (axes < 1) for (let view = 0; view < count; view++) innerStrides[view] = 0;
  // [N, 2] - [N, 1]: 2-element rows cost a loop restart each; walking N-long columns does not. Only when
  // no input shares the output's buffer: the order of reads and writes then cannot matter.
  if (inner < SHORT_ROW && outer > inner && !sharesOutputBuffer(views)) {
    for (let view = 0; view < count; view++) {
      const step = innerStrides[view]!;
      innerStrides[view] = outerStrides[view]!;
      outerStrides[view] = step;
    }
    const rows = outer;
    outer = inner;
    inner = rows;
  }
  plan.inner = inner;
  plan.outer = outer;
  return plan;
}

function sharesOutputBuffer(views: readonly TensorView[]): boolean {
  const output = views[views.length - 1]!.buffer;
  for (let view = 0; view < views.length - 1; view++) if (views[view]!.buffer === output) return true;
  return false;
}

/** How one view walks a row of the plan: consecutive elements, one element throughout (a broadcast scalar), or otherwise. */
export type RowStep = 'unit' | 'scalar' | 'other';

export function rowStep(plan: RowPlan, view: number): RowStep {
  const step = plan.innerStrides[view]!;
  if (step === 1) return 'unit';
  if (step === 0 && (plan.outer === 1 || plan.outerStrides[view] === 0)) return 'scalar';
  return 'other';
}
