import { isContiguous } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import { isGradEnabled } from './grad-mode.js';
import type { Node } from './node.js';
import { record } from './record.js';

// What autograd records when an op writes into a tensor in place (torch's rebase of history and its
// CopySlices). The written tensor T takes the op's result's place in the graph. When nothing that was
// written depends on a tensor that requires grad (copy_ or fill_ of constants), T's earlier history
// gets a zero gradient instead of keeping it: y = 2x; y.copy_(c) leaves dy/dx = 0. When T is a view,
// the tensor it views (its base B) changed too: B's new history is its old one outside T's elements
// and T's new one on them, so B.sum().backward() after `B.select(0, 1).mul_(3)` sees the 3.

/** The write-once record of an in-place write: which of the base's elements (in its row-major order) the view covers. */
export interface CopySlicesParams {
  /** The view's elements as positions in the base's row-major order; null when the write covered the whole tensor. */
  positions: Int32Array | null;
}

/** Throws torch's error for an in-place write into a view of a leaf that requires grad (while gradients are recorded). */
export function checkViewOfLeaf(target: Tensor, operation: string): void {
  const base = target.viewBase;
  if (base?.requiresGrad && base.isLeaf && isGradEnabled())
    throw new Error(
      `${operation}: a view of a leaf Variable that requires grad is being used in an in-place operation; wrap it in noGrad()`,
    );
}

/**
 * Records the graph after `target`'s elements were overwritten with `result`'s values (`result` null
 * for a fill with a constant): target takes result's node, or a node cutting its old history off, and
 * a view's base takes a node joining its old history with target's new one.
 */
export function recordInPlaceWrite(target: Tensor, result: Tensor | null): void {
  if (!isGradEnabled()) return;
  const history = result === null ? null : historyOf(result);
  if (history !== null) target.attachGradFn(history);
  else if (target.requiresGrad && !target.isLeaf) overwrite(target, null, null);
  const base = target.viewBase;
  if (base !== null && !base.isDisposed && (base.requiresGrad || target.requiresGrad)) {
    // the written view's own history is already the new one: not to be refreshed from the base, now or after
    target.viewBaseHistory = base.gradFn;
    overwrite(base, target, positionsIn(base, target));
    target.viewBaseHistory = base.gradFn;
  }
}

/**
 * Brings a view made before an in-place write into its base up to date (torch regenerates such a
 * view's grad_fn from its base): its history becomes a read of the base's current history at the
 * view's positions, so a gradient through it reaches what the write put there.
 */
export function refreshViewHistory(view: Tensor): void {
  const base = view.viewBase!;
  view.viewBaseHistory = base.gradFn;
  if (base.isDisposed || !base.requiresGrad) return;
  const carrier = record(new Tensor(view.storage, view.shape, view.strides, view.offset, 'alias'), 'viewOfBase', [base], {
    positions: positionsIn(base, view),
  });
  if (carrier.gradFn) view.attachGradFn(carrier.gradFn);
  carrier.release('a view brought up to date with its base');
}

/** The node a written result stands at: its own, an identity node for a leaf that requires grad (`copy_(leaf)`), or none. */
function historyOf(result: Tensor): Node | null {
  if (result.gradFn !== null || !result.requiresGrad) return result.gradFn;
  const carrier = record(new Tensor(result.storage, result.shape, result.strides, result.offset, 'alias'), 'reshape', [result], {
    shape: [...result.shape],
  });
  carrier.release('an in-place write, once recorded');
  return carrier.gradFn;
}

/**
 * Gives `tensor` a node whose inputs are its old history (a handle keeping it) and `part` (the view
 * written into it, or none): the old history's gradient is zero at `positions` (everywhere when null).
 */
function overwrite(tensor: Tensor, part: Tensor | null, positions: Int32Array | null): void {
  const previous = tensor.alias();
  const inputs = part === null ? [previous] : [previous, part];
  // a handle carrying the node, which `tensor` then adopts (as assignResult's result hands its node over)
  const carrier = record(new Tensor(tensor.storage, tensor.shape, tensor.strides, tensor.offset, 'alias'), 'copySlices', inputs, {
    positions,
  });
  if (carrier.gradFn) tensor.attachGradFn(carrier.gradFn);
  carrier.release('an in-place write, once recorded');
  previous.release('an in-place write, once recorded');
}

/**
 * Where each of `view`'s elements lies in `base` (the tensor it views, `view.viewBase`), as positions in
 * the base's row-major order: for exporters and backends that rewrite an in-place write into a view as
 * a scatter into its base, and a later read of the view as a gather. A dense base puts storage offset s
 * at position s − its offset; any other base is indexed once.
 * @example
 * const x = zeros([3, 3]);
 * viewPositions(x, x.diagonal()); // Int32Array [0, 4, 8]
 */
export function viewPositions(base: Tensor, view: Tensor): Int32Array {
  if (base.storage !== view.storage) throw new Error(`viewPositions: the view of shape [${view.shape}] does not share the base's storage`);
  return positionsIn(base, view);
}

/** viewPositions without the check. */
function positionsIn(base: Tensor, view: Tensor): Int32Array {
  const positions = new Int32Array(view.numel());
  const location = isContiguous(base.shape, base.strides) ? null : storageToPosition(base);
  forEachStorageOffset(view, (element, offset) => {
    const position = location === null ? offset - base.offset : location.get(offset);
    if (position === undefined || position < 0 || position >= base.numel())
      throw new Error(`in-place write: a view of shape [${view.shape}] reaches outside its base of shape [${base.shape}]`);
    positions[element] = position;
  });
  return positions;
}

/** A strided base's storage offsets mapped to its row-major positions. */
function storageToPosition(base: Tensor): Map<number, number> {
  const map = new Map<number, number>();
  forEachStorageOffset(base, (position, offset) => map.set(offset, position));
  return map;
}

/**
 * Calls `visit` with each element's row-major position and storage offset, offset + Σ iₖ·strideₖ,
 * stepping the index like an odometer.
 */
function forEachStorageOffset(tensor: Tensor, visit: (position: number, offset: number) => void): void {
  const { shape, strides } = tensor;
  const index = new Array<number>(shape.length).fill(0);
  let offset = tensor.offset;
  const count = tensor.numel();
  for (let position = 0; position < count; position++) {
    visit(position, offset);
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis]!++;
      offset += strides[axis]!;
      if (index[axis]! < shape[axis]!) break;
      offset -= strides[axis]! * shape[axis]!;
      index[axis] = 0;
    }
  }
}
