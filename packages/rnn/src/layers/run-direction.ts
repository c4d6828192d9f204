import { cat, type Tensor } from '@dl/tensor';
import { recurrentStep, type RecurrentMode, type RecurrentState, type RecurrentWeights } from '../cells/recurrent-mode.js';

/** One layer and direction over packed rows: what goes in and what comes out. */
export interface DirectionRun {
  mode: RecurrentMode;
  /** x·W_ihᵀ + b_ih for every row of the packed input [N, G·H] */
  inputGates: Tensor;
  batchSizes: readonly number[];
  weights: RecurrentWeights;
  /** the initial state of every sequence, longest first [B, Hout] (and [B, H]) */
  initial: RecurrentState;
  reverse: boolean;
}

/** Output rows [N, Hout] in the packed layout, and every sequence's final state [B, ·]. */
export interface DirectionResult {
  output: Tensor;
  final: RecurrentState;
}

/** First `rows` rows, without a view when all are wanted. */
const firstRows = (value: Tensor, rows: number): Tensor => (value.shape[0] === rows ? value : value.narrow(0, 0, rows));

/**
 * Runs the recurrence over a packed batch. Forwards, the batch shrinks as sequences end: the rows
 * that leave hold those sequences' final states. Backwards, each sequence starts at its own last
 * step: rows join with their initial state when their sequence's last step comes.
 */
export function runDirection(run: DirectionRun): DirectionResult {
  const { batchSizes } = run;
  const offsets: number[] = [];
  let total = 0;
  for (const size of batchSizes) {
    offsets.push(total);
    total += size;
  }
  const outputs = new Array<Tensor>(batchSizes.length);
  return run.reverse ? runBackwards(run, offsets, outputs) : runForwards(run, offsets, outputs);
}

function runForwards(run: DirectionRun, offsets: number[], outputs: Tensor[]): DirectionResult {
  let state = run.initial;
  const ended: RecurrentState[] = []; // final states of sequences that ended, shortest last
  run.batchSizes.forEach((size, step) => {
    const running = state.hidden.shape[0]!;
    if (size < running) {
      ended.push({ hidden: state.hidden.narrow(0, size, running - size), cell: state.cell?.narrow(0, size, running - size) ?? null });
      state = { hidden: firstRows(state.hidden, size), cell: state.cell ? firstRows(state.cell, size) : null };
    }
    state = recurrentStep(run.mode, rowsOfStep(run.inputGates, offsets[step]!, size), state, run.weights);
    outputs[step] = state.hidden;
  });
  const finals = [state, ...ended.reverse()];
  return {
    output: joinRows(outputs),
    final: {
      hidden: joinRows(finals.map((final) => final.hidden)),
      cell: state.cell ? joinRows(finals.map((final) => final.cell!)) : null,
    },
  };
}

function runBackwards(run: DirectionRun, offsets: number[], outputs: Tensor[]): DirectionResult {
  const { initial, batchSizes } = run;
  const last = batchSizes.length - 1;
  let state: RecurrentState = {
    hidden: firstRows(initial.hidden, batchSizes[last] ?? 0),
    cell: initial.cell ? firstRows(initial.cell, batchSizes[last] ?? 0) : null,
  };
  for (let step = last; step >= 0; step--) {
    const size = batchSizes[step]!;
    const running = state.hidden.shape[0]!;
    if (size > running) {
      // sequences whose last step is this one start here from their initial state
      state = {
        hidden: cat([state.hidden, initial.hidden.narrow(0, running, size - running)], 0),
        cell: state.cell ? cat([state.cell, initial.cell!.narrow(0, running, size - running)], 0) : null,
      };
    }
    state = recurrentStep(run.mode, rowsOfStep(run.inputGates, offsets[step]!, size), state, run.weights);
    outputs[step] = state.hidden;
  }
  return { output: joinRows(outputs), final: state };
}

function rowsOfStep(inputGates: Tensor, offset: number, size: number): Tensor {
  return offset === 0 && size === inputGates.shape[0] ? inputGates : inputGates.narrow(0, offset, size);
}

function joinRows(parts: Tensor[]): Tensor {
  return parts.length === 1 ? parts[0]! : cat(parts, 0);
}
