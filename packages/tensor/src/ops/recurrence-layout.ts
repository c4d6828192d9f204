import { refuseArgumentsPast } from '../core/options.js';
import type { RecurrenceGeometry } from '../core/backend.js';

/** Gates stacked in weight_ih / weight_hh: their rows are [gates·H, *]. */
export const recurrenceGateCount = { rnnTanh: 1, rnnRelu: 1, lstm: 4, gru: 3 } as const;

/**
 * The fused recurrence's workspace: rows of H kept per packed row for the backward pass, and which of
 * them holds h_prev (LSTM i f g o c h_prev c_prev; GRU r z n hn h_prev; RNN h_prev).
 */
export const recurrenceWorkspace = { rnnTanh: [1, 0], rnnRelu: [1, 0], lstm: [7, 5], gru: [5, 4] } as const;

/** Rows of the fused result [rows, H]: the N outputs, hN and (LSTM) cN. */
export function recurrenceStateRows(mode: RecurrenceGeometry['mode'], rows: number, batch: number): number {
  if (arguments.length > 3) refuseArgumentsPast('recurrenceStateRows', ['mode', 'rows', 'batch'], arguments);
  return rows + batch * (mode === 'lstm' ? 2 : 1);
}
