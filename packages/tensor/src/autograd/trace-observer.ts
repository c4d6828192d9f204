import { sharedState } from '../core/shared-state.js';
import type { Tensor } from '../core/tensor.js';

/**
 * A hook for exporters (`@dl/onnx`): while one is installed, every primitive that runs is reported
 * with its inputs and parameters, and so is every op that produces no graph node (comparisons, max,
 * argmax, logical not), so that a tracer can tell a value computed from its inputs from a constant.
 * It lives in shared state (core/shared-state.ts) so that two installed copies of @dl/tensor share it.
 */
export interface TraceObserver {
  /** A differentiable primitive ran (reported whatever the grad mode). */
  primitive(output: Tensor, primitive: string, inputs: readonly Tensor[], params: object): void;
  /** An op outside the primitive table ran: 'gt', 'not', 'max' (params.axes), 'argmax' (params.axes)... */
  untraced(output: Tensor, operation: string, inputs: readonly Tensor[], params: object): void;
  /**
   * An in-place op wrote `written` (a tensor of the target's shape and dtype, reported as it ran) into
   * `target`'s elements, or a fill wrote one constant (null: the target now holds it). When `target` is
   * a view, its base's elements at the view's positions (`viewPositions`) changed with it.
   */
  inPlace?(target: Tensor, written: Tensor | null): void;
  /** An in-place view op (`unsqueeze_`, `t_`, …) gave `target` the layout of `view`, which was reported as it ran. */
  relayout?(target: Tensor, view: Tensor): void;
  /**
   * `tensor` holds values the program chose, not values read from any tensor (the integer lists given
   * to `Tensor.at`): an exporter may bake it, and what is computed from it alone, into the model.
   */
  constant?(tensor: Tensor): void;
  /**
   * `sum` (a sum over some axes) is about to be divided by the count of the elements each entry summed,
   * minus `correction` (mean: 0; var and std: their correction), a number read from the traced shapes:
   * an exporter with dynamic axes divides by the count at run time instead.
   */
  averaging?(sum: Tensor, correction: number): void;
}

const slot = sharedState('traceObserver@1', () => ({ observer: undefined as TraceObserver | undefined }));

/** The installed observer, if any (one property read per op when none is). */
export function traceObserver(): TraceObserver | undefined {
  return slot.observer;
}

/**
 * Runs `fn` with `observer` reporting every op; the previous observer comes back afterwards.
 * @example
 * const seen: string[] = [];
 * observeOperations({ primitive: (_, name) => seen.push(name), untraced: () => {} }, () => x.exp().sum());
 * seen; // ['exp', 'sum']
 */
export function observeOperations<T>(observer: TraceObserver, fn: () => T): T {
  const previous = slot.observer;
  slot.observer = observer;
  try {
    return fn();
  } finally {
    slot.observer = previous;
  }
}
