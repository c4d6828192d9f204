import type { Tensor } from '../core/tensor.js';
import { cat } from './join.js';
import { gruGates, lstmGates, rnnGates } from './recurrence-gates.js';

/** The four recurrences PyTorch implements (its modes RNN_TANH, RNN_RELU, LSTM, GRU). */
export type RecurrenceMode = 'rnnTanh' | 'rnnRelu' | 'lstm' | 'gru';

/** One direction of one recurrent layer over packed rows. */
export interface RecurrenceInput {
  mode: RecurrenceMode;
  /** x·W_ihᵀ + b_ih (+ b_hh for RNN and LSTM, where it is a plain sum) of every packed row [N, G·H] */
  inputGates: Tensor;
  /** rows per step, non-increasing (all B for a padded batch) */
  batchSizes: readonly number[];
  /** initial state of every sequence, longest first [B, Hout] */
  h0: Tensor;
  /** LSTM's initial cell state [B, H], else null */
  c0: Tensor | null;
  weightHh: Tensor;
  /** added at every step; GRU's b_hh (the reset gate multiplies its n part), else null */
  biasHh: Tensor | null;
  /** LSTM's projection [P, H] (h = (o ⊙ tanh c)·W_hrᵀ), else null */
  weightHr: Tensor | null;
  /** from the last step to the first */
  reverse: boolean;
}

/** Output rows [N, Hout] in the packed layout and every sequence's final states [B, ·]. */
export interface RecurrenceResult {
  output: Tensor;
  hN: Tensor;
  cN: Tensor | null;
}

interface State {
  hidden: Tensor;
  cell: Tensor | null;
}

function step(run: RecurrenceInput, inputGates: Tensor, state: State): State {
  let hiddenGates = state.hidden.matmul(run.weightHh.t());
  if (run.biasHh) hiddenGates = hiddenGates.add(run.biasHh);
  if (run.mode === 'gru') return { hidden: gruGates(inputGates, hiddenGates, state.hidden), cell: null };
  if (run.mode !== 'lstm') return { hidden: rnnGates(inputGates, hiddenGates, run.mode === 'rnnTanh' ? 'tanh' : 'relu'), cell: null };
  const [hidden, cell] = lstmGates(inputGates, hiddenGates, state.cell!);
  return { hidden: run.weightHr ? hidden.matmul(run.weightHr.t()) : hidden, cell };
}

const firstRows = (value: Tensor, rows: number): Tensor => (value.shape[0] === rows ? value : value.narrow(0, 0, rows));
const joinRows = (parts: Tensor[]): Tensor => (parts.length === 1 ? parts[0]! : cat(parts, 0));

function rowsOfStep(inputGates: Tensor, offset: number, size: number): Tensor {
  return offset === 0 && size === inputGates.shape[0] ? inputGates : inputGates.narrow(0, offset, size);
}

/**
 * The recurrence over packed rows with one tensor op per gate: the reference of `recurrence`.
 * Forwards, the batch shrinks as sequences end, and the rows that leave hold those sequences' final
 * states; backwards, each sequence starts at its own last step, joining with its initial state.
 */
export function recurrenceComposite(run: RecurrenceInput): RecurrenceResult {
  const { batchSizes } = run;
  const offsets: number[] = [];
  let total = 0;
  for (const size of batchSizes) {
    offsets.push(total);
    total += size;
  }
  const outputs = new Array<Tensor>(batchSizes.length);
  const last = batchSizes.length - 1;
  if (run.reverse) {
    let state: State = { hidden: firstRows(run.h0, batchSizes[last] ?? 0), cell: run.c0 ? firstRows(run.c0, batchSizes[last] ?? 0) : null };
    for (let index = last; index >= 0; index--) {
      const size = batchSizes[index]!;
      const running = state.hidden.shape[0]!;
      if (size > running)
        state = {
          hidden: cat([state.hidden, run.h0.narrow(0, running, size - running)], 0),
          cell: state.cell ? cat([state.cell, run.c0!.narrow(0, running, size - running)], 0) : null,
        };
      state = step(run, rowsOfStep(run.inputGates, offsets[index]!, size), state);
      outputs[index] = state.hidden;
    }
    return { output: joinRows(outputs), hN: state.hidden, cN: state.cell };
  }
  let state: State = { hidden: run.h0, cell: run.c0 };
  const ended: State[] = []; // final states of sequences that ended, shortest last
  batchSizes.forEach((size, index) => {
    const running = state.hidden.shape[0]!;
    if (size < running) {
      ended.push({ hidden: state.hidden.narrow(0, size, running - size), cell: state.cell?.narrow(0, size, running - size) ?? null });
      state = { hidden: firstRows(state.hidden, size), cell: state.cell ? firstRows(state.cell, size) : null };
    }
    state = step(run, rowsOfStep(run.inputGates, offsets[index]!, size), state);
    outputs[index] = state.hidden;
  });
  const finals = [state, ...ended.reverse()];
  return {
    output: joinRows(outputs),
    hN: joinRows(finals.map((final) => final.hidden)),
    cN: state.cell ? joinRows(finals.map((final) => final.cell!)) : null,
  };
}
