import { isTensor } from '../core/brand.js';
import { type DType, promoteTypes } from '../core/dtype.js';
import { checkBoolean, describeValue } from '../core/options.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { ones } from './creation.js';
import { pad } from './join.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * What stft and istft share of torch's framing: the frame length nFft, the hop between frames, the
 * window's length and the window itself.
 */
export interface SpectralFrameOptions {
  /** The distance between the starts of neighbouring frames. Default ⌊nFft/4⌋. */
  hopLength?: number;
  /** The window's length, at most nFft. Default nFft. */
  winLength?: number;
  /** A 1-D window of length winLength, zero-padded on both sides to nFft. Default (or null, torch's None): ones (rectangular). */
  window?: Tensor | null;
  /** Whether frames are centred on t·hopLength (the signal padded by ⌊nFft/2⌋ on both sides). Default true. */
  center?: boolean;
  /** Whether the transform is scaled by nFft^(−1/2), making the DFT unitary. Default false. */
  normalized?: boolean;
  /** Whether only the ⌊nFft/2⌋ + 1 frequencies of a real signal's Hermitian spectrum are kept. Default true for stft; for istft, true unless the input has nFft frequencies. */
  onesided?: boolean;
  /** torch's complex result: not available, since there is no complex dtype here. Default false. */
  returnComplex?: boolean;
}

/** The framing read from the arguments: the window padded to nFft, or undefined for torch's rectangular default. */
export interface SpectralFrames {
  nFft: number;
  hopLength: number;
  winLength: number;
  /** The window centred in nFft zeros ([nFft]); undefined where torch multiplies by nothing (no window, winLength = nFft). */
  window?: Tensor;
  /** The dtype of the result: the input's promoted with the window's. */
  dtype: DType;
}

/** The message of `returnComplex: true`: @dl has no complex dtype. */
export function noComplexDtype(owner: string): string {
  return owner === 'stft'
    ? "stft: @dl has no complex dtype; pass returnComplex: false for the real form [..., freq, frames, 2] (torch.view_as_real of torch's complex result)"
    : "istft: @dl has no complex dtype; pass returnComplex: false for the real signal (torch's complex output is not available)";
}

/** Reads `returnComplex` (false when omitted, as torch 1.13 for a real input, which only warns) and refuses true. */
export function checkRealResult(owner: string, returnComplex: unknown): void {
  if (checkBoolean(owner, 'returnComplex', returnComplex ?? false)) throw new Error(noComplexDtype(owner));
}

/** Throws unless x is a float32 or float64 tensor: @dl's stft reads real signals only. */
export function checkRealFloating(owner: string, name: string, x: unknown): Tensor {
  if (!isTensor(x)) throw new Error(`${owner}: ${name} must be a tensor, got ${describeValue(x)}`);
  checkLive(owner, 'input', x);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new Error(`${owner}: expected a float32 or float64 ${name}, got ${x.dtype}`);
  return x;
}

/**
 * nFft, hopLength (default ⌊nFft/4⌋), winLength (default nFft) and the window, checked as torch's
 * stft and istft check them (istft also requires hopLength ≤ winLength, or frames would leave gaps
 * that no window covers), and the window centred in nFft: ⌊(nFft − winLength)/2⌋ zeros on the
 * left and the rest on the right, as torch pads it.
 */
export function readSpectralFrames(owner: string, input: Tensor, nFft: unknown, options: SpectralFrameOptions): SpectralFrames {
  if (typeof nFft !== 'number' || !Number.isInteger(nFft) || nFft <= 0)
    throw new Error(`${owner}: nFft must be an integer > 0, got ${describeValue(nFft)}`);
  const hopLength = options.hopLength ?? Math.floor(nFft / 4);
  const winLength = options.winLength ?? nFft;
  if (typeof winLength !== 'number' || !Number.isInteger(winLength) || winLength <= 0 || winLength > nFft)
    throw new Error(`${owner}: expected 0 < winLength <= nFft, but got winLength=${describeValue(winLength)} (nFft=${nFft})`);
  if (typeof hopLength !== 'number' || !Number.isInteger(hopLength) || hopLength <= 0)
    throw new Error(`${owner}: expected hopLength > 0, but got hopLength=${describeValue(hopLength)}`);
  if (owner === 'istft' && hopLength > winLength)
    throw new Error(`istft: expected 0 < hopLength <= winLength, but got hopLength=${hopLength} (winLength=${winLength})`);
  const { window } = options;
  if (window === undefined || window === null) {
    // torch multiplies by nothing for a full rectangular window, and by ones padded with zeros for a shorter one
    const rectangular = winLength === nFft ? undefined : centred(ones([winLength], { dtype: input.dtype, device: input.device }), nFft);
    return { nFft, hopLength, winLength, window: rectangular, dtype: input.dtype };
  }
  const windowTensor = checkRealFloating(owner, 'window', window);
  if (windowTensor.ndim !== 1 || windowTensor.shape[0] !== winLength)
    throw new Error(
      `${owner}: expected a 1D window tensor of size equal to winLength=${winLength}, but got window with size ${formatShape(windowTensor.shape)}`,
    );
  assertSameDevice(owner, [input, windowTensor]);
  return {
    nFft,
    hopLength,
    winLength,
    window: centred(windowTensor, nFft),
    dtype: promoteTypes(input.dtype, windowTensor.dtype),
  };
}

/** The window with ⌊(nFft − w)/2⌋ zeros before it and ⌈(nFft − w)/2⌉ after (torch's centring of a short window). */
function centred(window: Tensor, nFft: number): Tensor {
  const margin = nFft - window.shape[0]!;
  if (margin === 0) return window;
  const left = Math.floor(margin / 2);
  return pad(window, [left, margin - left]);
}
