import { type Tensor, viewPositions } from '@dl/tensor';
import type { GraphValue } from '../graph/graph-builder.js';
import { isDynamic } from './dimensions.js';
import type { TraceContext } from './trace-context.js';

// In-place ops in a traced forward (`y.mul_(3)`, `out.select(1, 0).add_(b)`, `x.relu_()`): ONNX values
// are immutable, so a write gives the written tensor a new value, and a write into a view gives its
// base (the tensor it views) a new value, the old one with the view's elements replaced — a Reshape to
// one axis, a ScatterElements at the view's positions, a Reshape back. A view whose value was taken
// before its base was written is read again from the base (a Gather at its positions) when next used.

/** What the tracer keeps of the values it bound, and hands in here. */
export interface TracedValues {
  values: Map<Tensor, GraphValue>;
  /** Tensors computed from the graph inputs (not constants). */
  derived: Set<Tensor>;
}

/** The tracer's side of in-place writes: events from @dl/tensor's trace observer, and fresh values of stale views. */
export interface InPlaceWrites {
  /** Notes that `tensor`'s value was just bound by a traced op: current with respect to its base's writes. */
  bound(tensor: Tensor): void;
  /** The value of a view taken before a write into its base, read again from the base; undefined when current. */
  refreshed(tensor: Tensor): GraphValue | undefined;
  inPlace(target: Tensor, written: Tensor | null): void;
  relayout(target: Tensor, view: Tensor): void;
}

export function trackInPlaceWrites(context: TraceContext, { values, derived }: TracedValues): InPlaceWrites {
  const writes = new Map<Tensor, number>(); // a base → how many writes it has had
  const boundAt = new Map<Tensor, number>(); // a view → its base's writes when its value was bound
  const writesInto = (base: Tensor) => writes.get(base) ?? 0;

  /** The base's value as a fixed shape, or the export's error: positions in it are counted for this shape. */
  function fixedValueOf(base: Tensor, operation: string): GraphValue {
    const value = context.valueOf(base);
    const dynamic = value.dims.findIndex(isDynamic);
    if (dynamic >= 0)
      throw context.error(operation, `an in-place write into a view of a tensor with the dynamic axis ${dynamic} is not supported`);
    return value;
  }

  // a released base → the view of all its elements in order that was written in its place
  const standIns = new Map<Tensor, Tensor>();

  /**
   * The tensor a write into `target` changes besides it: its view base, or null where it is none.
   * A view returned from a scope (`scope(() => x.reshape(…))`) outlives its base, which the scope
   * released: the released base can no longer be read, and a view of all its elements in order stands for it whole (its writes are
   * counted on the base too, so that its other views are read again from it).
   */
  function baseOf(target: Tensor): Tensor | null {
    const base = target.viewBase;
    if (base === null || !base.isDisposed) return base;
    const positions = viewPositions(base, target);
    if (positions.length === base.numel() && positions.every((position, index) => position === index)) {
      standIns.set(base, target);
      writes.set(base, writesInto(base) + 1);
      return null;
    }
    throw context.error(
      'in-place write',
      `into part of a tensor whose storage belongs to a released tensor of shape [${base.shape.join(', ')}] (a view kept from a scope that released its base) is not supported; clone() the tensor before writing into it`,
    );
  }

  function setValue(tensor: Tensor, value: GraphValue, fromInputs: boolean): void {
    values.set(tensor, value);
    if (fromInputs) derived.add(tensor);
    else derived.delete(tensor);
  }

  return {
    bound(tensor) {
      if (tensor.viewBase !== null) boundAt.set(tensor, writesInto(tensor.viewBase));
    },
    refreshed(tensor) {
      const base = tensor.viewBase;
      if (base === null || tensor === standIns.get(base) || (boundAt.get(tensor) ?? 0) >= writesInto(base)) return undefined;
      // positions in a released base are positions in the view that stands for it
      const baseValue = fixedValueOf(standIns.get(base) ?? base, 'view');
      const flat = context.node1('Reshape', [baseValue, context.int64s([-1])], { type: baseValue.type, dims: [base.numel()] });
      const gathered = context.node1('Gather', [flat, context.int64s([...viewPositions(base, tensor)])], {
        type: baseValue.type,
        dims: [tensor.numel()],
      });
      const value = context.node1('Reshape', [gathered, context.int64s(tensor.shape)], { type: baseValue.type, dims: [...tensor.shape] });
      setValue(tensor, value, derived.has(standIns.get(base) ?? base));
      boundAt.set(tensor, writesInto(base));
      return value;
    },
    inPlace(target, written) {
      // a fill stores one constant: the target's values as they are now, read as a new initializer
      if (written === null) values.delete(target);
      const writtenValue = context.valueOf(written ?? target);
      const writtenFromInputs = written !== null && derived.has(written);
      const base = baseOf(target);
      if (base === null) {
        setValue(target, writtenValue, writtenFromInputs);
        writes.set(target, writesInto(target) + 1);
        return;
      }
      const baseValue = fixedValueOf(base, 'in-place write');
      const type = baseValue.type;
      const flat = context.node1('Reshape', [baseValue, context.int64s([-1])], { type, dims: [base.numel()] });
      const updates = context.node1('Reshape', [writtenValue, context.int64s([-1])], { type, dims: [target.numel()] });
      const scattered = context.node1(
        'ScatterElements',
        [flat, context.int64s([...viewPositions(base, target)]), updates],
        { type, dims: [base.numel()] },
        { axis: { kind: 'int', value: 0 } },
      );
      const baseFromInputs = derived.has(base) || writtenFromInputs;
      setValue(base, context.node1('Reshape', [scattered, context.int64s(base.shape)], { type, dims: [...base.shape] }), baseFromInputs);
      writes.set(base, writesInto(base) + 1);
      setValue(target, writtenValue, writtenFromInputs);
      boundAt.set(target, writesInto(base));
    },
    relayout(target, view) {
      setValue(target, context.valueOf(view), derived.has(view));
      if (target.viewBase !== null) boundAt.set(target, writesInto(target.viewBase));
    },
  };
}
