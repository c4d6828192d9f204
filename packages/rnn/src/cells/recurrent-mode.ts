import type { RecurrenceMode } from '@dl/tensor';

/** The four recurrences PyTorch implements (its `mode` strings RNN_TANH, RNN_RELU, LSTM, GRU). */
export type RecurrentMode = RecurrenceMode;

/** Gates stacked in weight_ih / weight_hh: rows are [gates·H, *]. */
export const gateCount: Record<RecurrentMode, number> = { rnnTanh: 1, rnnRelu: 1, lstm: 4, gru: 3 };

/**
 * Whether b_ih and b_hh may be summed into one bias (added once for all steps by a cell, or per step by
 * the recurrence of a layer): true for RNN and LSTM, whose pre-activations are sums; false for GRU,
 * whose reset gate multiplies W_hn·h + b_hn.
 */
export function biasFoldsIntoInput(mode: RecurrentMode): boolean {
  return mode !== 'gru';
}
