import type { RecurrenceGeometry } from '@dl/tensor';

/** One step of the packed rows as the forward pass visits it. */
export interface VisitedStep {
  /** first packed row of the step: Σ_{s<t} batchSizes[s] */
  start: number;
  /** rows (= sequences still running) in the step */
  size: number;
  /** rows of the step visited before it (0 for the first): positions from here on start from h0/c0 */
  previousSize: number;
  /** the step visited after it, if any: positions below its size carry their state there */
  next: { start: number; size: number } | null;
}

/**
 * The steps in the forward pass's order (first → last, or last → first when `reverse`). Batch sizes
 * do not increase, so position p runs in steps 0 … L_p − 1 and is row `start + p` of each: going
 * forwards every position starts at step 0; going backwards position p starts at step L_p − 1, the
 * first visited step whose predecessor is smaller than p + 1. A position ends (its state is hN/cN)
 * at the visited step whose successor does not contain it.
 */
export function visitedSteps(geometry: RecurrenceGeometry): VisitedStep[] {
  const starts: number[] = [];
  let total = 0;
  for (const size of geometry.batchSizes) {
    starts.push(total);
    total += size;
  }
  const order = geometry.batchSizes.map((_, step) => step);
  if (geometry.reverse) order.reverse();
  return order.map((step, visit) => {
    const previous = visit > 0 ? order[visit - 1]! : null;
    const next = visit + 1 < order.length ? order[visit + 1]! : null;
    return {
      start: starts[step]!,
      size: geometry.batchSizes[step]!,
      previousSize: previous === null ? 0 : geometry.batchSizes[previous]!,
      next: next === null ? null : { start: starts[next]!, size: geometry.batchSizes[next]! },
    };
  });
}
