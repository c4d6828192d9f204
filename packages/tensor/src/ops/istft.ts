import { checkBoolean, checkInteger, readArguments } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { abs, add, div, mul, square } from './elementwise.js';
import { pad } from './join.js';
import { matmul } from './linalg.js';
import { checkRealFloating, checkRealResult, readSpectralFrames, type SpectralFrameOptions } from './spectral-arguments.js';
import { inverseBasis } from './spectral-basis.js';
import { narrow, reshape, select, slice, transpose, unsqueeze } from './views.js';
import { fold } from './window.js';

/** torch.istft's keywords, camelCase (`center`, `normalized`, `onesided` and `window` as stft's). */
export interface IstftOptions extends SpectralFrameOptions {
  /** The signal's length: the overlap-added result is trimmed to it, or padded with zeros. Default: all of it. */
  length?: number;
}

/** torch's positional order after nFft, each optionally replaced by the options object that ends the list. */
const positionalNames = ['hopLength', 'winLength', 'window', 'center', 'normalized', 'onesided', 'length', 'returnComplex'] as const;

/** `istft`'s arguments after nFft: torch's, positionally, then (or instead) an options object. */
type IstftArguments = [
  hopLength?: number | null | IstftOptions,
  winLength?: number | null | IstftOptions,
  window?: Tensor | null | IstftOptions,
  center?: boolean | IstftOptions,
  normalized?: boolean | IstftOptions,
  onesided?: boolean | null | IstftOptions,
  length?: number | null | IstftOptions,
  returnComplex?: boolean | IstftOptions,
  options?: IstftOptions,
];

/** Below this, the summed squared window is taken for zero and the signal there for lost (torch's NOLA bound). */
const overlapAddFloor = 1e-11;

/**
 * The inverse short-time Fourier transform (torch.istft) of a spectrogram in the real form stft
 * returns, [(B,) freq, frames, 2] (real and imaginary parts last), to the real signal [(B,) L].
 *
 * Each frame's spectrum goes back to nFft samples by the inverse real DFT (two matrix products with
 * cosine and sine bases; a two-sided spectrum uses its first ⌊nFft/2⌋ + 1 bins, as torch's irfft),
 * is multiplied by the window w, and the frames are overlap-added at t·hop; the sum is divided by the
 * envelope Σ_t w²[n − t·hop], which inverts stft exactly wherever the envelope is nonzero (the
 * least-squares estimate of Griffin and Lim for a modified spectrogram). An envelope below 1e-11
 * anywhere in the result (the NOLA condition fails: a hann window with hop = nFft, say) throws.
 * `center` drops the ⌊nFft/2⌋ samples stft's padding added at each end; `length` trims the result
 * or pads it with zeros. `onesided` defaults to freq ≠ nFft, as torch's.
 *
 * torch's arguments positionally too: `istft(X, nFft, hopLength, winLength, window, center,
 * normalized, onesided, length, returnComplex)`, or any of them in a final options object;
 * `returnComplex: true` throws (there is no complex dtype here).
 * @example
 * const window = hannWindow(16);
 * const spectrum = stft(signal, 16, { hopLength: 4, window });
 * istft(spectrum, 16, { hopLength: 4, window, length: signal.shape[0] }); // signal again
 */
export function istft(input: Tensor, nFft: number, ...rest: IstftArguments): Tensor {
  // the padded window and the DFT bases made on the way are released when it returns
  return composite(() => inverseTransform(input, nFft, rest));
}

function inverseTransform(input: Tensor, nFft: number, rest: Readonly<IstftArguments>): Tensor {
  const options = readArguments<IstftOptions>('istft', rest, positionalNames, positionalNames);
  checkRealResult('istft', options.returnComplex);
  const spectrum = checkRealFloating('istft', 'input', input);
  if (spectrum.ndim !== 3 && spectrum.ndim !== 4)
    throw new Error(
      `istft: expected a tensor with 3 or 4 dimensions ([(B,) freq, frames, 2], the real form), but got ${spectrum.ndim}: ${formatShape(spectrum.shape)}`,
    );
  if (spectrum.shape[spectrum.ndim - 1] !== 2)
    throw new Error(
      `istft: expected the real form [(B,) freq, frames, 2], with real and imaginary parts last, got ${formatShape(spectrum.shape)}`,
    );
  if (spectrum.numel() === 0) throw new Error(`istft: input tensor cannot be empty, got ${formatShape(spectrum.shape)}`);
  const frames = readSpectralFrames('istft', spectrum, nFft, options);
  const center = checkBoolean('istft', 'center', options.center ?? true);
  const normalized = checkBoolean('istft', 'normalized', options.normalized ?? false);
  const frequencies = spectrum.shape[spectrum.ndim - 3]!;
  const onesided = checkBoolean('istft', 'onesided', options.onesided ?? frequencies !== frames.nFft);
  const halfSpectrum = Math.floor(frames.nFft / 2) + 1;
  if (onesided && frequencies !== halfSpectrum)
    throw new Error(
      `istft: expected the frequency dimension (3rd to the last) of the input tensor to match nFft / 2 + 1 = ${halfSpectrum} when onesided=true, but got ${frequencies}`,
    );
  if (!onesided && frequencies !== frames.nFft)
    throw new Error(
      `istft: expected the frequency dimension (3rd to the last) of the input tensor to match nFft = ${frames.nFft} when onesided=false, but got ${frequencies}`,
    );
  const length = options.length === undefined ? undefined : checkInteger('istft', 'length', options.length, 1);
  const frameCount = spectrum.shape[spectrum.ndim - 2]!;
  const { nFft: size, hopLength } = frames;
  // the overlap-added length, and the part of it kept: torch's start and end
  const fullLength = size + hopLength * (frameCount - 1);
  const start = center ? Math.floor(size / 2) : 0;
  const end = length !== undefined ? start + length : center ? fullLength - Math.floor(size / 2) : fullLength;
  // in the signal's dtype promoted with the window's, as torch's (the DFT bases are made in it)
  const batch = castTo(spectrum.ndim === 3 ? unsqueeze(spectrum, 0) : spectrum, frames.dtype);
  // [B, frames, K] real and imaginary parts of the first K = ⌊nFft/2⌋ + 1 bins, the one-sided spectrum
  const part = (index: number) => transpose(narrow(select(batch, -1, index), 1, 0, halfSpectrum), 1, 2);
  const basis = inverseBasis(size, normalized ? size ** -0.5 : 1 / size, frames.dtype, spectrum.device);
  // [B, frames, nFft]: each frame's samples, times the window
  const samples = add(matmul(part(0), basis.cosine), matmul(part(1), basis.sine));
  const windowed = frames.window ? mul(samples, frames.window) : samples;
  const signal = slice(overlapAdd(windowed, size, hopLength, fullLength), 1, start, end);
  const envelope = slice(squaredWindowEnvelope(frames.window, windowed, frameCount, size, hopLength, fullLength), 1, start, end);
  checkOverlapAdd(envelope, frames, frameCount);
  let restored = div(signal, envelope);
  // a length past the overlap-added signal is zeros (torch warns once that the signal was shorter)
  if (end > fullLength) restored = pad(restored, [0, end - fullLength]);
  return spectrum.ndim === 3 ? reshape(restored, restored.shape.slice(1)) : restored;
}

/**
 * Frames [B, frames, nFft] summed into signals [B, fullLength], frame t added at samples t·hop … t·hop
 * + nFft − 1: col2im (fold) with a 1 × nFft kernel and stride (1, hop), whose gradient is the frames'
 * view of the signal again.
 */
function overlapAdd(frames: Tensor, size: number, hopLength: number, fullLength: number): Tensor {
  const batch = frames.shape[0]!;
  const summed = fold(transpose(frames, 1, 2), [1, fullLength], [1, size], { stride: [1, hopLength] });
  return reshape(summed, [batch, fullLength]);
}

/**
 * Σ_t w²[n − t·hop] as [1, fullLength]: the squared window overlap-added as the frames are (all ones
 * for torch's rectangular default, whose envelope counts the frames covering each sample).
 */
function squaredWindowEnvelope(
  window: Tensor | undefined,
  like: Tensor,
  frameCount: number,
  size: number,
  hopLength: number,
  fullLength: number,
): Tensor {
  const squared = window ? square(window) : like.newOnes([size]);
  return overlapAdd(squared.reshape([1, 1, size]).expand([1, frameCount, size]), size, hopLength, fullLength);
}

/**
 * torch's NOLA check: the smallest |envelope| over the samples kept must be at least 1e-11, or the
 * division would amplify rounding (or divide by zero) where no window reaches. Read where the
 * envelope reads synchronously (the CPU); elsewhere such samples come out as ±∞ or NaN.
 */
function checkOverlapAdd(envelope: Tensor, frames: { nFft: number; hopLength: number; winLength: number }, frameCount: number): void {
  if (!envelope.storage.backend.readSync) return;
  let smallest = Number.POSITIVE_INFINITY;
  for (const value of abs(envelope).dataSync()) smallest = Math.min(smallest, value);
  if (smallest < overlapAddFloor)
    throw new Error(
      `istft: window overlap add min: ${smallest}, below ${overlapAddFloor}: the squared window summed over the ${frameCount} overlapping frames ` +
        `(nFft=${frames.nFft}, hopLength=${frames.hopLength}, winLength=${frames.winLength}) vanishes at some output sample, so the signal cannot be restored there (NOLA)`,
    );
}
