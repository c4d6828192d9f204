import { checkChoice } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { cat, pad } from './join.js';
import { flip, narrow } from './views.js';

/** How stft's `center` pads the signal (torch.nn.functional.pad's modes). */
export type SpectralPadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

const padModes: Readonly<Record<string, SpectralPadMode>> = {
  constant: 'constant',
  reflect: 'reflect',
  replicate: 'replicate',
  circular: 'circular',
};

/** Reads stft's `padMode` (default 'reflect'): one of torch's four modes. */
export function readPadMode(owner: string, padMode: unknown): SpectralPadMode {
  return checkChoice(owner, 'padMode', padMode ?? 'reflect', padModes);
}

/**
 * Signals [B, L] padded by `amount` on both sides of their last dim, as torch's stft pads with
 * F.pad(x, [amount, amount], mode): 'constant' adds zeros, 'reflect' mirrors without repeating the
 * edge (x[amount], …, x[1] | x | x[L − 2], …, x[L − 1 − amount]), 'replicate' repeats the edge
 * sample, 'circular' wraps around (x[L − amount], …, x[L − 1] | x | x[0], …, x[amount − 1]).
 * Built from slices joined by cat, so gradients add back into every sample read, on every device.
 * Each mode's limit is torch's: reflect needs amount < L, circular amount ≤ L, replicate L ≥ 1.
 */
export function padSignal(owner: string, signals: Tensor, amount: number, mode: SpectralPadMode): Tensor {
  const length = signals.shape[1]!;
  if (amount === 0 || mode === 'constant') return amount === 0 ? signals : pad(signals, [amount, amount]);
  const limit = mode === 'reflect' ? length - 1 : mode === 'circular' ? length : amount;
  if (amount > limit || length === 0)
    throw new Error(
      `${owner}: padMode '${mode}' cannot pad a signal of length ${length} by nFft/2 = ${amount} on each side (center: true): ` +
        `${mode === 'reflect' ? 'the padding must be less than the signal length' : mode === 'circular' ? 'the padding must be at most the signal length' : 'the signal is empty'}`,
    );
  const [before, after] =
    mode === 'reflect'
      ? [flip(narrow(signals, 1, 1, amount), 1), flip(narrow(signals, 1, length - 1 - amount, amount), 1)]
      : mode === 'circular'
        ? [narrow(signals, 1, length - amount, amount), narrow(signals, 1, 0, amount)]
        : [edge(signals, 0, amount), edge(signals, length - 1, amount)];
  return cat([before, signals, after], 1);
}

/** The sample at `position` of each signal, `count` times (a broadcast view of it). */
function edge(signals: Tensor, position: number, count: number): Tensor {
  return narrow(signals, 1, position, 1).expand([signals.shape[0]!, count]);
}
