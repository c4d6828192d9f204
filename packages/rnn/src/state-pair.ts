import { describeValue, isTensor, type Tensor } from '@dl/tensor';
import { formatShape } from './options.js';

/**
 * An LSTM's (or LSTMCell's) state, checked: absent, or an array [h, c] of two tensors. torch refuses
 * anything else; before this check a lone tensor h read as "no state" and [h, null] ran from c = 0.
 * @example
 * lstmStatePair('LSTMCell', [h, c], ['hx[0]', 'hx[1]']); // [h, c]
 * lstmStatePair('LSTMCell', h, ['hx[0]', 'hx[1]']);      // throws: … must be a pair [h, c] of tensors …; got a tensor of shape [2, 4]
 */
export function lstmStatePair(owner: string, state: unknown, labels: readonly [string, string]): readonly [Tensor, Tensor] | null {
  if (state === null || state === undefined) return null;
  const pair = state as readonly unknown[];
  if (!Array.isArray(state) || state.length !== 2 || !isTensor(pair[0]) || !isTensor(pair[1]))
    throw new Error(
      `${owner}: the state must be a pair [h, c] of tensors (${labels[0]}, ${labels[1]}), or omitted for zeros; got ${describeState(state)}`,
    );
  return state as unknown as readonly [Tensor, Tensor];
}

/** A state tensor of RNN/GRU (or one of an LSTM pair) is a tensor: a clear error for anything else. */
export function checkStateTensor(owner: string, state: unknown, label: string): asserts state is Tensor {
  if (!isTensor(state)) throw new Error(`${owner}: ${label} must be a tensor, got ${describeState(state)}`);
}

/** `a tensor of shape [2, 4]`, `an array [a tensor of shape [2, 4], null]`, else @dl/tensor's description. */
function describeState(value: unknown): string {
  if (isTensor(value)) return `a tensor of shape ${formatShape(value.shape)}`;
  if (Array.isArray(value)) return `an array [${value.map(describeState).join(', ')}]`;
  return describeValue(value);
}
