import { checkChoice } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { pad, type PaddingMode } from './join.js';

/** How stft's `center` pads the signal (torch.nn.functional.pad's modes). */
export type SpectralPadMode = PaddingMode;

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
 * F.pad(x, [amount, amount], mode) (`pad` with the mode). Each mode's limit is torch's, checked here to
 * say it in stft's terms: reflect needs amount < L, circular amount ≤ L, replicate L ≥ 1.
 */
export function padSignal(owner: string, signals: Tensor, amount: number, mode: SpectralPadMode): Tensor {
  if (amount === 0) return signals;
  const length = signals.shape[1]!;
  const limit = mode === 'reflect' ? length - 1 : mode === 'circular' ? length : amount;
  if (mode !== 'constant' && (amount > limit || length === 0))
    throw new Error(
      `${owner}: padMode '${mode}' cannot pad a signal of length ${length} by nFft/2 = ${amount} on each side (center: true): ` +
        `${mode === 'reflect' ? 'the padding must be less than the signal length' : mode === 'circular' ? 'the padding must be at most the signal length' : 'the signal is empty'}`,
    );
  return pad(signals, [amount, amount], { mode });
}
