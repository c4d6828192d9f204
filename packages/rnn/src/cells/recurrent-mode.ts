import type { Tensor } from '@dl/tensor';
import { gruStep, lstmStep, rnnStep } from './gate-steps.js';

/** The four recurrences PyTorch implements (its `mode` strings RNN_TANH, RNN_RELU, LSTM, GRU). */
export type RecurrentMode = 'rnnTanh' | 'rnnRelu' | 'lstm' | 'gru';

/** Gates stacked in weight_ih / weight_hh: rows are [gates·H, *]. */
export const gateCount: Record<RecurrentMode, number> = { rnnTanh: 1, rnnRelu: 1, lstm: 4, gru: 3 };

/** The recurrent weights of one layer and direction. */
export interface RecurrentWeights {
  weightHh: Tensor;
  /** added per step; null when the layer has no bias or when it was folded into the input gates */
  biasHh: Tensor | null;
  /** LSTM's projection [P, H] (projSize > 0), else null */
  weightHr: Tensor | null;
}

/** h (and c for LSTM) between steps. */
export interface RecurrentState {
  hidden: Tensor;
  cell: Tensor | null;
}

/**
 * Whether b_hh may be added to the input gates once for all steps instead of at every step: true for
 * RNN and LSTM, whose pre-activations are sums; false for GRU, whose reset gate multiplies W_hn·h + b_hn.
 */
export function biasFoldsIntoInput(mode: RecurrentMode): boolean {
  return mode !== 'gru';
}

/**
 * One step of the recurrence from the input's pre-activations `inputGates` = x·W_ihᵀ + b_ih [B, G·H].
 */
export function recurrentStep(mode: RecurrentMode, inputGates: Tensor, state: RecurrentState, weights: RecurrentWeights): RecurrentState {
  let hiddenGates = state.hidden.matmul(weights.weightHh.t());
  if (weights.biasHh) hiddenGates = hiddenGates.add(weights.biasHh);
  switch (mode) {
    case 'rnnTanh':
    case 'rnnRelu':
      return { hidden: rnnStep(inputGates, hiddenGates, mode === 'rnnTanh' ? 'tanh' : 'relu'), cell: null };
    case 'gru':
      return { hidden: gruStep(inputGates, hiddenGates, state.hidden), cell: null };
    case 'lstm': {
      const [hidden, cell] = lstmStep(inputGates, hiddenGates, state.cell!);
      // h = (o ⊙ tanh c)·W_hrᵀ with a projection (LSTM with projections, Sak et al. 2014)
      return { hidden: weights.weightHr ? hidden.matmul(weights.weightHr.t()) : hidden, cell };
    }
  }
}
